import re

from django.urls import reverse

from tests.factories import UserFactory
from workshops.models import Membership, Reminder
from workshops.readiness import is_ready, readiness_for, workshop_readiness
from workshops.services import remind_not_ready

from .conftest import complete


def test_matrix_and_share(workshop, group, other_group, members_factory, modules):
    a, b = members_factory(2, group=group)
    (c,) = members_factory(1, group=other_group)
    for module in modules:
        complete(a, module)
    complete(b, modules[0])
    result = workshop_readiness(workshop)
    assert result.total == 3 and result.ready_count == 1 and result.ready_percent == 33
    row_a = next(r for r in result.rows if r.user == a)
    assert row_a.ready and [c.status for c in row_a.cells] == ["completed", "completed"]
    row_b = next(r for r in result.rows if r.user == b)
    assert not row_b.ready and row_b.not_done_modules == [modules[1].pk]
    assert is_ready(a, workshop) and not is_ready(c, workshop)
    groups = {item["group"].name: (item["ready"], item["total"]) for item in result.by_group()}
    assert groups == {"Bord 1": (1, 2), "Bord 2": (0, 1)}
    assert workshop_readiness(workshop, group=other_group).total == 1


def test_readiness_query_count_is_constant(workshop, group, members_factory, modules, django_assert_num_queries):
    people = members_factory(40, group=group)
    for person in people[:10]:
        complete(person, modules[0])
    with django_assert_num_queries(3):
        result = workshop_readiness(workshop)
        assert result.total == 40


# --- who counts, and who sees scores ---------------------------------------------------------


def test_people_who_left_drop_out_of_readiness_and_reminders(
    workshop, group, members_factory, modules, manager, django_capture_on_commit_callbacks
):
    stays, leaves = members_factory(2, group=group)
    complete(leaves, modules[0])
    leaves.is_active = False  # marked as having left
    leaves.save(update_fields=["is_active"])
    result = workshop_readiness(workshop)
    assert [row.user for row in result.rows] == [stays]
    assert result.total == 1 and result.ready_count == 0
    assert [row.user for row in readiness_for(manager, workshop).rows] == [stays]
    with django_capture_on_commit_callbacks(execute=True):
        queued, _skipped = remind_not_ready(workshop, actor=manager)
    assert queued == 1 and not Reminder.objects.filter(user=leaves).exists()


def test_a_member_of_another_organisation_does_not_count(workshop, group, members_factory, other_organisation):
    (mine,) = members_factory(1, group=group)
    stranger = UserFactory(organisation=other_organisation)
    Membership.objects.create(workshop=workshop, group=group, user=stranger)  # bypassing services.add_member
    assert [row.user for row in workshop_readiness(workshop).rows] == [mine]


def test_facilitator_sees_who_is_ready_in_their_groups_but_no_scores(
    workshop, group, other_group, members_factory, modules, facilitator, manager
):
    a, b = members_factory(2, group=group)
    (c,) = members_factory(1, group=other_group)
    for person in (a, c):
        for module in modules:
            complete(person, module)
    seen = readiness_for(facilitator, workshop)
    assert {row.user for row in seen.rows} == {a, b}  # Bord 1 only
    row_a = next(row for row in seen.rows if row.user == a)
    assert row_a.ready and [cell.status for cell in row_a.cells] == ["completed", "completed"]
    assert all(cell.completed_at is not None for cell in row_a.cells)
    assert all(cell.score is None for row in seen.rows for cell in row.cells)
    assert not seen.scores

    managed = readiness_for(manager, workshop)
    assert {row.user for row in managed.rows} == {a, b, c} and managed.scores
    assert next(row for row in managed.rows if row.user == a).cells[0].score == 100
    # The internal rule (reminders, panels) carries no scores unless asked; the export asks.
    assert all(cell.score is None for row in workshop_readiness(workshop).rows for cell in row.cells)
    assert next(r for r in workshop_readiness(workshop, scores=True).rows if r.user == a).cells[0].score == 100


def test_readiness_for_runs_a_constant_number_of_queries(
    workshop, group, members_factory, modules, facilitator, django_assert_max_num_queries
):
    people = members_factory(40, group=group)
    for person in people[:10]:
        complete(person, modules[0])
    facilitator = type(facilitator).objects.get(pk=facilitator.pk)  # a fresh user: its role cache costs one query
    with django_assert_max_num_queries(4):
        assert readiness_for(facilitator, workshop).total == 40


SCORE = re.compile(r"\d{1,2}/\d{1,2}, \d+ %")  # the status cell: "12/3, 100 %"


def _pages(client, user, workshop, group):
    client.force_login(user)
    readiness = client.get(reverse("workshop_readiness", args=[workshop.pk]))
    kit = client.get(reverse("facilitator_kit", args=[workshop.pk, group.pk]))
    assert readiness.status_code == kit.status_code == 200
    return readiness, kit


def test_facilitator_pages_show_no_scores(client, workshop, group, members_factory, modules, facilitator):
    people = members_factory(3, group=group)
    for person in people:
        complete(person, modules[0])
    readiness, kit = _pages(client, facilitator, workshop, group)
    for response in (readiness, kit):
        assert all(cell.score is None for row in response.context["readiness"].rows for cell in row.cells)
        html = response.content.decode()
        assert people[0].get_full_name() in html and "Genomförd" in html  # who is ready, and what is done
        assert not SCORE.search(html)


def test_manager_pages_show_scores(client, workshop, group, members_factory, modules, manager):
    """Needs workshops/views.py to pass the viewer (readiness_for, facilitator_kit(..., viewer=...))."""
    people = members_factory(3, group=group)
    for person in people:
        complete(person, modules[0])
    readiness, kit = _pages(client, manager, workshop, group)
    for response in (readiness, kit):
        assert {cell.score for row in response.context["readiness"].rows for cell in row.cells[:1]} == {100}
        assert SCORE.search(response.content.decode())
