"""Rollout fixtures: a plan of Härnösand with departments, people, and a builder for phases."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import PROGRAMME_OWNER
from rollout.models import RolloutPlan
from tests.conftest import _verified
from tests.factories import DepartmentFactory, UserFactory
from tests.webcasts.conftest import series, webcast_factory, webcast_index  # noqa: F401  (shared fixtures)
from workshops.models import Workshop


@pytest.fixture
def programme_owner(roles, other_organisation):
    return _verified(UserFactory(email="owner@sundsvall.se", organisation=other_organisation, roles=[PROGRAMME_OWNER]))


@pytest.fixture
def social(organisation):
    return DepartmentFactory(organisation=organisation, name="Socialförvaltningen")


@pytest.fixture
def school(organisation):
    return DepartmentFactory(organisation=organisation, name="Barn- och utbildningsförvaltningen")


@pytest.fixture
def plan(organisation, manager):
    return RolloutPlan.objects.create(organisation=organisation, title="Digitalt lyft 2027", created_by=manager)


@pytest.fixture
def make_phase(plan):
    """make_phase(name, modules=[], workshops=[], webcasts=[], departments=[], **fields) -> the next phase."""

    def make(name="Fas", modules=(), workshops=(), webcasts=(), departments=(), **fields):
        position = plan.phases.count() + 1
        phase = plan.phases.create(name=name, position=position, **fields)
        phase.modules.set(modules)
        phase.workshops.set(workshops)
        phase.webcasts.set(webcasts)
        phase.departments.set(departments)
        return phase

    return make


@pytest.fixture
def people_factory(organisation, roles):
    def make(count, department, target_group="medarbetare", **kwargs):
        return [
            UserFactory(organisation=organisation, department=department, target_group=target_group, **kwargs)
            for _ in range(count)
        ]

    return make


@pytest.fixture
def held_workshop(organisation):
    workshop = Workshop.objects.create(
        title="Workshop AI i vardagen",
        organisation=organisation,
        starts_at=timezone.now() - datetime.timedelta(days=2),
    )
    return workshop
