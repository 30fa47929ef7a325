"""Mails about places: confirmation with the sessions as .ics, waiting, promoted, cancelled; retries."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from icalendar import Calendar

from programmes import booking
from programmes.models import BookingMail
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FAILING = "tests.programmes.test_programme_mails.FailingBackend"


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def calendar_part(message):
    for part in message.message().walk():
        if part.get_content_type() == "text/calendar":
            return part
    return None


def test_confirmation_carries_every_session_as_ics(learner, cohort, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking.book(learner, cohort)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[Kompetenslyft] Du har en plats: Chefsprogram")
    assert "Våren 2027" in message.subject
    assert "Träff 1" in message.body and "kl. 09.00" in message.body
    assert "/program/mina-program/" in message.body
    part = calendar_part(message)
    assert part.get_param("method") == "REQUEST" and part.get_filename() == "ledarprogram.ics"
    calendar = Calendar.from_ical(part.get_payload(decode=True))
    assert str(calendar["METHOD"]) == "REQUEST"
    sessions = list(cohort.sessions.order_by("starts_at"))
    assert [str(e["UID"]) for e in calendar.events] == [f"programme-session-{s.pk}@testserver" for s in sessions]
    start = calendar.events[0]["DTSTART"].dt
    assert str(start.tzinfo) == "Europe/Stockholm" and (start.hour, start.minute) == (9, 0)
    assert {int(e["SEQUENCE"]) for e in calendar.events} == {cohort.ical_sequence}
    row = BookingMail.objects.get()
    assert (row.kind, row.status, row.tries) == ("confirmation", "sent", 1)


def test_manager_booking_says_who_booked(manager, learner, cohort, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        booking.book(learner, cohort, by=manager)
    assert f"{manager.get_full_name()} har bokat en plats åt dig" in mail.outbox[0].body
    assert BookingMail.objects.get().requested_by == manager


def test_waiting_has_no_calendar_promotion_has_one_cancel_removes(
    organisation, cohort_factory, django_capture_on_commit_callbacks
):
    cohort = cohort_factory(capacity=1, sessions=2)
    first, second = UserFactory(organisation=organisation), UserFactory(organisation=organisation)
    with django_capture_on_commit_callbacks(execute=True):
        booking.book(first, cohort)
        booking.book(second, cohort)
    waiting = mail.outbox[1]
    assert "kö" in waiting.subject.lower() and calendar_part(waiting) is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        booking.cancel(user=first, cohort=cohort)
    by_person = {m.to[0]: m for m in mail.outbox}
    cancelled = calendar_part(by_person[first.email])
    assert cancelled.get_param("method") == "CANCEL"
    removed = Calendar.from_ical(cancelled.get_payload(decode=True))
    assert {str(e["STATUS"]) for e in removed.events} == {"CANCELLED"} and len(removed.events) == 2
    promoted = by_person[second.email]
    assert "fått en plats" in promoted.subject
    assert calendar_part(promoted).get_param("method") == "REQUEST"


def test_failed_mail_is_kept_and_retried_by_the_command(learner, cohort, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        booking.book(learner, cohort)
    row = BookingMail.objects.get()
    assert row.status == "failed" and "mail server down" in row.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_programme_mails", stdout=out)
    assert "Retried 1" in out.getvalue()
    row.refresh_from_db()
    assert row.status == "sent" and row.tries == 2
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_programme_mails", stdout=StringIO())
    assert len(mail.outbox) == 1  # nothing sent twice


def test_stale_confirmation_for_a_cancelled_booking_is_not_sent(learner, cohort, django_capture_on_commit_callbacks):
    booking.book(learner, cohort)  # the on-commit send is not run: the worker is slow
    booking.cancel(user=learner, cohort=cohort)
    BookingMail.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_programme_mails", stdout=StringIO())
    kinds = sorted(m.subject.split("]")[1].split(":")[0].strip() for m in mail.outbox)
    assert kinds == ["Avbokad"]
    assert BookingMail.objects.get(kind="confirmation").last_error.startswith("no longer needed")
