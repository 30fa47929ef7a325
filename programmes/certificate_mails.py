"""The mail "Ditt intyg är klart", sent once when a certificate's PDF is first ready.

A `BookingMail` row of kind CERTIFICATE first (the log), then the task sends it through
`core.outbox.deliver`: a mail-server failure marks the row failed, and `render_certificates` queues it
again. A revoked certificate's mail is not sent. One mail per person and cohort, however often the PDF
is rendered again.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from core import outbox
from core.calendar import absolute_url

from .models import BookingMail, BookingMailKind, Certificate

MAX_TRIES = 5
STALE_AFTER = datetime.timedelta(minutes=15)


def queue_ready_mail(certificate):
    """Log the mail and send it after commit; nothing when one was already queued for this certificate."""
    if BookingMail.objects.filter(
        cohort_id=certificate.cohort_id, user_id=certificate.user_id, kind=BookingMailKind.CERTIFICATE
    ).exists():
        return None
    mail = BookingMail.objects.create(
        cohort_id=certificate.cohort_id, user_id=certificate.user_id, kind=BookingMailKind.CERTIFICATE
    )
    transaction.on_commit(lambda: send_certificate_mail.enqueue(mail.pk))
    return mail


def build_message(mail, certificate):
    user = mail.user
    context = {
        "user": user,
        "certificate": certificate,
        # "Min omgång" (which asks to sign in first) has the download link; the download itself answers 404
        # to someone who is not signed in.
        "cohort_url": absolute_url(reverse("programme_participant_cohort", args=[certificate.cohort_id])),
        "verify_url": absolute_url(reverse("programme_verify_code", args=[certificate.code])),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override(user.preferred_language or "sv"), timezone.override("Europe/Stockholm"):
        subject = " ".join(render_to_string("programmes/certificates/email/subject.txt", context).split())
        body = render_to_string("programmes/certificates/email/body.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@task()
def send_certificate_mail(mail_id):
    mail = BookingMail.objects.select_related("user").filter(pk=mail_id, kind=BookingMailKind.CERTIFICATE).first()
    if mail is None:
        return "skipped"
    certificate = Certificate.objects.filter(cohort_id=mail.cohort_id, user_id=mail.user_id).first()
    return outbox.deliver(
        mail,
        lambda mail: build_message(mail, certificate),
        lambda mail: certificate is not None and not certificate.revoked,
    )


def retry_failed_mails(now=None):
    """Queue failed certificate mails again (at most MAX_TRIES tries), and queued ones no worker took."""
    ids = outbox.retry_ids(
        BookingMail.objects.filter(kind=BookingMailKind.CERTIFICATE), MAX_TRIES, STALE_AFTER, now=now
    )
    for pk in ids:
        transaction.on_commit(lambda pk=pk: send_certificate_mail.enqueue(pk))
    return len(ids)
