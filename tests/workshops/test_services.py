import io

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.factories import UserFactory
from workshops import composition, services
from workshops.exceptions import AlreadyInGroup, OtherOrganisation
from workshops.models import Membership, Reminder, ReminderStatus, Workshop

from .conftest import complete


def test_add_member_and_refuse_second_group(group, other_group, learner):
    services.add_member(group, learner)
    assert services.add_member(group, learner).group == group  # idempotent
    with pytest.raises(AlreadyInGroup) as error:
        services.add_member(other_group, learner)
    assert "Bord 1" in str(error.value.message)
    assert Membership.objects.filter(user=learner).count() == 1


def test_member_from_other_organisation_refused(group, other_organisation, roles):
    outsider = UserFactory(organisation=other_organisation)
    with pytest.raises(OtherOrganisation):
        services.add_member(group, outsider)
    assert not Membership.objects.exists()


def test_move_member(workshop, group, other_group, learner):
    services.add_member(group, learner)
    services.move_member(workshop, learner, other_group)
    assert Membership.objects.get(user=learner).group == other_group


def test_bulk_add_reports_each_person(group, other_group, members_factory, other_organisation):
    people = members_factory(3)
    services.add_member(other_group, people[0])
    outsider = UserFactory(organisation=other_organisation)
    report = services.add_members(group, [*people, outsider])
    outcomes = [row.outcome for row in report.rows]
    assert outcomes == ["error", "added", "added", "error"]
    assert Membership.objects.filter(group=group).count() == 2


def _csv(text, encoding="utf-8"):
    return io.BytesIO(text.encode(encoding))


def test_csv_import_row_by_row(group, other_group, members_factory, other_organisation):
    a, b, c = members_factory(3)
    services.add_member(other_group, c)
    outsider = UserFactory(organisation=other_organisation, email="ut@sundsvall.se")
    text = f"E-post;Namn\n{a.email};A\n{b.email.upper()};B\n{a.email};A igen\nokand@harnosand.se;X\n{outsider.email};U\n{c.email};C\ninte-en-adress;Y\n"
    report = services.import_members_csv(group, _csv(text))
    assert not report.error
    assert [(row.line, row.outcome) for row in report.rows] == [
        (2, "added"),
        (3, "added"),
        (4, "error"),
        (5, "error"),
        (6, "error"),
        (7, "error"),
        (8, "error"),
    ]
    assert "två gånger" in report.rows[2].message or "twice" in report.rows[2].message
    assert set(Membership.objects.filter(group=group).values_list("user", flat=True)) == {a.pk, b.pk}
    assert ModelLogEntry.objects.filter(action="workshop.csv_import").exists()


def test_csv_import_without_header_and_in_windows_encoding(group, members_factory):
    (person,) = members_factory(1)
    report = services.import_members_csv(group, _csv(f"{person.email}\n", "cp1252"))
    assert [row.outcome for row in report.rows] == ["added"]


@pytest.mark.parametrize(
    "payload",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00binary", b"", b"a" * (1024 * 1024 + 10)],
)
def test_malformed_csv_reports_an_error_and_stores_nothing(group, payload):
    report = services.import_members_csv(group, io.BytesIO(payload))
    assert report.error
    assert not Membership.objects.exists()


def test_remind_not_ready_once_a_day(
    workshop, group, members_factory, modules, mailoutbox, django_capture_on_commit_callbacks
):
    ready, not_ready, also_not = members_factory(3, group=group)
    for module in modules:
        complete(ready, module)
    with django_capture_on_commit_callbacks(execute=True):
        queued, skipped = services.remind_not_ready(workshop)
    assert (queued, skipped) == (2, 0)
    assert sorted(m.to[0] for m in mailoutbox) == sorted([not_ready.email, also_not.email])
    body = mailoutbox[0].body
    assert "Chefsdag digitalisering" in body and modules[0].url in body
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == 2
    queued, skipped = services.remind_not_ready(workshop)
    assert (queued, skipped) == (0, 2)
    assert len(mailoutbox) == 2
    assert ModelLogEntry.objects.filter(action="workshop.reminded").count() == 2


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_mail_failure_keeps_reminder_for_retry(
    workshop, group, members_factory, settings, django_capture_on_commit_callbacks
):
    (person,) = members_factory(1, group=group)
    settings.EMAIL_BACKEND = "tests.workshops.test_services.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_not_ready(workshop)
    reminder = Reminder.objects.get(user=person)
    assert reminder.status == ReminderStatus.FAILED and "mail server down" in reminder.last_error
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.retry_failed_reminders() == 1
    reminder.refresh_from_db()
    assert reminder.status == ReminderStatus.SENT and reminder.tries == 2
    assert len(mail.outbox) == 1


def test_automatic_reminder_n_days_before(workshop, group, members_factory):
    import datetime

    members_factory(2, group=group)
    start = timezone.localtime(workshop.starts_at).date()  # the day in Sweden: 23-24 UTC is the next day there
    day_before_window = start - datetime.timedelta(days=workshop.reminder_days_before + 1)
    assert services.send_automatic_reminders(day_before_window) == 0
    on_day = start - datetime.timedelta(days=workshop.reminder_days_before)
    assert services.send_automatic_reminders(on_day) == 2
    assert services.send_automatic_reminders(on_day) == 0  # once
    assert Workshop.objects.get(pk=workshop.pk).auto_reminder_sent_on == on_day


def test_composition_mixes_departments(organisation, roles):
    from tests.factories import DepartmentFactory

    departments = [DepartmentFactory(organisation=organisation) for _ in range(4)]
    people = [UserFactory(organisation=organisation, department=departments[i % 4]) for i in range(22)]
    groups = composition.propose_groups(people, 4)
    sizes = sorted(len(g) for g in groups)
    assert sizes[0] >= 5 and sizes[-1] <= 6 and sum(sizes) == 22
    # No department takes more than half of any group.
    assert composition.mix_score(groups, key=lambda p: p.department_id) <= 0.5
    assert composition.group_count_for(5, 22) == 4


def test_send_reminders_command(workshop, group, members_factory, django_capture_on_commit_callbacks):
    import datetime
    from io import StringIO

    from django.core.management import call_command

    members_factory(2, group=group)
    workshop.starts_at = timezone.now() + datetime.timedelta(days=workshop.reminder_days_before)
    workshop.save()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    assert "Queued 2" in out.getvalue()
    assert Reminder.objects.filter(automatic=True, status=ReminderStatus.SENT).count() == 2
