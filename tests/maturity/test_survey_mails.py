"""Invitations and reminders: logged first, sent after commit, once; failures kept and retried by the command."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from maturity import services, tasks
from maturity.models import Respondent, SurveyMail
from tests.factories import UserFactory

FAILING = "tests.maturity.test_survey_mails.FailingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FailingBackend(BaseEmailBackend):
    """The mail server is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


@pytest.fixture
def people(organisation, roles):
    return [
        UserFactory(organisation=organisation, department=None, email="anna@harnosand.se", first_name="Anna"),
        UserFactory(organisation=organisation, department=None, email="bo@harnosand.se", preferred_language="en"),
    ]


@pytest.fixture
def draft(organisation, instrument, people):
    return services.create_round(
        organisation, instrument, "Nollmätning 2026", timezone.localdate() + datetime.timedelta(days=10)
    )


def test_invitations_go_after_commit_with_link_and_closing_date(draft, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.open_round(draft)
    assert len(callbacks) == 2 and mail.outbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@harnosand.se", "bo@harnosand.se"]
    swedish = next(m for m in mail.outbox if m.to == ["anna@harnosand.se"])
    english = next(m for m in mail.outbox if m.to == ["bo@harnosand.se"])
    link = "http://testserver" + reverse("maturity_answer", args=[draft.pk])
    assert link in swedish.body and link in english.body
    assert "Nollmätning 2026" in swedish.subject and swedish.subject.startswith("[")
    closes = draft.closes_on
    assert "Hej Anna" in swedish.body and f"Sista svarsdag: {closes.day} " in swedish.body
    assert swedish.subject == "[Kompetenslyft] Enkät: Nollmätning 2026"
    assert "Last day to answer" in english.body
    assert set(SurveyMail.objects.values_list("status", flat=True)) == {"sent"}


def test_an_invitation_is_sent_only_once(draft, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(draft)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_survey_mail.enqueue(SurveyMail.objects.first().pk)  # a second run of the same task
        assert tasks.retry_mails() == 0
    assert len(mail.outbox) == 2


def test_reminders_only_to_those_who_have_not_submitted(draft, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(draft)
    Respondent.objects.filter(user=people[0]).update(submitted_at=timezone.now())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.remind(draft) == (1, 0)
        assert services.remind(draft) == (0, 1)
    assert [m.to for m in mail.outbox] == [["bo@harnosand.se"]]
    assert "Reminder" in mail.outbox[0].subject


def test_a_reminder_for_someone_who_submitted_meanwhile_is_not_sent(draft, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(draft)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.remind(draft)
    Respondent.objects.update(submitted_at=timezone.now())
    for callback in callbacks:
        callback()
    assert mail.outbox == []


def test_a_failed_mail_is_kept_and_retried_by_the_command(draft, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(draft)  # never an error for the manager
    assert set(SurveyMail.objects.values_list("status", "tries")) == {("failed", 1)}
    assert "mail server down" in SurveyMail.objects.first().last_error
    settings.EMAIL_BACKEND = LOCMEM
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_maturity_mails", stdout=out)
    assert "2" in out.getvalue()
    assert set(SurveyMail.objects.values_list("status", "tries", "last_error")) == {("sent", 2, "")}
    assert len(mail.outbox) == 2


def test_retries_stop_after_five_tries_and_when_the_round_closes(draft, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        services.open_round(draft)
    for _ in range(6):
        with django_capture_on_commit_callbacks(execute=True):
            tasks.retry_mails()
    assert set(SurveyMail.objects.values_list("tries", flat=True)) == {tasks.MAX_TRIES}
    SurveyMail.objects.update(tries=1)
    services.close_round(draft)
    assert tasks.retry_mails() == 0


def test_a_queued_mail_no_worker_took_is_queued_again(draft, django_capture_on_commit_callbacks):
    services.open_round(draft)  # the on-commit callbacks never ran: as if the worker were down
    assert set(SurveyMail.objects.values_list("status", flat=True)) == {"queued"}
    assert tasks.retry_mails() == 0  # still fresh
    later = timezone.now() + tasks.STALE_AFTER + datetime.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.retry_mails(now=later) == 2
    assert len(mail.outbox) == 2
