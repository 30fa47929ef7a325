"""Findings of the independent review of issue 17 (reach): figures that let a group under k be worked out."""

import pytest
from django.utils import timezone

from accounts.models import County, OrganisationKind, TargetGroup
from accounts.roles import PROGRAMME_OWNER
from elearning.models import ModuleProgress
from reach import figures
from reach.figures import Filters
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _took_module(module, organisation, group, count):
    for _n in range(count):
        person = UserFactory(organisation=organisation, target_group=group)
        ModuleProgress.objects.create(user=person, module=module, completed_at=timezone.now())


def _owner():
    return UserFactory(roles=[PROGRAMME_OWNER], organisation=None)


def _remainders_safe(result, k):
    """Participants minus leading persons, wherever both are shown, is 0 or at least k."""
    pairs = [(result.participants, result.leading)] + [(row.participants, row.leading) for row in result.counties]
    for people, leading in pairs:
        if people is not None and leading is not None:
            assert not 0 < people - leading < k, (people, leading)


def test_people_minus_leading_persons_never_shows_a_group_under_k(roles, module):
    """5 elected officials and 2 staff: showing 7 participants and 5 leading persons tells that 2 staff took part."""
    region = OrganisationFactory(kind=OrganisationKind.REGION, county=County.Y)
    _took_module(module, region, TargetGroup.ELECTED, 5)
    _took_module(module, region, TargetGroup.STAFF, 2)
    result = figures.reach(_owner(), Filters(), use_cache=False)
    _remainders_safe(result, result.k)
    # The leading persons (the target's figure) stay; no figure about all participants can give the 2 away.
    assert (result.leading, result.participants) == (5, None)
    assert all(row.participants is None for row in result.counties + result.organisations)
    assert all(row.people is None for row in result.target_groups)


def test_a_county_row_never_shows_a_remainder_under_k(roles, module):
    """Y: 5 elected + 2 staff; C: 5 managers + 5 staff. The totals are safe (17, 10), county Y is not (7, 5)."""
    _took_module(module, OrganisationFactory(kind=OrganisationKind.REGION, county=County.Y), TargetGroup.ELECTED, 5)
    _took_module(module, OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, county=County.Y), TargetGroup.STAFF, 2)
    uppsala = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, county=County.C)
    _took_module(module, uppsala, TargetGroup.MANAGER, 5)
    _took_module(module, uppsala, TargetGroup.STAFF, 5)
    result = figures.reach(_owner(), Filters(), use_cache=False)
    assert (result.participants, result.leading) == (17, 10)
    _remainders_safe(result, result.k)
    # The leading column must not be worked out either: total minus the visible cells.
    shown = [row.leading for row in result.counties if row.leading is not None]
    hidden = [row for row in result.counties if row.leading is None]
    assert not (
        len(hidden) == 1
        and hidden[0].participants is not None
        and 0 < hidden[0].participants - (10 - sum(shown)) < result.k
    )
