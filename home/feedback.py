"""Page feedback: the rule for an answer, and the report editors read to know which pages to improve.

"Hjälpte informationen på sidan dig?" A visitor answers yes or no; on no they may add a comment.

No personal data and no cookie:
- A row holds the page, the answer, the comment and the day (home.models.PageFeedback): no user, no
  address, no time of day, nothing that ties two answers to one person.
- The visitor's address is used only to count answers against the rate limit (LIMIT): a key in the
  shared cache that expires with its ten-minute window. It is never written to the database, a log or a
  cookie.
- Only pages that show the question take an answer: the page types in PAGE_TYPES, live, public and under
  a site's root. The include (templates/includes/page_feedback.html) asks the same rule before it shows
  the question, so a page type is added in one place.
- The comment to a "no" is added in a second step (the comment field appears after the answer, so the
  "no" counts even when nobody writes). The form carries a signed token naming the row, valid for
  COMMENT_WINDOW seconds and good for one comment; it is a hidden field, not a cookie. The comment
  field asks people not to write names or contact details. A comment longer than COMMENT_MAX_LENGTH is
  refused, not cut.
- Comments are kept for comment_retention_days() (setting PAGE_FEEDBACK_COMMENT_RETENTION_DAYS, default
  COMMENT_RETENTION_DAYS): the nightly purge_form_submissions blanks older ones (clear_old_comments) and
  keeps the yes or no and the day, so the report's figures do not change.

Views, tests and the demo call `record` and `add_comment`; the report functions below are what the admin
report (home/admin_feedback.py) shows and exports.
"""

import datetime
import re
from functools import reduce
from operator import or_

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.db.models import Count, F, FloatField, Max, Q
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from core import sites
from core.ratelimit import Limit

from .footer import privacy_url
from .models.feedback import COMMENT_MAX_LENGTH, PageFeedback

# Twenty answers (yes, no or a comment) per address in ten minutes: far more than a person gives.
LIMIT = Limit("page-feedback", 20, 600)
# How long after a "no" its comment may still be added.
COMMENT_WINDOW = 60 * 60
SIGNING_SALT = "home.feedback.comment"
# Days a comment is kept (unless settings.PAGE_FEEDBACK_COMMENT_RETENTION_DAYS says otherwise).
COMMENT_RETENTION_DAYS = 365

# The page types whose template shows the question (includes/page_feedback.html), as model labels: the
# only ones that take an answer. FormPage shows it on the form and on its thank-you page.
PAGE_TYPES = (
    "home.ContentPage",
    "home.AccessibilityStatementPage",
    "home.NewsPage",
    "home.FormPage",
    "challenges.ChallengePage",
    "challenges.SolutionPage",
)

YES_VALUES = {"yes", "ja", "1", "true"}
NO_VALUES = {"no", "nej", "0", "false"}
# Control characters other than tab and line feed; PostgreSQL refuses NUL outright.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class FeedbackError(ValueError):
    """An answer that cannot be stored; the message says why, in words for the visitor."""


# --- the rule ----------------------------------------------------------------------------------------


def page_types():
    """The page models that show the question (PAGE_TYPES)."""
    return tuple(apps.get_model(label) for label in PAGE_TYPES)


def shows_question(page):
    """Whether `page` (a page or a page model) is of a type that shows the question."""
    model = page if isinstance(page, type) else (getattr(page, "specific_class", None) or type(page))
    return model._meta.label_lower in {label.lower() for label in PAGE_TYPES}


def pages_taking_feedback():
    """Live pages that anyone may read, under a site's root, of a type that shows the question: the only
    ones that take feedback (not the tree's root, a page outside every site, or a listing without it)."""
    roots = {root.root_path for root in sites.site_root_paths()}
    if not roots:
        return Page.objects.none()
    under_a_site = reduce(or_, (Q(url_path__startswith=root) for root in sorted(roots)))
    return sites.public(Page.objects.live().exact_type(*page_types()).filter(under_a_site))


def page_for_feedback(page_id):
    """The page with this id if it takes feedback (see pages_taking_feedback), else None."""
    return pages_taking_feedback().filter(pk=page_id).first()


def comment_limit_text():
    """COMMENT_MAX_LENGTH as the active language writes it ("1 000" in Swedish)."""
    return number_format(COMMENT_MAX_LENGTH, force_grouping=True)


def comment_retention_days():
    """Days a comment is kept before clear_old_comments blanks it."""
    return int(getattr(settings, "PAGE_FEEDBACK_COMMENT_RETENTION_DAYS", COMMENT_RETENTION_DAYS))


def form_terms(page):
    """What the include needs to show the question on `page`, or None when the page does not show it."""
    if not getattr(page, "pk", None) or not shows_question(page):
        return None
    return {
        "max_length": COMMENT_MAX_LENGTH,
        "max_length_text": comment_limit_text(),
        "retention_days": comment_retention_days(),
        "privacy_url": privacy_url(),
    }


def parse_helpful(value):
    """ "yes" or "no" (also "ja"/"nej") as True or False; anything else is a FeedbackError."""
    text = (value or "").strip().lower()
    if text in YES_VALUES:
        return True
    if text in NO_VALUES:
        return False
    raise FeedbackError(_("Answer yes or no."))


def clean_comment(text):
    """The comment as stored: control characters out, Windows line breaks as plain ones, trimmed.

    Longer than COMMENT_MAX_LENGTH after that (the textarea's maxlength counts the same way) is a
    FeedbackError: refused, never cut.
    """
    text = CONTROL_CHARACTERS.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n")).strip()
    if len(text) > COMMENT_MAX_LENGTH:
        raise FeedbackError(
            _("The comment is too long. Write at most %(limit)s characters.") % {"limit": comment_limit_text()}
        )
    return text


def record(page, helpful, comment=""):
    """Store one answer for `page` and return the row.

    A comment is kept only with a "no" (a database constraint says so too); with a "yes" it is dropped.
    """
    if page is None or not page.pk:
        raise FeedbackError(_("There is no such page."))
    if not isinstance(helpful, bool):
        raise FeedbackError(_("Answer yes or no."))
    return PageFeedback.objects.create(
        page_id=page.pk, helpful=helpful, comment="" if helpful else clean_comment(comment)
    )


def comment_token(feedback):
    """The signed token with which the comment to this "no" may be added (see add_comment)."""
    return signing.dumps([feedback.page_id, feedback.pk], salt=SIGNING_SALT, compress=False)


def add_comment(page, token, comment):
    """Add the comment to the "no" that `token` names, once, within COMMENT_WINDOW. Returns the comment.

    An empty comment changes nothing. A token that is forged, expired, for another page or already used
    is a FeedbackError.
    """
    try:
        page_id, feedback_id = signing.loads(token or "", salt=SIGNING_SALT, max_age=COMMENT_WINDOW)
    except signing.SignatureExpired:
        raise FeedbackError(_("The time to add a comment has run out. Your answer is saved.")) from None
    except (signing.BadSignature, TypeError, ValueError):
        raise FeedbackError(_("The comment could not be linked to an answer. Answer the question again.")) from None
    if page_id != page.pk:
        raise FeedbackError(_("The comment could not be linked to an answer. Answer the question again."))
    text = clean_comment(comment)
    if not text:
        return ""
    # One UPDATE that only matches a "no" without a comment: two posts with the same token store one.
    updated = PageFeedback.objects.filter(pk=feedback_id, page_id=page.pk, helpful=False, comment="").update(
        comment=text
    )
    if not updated:
        raise FeedbackError(_("This answer already has a comment. Thank you!"))
    return text


def clear_old_comments(today=None):
    """Blank the comments older than comment_retention_days(); returns how many.

    The answer (yes or no) and its day stay, so the report's counts of answers, yes and no do not change.
    """
    cutoff = (today or timezone.localdate()) - datetime.timedelta(days=comment_retention_days())
    return PageFeedback.objects.filter(created_on__lt=cutoff).exclude(comment="").update(comment="")


# --- the report ----------------------------------------------------------------------------------------


def page_summaries(min_answers=1):
    """Per page with feedback: answers, yes, no, comments, the latest day and the share of yes.

    Rows are dicts (page, title, total, yes, no, comments, latest, share), the worst share of yes first,
    then the page with more answers; `min_answers` leaves out pages with fewer answers than that.
    """
    return (
        PageFeedback.objects.values("page", title=F("page__title"))
        .annotate(
            total=Count("pk"),
            yes=Count("pk", filter=Q(helpful=True)),
            no=Count("pk", filter=Q(helpful=False)),
            comments=Count("pk", filter=~Q(comment="")),
            latest=Max("created_on"),
        )
        .annotate(share=Cast(F("yes"), FloatField()) / Cast(F("total"), FloatField()))
        .filter(total__gte=max(1, min_answers))
        .order_by("share", "-total", "page")
    )


def percent(share):
    """A share (0..1) as a whole percentage."""
    return round((share or 0) * 100)


def summary_for_page(page):
    """The same figures as page_summaries, for one page (zeros when it has no feedback)."""
    figures = PageFeedback.objects.filter(page=page).aggregate(
        total=Count("pk"),
        yes=Count("pk", filter=Q(helpful=True)),
        no=Count("pk", filter=Q(helpful=False)),
        comments=Count("pk", filter=~Q(comment="")),
        latest=Max("created_on"),
    )
    figures["share"] = figures["yes"] / figures["total"] if figures["total"] else None
    return figures


def page_comments(page):
    """The comments to a page, newest first."""
    return PageFeedback.objects.filter(page=page).exclude(comment="").order_by("-created_on", "-pk")


SUMMARY_HEADER = (
    gettext_lazy("Page"),
    gettext_lazy("Address"),
    gettext_lazy("Answers"),
    gettext_lazy("Yes"),
    gettext_lazy("No"),
    gettext_lazy("Share of yes (%)"),
    gettext_lazy("Comments"),
    gettext_lazy("Latest answer"),
)
PAGE_HEADER = (gettext_lazy("Date"), gettext_lazy("Helped"), gettext_lazy("Comment"))


def summary_rows(summaries, urls):
    """Export rows (header first) for page_summaries; `urls` maps page id to the page's full address."""
    yield SUMMARY_HEADER
    for row in summaries:
        yield (
            row["title"],
            urls.get(row["page"], ""),
            row["total"],
            row["yes"],
            row["no"],
            percent(row["share"]),
            row["comments"],
            row["latest"],
        )


def page_rows(page):
    """Export rows (header first): every answer to one page, newest first."""
    yield PAGE_HEADER
    answers = PageFeedback.objects.filter(page=page).order_by("-created_on", "-pk")
    for created_on, helpful, comment in answers.values_list("created_on", "helpful", "comment").iterator():
        yield (created_on, _("Yes") if helpful else _("No"), comment)
