"""Starting a phase: one invitation per person, once, sent after commit; nobody to invite stores nothing."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from rollout import services
from rollout.exceptions import NoPeople
from rollout.models import CommunicationItem, PhaseMail, PhaseMailStatus
from tests.webcasts.test_webcast_mails import FailingBackend  # noqa: F401  (the mail server is down)

pytestmark = pytest.mark.django_db
FAILING = "tests.webcasts.test_webcast_mails.FailingBackend"


@pytest.fixture
def phase(make_phase, modules, social, people_factory, webcast_factory, held_workshop):
    people_factory(3, social)
    webcast = webcast_factory(starts_in=datetime.timedelta(days=5), title="Ledarskap digitalt")
    phase = make_phase(
        "Chefer först",
        modules=modules,
        webcasts=[webcast],
        workshops=[held_workshop],
        departments=[social],
        starts_on=datetime.date(2027, 2, 1),
        ends_on=datetime.date(2027, 3, 31),
    )
    CommunicationItem.objects.create(phase=phase, message="Intranät först", sender="hr", channel="intranat")
    CommunicationItem.objects.create(
        phase=phase,
        message="Nu börjar vi – välkommen!",
        sender="kommundirektor",
        channel="epost",
        sender_name="Anna Kommundirektör",
    )
    return phase


def test_start_queues_one_mail_per_person_once_after_commit(phase, manager, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = services.start_phase(phase, actor=manager)
    assert result.queued == 3 and not result.already_started
    assert len(mail.outbox) == 0 and len(callbacks) == 3  # nothing sent before commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 3
    assert set(PhaseMail.objects.filter(phase=phase).values_list("status", flat=True)) == {PhaseMailStatus.SENT}
    message = mail.outbox[0]
    assert "Chefer först" in message.subject
    body = message.body
    assert "Nu börjar vi – välkommen!" in body and "Anna Kommundirektör" in body  # the first e-mail item
    assert "Intranät först" not in body
    assert "Ledarskap digitalt" in body and "Workshop AI i vardagen" in body and "http" in body
    assert "Hej" in body  # Swedish by preferred language
    phase.refresh_from_db()
    assert phase.started_at is not None
    entry = ModelLogEntry.objects.get(action="rollout.phase_started")
    assert entry.data["count"] == 3 and entry.user_id == manager.pk

    with django_capture_on_commit_callbacks(execute=True):
        again = services.start_phase(phase, actor=manager)
    assert again.already_started and again.queued == 0
    assert len(mail.outbox) == 3 and PhaseMail.objects.filter(phase=phase).count() == 3


def test_phase_without_people_stores_nothing(make_phase, social, manager):
    empty = make_phase("Tom", departments=[social], target_groups=["fortroendevald"])
    with pytest.raises(NoPeople):
        services.start_phase(empty, actor=manager)
    empty.refresh_from_db()
    assert empty.started_at is None and not PhaseMail.objects.exists()


def test_start_view_confirms_then_starts_and_says_so_the_second_time(
    client, manager, phase, django_capture_on_commit_callbacks
):
    client.force_login(manager)
    url = reverse("rollout_phase_start", args=[phase.plan_id, phase.pk])
    page = client.get(url).content.decode()
    assert "3 personer" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "3 personer" in response.content.decode() and len(mail.outbox) == 3
    response = client.post(url, follow=True)
    assert "redan" in response.content.decode() and len(mail.outbox) == 3


def test_start_view_without_people_gives_a_clear_message(client, manager, make_phase, social):
    empty = make_phase("Tom", departments=[social], target_groups=["fortroendevald"])
    client.force_login(manager)
    response = client.post(reverse("rollout_phase_start", args=[empty.plan_id, empty.pk]), follow=True)
    assert response.status_code == 200 and "ingen" in response.content.decode().lower()
    empty.refresh_from_db()
    assert empty.started_at is None and not PhaseMail.objects.exists()


def test_failed_mail_is_kept_and_retried_by_the_command(phase, manager, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = FAILING
    with django_capture_on_commit_callbacks(execute=True):
        services.start_phase(phase, actor=manager)
    assert set(PhaseMail.objects.values_list("status", flat=True)) == {PhaseMailStatus.FAILED}
    assert PhaseMail.objects.first().last_error.startswith("ConnectionRefusedError")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_rollout_mails", stdout=out)
    assert "3" in out.getvalue()
    assert set(PhaseMail.objects.values_list("status", flat=True)) == {PhaseMailStatus.SENT}
    assert len(mail.outbox) == 3 and set(PhaseMail.objects.values_list("tries", flat=True)) == {2}
