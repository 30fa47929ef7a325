"""Phase invitations, sent by the task worker (`manage.py db_worker`) after the start is committed.

The same pattern as `webcasts.tasks`: every mail is a `PhaseMail` row first (the log); the task claims
the row and sends it. A mail-server failure marks the row failed (kept, retried by
`manage.py send_rollout_mails`), never an error page and never lost.
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from core import outbox
from core.calendar import absolute_url

from .models import Channel, PhaseMail

MAX_TRIES = 5
STALE_AFTER = datetime.timedelta(minutes=15)  # a queued row the worker never picked up is queued again


def invitation_context(phase, user):
    """What the invitation says: the phase, its activities with links and dates, the phase's first e-mail."""
    first_email = phase.communications.filter(channel=Channel.EMAIL).order_by("date", "pk").first()
    return {
        "user": user,
        "phase": phase,
        "plan": phase.plan,
        "modules": [(m.title, absolute_url(m.url or "")) for m in phase.modules.live().order_by("title")],
        "workshops": list(phase.workshops.order_by("starts_at")),
        "webcasts": [(w, absolute_url(w.url or "")) for w in phase.webcasts.live().order_by("starts_at")],
        "message": first_email.message if first_email else "",
        "sender_name": (first_email.sender_name or first_email.get_sender_display()) if first_email else "",
        "site_name": settings.WAGTAIL_SITE_NAME,
        "my_learning_url": absolute_url("/mitt-larande/"),
    }


def build_message(mail):
    user = mail.user
    context = invitation_context(mail.phase, user)
    with translation.override(user.preferred_language or "sv"), timezone.override("Europe/Stockholm"):
        subject = " ".join(render_to_string("rollout/email/subject.txt", context).split())
        body = render_to_string("rollout/email/body.txt", context)
    return EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def _still_needed(mail):
    return mail.user.is_active and bool(mail.user.email)


@task()
def send_phase_mail(mail_id):
    mail = PhaseMail.objects.select_related("phase__plan", "user").filter(pk=mail_id).first()
    if mail is None:
        return "skipped"
    return outbox.deliver(mail, build_message, _still_needed)


def retry_mails(now=None):
    """Queue failed mails again (at most MAX_TRIES tries), and queued ones no worker picked up."""
    ids = outbox.retry_ids(PhaseMail.objects.all(), MAX_TRIES, STALE_AFTER, now)
    for mail_id in ids:
        transaction.on_commit(lambda mid=mail_id: send_phase_mail.enqueue(mid))
    return len(ids)
