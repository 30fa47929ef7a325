"""Workshop reports: the readiness rows and the completion summary (breakdowns, anonymity, scope)."""

import datetime

import pytest
from django.http import Http404
from django.utils import translation

from core.anonymity import share
from elearning import services as learning
from tests.factories import DepartmentFactory, UserFactory
from workshops.models import Membership, Workshop, WorkshopGroup
from workshops.readiness import workshop_readiness
from workshops.reports import Figures, completion_rows, completion_summary, readiness_rows, suppress_rows

from .conftest import complete


def start(user, module):
    learning.record_visit(user, module, module.structure.steps[0])


# --- readiness rows -------------------------------------------------------------------------


def test_readiness_rows_header_and_cells(workshop, group, other_group, members_factory, modules):
    done, halfway = members_factory(2, group=group, target_group="chef")
    (idle,) = members_factory(1, group=other_group, target_group="medarbetare")
    for module in modules:
        complete(done, module)
    start(halfway, modules[0])
    with translation.override("en"):
        header, *rows = list(readiness_rows(workshop))
    assert header[:5] == ["Name", "E-mail", "Department", "Target group", "Group"]
    assert header[-1] == "Ready"
    assert len(header) == 5 + 3 * len(modules) + 1
    assert modules[0].title in header[5] and modules[1].title in header[8]
    by_email = {row[1]: row for row in rows}
    assert set(by_email) == {done.email, halfway.email, idle.email}

    row = by_email[done.email]
    assert row[0] == done.get_full_name()
    assert row[2] == done.department.name
    with translation.override("en"):
        assert row[3] == done.get_target_group_display()
    assert row[4] == "Bord 1"
    assert isinstance(row[6], datetime.datetime)  # completed: a real date for the spreadsheet
    assert row[7] is not None  # score
    assert row[-1] == "Yes" and by_email[idle.email][-1] == "No"

    half = by_email[halfway.email]
    assert half[6] is None and half[9] is None
    assert by_email[idle.email][4] == "Bord 2"


def test_readiness_rows_say_yes_only_when_every_module_is_done(workshop, group, members_factory, modules):
    from django.utils.translation import gettext as _

    done, partly = members_factory(2, group=group)
    for module in modules:
        complete(done, module)
    complete(partly, modules[0])
    _header, *rows = list(readiness_rows(workshop))
    ready = {row[1]: row[-1] for row in rows}
    assert ready == {done.email: _("Yes"), partly.email: _("No")}


def test_readiness_rows_refuse_a_viewer_outside_the_scope(workshop, other_manager, manager, administrator):
    with pytest.raises(Http404):
        list(readiness_rows(workshop, viewer=other_manager))
    assert len(list(readiness_rows(workshop, viewer=manager))) == 1  # header only
    assert len(list(readiness_rows(workshop, viewer=administrator))) == 1


def test_readiness_rows_run_a_constant_number_of_queries(
    workshop, group, other_group, members_factory, modules, django_assert_max_num_queries
):
    people = members_factory(30, group=group) + members_factory(30, group=other_group)
    for person in people[:8]:
        complete(person, modules[0])
    with django_assert_max_num_queries(3):
        rows = list(readiness_rows(workshop))
    assert len(rows) == 61


# --- suppression of rows (the rule itself is tested in tests/core/test_anonymity.py) ----------


def _rows(*sizes):
    return [Figures(key=n, label=f"Row {n}", people=size, started=size, completed=size) for n, size in enumerate(sizes)]


@pytest.mark.parametrize(
    ("sizes", "total", "hidden"),
    [
        ((10, 8, 7), None, []),
        ((10, 8, 3), None, [1, 2]),  # one under k: the next smallest goes with it
        ((2, 2, 10, 12), None, [0, 1, 2]),  # two hidden but 4 people together: one more
        ((10, 8), 20, [1]),  # 2 people in no row: the smallest row hides with them
        ((4,), None, [0]),
    ],
)
def test_suppress_rows_removes_every_figure_of_a_hidden_row(sizes, total, hidden):
    rows = suppress_rows(_rows(*sizes), total=total, k=5)
    assert [row.key for row in rows if row.hidden] == hidden
    for row in rows:
        if row.hidden:
            assert row.people is None and row.started is None and row.completed is None and row.percent is None
        else:
            assert row.people == sizes[row.key] and row.percent == 100


# --- completion summary ---------------------------------------------------------------------


@pytest.fixture
def town(organisation, manager, modules):
    """Härnösand: Soc 8 managers, Utb 6 staff, Kult 3 senior officials, and the manager (own department).

    Module A: five in Soc completed, two started; two in Utb completed.
    """
    soc = DepartmentFactory(organisation=organisation, name="Socialförvaltningen")
    utb = DepartmentFactory(organisation=organisation, name="Utbildningsförvaltningen")
    kult = DepartmentFactory(organisation=organisation, name="Kulturförvaltningen")

    def people(n, department, target_group):
        return [
            UserFactory(organisation=organisation, department=department, target_group=target_group) for _ in range(n)
        ]

    data = {
        "soc": people(8, soc, "chef"),
        "utb": people(6, utb, "medarbetare"),
        "kult": people(3, kult, "ledande"),
        "departments": {"soc": soc, "utb": utb, "kult": kult},
    }
    for person in data["soc"][:5]:
        complete(person, modules[0])
    for person in data["soc"][5:7]:
        start(person, modules[0])
    for person in data["utb"][:2]:
        complete(person, modules[0])
    return data


def _module(summary, module):
    return next(item for item in summary.modules if item.module.pk == module.pk)


def _breakdown(item, key):
    return {row.label: row for row in next(b for b in item.breakdowns if b.key == key).rows}


def test_completion_by_department_and_target_group(town, manager, modules):
    summary = completion_summary(manager)
    assert summary.people == 18
    assert [item.module.pk for item in summary.modules] == [m.pk for m in modules]
    item = _module(summary, modules[0])
    assert (item.total.people, item.total.started, item.total.completed) == (18, 9, 7)
    assert item.total.percent == share(7, 18)

    departments = _breakdown(item, "department")
    soc = departments["Socialförvaltningen"]
    assert (soc.people, soc.started, soc.completed, soc.percent) == (8, 7, 5, share(5, 8))
    # Kult (3) and the manager's own department (1) are under k; together only 4, so Utb hides as well.
    assert departments["Kulturförvaltningen"].hidden
    assert departments[manager.department.name].hidden
    assert departments["Utbildningsförvaltningen"].hidden
    assert departments["Utbildningsförvaltningen"].completed is None

    target_groups = _breakdown(item, "target_group")
    chef = next(row for row in target_groups.values() if row.key == "chef")
    assert (chef.people, chef.started, chef.completed) == (9, 7, 5)
    # Exactly one group under k (senior officials, 3): the next smallest (staff, 6) is hidden too.
    hidden = [row for row in target_groups.values() if row.hidden]
    assert len(hidden) == 2
    assert not chef.hidden


def _rows_of(item, key):
    return {row.key: row for row in next(b for b in item.breakdowns if b.key == key).rows}


def assert_no_hidden_row_can_be_worked_out(summary, k=5):
    """Attack every table as a reader would: its total minus the rows it shows.

    Department, target group and workshop rows each split the selection; a workshop's groups split
    the workshop. What is left after subtracting the visible rows covers nobody or at least k.
    """
    for item in summary.modules:
        total = item.total.people
        if total is None:
            assert all(row.hidden for b in item.breakdowns for row in b.rows)
            continue
        for key in ("department", "target_group", "workshop"):
            rows = _rows_of(item, key).values()
            if not rows:
                continue
            left = total - sum(row.people for row in rows if not row.hidden)
            assert left == 0 or left >= k, (item.module, key, left)
            for figure in ("started", "completed"):
                shown = sum(getattr(row, figure) for row in rows if not row.hidden)
                assert getattr(item.total, figure) >= shown
        workshops = _rows_of(item, "workshop")
        groups = _rows_of(item, "group").values()
        for workshop_id, workshop_row in workshops.items():
            if workshop_id == "" or workshop_row.hidden:
                continue
            mine = [row for row in groups if WorkshopGroup.objects.get(pk=row.key).workshop_id == workshop_id]
            left = workshop_row.people - sum(row.people for row in mine if not row.hidden)
            assert left == 0 or left >= k, (item.module, workshop_id, left)


def test_completion_by_workshop_and_group(town, manager, modules, workshop, group, other_group, facilitator):
    for person in town["soc"][:6]:
        Membership.objects.create(workshop=workshop, group=group, user=person)
    for person in town["utb"]:
        Membership.objects.create(workshop=workshop, group=other_group, user=person)

    with translation.override("en"):
        summary = completion_summary(manager)
    item = _module(summary, modules[0])
    workshops = _rows_of(item, "workshop")
    first = workshops[workshop.pk]
    assert (first.people, first.started, first.completed) == (12, 8, 7)
    # Everyone else of the selection has a row of their own: soc 6-7, kult, the manager and the facilitator.
    outside = workshops[""]
    assert (outside.label, outside.people, outside.started, outside.completed) == ("Not in a workshop", 7, 1, 0)
    groups = _rows_of(item, "group")
    assert (groups[group.pk].people, groups[group.pk].started, groups[group.pk].completed) == (6, 6, 5)
    assert (groups[other_group.pk].people, groups[other_group.pk].completed) == (6, 2)
    assert_no_hidden_row_can_be_worked_out(summary)


def test_a_small_group_hides_with_its_sibling_not_only_itself(town, manager, modules, workshop, group, other_group):
    """Bord 2 has 3 people. Before, Bord 1 stayed visible next to the workshop: 9 - 6 gave Bord 2 away."""
    for person in town["soc"][:6]:
        Membership.objects.create(workshop=workshop, group=group, user=person)
    for person in town["utb"][:3]:
        Membership.objects.create(workshop=workshop, group=other_group, user=person)
    summary = completion_summary(manager)
    item = _module(summary, modules[0])
    assert not _rows_of(item, "workshop")[workshop.pk].hidden
    groups = _rows_of(item, "group")
    assert groups[other_group.pk].hidden and groups[group.pk].hidden
    assert_no_hidden_row_can_be_worked_out(summary)


def test_few_people_outside_the_workshops_cannot_be_worked_out(town, manager, modules, workshop, group, other_group):
    """Sixteen of eighteen attend: the two others would be the total minus the workshop."""
    for person in town["soc"]:
        Membership.objects.create(workshop=workshop, group=group, user=person)
    for person in town["utb"] + town["kult"][:2]:
        Membership.objects.create(workshop=workshop, group=other_group, user=person)
    summary = completion_summary(manager)
    item = _module(summary, modules[0])
    workshops = _rows_of(item, "workshop")
    assert workshops[""].hidden and workshops[""].people is None
    assert workshops[workshop.pk].hidden  # the complement: else 18 - 16 = 2
    assert all(row.hidden for row in _rows_of(item, "group").values())  # they add up to the workshop
    assert_no_hidden_row_can_be_worked_out(summary)


def test_workshops_that_share_people_hide_together(town, manager, modules, workshop, group, other_group):
    """A follow-up day with four people of the first: 18 - 8 (outside) - 9 - 5 = -4 gave those four away."""
    for person in town["soc"][:6]:
        Membership.objects.create(workshop=workshop, group=group, user=person)
    for person in town["utb"][:3]:
        Membership.objects.create(workshop=workshop, group=other_group, user=person)
    second = Workshop.objects.create(
        title="Uppföljning", organisation=workshop.organisation, starts_at=workshop.starts_at + datetime.timedelta(30)
    )
    table = WorkshopGroup.objects.create(workshop=second, name="Bord A")
    for person in town["soc"][2:7]:
        Membership.objects.create(workshop=second, group=table, user=person)

    summary = completion_summary(manager)
    item = _module(summary, modules[0])
    workshops = _rows_of(item, "workshop")
    assert workshops[workshop.pk].hidden and workshops[second.pk].hidden
    assert all(row.hidden for row in _rows_of(item, "group").values())
    outside = workshops[""]
    assert (outside.people, outside.started) == (9, 0)  # 19 - 9 = 10: the two workshops together
    assert_no_hidden_row_can_be_worked_out(summary)
    # Each workshop on its own is a clean table again, with its groups.
    by_second = completion_summary(manager, workshop=second, module=modules[0])
    assert by_second.people == 5
    assert not _rows_of(_module(by_second, modules[0]), "group")[table.pk].hidden


def test_people_who_left_do_not_count_and_readiness_counts_the_same(
    town, manager, modules, workshop, group, other_group
):
    for person in town["soc"][:6]:
        Membership.objects.create(workshop=workshop, group=group, user=person)
    for person in town["utb"]:
        Membership.objects.create(workshop=workshop, group=other_group, user=person)
    gone = town["soc"][0]  # completed module A, then left
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    everyone = completion_summary(manager)
    assert everyone.people == 18  # 19 with the facilitator, less the one who left
    assert _module(everyone, modules[0]).total.completed == 6
    by_workshop = completion_summary(manager, workshop=workshop)
    readiness = workshop_readiness(workshop)
    assert by_workshop.people == readiness.total == 11
    assert gone.pk not in {row.user.pk for row in readiness.rows}
    item = _module(everyone, modules[0])
    assert _rows_of(item, "workshop")[workshop.pk].people == 11
    assert _rows_of(item, "group")[group.pk].people == 5


def test_filters_narrow_the_people(town, manager, modules, workshop, group, other_group):
    for person in town["soc"][:6]:
        Membership.objects.create(workshop=workshop, group=group, user=person)
    for person in town["utb"][:3]:
        Membership.objects.create(workshop=workshop, group=other_group, user=person)

    by_workshop = completion_summary(manager, workshop=workshop)
    assert by_workshop.people == 9
    # A workshop's report covers its required modules.
    assert [item.module.pk for item in by_workshop.modules] == sorted(
        [m.pk for m in modules], key=lambda pk: [m.pk for m in modules].index(pk)
    )
    assert _module(by_workshop, modules[0]).total.completed == 7

    by_group = completion_summary(manager, group=group, module=modules[0])
    assert by_group.people == 6 and len(by_group.modules) == 1
    assert by_group.modules[0].total.completed == 5

    small = completion_summary(manager, group=other_group)
    assert small.people is None  # 3 people: no figures at all
    assert all(item.total.hidden for item in small.modules)

    assert completion_summary(manager, department=town["departments"]["soc"]).people == 8
    assert completion_summary(manager, target_group="medarbetare").people == 6
    tiny = completion_summary(manager, department=town["departments"]["kult"])
    assert tiny.people is None
    assert all(row.hidden for item in tiny.modules for b in item.breakdowns for row in b.rows)


def test_scope_manager_other_manager_administrator_and_others(
    town, manager, other_manager, administrator, learner, facilitator, editor, modules, other_organisation
):
    # Five people in Sundsvall, so that its manager sees figures of their own.
    for _ in range(5):
        UserFactory(organisation=other_organisation, target_group="chef")
    mine = completion_summary(manager)
    theirs = completion_summary(other_manager)
    assert theirs.people == 6
    labels = {row.label for item in theirs.modules for b in item.breakdowns for row in b.rows}
    assert "Socialförvaltningen" not in labels
    assert _module(theirs, modules[0]).total.started == 0

    # A manager filtering on another organisation gets nothing (no one: 0 describes nobody).
    for nothing in (
        completion_summary(manager, organisation=other_organisation),
        completion_summary(manager, department=other_manager.department),
    ):
        assert nothing.people == 0
        assert all(item.total.started == 0 and not b.rows for item in nothing.modules for b in item.breakdowns)

    everyone = completion_summary(administrator)
    # The administrator sees every organisation: Härnösand (18 + learner + facilitator) and Sundsvall (6).
    assert everyone.people == mine.people + theirs.people
    assert completion_summary(administrator, organisation=other_organisation).people == 6

    for nobody in (learner, facilitator, editor):
        summary = completion_summary(nobody)
        assert not summary.allowed and summary.modules == []


def test_completion_rows_carry_no_hidden_figures(town, manager, modules):
    summary = completion_summary(manager, module=modules[0])
    header, *rows = list(completion_rows(summary))
    assert len(header) == 8
    assert rows[0][3:6] == [18, 9, 7]
    hidden = [row for row in rows if row[-1]]
    assert hidden, "some rows are under k"
    for row in hidden:
        assert row[3:7] == [None, None, None, None]


def test_completion_summary_runs_a_constant_number_of_queries(
    manager, workshop, group, other_group, members_factory, modules, django_assert_max_num_queries
):
    people = members_factory(30, group=group) + members_factory(30, group=other_group, target_group="medarbetare")
    for person in people[::6]:
        complete(person, modules[0])
    for person in people[1::6]:
        start(person, modules[1])
    manager = type(manager).objects.get(pk=manager.pk)  # a fresh user: its role cache costs one query
    with django_assert_max_num_queries(11):
        summary = completion_summary(manager)
        rows = list(completion_rows(summary))
    assert summary.people == 62  # 60 members, the manager and the facilitator
    assert len(rows) > 10
    with django_assert_max_num_queries(12):
        completion_summary(manager, workshop=workshop.pk, group=group.pk, module=modules[0].pk)
