"""reach.figures on hand-made data (tests/reach/conftest.py): organisations, people, anonymity, participation."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import County, OrganisationKind, TargetGroup, User
from accounts.roles import MANAGER
from elearning.models import ModuleProgress
from reach import figures
from reach.figures import MODULES, PROGRAMMES, WEBCASTS, WORKSHOPS, Filters
from reach.models import ReachTarget
from tests.factories import OrganisationFactory, UserFactory
from workshops.models import Membership, Workshop, WorkshopGroup

pytestmark = pytest.mark.django_db


def compute(viewer, **filters):
    return figures.reach(viewer, Filters(**filters), use_cache=False)


def county(result, code):
    return next(row for row in result.counties if row.key == code)


def org(result, organisation):
    return next(row for row in result.organisations if row.pk == organisation.pk)


def group(rows, key):
    return next(row for row in rows if row.key == key)


def test_organisations_per_county_and_kind(world, owner):
    result = compute(owner)
    assert (result.total.organisations, result.total.reached, result.total.percent) == (7, 5, 71)
    y, c = county(result, County.Y), county(result, County.C)
    assert (y.organisations, y.reached, y.percent) == (4, 3, 75)
    assert (c.organisations, c.reached, c.percent) == (3, 2, 67)
    kinds = {row.key: (row.organisations, row.reached) for row in result.kinds}
    assert kinds == {
        OrganisationKind.MUNICIPALITY: (5, 3),
        OrganisationKind.REGION: (1, 1),
        OrganisationKind.COUNTY_BOARD: (1, 1),
    }
    assert (
        y.by_kind[OrganisationKind.MUNICIPALITY].organisations,
        y.by_kind[OrganisationKind.MUNICIPALITY].reached,
    ) == (3, 2)
    assert [cell.reached if cell else None for cell in c.cells] == [1, None, 1]  # kommun, (no region), county board


def test_targets_default_and_changed(world, owner):
    result = compute(owner)
    assert (result.target_share, result.target_leading) == (50, 3000)
    assert result.share_met  # 71 % >= 50 %
    ReachTarget.objects.create(pk=1, organisation_share=80, leading_persons=10)
    result = compute(owner)
    assert not result.share_met
    assert result.leading == 13 and result.leading_met and result.leading_percent == 130


def test_the_list_to_call_next(world, owner):
    result = compute(owner)
    assert [(code, [row.name for row in rows]) for code, rows in result.not_taken_part] == [
        (County.C, ["Enköpings kommun"]),
        (County.Y, ["Kramfors kommun"]),
    ]


def test_people_counts_and_leading_persons(world, owner):
    result = compute(owner)
    assert result.participants == 21  # 6 + 3 + 5 in Y; 6 + 1 in C; the person who left is not counted
    assert result.leading == 13  # 6 managers, 5 elected, 2 senior officials
    assert (county(result, County.Y).participants, county(result, County.C).participants) == (14, 7)
    # Leading persons per county: 11 and 2. The 2 hide, and so does the 11 (else 13 - 11 = 2).
    assert (county(result, County.Y).leading, county(result, County.C).leading) == (None, None)


def test_a_cell_of_three_is_hidden_with_its_complement(world, owner):
    result = compute(owner)
    # Västernorrland: Härnösand 6, Sundsvall 3, the region 5: the 3 hides, and the next smallest with it.
    assert org(result, world.sundsvall).participants is None
    assert org(result, world.region).participants is None
    assert org(result, world.harnosand).participants == 6
    assert org(result, world.kramfors).participants == 0  # nobody: describes no one
    # Uppsala län: Uppsala 6, the county board 1: the 1 hides, and Uppsala with it.
    assert org(result, world.board).participants is None
    assert org(result, world.uppsala).participants is None
    assert org(result, world.board).took_part  # organisations are not people: whether they took part shows


def test_target_groups_are_suppressed(world, owner):
    result = compute(owner)
    leading = {row.key: row.people for row in result.leading_groups}
    # Elected 5, senior 2, managers 6 (of 13): the 2 hides with the 5.
    assert leading == {TargetGroup.ELECTED: None, TargetGroup.SENIOR: None, TargetGroup.MANAGER: 6}
    everyone = {row.key: row.people for row in result.target_groups}
    assert everyone == {
        TargetGroup.ELECTED: None,
        TargetGroup.SENIOR: None,
        TargetGroup.MANAGER: 6,
        TargetGroup.STAFF: 8,
    }


def test_completions_per_month(world, owner):
    result = compute(owner)
    this_month = timezone.localdate().replace(day=1)
    assert len(result.months) == 12 and result.months[-1].month == this_month
    assert (result.months[-1].modules, result.months[-1].certificates) == (7, 0)
    assert all(row.modules == 0 for row in result.months[:-1])


def test_a_small_month_hides_with_its_complement(world, owner):
    last_month = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=15)
    moment = timezone.make_aware(datetime.datetime.combine(last_month, datetime.time(12)))
    ModuleProgress.objects.filter(user__organisation=world.board).update(completed_at=moment)
    result = compute(owner)
    assert (result.months[-2].modules, result.months[-1].modules) == (None, None)  # 1 and 6


@pytest.mark.parametrize(
    ("activity", "reached", "participants"),
    [
        # e-modules (elearning's rule: a started or completed module): Härnösand, the county board.
        # 7 people, 6 of them leading persons (shown): the 7 would tell that one other person took part.
        (MODULES, {"harnosand", "board"}, None),
        # workshops: a membership of a workshop that has started (Enköping's is still ahead).
        (WORKSHOPS, {"sundsvall"}, None),  # 3 people: under k
        # programmes: a booked place (Enköping's cancelled booking does not count).
        (PROGRAMMES, {"uppsala"}, None),  # 2 people
        # webcasts: a registration that is not cancelled, or an attendance that counts.
        # 9 people, 5 of them leading persons (shown): the 9 would tell that 4 others took part.
        (WEBCASTS, {"region", "uppsala"}, None),
    ],
)
def test_each_domain_counts_by_its_own_rule(world, owner, activity, reached, participants):
    result = compute(owner, activity=activity)
    expected = {getattr(world, name).pk for name in reached}
    assert {row.pk for row in result.organisations if row.took_part} == expected
    assert result.participants == participants


def test_period_and_place_filters(world, owner):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    result = compute(owner, until=yesterday)
    # Only the workshop (two days ago) and the webcast registrations (three days ago) fall before today.
    assert {row.pk for row in result.organisations if row.took_part} == {world.sundsvall.pk, world.region.pk}
    result = compute(owner, since=timezone.localdate() + datetime.timedelta(days=1))
    assert {row.pk for row in result.organisations if row.took_part} == {world.uppsala.pk}  # the cohort ahead
    result = compute(owner, county=County.C, kind=OrganisationKind.MUNICIPALITY)
    assert [row.name for row in result.organisations] == ["Enköpings kommun", "Uppsala kommun"]
    assert (result.total.organisations, result.total.reached, result.participants) == (2, 1, 6)


def test_a_manager_sees_only_their_own_organisation(world):
    manager = UserFactory(organisation=world.harnosand, roles=[MANAGER])
    result = compute(manager)
    assert [row.name for row in result.organisations] == ["Härnösands kommun"]
    assert result.participants == 6


def test_learners_get_nothing(world):
    learner = User.objects.filter(organisation=world.harnosand).first()
    assert figures.reach(learner) is None


def build(orgs, people_per_org):
    """`orgs` organisations in three counties and three kinds, each with people doing modules and workshops."""
    from tests.builders import make_module  # noqa: F401  (a module is made by the fixture)

    kinds = [OrganisationKind.MUNICIPALITY, OrganisationKind.REGION, OrganisationKind.AGENCY]
    counties = [County.Y, County.C, County.AB]
    organisations = [
        OrganisationFactory(name=f"Skalkommun {orgs}-{n}", kind=kinds[n % 3], county=counties[n % 3])
        for n in range(orgs)
    ]
    groups = [TargetGroup.MANAGER, TargetGroup.STAFF, TargetGroup.ELECTED, TargetGroup.SENIOR]
    users = User.objects.bulk_create(
        [
            User(email=f"s{orgs}-{n}-{m}@x.se", organisation=o, target_group=groups[m % 4])
            for n, o in enumerate(organisations)
            for m in range(people_per_org)
        ]
    )
    return organisations, users


def test_query_count_does_not_grow_with_people(world, owner, module_factory):
    module = module_factory(slug="skalmodul")

    def count(orgs, people_per_org):
        organisations, users = build(orgs, people_per_org)
        ModuleProgress.objects.bulk_create(
            [ModuleProgress(user=u, module=module, completed_at=timezone.now()) for u in users[::2]]
        )
        workshop = Workshop.objects.create(
            title="Skal", organisation=organisations[0], starts_at=timezone.now() - datetime.timedelta(days=1)
        )
        grp = WorkshopGroup.objects.create(workshop=workshop, name="A")
        Membership.objects.bulk_create([Membership(workshop=workshop, group=grp, user=u) for u in users[1::3]])
        owner._role_codes_cache = None
        owner.__dict__.pop("_role_codes_cache", None)
        with CaptureQueriesContext(connection) as ctx:
            compute(owner)
        return len(ctx.captured_queries)

    small = count(30, 20)
    large = count(60, 40)
    assert small == large
    assert large <= 8
