"""Hand-made reach data across two counties and several kinds of organisation.

Västernorrland (Y): Härnösand (kommun, 6 managers started an e-module, all completed it this month),
Sundsvall (kommun, 3 staff in a workshop that started two days ago), Kramfors (kommun, nobody; one
person who left did a module), Region Västernorrland (region, 5 elected officials registered for a
webcast three days ago).
Uppsala (C): Uppsala (kommun, 2 senior officials with a booked place in a cohort in 30 days, 4 staff
who attended a webcast today), Enköping (kommun, nobody: a member of a workshop still ahead, a
cancelled booking, a cancelled webcast registration), Länsstyrelsen i Uppsala län (county board,
1 staff member who completed a module this month; the programme owner works here).
"""

import datetime
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import County, OrganisationKind, TargetGroup
from accounts.roles import FACILITATOR, MANAGER, PROGRAMME_OWNER, TEACHER
from core.pagetree import ensure_child_page
from elearning.models import ModuleProgress
from programmes.models import Booking, BookingStatus, ProgrammePage
from tests.factories import DepartmentFactory, OrganisationFactory, UserFactory
from tests.programmes.conftest import make_cohort
from webcasts.models import (
    Attendance,
    Registration,
    RegistrationStatus,
    WebcastIndexPage,
    WebcastPage,
    WebcastSeriesPage,
)
from workshops.models import Membership, Workshop, WorkshopGroup


def verified(user):
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


def people(organisation, count, target_group, prefix, **kwargs):
    department = DepartmentFactory(organisation=organisation)
    return [
        UserFactory(
            organisation=organisation,
            department=department,
            target_group=target_group,
            first_name=f"{prefix}förnamn{n}",
            last_name=f"{prefix}efternamn{n}",
            email=f"{prefix.lower()}{n}@{organisation.pk}.example.se",
            **kwargs,
        )
        for n in range(count)
    ]


def make_webcast(home_page, slug, starts_in):
    index, _ = ensure_child_page(home_page, WebcastIndexPage, "webbsandningar", title="Webbsändningar")
    series, _ = ensure_child_page(index, WebcastSeriesPage, "vaga-vara-digital", title="Våga vara digital!")
    starts_at = timezone.now() + starts_in
    page, _ = ensure_child_page(
        series,
        WebcastPage,
        slug,
        title=f"Avsnitt {slug}",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
    )
    return page


def make_workshop(organisation, starts_in, members):
    workshop = Workshop.objects.create(
        title="Chefsdag", organisation=organisation, starts_at=timezone.now() + starts_in, place="Stadshuset"
    )
    group = WorkshopGroup.objects.create(workshop=workshop, name="Bord 1")
    for person in members:
        Membership.objects.create(workshop=workshop, group=group, user=person)
    return workshop


@pytest.fixture
def programme_page_for_reach(home_page):
    page, _ = ensure_child_page(
        home_page,
        ProgrammePage,
        "chefsprogram",
        title="Chefsprogram för välfärdens digitalisering",
        intro="Fem träffar.",
        target_group="Chefer",
        price_sek=12000,
        sessions_required=4,
    )
    return page


@pytest.fixture
def world(roles, home_page, module_factory, programme_page_for_reach):
    """The organisations and activity described at the top of this file."""
    now = timezone.now()
    harnosand = OrganisationFactory(name="Härnösands kommun", kind=OrganisationKind.MUNICIPALITY, county=County.Y)
    sundsvall = OrganisationFactory(name="Sundsvalls kommun", kind=OrganisationKind.MUNICIPALITY, county=County.Y)
    kramfors = OrganisationFactory(name="Kramfors kommun", kind=OrganisationKind.MUNICIPALITY, county=County.Y)
    region = OrganisationFactory(name="Region Västernorrland", kind=OrganisationKind.REGION, county=County.Y)
    uppsala = OrganisationFactory(name="Uppsala kommun", kind=OrganisationKind.MUNICIPALITY, county=County.C)
    enkoping = OrganisationFactory(name="Enköpings kommun", kind=OrganisationKind.MUNICIPALITY, county=County.C)
    board = OrganisationFactory(name="Länsstyrelsen i Uppsala län", kind=OrganisationKind.COUNTY_BOARD, county=County.C)

    module = module_factory(slug="reach-modul")
    # Härnösand: six managers, all completed the module this month.
    for person in people(harnosand, 6, TargetGroup.MANAGER, "Har"):
        ModuleProgress.objects.create(user=person, module=module, completed_at=now)
    # Kramfors: one person who has left did the module: not counted.
    (gone,) = people(kramfors, 1, TargetGroup.MANAGER, "Kra", is_active=False)
    ModuleProgress.objects.create(user=gone, module=module)
    # The county board: one staff member completed the module.
    (clerk,) = people(board, 1, TargetGroup.STAFF, "Lan")
    ModuleProgress.objects.create(user=clerk, module=module, completed_at=now)

    # Sundsvall: three staff in a workshop that started two days ago.
    make_workshop(sundsvall, -datetime.timedelta(days=2), people(sundsvall, 3, TargetGroup.STAFF, "Sun"))
    # Enköping: a member of a workshop still ahead: not counted.
    (planned,) = people(enkoping, 1, TargetGroup.MANAGER, "Enk")
    make_workshop(enkoping, datetime.timedelta(days=10), [planned])

    # Region: five elected officials registered for a webcast that started three days ago.
    past = make_webcast(home_page, "forra-veckan", -datetime.timedelta(days=3))
    for person in people(region, 5, TargetGroup.ELECTED, "Reg"):
        Registration.objects.create(webcast=past, user=person)
    # Enköping: a cancelled registration: not counted.
    Registration.objects.create(webcast=past, user=planned, status=RegistrationStatus.CANCELLED, cancelled_at=now)
    # Uppsala: four staff attended a webcast today (without registering).
    today = make_webcast(home_page, "idag", -datetime.timedelta(hours=2))
    for person in people(uppsala, 4, TargetGroup.STAFF, "Upp"):
        Attendance.objects.create(webcast=today, user=person, live_seconds=3600, attended_at=now)

    # Uppsala: two senior officials booked a place in a cohort starting in 30 days.
    cohort = make_cohort(programme_page_for_reach, title="Hösten", starts_in_days=30, capacity=10)
    for person in people(uppsala, 2, TargetGroup.SENIOR, "Upl"):
        Booking.objects.create(cohort=cohort, user=person, status=BookingStatus.BOOKED)
    # Enköping: a cancelled booking: not counted.
    Booking.objects.create(cohort=cohort, user=planned, status=BookingStatus.CANCELLED, cancelled_at=now)

    owner = verified(
        UserFactory(
            email="programagare@lansstyrelsen.se",
            first_name="Pia",
            last_name="Programägare",
            organisation=board,
            target_group=TargetGroup.STAFF,
            roles=[PROGRAMME_OWNER],
        )
    )
    return SimpleNamespace(
        harnosand=harnosand,
        sundsvall=sundsvall,
        kramfors=kramfors,
        region=region,
        uppsala=uppsala,
        enkoping=enkoping,
        board=board,
        owner=owner,
        module=module,
        cohort=cohort,
    )


@pytest.fixture
def owner(world):
    return world.owner


@pytest.fixture
def reach_manager(world):
    return verified(UserFactory(email="chef@harnosand.example.se", organisation=world.harnosand, roles=[MANAGER]))


@pytest.fixture
def reach_facilitator(world):
    return verified(UserFactory(email="ledare@harnosand.example.se", organisation=world.harnosand, roles=[FACILITATOR]))


@pytest.fixture
def reach_teacher(world):
    return verified(UserFactory(email="larare@example.se", organisation=None, roles=[TEACHER]))
