"""core.outbox: a logged mail is claimed once, sent once, and a failure is kept for a retry."""

import datetime

import pytest
from django.core import mail as outgoing
from django.core.mail import EmailMessage
from django.utils import timezone

from core import outbox
from core.outbox import MailStatus
from rollout.models import Phase, PhaseMail, RolloutPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def row(organisation, learner):
    plan = RolloutPlan.objects.create(organisation=organisation, title="Plan")
    phase = Phase.objects.create(plan=plan, position=1, name="Fas")
    return PhaseMail.objects.create(phase=phase, user=learner)


def message(mail):
    return EmailMessage("Ämne", "Text", to=[mail.user.email])


def test_sent_once_even_when_delivered_twice(row):
    assert outbox.deliver(row, message) == "sent"
    assert outbox.deliver(row, message) == "skipped"  # a stale copy of the row: the claim fails
    row.refresh_from_db()
    assert (row.status, row.tries, len(outgoing.outbox)) == (MailStatus.SENT, 1, 1)


def test_not_needed_is_recorded_and_not_sent(row):
    assert outbox.deliver(row, message, still_needed=lambda mail: False) == "not needed"
    row.refresh_from_db()
    assert row.last_error == outbox.NOT_NEEDED and not outgoing.outbox


def test_a_failure_is_kept_and_offered_for_retry(row):
    def broken(mail):
        raise ConnectionRefusedError("mail server down")

    assert outbox.deliver(row, broken) == "failed"
    row.refresh_from_db()
    assert (row.status, row.tries, row.sent_at) == (MailStatus.FAILED, 1, None)
    assert "mail server down" in row.last_error
    assert outbox.retry_ids(PhaseMail.objects.all(), max_tries=5, stale_after=datetime.timedelta(minutes=10)) == [
        row.pk
    ]
    assert outbox.retry_ids(PhaseMail.objects.all(), max_tries=1, stale_after=datetime.timedelta(minutes=10)) == []


def test_a_queued_row_no_worker_took_is_retried_after_a_while(row):
    later = timezone.now() + datetime.timedelta(minutes=11)
    assert outbox.retry_ids(PhaseMail.objects.all(), 5, datetime.timedelta(minutes=10)) == []
    assert outbox.retry_ids(PhaseMail.objects.all(), 5, datetime.timedelta(minutes=10), now=later) == [row.pk]
