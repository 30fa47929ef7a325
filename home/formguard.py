"""Spam protection for the public forms, without third-party services: the rules in one place.

Three rules, checked on every POST of a form page (home.models.FormPage):

- **Honeypot**: a text field that people never see (visually hidden, aria-hidden, out of the tab order,
  autocomplete off, labelled "Leave this field empty"). Bots that fill every field fill it too.
- **Minimum fill time**: each rendered form carries a signed token (django.core.signing) with the page, the
  time it was rendered and a random nonce. A token that is missing, tampered with or made for another page
  is a bot. A form sent under FORM_MIN_FILL_SECONDS (default 2) after it was rendered is refused with a form
  error asking to check and send again (a person who was simply quick can), and one older than
  FORM_MAX_AGE_SECONDS (default a day) gets a fresh token and the same request.
- **Rate limit per address**: FORM_RATE_LIMIT (default 5) stored or refused submissions per address in
  FORM_RATE_WINDOW seconds (default 10 minutes), counted with core.ratelimit; past it the form page answers
  429 with a sentence saying when to try again, and nothing is stored.

A bot refusal stores nothing and answers 400 with one generic sentence, whichever rule caught it. The token's
nonce also makes a repeated POST of the same rendered form idempotent (home.submissions).
"""

import enum
import secrets
import time
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.ratelimit import Limit

HONEYPOT = "kl_website"
TOKEN = "kl_form_token"  # noqa: S105  (a field name, not a secret)
SALT = "home.formguard.token"

BOT_REFUSED = _(
    "The form could not be sent. Try again in a while. If it still does not work, e-mail us instead: "
    "the address is at the bottom of the page."
)
TOO_QUICK = _("The form was sent very quickly after the page opened. Check your answers and send the form again.")
TOO_OLD = _("The form has been open for a long time. Check your answers and send the form again.")


def min_fill_seconds():
    return float(getattr(settings, "FORM_MIN_FILL_SECONDS", 2))


def max_age_seconds():
    return int(getattr(settings, "FORM_MAX_AGE_SECONDS", 24 * 60 * 60))


def submit_limit():
    return Limit(
        "form-submit",
        int(getattr(settings, "FORM_RATE_LIMIT", 5)),
        int(getattr(settings, "FORM_RATE_WINDOW", 10 * 60)),
    )


# --- The signed token --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    page_id: int | None
    issued_at: float
    nonce: str


def issue(page, now=None):
    """A signed token for one rendering of `page`'s form."""
    issued = time.time() if now is None else now
    payload = {"p": getattr(page, "pk", None), "t": round(issued, 3), "n": secrets.token_urlsafe(12)}
    return signing.dumps(payload, salt=SALT, compress=False)


def read(value):
    """The token in `value`, or None when it is missing, tampered with or malformed."""
    if not value or not isinstance(value, str) or len(value) > 500:
        return None
    try:
        payload = signing.loads(value, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict):
        return None
    page_id, issued, nonce = payload.get("p"), payload.get("t"), payload.get("n")
    if not isinstance(issued, int | float) or not isinstance(nonce, str) or not nonce:
        return None
    if page_id is not None and not isinstance(page_id, int):
        return None
    return Token(page_id, float(issued), nonce)


class Verdict(enum.Enum):
    OK = "ok"
    BOT = "bot"  # honeypot filled, token missing/tampered/for another page: refused without saying why
    TOO_QUICK = "too quick"  # sent under the minimum fill time: a form error, try again
    TOO_OLD = "too old"  # the page was open for longer than a token lives: a form error and a fresh token


def judge(honeypot_value, token, page, now=None):
    """The verdict on one POST: `token` as read by `read()` (None when missing or bad)."""
    if honeypot_value:
        return Verdict.BOT
    if token is None or token.page_id != getattr(page, "pk", None):
        return Verdict.BOT
    age = (time.time() if now is None else now) - token.issued_at
    if age < -60:  # made in the future: only someone holding the secret key could sign that
        return Verdict.BOT
    if age < min_fill_seconds():
        return Verdict.TOO_QUICK
    if age > max_age_seconds():
        return Verdict.TOO_OLD
    return Verdict.OK


# --- The fields and the form mixin ---------------------------------------------------------------------


class HoneypotInput(forms.TextInput):
    """A text input that people never meet: rendered with its own label inside an aria-hidden wrapper that
    forms.css moves off screen, out of the tab order and without autocomplete. It counts as a hidden field
    (so templates/forms/form.html renders it without the visible label and help of a normal field)."""

    @property
    def is_hidden(self):
        return True

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {}), "tabindex": "-1", "autocomplete": "off"}
        attrs.pop("required", None)
        field = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="form-honeypot" aria-hidden="true"><label for="{}">{}</label>{}</div>',
            attrs.get("id", ""),
            _("Leave this field empty"),
            field,
        )


def guard_fields():
    """The extra fields of every public form: the honeypot and the signed token."""
    return {
        HONEYPOT: forms.CharField(required=False, label=_("Leave this field empty"), widget=HoneypotInput),
        TOKEN: forms.CharField(required=False, widget=forms.HiddenInput),
    }


class GuardedFormMixin:
    """Mixed into the form builder's form class (FormPage.get_form_class): issues the token for a new
    rendering and judges a posted one in clean(). `verdict` tells the caller what happened."""

    verdict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial[TOKEN] = issue(self.page)

    @property
    def token(self):
        """The posted token (None when missing or bad)."""
        return read(self.data.get(self.add_prefix(TOKEN)))

    @property
    def refused_as_bot(self):
        return self.verdict is Verdict.BOT

    def renew_token(self):
        """Give the re-rendered form a fresh token (after a refusal that asks the person to send again). The
        person has filled the form in once already, so the minimum fill time does not apply to it again."""
        self.data = self.data.copy()
        self.data[self.add_prefix(TOKEN)] = issue(self.page, now=time.time() - min_fill_seconds())

    def clean(self):
        cleaned = super().clean()
        self.verdict = judge(self.data.get(self.add_prefix(HONEYPOT), ""), self.token, self.page)
        if self.verdict is Verdict.BOT:
            raise forms.ValidationError(BOT_REFUSED, code="refused")
        if self.verdict is Verdict.TOO_QUICK:
            raise forms.ValidationError(TOO_QUICK, code="too_quick")
        if self.verdict is Verdict.TOO_OLD:
            self.renew_token()
            raise forms.ValidationError(TOO_OLD, code="too_old")
        return cleaned


# --- The rate limit ------------------------------------------------------------------------------------


def rate_limited(request):
    return submit_limit().exceeded(request)


def count(request):
    """One more stored or refused submission from the request's address."""
    submit_limit().count(request)


def rate_limit_message():
    minutes = max(1, submit_limit().window // 60)
    return ngettext(
        "You have sent many forms in a short time. Wait %(minutes)s minute and try again.",
        "You have sent many forms in a short time. Wait %(minutes)s minutes and try again.",
        minutes,
    ) % {"minutes": minutes}


def retry_after():
    return str(submit_limit().window)
