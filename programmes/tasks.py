"""Mails about places in a cohort, sent by the task worker (`manage.py db_worker`) after the change is committed.

Every mail is a `BookingMail` row first (the log); the task sends it through `core.outbox.deliver`. A
mail-server failure marks the row failed (kept, retried by `send_programme_mails`), never an error page
and never lost. A confirmation (or promotion) carries the cohort's sessions as an .ics (METHOD:REQUEST),
a cancellation takes them out again (METHOD:CANCEL).
"""

import datetime
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from core import outbox
from core.calendar import CANCEL, REQUEST, absolute_url

from .models import Booking, BookingMail, BookingMailKind, BookingStatus

MAX_TRIES = 5
STALE_AFTER = datetime.timedelta(minutes=15)
# Kinds sent here; certificate mails belong to programmes.certificates.
KINDS = (
    BookingMailKind.CONFIRMATION,
    BookingMailKind.WAITING,
    BookingMailKind.PROMOTED,
    BookingMailKind.CANCELLED,
    BookingMailKind.CHANGED,
)


def _still_needed(mail, booking):
    """A confirmation for someone who has since cancelled, or a queue mail for someone who has since got
    a place, is not sent."""
    status = booking.status if booking else None
    if mail.kind in (BookingMailKind.CONFIRMATION, BookingMailKind.PROMOTED):
        return status == BookingStatus.BOOKED
    if mail.kind == BookingMailKind.WAITING:
        return status == BookingStatus.WAITING
    if mail.kind == BookingMailKind.CHANGED:
        return status == BookingStatus.BOOKED
    if mail.kind == BookingMailKind.CANCELLED:
        return status == BookingStatus.CANCELLED
    return True


def _calendar_method(mail, booking):
    if mail.kind == BookingMailKind.CANCELLED:
        return CANCEL
    puts_in = mail.kind in (BookingMailKind.CONFIRMATION, BookingMailKind.PROMOTED, BookingMailKind.CHANGED)
    if puts_in and booking is not None and booking.status == BookingStatus.BOOKED:
        return REQUEST
    return None


def build_message(mail, booking=None):
    from .calendar import cohort_ics

    cohort, user = mail.cohort, mail.user
    programme = cohort.programme
    method = _calendar_method(mail, booking)
    sessions = list(cohort.sessions.order_by("starts_at", "pk"))
    context = {
        "user": user,
        "cohort": cohort,
        "programme": programme,
        "sessions": sessions,
        "kind": mail.kind,
        "url": absolute_url(programme.url or ""),
        "mine_url": absolute_url("/program/mina-program/"),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "with_calendar": method is not None,
        "calendar_url": absolute_url("/mitt-larande/kalender/"),
        "booked_by": mail.requested_by,
    }
    with translation.override(user.preferred_language or "sv"), timezone.override("Europe/Stockholm"):
        subject = " ".join(render_to_string("programmes/booking/email/subject.txt", context).split())
        body = render_to_string("programmes/booking/email/body.txt", context)
        ics = cohort_ics(cohort, method=method).decode("utf-8") if method is not None else None
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    if ics is not None:
        part = MIMEText(ics, "calendar", "utf-8")
        part.set_param("method", method)
        part.add_header("Content-Disposition", "attachment", filename="ledarprogram.ics")
        message.attach(part)
    return message


@task()
def send_programme_mail(mail_id):
    mail = BookingMail.objects.select_related("cohort__programme", "user", "requested_by").filter(pk=mail_id).first()
    if mail is None:
        return "skipped"
    booking = Booking.objects.filter(cohort_id=mail.cohort_id, user_id=mail.user_id).first()
    return outbox.deliver(
        mail,
        lambda mail: build_message(mail, booking),
        lambda mail: _still_needed(mail, booking),
    )


def retry_failed_mails(now=None):
    """Queue failed booking mails again (at most MAX_TRIES tries each), and queued ones no worker took;
    only for cohorts that have not ended."""
    now = now or timezone.now()
    ids = outbox.retry_ids(
        BookingMail.objects.filter(kind__in=KINDS, cohort__ends_on__gte=timezone.localdate(now)),
        MAX_TRIES,
        STALE_AFTER,
        now,
    )
    for mail_id in ids:
        transaction.on_commit(lambda mid=mail_id: send_programme_mail.enqueue(mid))
    return len(ids)
