"""Submissions of the public forms: what a form accepts, how one is stored, the mail about it, and retention.

- **Drop-downs** start on an empty "Choose one", so a required one is answered on purpose.
- **Field caps**: the form builder gives single-line fields at most 255 characters, multi-line ones 5,000,
  e-mail 320, URL 2,000, numbers 20 digits. A longer value is a form error, never a truncated row.
- **Attachment** (forms with `allow_attachment`): one PDF, Word, PowerPoint, Excel or OpenDocument file of
  at most 10 MB, checked by its content (core.uploads), stored in private storage under a random name.
- **Stored in one transaction**: the row and its file together; if the row cannot be written the file is
  removed again, so nothing is half-stored.
- **Posted twice**: each rendered form carries a one-time token (home.formguard). A second POST of the same
  rendered form with the same answers stores nothing and shows the thank-you page again; with different
  answers (the person went back and changed them) it answers 409 with the form, the answers kept and a
  fresh token, so sending once more stores the new answers as a new submission. The page row is locked
  while checking, so two simultaneous posts of one form store one submission.
- **Notification mail after commit**: a django-tasks task (home.tasks) sends it once the row is committed;
  it names the attachment but never carries it. A mail failure is logged; the visitor still sees the
  thank-you page.
- **Retention**: `purge_expired()` deletes submissions older than their form's `retention_days`, and
  their files (run daily by `manage.py purge_form_submissions`).
"""

import datetime
import json
import logging
import os
import secrets
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.mail import EmailMessage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import FormBuilder as WagtailFormBuilder
from wagtail.models import Page

from core.uploads import file_matches_extension

from . import formguard

log = logging.getLogger(__name__)

SINGLE_LINE_MAX = 255
MULTI_LINE_MAX = 5000
EMAIL_MAX = 320
URL_MAX = 2000
NUMBER_MAX_DIGITS = 20

ATTACHMENT = "kl_attachment"  # the file field's name, and the attachment's column in lists and exports
TOKEN_KEY = "kl_token"  # noqa: S105  the rendered form's nonce, kept in form_data to recognise a second post
ATTACHMENT_EXTENSIONS = ("pdf", "docx", "pptx", "xlsx", "odt", "odp", "ods")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_NAME_MAX = 200

ALREADY_SENT = _(
    "You have already sent this form with other answers. Check your answers and send the form again to send "
    "them as a new message."
)


# --- What a form accepts -------------------------------------------------------------------------------


class FormBuilder(WagtailFormBuilder):
    """Wagtail's form builder with a length cap on every free-text field."""

    def create_singleline_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTI_LINE_MAX
        return super().create_multiline_field(field, options)

    def create_email_field(self, field, options):
        options["max_length"] = EMAIL_MAX
        return super().create_email_field(field, options)

    def create_url_field(self, field, options):
        options["max_length"] = URL_MAX
        return super().create_url_field(field, options)

    def create_hidden_field(self, field, options):
        options["max_length"] = SINGLE_LINE_MAX
        return super().create_hidden_field(field, options)

    def create_dropdown_field(self, field, options):
        """A required drop-down starts on "Choose one", so nobody sends its first option by mistake."""
        created = super().create_dropdown_field(field, options)
        created.choices = [("", _("Choose one")), *created.choices]
        return created

    def create_number_field(self, field, options):
        options["max_digits"] = NUMBER_MAX_DIGITS
        return super().create_number_field(field, options)


def attachment_help_text():
    return _("One file: PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx) or OpenDocument. At most 10 MB.")


class AttachmentField(forms.FileField):
    """The optional attachment: type checked by content (a renamed HTML page is not a PDF), size capped."""

    def __init__(self, **kwargs):
        accept = ",".join(f".{extension}" for extension in ATTACHMENT_EXTENSIONS)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachment"))
        kwargs.setdefault("help_text", attachment_help_text())
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": accept}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_attachment(upload)
        return upload


def attachment_extension(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_attachment(upload):
    """Raises ValidationError unless `upload` is an allowed type (by name and content) of at most 10 MB."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise forms.ValidationError(_("The file is too large. It can be at most 10 MB."), code="too_large")
    extension = attachment_extension(upload.name)
    if extension not in ATTACHMENT_EXTENSIONS:
        raise forms.ValidationError(_("Choose a PDF, Word, PowerPoint, Excel or OpenDocument file."), code="file_type")
    if not file_matches_extension(upload, extension):
        raise forms.ValidationError(
            _("The file's content does not match its type (.%(ext)s). Choose another file.") % {"ext": extension},
            code="file_content",
        )


# --- Posting a form ------------------------------------------------------------------------------------


class AlreadySent(Exception):
    """The rendered form was sent before, with other answers."""


@dataclass
class Outcome:
    """What the page answers: the thank-you page for `submission`, else the form with `status`."""

    status: int = 200
    submission: object = None
    headers: dict = field(default_factory=dict)


def submit(page, form, request):
    """Judge and store one POST of `page`'s form. Views, tests and anything else post through here."""
    if formguard.rate_limited(request):
        form.is_valid()  # the answers are shown again, with the reason on top
        form.add_error(None, formguard.rate_limit_message())
        return Outcome(status=429, headers={"Retry-After": formguard.retry_after()})
    if not form.is_valid():
        if form.verdict in (formguard.Verdict.BOT, formguard.Verdict.TOO_QUICK):
            formguard.count(request)
        return Outcome(status=400 if form.refused_as_bot else 200)
    try:
        submission, created = save_submission(page, form)
    except AlreadySent:
        form.renew_token()
        form.add_error(None, ALREADY_SENT)
        return Outcome(status=409)
    if created:
        formguard.count(request)
    return Outcome(submission=submission)


def answers(page, form):
    """The answers to the editor's fields only (not the honeypot, token or file), as stored in JSON."""
    names = [form_field.clean_name for form_field in page.get_form_fields()]
    data = {name: form.cleaned_data.get(name) for name in names if name in form.cleaned_data}
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def save_submission(page, form):
    """Store the submission and its file in one transaction; returns (submission, created).

    A second post of the same rendered form returns the first submission (created False) when the answers
    are the same, and raises AlreadySent when they differ. The notification mail is queued after commit.
    """
    token = form.token
    data = answers(page, form)
    upload = form.cleaned_data.get(ATTACHMENT)
    upload_name = os.path.basename(upload.name)[-ATTACHMENT_NAME_MAX:] if upload else ""
    submission_class = page.get_submission_class()
    stored_file = None
    try:
        with transaction.atomic():
            # One submission per rendered form: lock the page row while looking for an earlier one.
            Page.objects.select_for_update().filter(pk=page.pk).first()
            earlier = submission_class.objects.filter(page=page, **{f"form_data__{TOKEN_KEY}": token.nonce}).first()
            if earlier is not None:
                same = {k: v for k, v in earlier.form_data.items() if k != TOKEN_KEY} == data
                if same and earlier.attachment_name == upload_name:
                    return earlier, False
                raise AlreadySent
            submission = submission_class(page=page, form_data={**data, TOKEN_KEY: token.nonce})
            if upload:
                submission.attachment_name = upload_name
                stored_name = f"{secrets.token_hex(16)}.{attachment_extension(upload.name)}"
                submission.attachment.save(stored_name, upload, save=False)
                stored_file = submission.attachment.name
            submission.save()
            transaction.on_commit(lambda: queue_notification(submission.pk))
    except BaseException:
        if stored_file:
            submission_class._meta.get_field("attachment").storage.delete(stored_file)
        raise
    return submission, True


# --- The notification mail -----------------------------------------------------------------------------


def queue_notification(submission_id):
    """Queue the mail to the form's recipients (called after commit). Never raises: the visitor's
    submission is stored whatever the mail does."""
    from .tasks import send_form_notification

    try:
        send_form_notification.enqueue(submission_id)
    except Exception:
        log.exception("Could not queue the notification mail for form submission %s", submission_id)


def recipients(page):
    return [address.strip() for address in (page.to_address or "").split(",") if address.strip()]


def answer_rows(page, submission):
    """(label, value) for each of the form's fields, values as text."""
    rows = []
    for form_field in page.get_form_fields():
        value = submission.form_data.get(form_field.clean_name)
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        elif isinstance(value, bool):
            value = _("Yes") if value else _("No")
        rows.append((form_field.label, "" if value in (None, "") else str(value)))
    return rows


def reply_to(page, submission):
    """The sender's address when the form asks for one, so that the recipient can answer the mail."""
    for form_field in page.get_form_fields():
        if form_field.field_type == "email":
            value = submission.form_data.get(form_field.clean_name)
            if value:
                return [value]
    return []


def notification_message(submission):
    """The mail to the form's recipients: the answers and whether there is an attachment (never the file)."""
    page = submission.page.specific
    admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailforms:list_submissions", args=[page.pk])
    context = {
        "page": page,
        "submission": submission,
        "rows": answer_rows(page, submission),
        "admin_url": admin_url,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(render_to_string("home/mail/form_notification_subject.txt", context).split())
        body = render_to_string("home/mail/form_notification_body.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=recipients(page),
        reply_to=reply_to(page, submission),
    )


def send_notification(submission_id):
    """Send the mail about one submission: "sent", "gone" (deleted meanwhile), "no recipients" or "failed".
    A mail-server failure is logged, never raised."""
    from .models import FormPageSubmission

    submission = FormPageSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:
        return "gone"
    message = notification_message(submission)
    if not message.to:
        return "no recipients"
    try:
        message.send()
    except Exception:
        log.exception("The notification mail for form submission %s could not be sent", submission_id)
        return "failed"
    return "sent"


# --- Retention -----------------------------------------------------------------------------------------

ORPHAN_GRACE = datetime.timedelta(days=1)


def purge_expired(now=None):
    """Delete each form's submissions older than its retention_days, and their files. Returns the count.

    Files no submission refers to any more (the admin's "delete submissions" and a deleted form page
    remove rows, not files) are removed too, once a day old.
    """
    from .models import FormPage, FormPageSubmission

    now = now or timezone.now()
    deleted = 0
    files = []
    with transaction.atomic():
        for page in FormPage.objects.only("pk", "retention_days"):
            expired = FormPageSubmission.objects.filter(
                page_id=page.pk, submit_time__lt=now - datetime.timedelta(days=page.retention_days)
            )
            files += list(expired.exclude(attachment="").values_list("attachment", flat=True))
            count, _ = expired.delete()
            deleted += count
        storage = FormPageSubmission._meta.get_field("attachment").storage
        transaction.on_commit(lambda: _delete_files(storage, files))
    _delete_orphans(now)
    if deleted:
        log.info("Deleted %s form submission(s) past their retention time", deleted)
    return deleted


def _delete_files(storage, names):
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            log.warning("Could not delete the form attachment %s", name)


def _stored_files(storage, folder):
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _stored_files(storage, f"{folder}/{sub}")


def _delete_orphans(now):
    from .models import FormPageSubmission

    storage = FormPageSubmission._meta.get_field("attachment").storage
    referenced = set(FormPageSubmission.objects.exclude(attachment="").values_list("attachment", flat=True))
    orphans = []
    for name in _stored_files(storage, "forms"):
        if name in referenced:
            continue
        try:
            modified = storage.get_modified_time(name)
        except OSError:
            continue
        if now - modified > ORPHAN_GRACE:
            orphans.append(name)
    _delete_files(storage, orphans)
