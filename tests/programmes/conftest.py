"""Programme fixtures shared by all programme tests: the page, a cohort with five sessions, its teacher, participants.

- `programme_page`: "Chefsprogram för välfärdens digitalisering", published under the home page.
- `cohort_factory(**fields)`: a cohort of `programme_page` (capacity 4, five sessions, booking open).
- `cohort`: one such cohort ("Våren 2027"), `teacher` teaches it.
- `make_participant(cohort, **user_kwargs)`: a verified learner with a booked place in the cohort.
"""

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.roles import TEACHER
from core.pagetree import ensure_child_page
from programmes.models import Booking, BookingStatus, Cohort, ProgrammePage, Session
from tests.factories import UserFactory

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def programme_page(home_page):
    page, _ = ensure_child_page(
        home_page,
        ProgrammePage,
        "chefsprogram",
        title="Chefsprogram för välfärdens digitalisering",
        intro="Fem träffar för chefer som leder digital förändring.",
        target_group="Chefer i kommuner och regioner",
        price_sek=12000,
        sessions_required=4,
    )
    return page


def make_cohort(programme, *, title="Våren 2027", starts_in_days=30, sessions=5, teachers=(), **fields):
    """A cohort starting `starts_in_days` from today with `sessions` sessions a week apart (9–16 Stockholm time)."""
    today = timezone.localdate()
    starts_on = today + datetime.timedelta(days=starts_in_days)
    fields.setdefault("capacity", 4)
    fields.setdefault(
        "booking_deadline", max(today + datetime.timedelta(days=14), starts_on - datetime.timedelta(days=7))
    )
    fields.setdefault("cancellation_deadline", fields["booking_deadline"])
    cohort = Cohort.objects.create(
        programme=programme,
        title=title,
        starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(weeks=max(sessions - 1, 0)),
        **fields,
    )
    for number in range(sessions):
        day = starts_on + datetime.timedelta(weeks=number)
        Session.objects.create(
            cohort=cohort,
            sort_order=number,
            title=f"Träff {number + 1}",
            starts_at=datetime.datetime.combine(day, datetime.time(9), tzinfo=STOCKHOLM),
            ends_at=datetime.datetime.combine(day, datetime.time(16), tzinfo=STOCKHOLM),
            place="Kommunhuset, Härnösand" if number % 2 == 0 else "",
            online_url="" if number % 2 == 0 else "https://meet.example.se/chefsprogram",
        )
    if teachers:
        cohort.teachers.set(teachers)
        cohort.save()  # a ClusterableModel keeps parental m2m changes in memory until saved
    return cohort


@pytest.fixture
def cohort_factory(programme_page):
    return lambda **fields: make_cohort(programme_page, **fields)


@pytest.fixture
def teacher(roles):
    user = UserFactory(email="kursledare@example.se", first_name="Karin", last_name="Kursledare", roles=[TEACHER])
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    return user


@pytest.fixture
def cohort(programme_page, teacher):
    """Capacity 4, five sessions, booking open for two more weeks, taught by `teacher`."""
    return make_cohort(programme_page, teachers=[teacher])


_participants = itertools.count(1)


@pytest.fixture
def make_participant(roles, organisation):
    """make_participant(cohort, **user_kwargs) -> a verified user with a booked place in `cohort`."""

    def make(cohort, status=BookingStatus.BOOKED, **user_kwargs):
        n = next(_participants)
        user_kwargs.setdefault("email", f"deltagare{n}@harnosand.se")
        user_kwargs.setdefault("organisation", organisation)
        user = UserFactory(**user_kwargs)
        EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
        Booking.objects.create(
            cohort=cohort,
            user=user,
            status=status,
            waiting_since=timezone.now() if status == BookingStatus.WAITING else None,
        )
        return user

    return make
