"""Plan progress from real rows: completed modules, attended webcasts, members of a held workshop."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Selection
from elearning.models import ModuleProgress
from rollout import progress
from rollout.progress import BEHIND, DONE, ON_TRACK, UNMEASURED, phase_people, plan_progress, status_for
from tests.factories import UserFactory
from webcasts.models import Attendance
from workshops.models import Membership, Workshop, WorkshopGroup

pytestmark = pytest.mark.django_db
NOW = timezone.now()


def completed(users, module):
    ModuleProgress.objects.bulk_create(ModuleProgress(user=u, module=module, completed_at=NOW) for u in users)


def attended(users, webcast, counted=True):
    Attendance.objects.bulk_create(
        Attendance(webcast=webcast, user=u, live_seconds=3600 if counted else 60, attended_at=NOW if counted else None)
        for u in users
    )


def members(users, workshop):
    group, _ = WorkshopGroup.objects.get_or_create(workshop=workshop, name="Bord 1")
    Membership.objects.bulk_create(Membership(workshop=workshop, group=group, user=u) for u in users)


@pytest.fixture
def scenario(make_phase, modules, webcast_factory, held_workshop, social, school, people_factory):
    """Socialförvaltningen: 10 staff, one of whom has left; the school's people are outside the phase."""
    m1, m2 = modules
    webcast = webcast_factory(starts_in=-datetime.timedelta(days=3), title="Avsnitt AI")
    upcoming = Workshop.objects.create(
        title="Senare workshop", organisation=social.organisation, starts_at=NOW + datetime.timedelta(days=9)
    )
    p = people_factory(10, social)
    outsiders = people_factory(3, school)
    p[9].is_active = False
    p[9].save(update_fields=["is_active"])
    completed(p[0:6] + [p[9]] + outsiders, m1)  # 6 counted
    completed(p[0:4] + outsiders, m2)  # 4 counted
    attended(p[0:4] + [p[9]], webcast)  # 4 counted
    attended([p[4], p[5]], webcast, counted=False)  # watched too little: not attended
    members(p[0:5] + outsiders, held_workshop)  # 5 counted
    members(p[0:8], upcoming)  # not held yet: counts for nobody
    phase = make_phase(
        "Medarbetare soc",
        modules=[m1, m2],
        webcasts=[webcast],
        workshops=[held_workshop],
        departments=[social],
        target_groups=["medarbetare"],
    )
    late = make_phase("Senare", workshops=[upcoming], departments=[social])
    return phase, late, (m1, m2, webcast, held_workshop, upcoming)


def test_progress_counts_each_activity_by_its_own_rule(scenario):
    phase, _late, (m1, m2, webcast, held, _upcoming) = scenario
    first, second = plan_progress(phase.plan)
    assert first.phase == phase and first.people == 9
    done = {(a.kind, a.activity.pk): a.done for a in first.activities}
    assert done == {("module", m1.pk): 6, ("module", m2.pk): 4, ("webcast", webcast.pk): 4, ("workshop", held.pk): 5}
    assert first.completed == 4  # p0..p3 did all four
    assert first.percent == 44  # 4 of 9, rounded down
    assert second.people == 9 and second.completed == 0 and second.activities[0].done == 0


def test_people_of_a_phase_by_department_target_group_or_selection(plan, make_phase, social, school, people_factory):
    staff = people_factory(4, social)
    chiefs = people_factory(2, school, target_group="chef")
    people_factory(3, school)
    by_group = make_phase("Chefer", target_groups=["chef"])
    assert set(phase_people(by_group)) >= set(chiefs)
    assert all(p.target_group == "chef" for p in phase_people(by_group))
    by_department = make_phase("Soc", departments=[social])
    assert set(phase_people(by_department)) == set(staff)
    selection = Selection.objects.create(organisation=plan.organisation, name="Skolans chefer", target_groups=["chef"])
    selection.departments.set([school])
    selected = make_phase("Urval", selection=selection, departments=[])
    assert set(phase_people(selected)) == set(chiefs)


def test_no_activities_or_no_people_is_not_measured(make_phase, modules, social):
    empty = make_phase("Tom", departments=[social])
    assert progress.phase_progress(empty).status == UNMEASURED
    nobody = make_phase("Ingen", modules=modules, target_groups=["fortroendevald"], departments=[social])
    result = progress.phase_progress(nobody)
    assert result.people == 0 and result.percent == 0 and result.status == UNMEASURED


@pytest.mark.parametrize(
    "starts, ends, completed, expected",
    [
        (-10, 10, 1, ON_TRACK),  # halfway exactly, few done: still on track
        (-12, 8, 4, BEHIND),  # past half the time, 40 % done
        (-12, 8, 5, ON_TRACK),  # past half the time, half done
        (-20, -1, 9, BEHIND),  # ended, not everyone
        (-20, -1, 10, DONE),
        (5, 30, 0, ON_TRACK),  # not begun
        (None, None, 0, ON_TRACK),  # no dates: never behind
    ],
)
def test_status_rule(plan, starts, ends, completed, expected):
    today = datetime.date(2027, 3, 15)
    day = datetime.timedelta(days=1)
    phase = plan.phases.model(
        plan=plan,
        position=1,
        name="x",
        starts_on=today + starts * day if starts is not None else None,
        ends_on=today + ends * day if ends is not None else None,
    )
    assert status_for(phase, 10, completed, True, today) == expected


def _three_phases(make_phase, modules, webcast, workshop, department):
    for n in range(3):
        make_phase(f"Fas {n}", modules=modules, webcasts=[webcast], workshops=[workshop], departments=[department])


def _grow(social, modules, webcast, workshop, count):
    people = UserFactory.create_batch(count, organisation=social.organisation, department=social)
    completed(people[::2], modules[0])
    attended(people[::3], webcast)
    members(people[::4], workshop)
    return people


def test_query_count_does_not_grow_with_people(plan, make_phase, modules, webcast_factory, held_workshop, social):
    webcast = webcast_factory(starts_in=-datetime.timedelta(days=1))
    _three_phases(make_phase, modules, webcast, held_workshop, social)
    _grow(social, modules, webcast, held_workshop, 10)
    with CaptureQueriesContext(connection) as small:
        plan_progress(plan)
    _grow(social, modules, webcast, held_workshop, 190)
    with CaptureQueriesContext(connection) as large:
        result = plan_progress(plan)
    assert len(large) == len(small) <= 30
    assert [item.people for item in result] == [200, 200, 200]


def test_plan_page_query_bound(
    client, django_assert_max_num_queries, manager, plan, make_phase, modules, webcast_factory, held_workshop, social
):
    webcast = webcast_factory(starts_in=-datetime.timedelta(days=1))
    _three_phases(make_phase, modules, webcast, held_workshop, social)
    _grow(social, modules, webcast, held_workshop, 200)
    client.force_login(manager)
    with django_assert_max_num_queries(45):
        response = client.get(reverse("rollout_plan", args=[plan.pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "100 av 200 (50 %)" in text, text[text.find("<main") :][:6000]  # every other person did module A
