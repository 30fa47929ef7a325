"""Mails about webcasts: confirmation with .ics, waiting list, reminders due once, failures kept."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from tests.factories import UserFactory
from webcasts import booking, tasks
from webcasts.models import Registration, WebcastMail

FAILING = "tests.webcasts.test_webcast_mails.FailingBackend"


class FailingBackend(BaseEmailBackend):
    """The mail server is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def calendar_part(message):
    for part in message.message().walk():
        if part.get_content_type() == "text/calendar":
            return part
    return None


@pytest.fixture
def soon(webcast_factory):
    """Starts in 20 hours: the day-before reminder is due."""
    return webcast_factory(starts_in=datetime.timedelta(hours=20), counties=["Y"], title="Snart")


def registered_long_ago(user, webcast):
    booking.register(user, webcast)
    Registration.objects.filter(user=user, webcast=webcast).update(
        created_at=timezone.now() - datetime.timedelta(days=3)
    )


def test_confirmation_with_calendar_attachment(learner, webcast_factory, django_capture_on_commit_callbacks):
    webcast = webcast_factory(counties=["Y"], title="Våga vara digital: avsnitt 1")
    with django_capture_on_commit_callbacks(execute=True):
        booking.register(learner, webcast)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[Kompetenslyft] ")
    assert "Du är anmäld" in message.subject and webcast.title in message.subject
    assert "testserver" not in message.subject
    assert webcast.url in message.body
    part = calendar_part(message)
    assert part is not None and part.get_param("method") == "REQUEST"
    assert part.get_filename() == "webbsandning.ics"
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar.events[0]["UID"]) == f"webcast-{webcast.pk}@testserver"
    row = WebcastMail.objects.get()
    assert row.status == "sent" and row.tries == 1 and row.sent_at is not None


def test_waiting_mail_has_no_calendar_and_promotion_has_one(
    organisation, webcast_factory, django_capture_on_commit_callbacks
):
    webcast = webcast_factory(counties=["Y"], capacity=1)
    first, second = UserFactory(organisation=organisation), UserFactory(organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        booking.register(first, webcast)
        booking.register(second, webcast)
    waiting = mail.outbox[1]
    assert "kö" in waiting.subject.lower() and calendar_part(waiting) is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel(user=first, webcast=webcast)
    by_person = {m.to[0]: m for m in mail.outbox}
    assert calendar_part(by_person[first.email]).get_param("method") == "CANCEL"
    assert calendar_part(by_person[second.email]).get_param("method") == "REQUEST"
    assert "plats" in by_person[second.email].subject


def test_reminders_are_due_once_and_never_twice(learner, other_learner, soon, django_capture_on_commit_callbacks):
    registered_long_ago(learner, soon)
    registered_long_ago(other_learner, soon)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.queue_due_reminders() == 2
    assert len(mail.outbox) == 2
    assert all("I morgon" in m.subject for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.queue_due_reminders() == 0
        out = StringIO()
        call_command("send_webcast_reminders", stdout=out)
    assert len(mail.outbox) == 2
    assert "Queued 0" in out.getvalue()
    assert WebcastMail.objects.filter(kind="day_before").count() == 2


def test_hour_before_reminder_and_nothing_for_late_registrations(
    learner, other_learner, webcast_factory, django_capture_on_commit_callbacks
):
    webcast = webcast_factory(starts_in=datetime.timedelta(minutes=40), counties=["Y"])
    registered_long_ago(learner, webcast)
    booking.register(other_learner, webcast)  # just now: the confirmation is enough
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.queue_due_reminders() == 1
    reminder = WebcastMail.objects.get(kind="hour_before")
    assert reminder.user == learner and reminder.status == "sent"
    assert not WebcastMail.objects.filter(kind="day_before").exists()


def test_no_reminder_when_not_due_or_cancelled(learner, webcast_factory, django_capture_on_commit_callbacks):
    later = webcast_factory(starts_in=datetime.timedelta(days=3), counties=["Y"])
    registered_long_ago(learner, later)
    cancelled = webcast_factory(starts_in=datetime.timedelta(hours=5), counties=["Y"])
    registered_long_ago(learner, cancelled)
    booking.cancel(user=learner, webcast=cancelled)
    assert tasks.due_reminders() == []


def test_a_mail_server_failure_is_kept_for_retry(learner, soon, settings, django_capture_on_commit_callbacks, caplog):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        outcome = booking.register(learner, soon)  # never an exception for the person registering
    assert outcome.registered
    row = WebcastMail.objects.get(kind="confirmation")
    assert row.status == "failed" and row.tries == 1 and "mail server down" in row.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.retry_failed_mails() == 1
    row.refresh_from_db()
    assert row.status == "sent" and row.tries == 2 and row.last_error == ""
    assert len(mail.outbox) == 1


def test_a_failed_reminder_is_not_logged_twice(learner, soon, settings, django_capture_on_commit_callbacks):
    registered_long_ago(learner, soon)
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        tasks.queue_due_reminders()
        tasks.queue_due_reminders()
    assert WebcastMail.objects.filter(kind="day_before").count() == 1
    assert WebcastMail.objects.get(kind="day_before").status == "failed"


def test_a_sent_mail_is_not_sent_again(learner, soon, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking.register(learner, soon)
    row = WebcastMail.objects.get()
    assert tasks.send_webcast_mail.call(row.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_a_reminder_for_someone_who_cancelled_is_not_sent(learner, soon, django_capture_on_commit_callbacks):
    registered_long_ago(learner, soon)
    row = WebcastMail.objects.create(webcast=soon, user=learner, kind="day_before")
    booking.cancel(user=learner, webcast=soon)
    mail.outbox.clear()
    assert tasks.send_webcast_mail.call(row.pk) == "not needed"
    assert mail.outbox == []


def test_english_speaker_gets_english_mail(learner, soon, django_capture_on_commit_callbacks):
    learner.preferred_language = "en"
    learner.save()
    with django_capture_on_commit_callbacks(execute=True):
        booking.register(learner, soon)
    assert mail.outbox[0].subject.startswith("[Kompetenslyft] You are registered")
