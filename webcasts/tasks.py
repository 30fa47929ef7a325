"""Mails about webcasts, sent by the task worker (`manage.py db_worker`) after the change is committed.

Every mail is a `WebcastMail` row first (the log); the task sends it. A mail-server failure marks the
row failed (kept, retried by `send_webcast_reminders`), never an error page and never lost. A row is
claimed before sending, so two workers never send the same mail twice.
"""

from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from core import outbox
from core.calendar import CANCEL, REQUEST, absolute_url

from .models import Registration, RegistrationStatus, WebcastMail, WebcastMailKind
from .models.registration import REMINDER_KINDS, WebcastMailStatus
from .schedule import State, state

# Mails that put the webcast in the person's calendar (or take it out).
WITH_CALENDAR = {
    WebcastMailKind.CONFIRMATION,
    WebcastMailKind.PROMOTED,
    WebcastMailKind.DAY_BEFORE,
    WebcastMailKind.HOUR_BEFORE,
    WebcastMailKind.CANCELLED,
    WebcastMailKind.CHANGED,
}


def _still_needed(mail, registration):
    """A reminder or confirmation for someone who has since cancelled, or a reminder for a webcast that
    has started or been cancelled, is not sent."""
    status = registration.status if registration else None
    if mail.kind in REMINDER_KINDS:
        return status == RegistrationStatus.REGISTERED and state(mail.webcast) == State.UPCOMING
    if mail.kind in (WebcastMailKind.CONFIRMATION, WebcastMailKind.PROMOTED):
        return status == RegistrationStatus.REGISTERED
    if mail.kind == WebcastMailKind.WAITING:
        return status == RegistrationStatus.WAITING
    if mail.kind == WebcastMailKind.CHANGED:
        return status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
    return True


def _calendar_method(mail, registration):
    if mail.kind not in WITH_CALENDAR:
        return None
    if mail.kind == WebcastMailKind.CANCELLED or mail.webcast.cancelled:
        return CANCEL
    if registration is None or registration.status != RegistrationStatus.REGISTERED:
        return None
    return REQUEST


def build_message(mail, registration=None):
    from .calendar import webcast_ics

    webcast, user = mail.webcast, mail.user
    method = _calendar_method(mail, registration)
    context = {
        "user": user,
        "webcast": webcast,
        "kind": mail.kind,
        "url": absolute_url(webcast.url or ""),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "cancelled": webcast.cancelled,
        "with_calendar": method is not None,
        "calendar_url": absolute_url("/mitt-larande/kalender/"),
    }
    with translation.override(user.preferred_language or "sv"), timezone.override("Europe/Stockholm"):
        subject = " ".join(render_to_string("webcasts/email/subject.txt", context).split())
        body = render_to_string("webcasts/email/body.txt", context)
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    if method is not None:
        part = MIMEText(webcast_ics(webcast, method=method).decode("utf-8"), "calendar", "utf-8")
        part.set_param("method", method)
        part.add_header("Content-Disposition", "attachment", filename="webbsandning.ics")
        message.attach(part)
    return message


@task()
def send_webcast_mail(mail_id):
    mail = WebcastMail.objects.select_related("webcast", "user").filter(pk=mail_id).first()
    if mail is None:
        return "skipped"
    registration = Registration.objects.filter(webcast=mail.webcast, user=mail.user).first()
    return outbox.deliver(
        mail,
        lambda mail: build_message(mail, registration),
        lambda mail: _still_needed(mail, registration),
    )


# --- Due-driven reminders (run by `manage.py send_webcast_reminders` every few minutes) --------------

REMINDER_OFFSETS = {
    WebcastMailKind.DAY_BEFORE: timezone.timedelta(hours=24),
    WebcastMailKind.HOUR_BEFORE: timezone.timedelta(hours=1),
}
MAX_TRIES = 5


def due_reminders(now=None):
    """(webcast, user, kind) for each reminder due now and not yet logged.

    The day-before reminder is due from 24 hours before the start until one hour before; the
    one-hour reminder from one hour before until the start. Only people who registered before the
    reminder's moment get it (someone who registers 30 minutes before has just had the confirmation).
    """
    from .models import WebcastPage

    now = now or timezone.now()
    webcasts = list(
        WebcastPage.objects.filter(
            live=True, cancelled=False, starts_at__gt=now, starts_at__lte=now + REMINDER_OFFSETS["day_before"]
        ).only("pk", "starts_at", "ical_sequence")
    )
    due = []
    for webcast in webcasts:
        kind = (
            WebcastMailKind.HOUR_BEFORE
            if webcast.starts_at - now <= REMINDER_OFFSETS[WebcastMailKind.HOUR_BEFORE]
            else WebcastMailKind.DAY_BEFORE
        )
        moment = webcast.starts_at - REMINDER_OFFSETS[kind]
        reminded = WebcastMail.objects.filter(webcast=webcast, kind=kind).values("user_id")
        people = (
            Registration.objects.filter(webcast=webcast, status=RegistrationStatus.REGISTERED, created_at__lte=moment)
            .filter(models.Q(promoted_at__isnull=True) | models.Q(promoted_at__lte=moment))
            .exclude(user_id__in=reminded)
            .values_list("user_id", flat=True)
        )
        due.extend((webcast, user_id, kind) for user_id in people)
    return due


def queue_due_reminders(now=None):
    """Log and queue every due reminder. Idempotent: the partial unique constraint on (webcast, person,
    kind) lets a reminder be logged once, so running again (or twice at once) queues none twice."""
    from core import audit

    now = now or timezone.now()
    queued = 0
    by_webcast = {}
    for webcast, user_id, kind in due_reminders(now):
        by_webcast.setdefault((webcast, kind), []).append(user_id)
    for (webcast, kind), user_ids in by_webcast.items():
        with transaction.atomic():
            WebcastMail.objects.bulk_create(
                [
                    WebcastMail(webcast=webcast, user_id=user_id, kind=kind, sequence=webcast.ical_sequence)
                    for user_id in user_ids
                ],
                ignore_conflicts=True,
            )
            mail_ids = list(
                WebcastMail.objects.filter(
                    webcast=webcast,
                    kind=kind,
                    user_id__in=user_ids,
                    status=WebcastMailStatus.QUEUED,
                    tries=0,
                ).values_list("pk", flat=True)
            )
            audit.log("webcast.reminded", f"{len(mail_ids)} {kind} reminders", obj=webcast, count=len(mail_ids))
            for mail_id in mail_ids:
                transaction.on_commit(lambda mid=mail_id: send_webcast_mail.enqueue(mid))
            queued += len(mail_ids)
    return queued


def retry_failed_mails(now=None):
    """Queue failed mails again, at most MAX_TRIES tries each; reminders only while still useful."""
    now = now or timezone.now()
    failed = list(
        WebcastMail.objects.filter(status=WebcastMailStatus.FAILED, tries__lt=MAX_TRIES)
        .filter(webcast__ends_at__gt=now)
        .values_list("pk", flat=True)
    )
    for mail_id in failed:
        transaction.on_commit(lambda mid=mail_id: send_webcast_mail.enqueue(mid))
    return len(failed)
