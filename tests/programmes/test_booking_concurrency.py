"""Parallel bookings for the last places never overbook. Needs PostgreSQL (real row locks)."""

import pytest
from django.db import connection

from programmes import booking
from programmes.models import Booking, BookingStatus, Cohort
from tests.concurrency import run_parallel
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs this on it"),
]


def counts(cohort):
    figures = booking.figures(Cohort.objects.get(pk=cohort.pk))
    return {"booked": figures.booked, "waiting": figures.waiting}


def test_parallel_bookings_for_the_last_place_never_overbook(organisation, cohort_factory):
    cohort = cohort_factory(capacity=4)
    for _ in range(3):
        booking.book(UserFactory(organisation=organisation), cohort)
    people = [UserFactory(organisation=organisation) for _ in range(10)]
    errors = run_parallel([lambda p=p: booking.book(p, cohort) for p in people])
    assert errors == []
    assert counts(cohort) == {"booked": 4, "waiting": 9}
    positions = sorted(booking.queue_position(b) for b in Booking.objects.filter(status=BookingStatus.WAITING))
    assert positions == list(range(1, 10))


def test_parallel_double_submit_keeps_one_row(learner, cohort):
    errors = run_parallel([lambda: booking.book(learner, cohort)] * 4)
    assert errors == []
    assert Booking.objects.filter(user=learner).count() == 1


def test_parallel_manager_and_self_booking_of_one_person(manager, learner, cohort):
    errors = run_parallel([lambda: booking.book(learner, cohort), lambda: booking.book(learner, cohort, by=manager)])
    assert errors == []
    assert Booking.objects.filter(user=learner).count() == 1


def test_parallel_cancel_and_book_never_overbook(organisation, cohort_factory):
    cohort = cohort_factory(capacity=2)
    holders = [UserFactory(organisation=organisation) for _ in range(2)]
    queued = UserFactory(organisation=organisation)
    for person in [*holders, queued]:
        booking.book(person, cohort)
    newcomers = [UserFactory(organisation=organisation) for _ in range(4)]
    jobs = [lambda: booking.cancel(user=holders[0], cohort=cohort)]
    jobs += [lambda p=p: booking.book(p, cohort) for p in newcomers]
    errors = run_parallel(jobs)
    assert errors == []
    assert counts(cohort) == {"booked": 2, "waiting": 4}
    # First come first served: the one who queued before everybody got the free place.
    assert Booking.objects.get(user=queued).status == BookingStatus.BOOKED


def test_parallel_cancellations_promote_each_once(organisation, cohort_factory):
    cohort = cohort_factory(capacity=3)
    holders = [UserFactory(organisation=organisation) for _ in range(3)]
    queue = [UserFactory(organisation=organisation) for _ in range(5)]
    for person in holders + queue:
        booking.book(person, cohort)
    errors = run_parallel([lambda p=p: booking.cancel(user=p, cohort=cohort) for p in holders])
    assert errors == []
    assert counts(cohort) == {"booked": 3, "waiting": 2}
    promoted = set(Booking.objects.filter(status=BookingStatus.BOOKED).values_list("user", flat=True))
    assert promoted == {p.pk for p in queue[:3]}
