"""Background work for workshops, run by the task worker (`manage.py db_worker`)."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .models import Reminder, ReminderStatus
from .readiness import workshop_readiness

log = logging.getLogger(__name__)


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@task()
def send_reminder(reminder_id):
    """Send one reminder. A mail server failure marks it failed (kept for retry), never lost."""
    reminder = Reminder.objects.select_related("workshop", "user", "requested_by").filter(pk=reminder_id).first()
    if reminder is None or reminder.status == ReminderStatus.SENT:
        return "skipped"
    user, workshop = reminder.user, reminder.workshop
    readiness = workshop_readiness(workshop)
    row = next((r for r in readiness.rows if r.user.pk == user.pk), None)
    if row is None or row.ready:
        reminder.status = ReminderStatus.SENT
        reminder.last_error = "ready or no longer a member: nothing sent"
        reminder.save(update_fields=["status", "last_error"])
        return "not needed"
    # Everything not done yet: modules not completed, webcasts not attended (live or through the recording).
    not_done = set(row.not_done)
    activities = [activity for activity in readiness.activities if activity.pk in not_done]
    context = {
        "user": user,
        "workshop": workshop,
        "group": row.group,
        "modules": [(a.page, _absolute(a.url or "")) for a in activities if not a.is_webcast],
        "webcasts": [(a.page, _absolute(a.url or "")) for a in activities if a.is_webcast],
        "my_learning_url": _absolute("/mitt-larande/"),
        "message": reminder.message,
        "sender": reminder.requested_by,
    }
    with translation.override(user.preferred_language or "sv"):
        subject = render_to_string("workshops/email/reminder_subject.txt", context).strip()
        body = render_to_string("workshops/email/reminder.txt", context)
    reminder.tries += 1
    try:
        EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]).send()
    except Exception as error:
        reminder.status = ReminderStatus.FAILED
        reminder.last_error = f"{type(error).__name__}: {error}"[:300]
        reminder.save(update_fields=["status", "tries", "last_error"])
        log.warning("reminder %s failed: %s", reminder.pk, reminder.last_error)
        return "failed"
    reminder.status = ReminderStatus.SENT
    reminder.sent_at = timezone.now()
    reminder.last_error = ""
    reminder.save(update_fields=["status", "tries", "last_error", "sent_at"])
    return "sent"
