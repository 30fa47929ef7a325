"""A workshop may require webcasts: they count in the one readiness rule like modules do."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.builders import complete
from tests.webcasts.conftest import series, webcast_factory, webcast_index  # noqa: F401  (fixtures)
from webcasts.attendance import LIVE, RECORDING, record_beat
from webcasts.models import Registration, RegistrationStatus
from workshops import services
from workshops.readiness import MODULE, WEBCAST, is_ready, readiness_for, workshop_readiness
from workshops.reports import readiness_rows

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def past_webcast(webcast_factory):  # noqa: F811
    return webcast_factory(
        starts_in=-datetime.timedelta(days=3),
        title="Våga leda digitalt",
        recording_url="https://www.youtube-nocookie.com/embed/demo123",
        recording_minutes=20,
        recording_share=50,
    )


@pytest.fixture
def required(workshop, past_webcast):
    workshop.required_webcasts.set([past_webcast])
    workshop.save()
    return past_webcast


def attend_live(webcast, user):
    start = webcast.starts_at
    for n in range(webcast.attendance_minutes + 1):
        record_beat(webcast, user, LIVE, now=start + n * MINUTE)


def attend_recording(webcast, user):
    start = timezone.now() - datetime.timedelta(hours=1)
    for n in range(12):
        record_beat(webcast, user, RECORDING, now=start + n * MINUTE)


def register(webcast, user, status=RegistrationStatus.REGISTERED):
    waiting = timezone.now() if status == RegistrationStatus.WAITING else None
    return Registration.objects.create(webcast=webcast, user=user, status=status, waiting_since=waiting)


def test_a_required_webcast_is_a_cell_with_kind_and_status(workshop, group, members_factory, modules, required):
    attended, registered, waiting, nobody, by_recording = members_factory(5, group=group)
    for person in (attended, registered, waiting, nobody, by_recording):
        for module in modules:
            complete(person, module)
    attend_live(required, attended)
    register(required, attended)
    register(required, registered)
    register(required, waiting, RegistrationStatus.WAITING)
    attend_recording(required, by_recording)

    result = workshop_readiness(workshop)
    assert [a.kind for a in result.activities] == [MODULE, MODULE, WEBCAST]
    assert [w.pk for w in result.webcasts] == [required.pk]
    rows = {row.user: row for row in result.rows}
    status = {person: rows[person].cells[-1].status for person in rows}
    assert status == {
        attended: "attended",
        registered: "registered",
        waiting: "not_registered",  # a place in the queue is not a place
        nobody: "not_registered",
        by_recording: "attended",
    }
    assert rows[by_recording].cells[-1].via_recording and not rows[attended].cells[-1].via_recording
    assert rows[attended].cells[-1].completed_at is not None
    assert {p for p, row in rows.items() if row.ready} == {attended, by_recording}
    assert rows[registered].not_done == [required.pk] and rows[registered].not_done_modules == []
    assert result.ready_count == 2
    assert is_ready(attended, workshop) and is_ready(by_recording, workshop) and not is_ready(registered, workshop)


def test_modules_still_count_when_a_webcast_is_attended(workshop, group, members_factory, modules, required):
    (person,) = members_factory(1, group=group)
    attend_live(required, person)
    row = workshop_readiness(workshop).rows[0]
    assert not row.ready and row.not_done_modules == [m.pk for m in modules]
    assert [cell.kind for cell in row.cells] == [MODULE, MODULE, WEBCAST]


def test_swedish_labels_of_the_webcast_statuses(workshop, group, members_factory, required):
    from django.utils import translation

    a, b, _c = members_factory(3, group=group)
    attend_live(required, a)
    register(required, b)
    with translation.override("sv"):
        labels = [str(row.cells[-1].status_label) for row in workshop_readiness(workshop).rows]
    assert sorted(labels) == sorted(["Deltog", "Anmäld", "Inte anmäld"])


def test_an_unpublished_webcast_does_not_count(workshop, group, members_factory, modules, required):
    (person,) = members_factory(1, group=group)
    for module in modules:
        complete(person, module)
    assert not workshop_readiness(workshop).rows[0].ready
    required.unpublish()
    assert workshop_readiness(workshop).rows[0].ready


def test_query_count_stays_fixed_with_webcasts(
    workshop, group, members_factory, modules, required, django_assert_num_queries
):
    people = members_factory(40, group=group)
    for person in people[:10]:
        complete(person, modules[0])
        attend_live(required, person)
    for person in people[10:20]:
        register(required, person)
    with django_assert_num_queries(4):  # activities, members, progress, attendance + registrations
        result = workshop_readiness(workshop)
        assert result.total == 40 and len(result.rows[0].cells) == 3


def test_only_webcasts_required(workshop, group, members_factory, modules, required, django_assert_num_queries):
    workshop.required_modules.set([])
    workshop.save()
    a, b = members_factory(2, group=group)
    attend_live(required, a)
    with django_assert_num_queries(3):  # no progress query without modules
        result = workshop_readiness(workshop)
    assert {row.user: row.ready for row in result.rows} == {a: True, b: False}


def test_export_has_webcast_columns(workshop, group, members_factory, modules, required):
    a, b = members_factory(2, group=group)
    attend_recording(required, a)
    header, *rows = list(readiness_rows(workshop))
    assert header[-3:] == [
        "Våga leda digitalt (webbsändning): status",
        "Våga leda digitalt (webbsändning): deltog",
        "Klar",
    ]
    by_email = {row[1]: row for row in rows}
    assert by_email[a.email][-3] == "Deltog (via inspelningen)" and by_email[b.email][-3] == "Inte anmäld"
    assert by_email[a.email][-2] is not None and by_email[b.email][-2] is None


def test_export_query_count_with_webcasts(
    workshop, group, members_factory, modules, required, django_assert_max_num_queries
):
    people = members_factory(35, group=group)
    for person in people[:10]:
        attend_live(required, person)
    with django_assert_max_num_queries(4):
        rows = list(readiness_rows(workshop))
    assert len(rows) == 36


def test_reminder_lists_the_webcast_not_attended(
    workshop, group, members_factory, modules, required, mailoutbox, django_capture_on_commit_callbacks
):
    done_modules, done_all = members_factory(2, group=group)
    for person in (done_modules, done_all):
        for module in modules:
            complete(person, module)
    attend_live(required, done_all)
    with django_capture_on_commit_callbacks(execute=True):
        queued, _skipped = services.remind_not_ready(workshop)
    assert queued == 1
    (mail,) = mailoutbox
    assert mail.to == [done_modules.email]
    assert "Våga leda digitalt" in mail.body and required.url in mail.body
    assert modules[0].title not in mail.body


def test_readiness_page_and_kit_show_the_webcast_column(
    client, workshop, group, members_factory, modules, required, manager, facilitator
):
    a, b = members_factory(2, group=group)
    attend_live(required, a)
    register(required, b)
    client.force_login(manager)
    html = client.get(reverse("workshop_readiness", args=[workshop.pk])).content.decode()
    assert "Våga leda digitalt" in html and "Deltog" in html and "Anmäld" in html and "Webbsändning" in html
    client.force_login(facilitator)
    html = client.get(reverse("facilitator_kit", args=[workshop.pk, group.pk])).content.decode()
    assert "Våga leda digitalt" in html and "Deltog" in html
    seen = readiness_for(facilitator, workshop)
    assert {row.user for row in seen.rows if row.ready} == set()  # modules not completed


def test_admin_form_offers_required_webcasts(client, workshop, required, manager):
    client.force_login(manager)
    response = client.get(reverse("workshops_workshop_modeladmin_edit", args=[workshop.pk]))
    assert response.status_code == 200
    assert 'name="required_webcasts"' in response.content.decode()
