"""Parallel requests for the last places never overbook. Needs PostgreSQL (real row locks)."""

import pytest
from django.db import connection

from tests.concurrency import run_parallel
from tests.factories import UserFactory
from webcasts import booking
from webcasts.models import Registration, RegistrationStatus, WebcastPage

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs this on it"),
]


def counts(webcast):
    return booking.figures(WebcastPage.objects.get(pk=webcast.pk))


def test_parallel_registrations_for_the_last_places_never_overbook(organisation, webcast_factory):
    webcast = webcast_factory(counties=["Y"], capacity=3)
    people = [UserFactory(organisation=organisation) for _ in range(8)]
    errors = run_parallel([lambda p=p: booking.register(p, webcast) for p in people])
    assert errors == []
    assert counts(webcast) == {"registered": 3, "waiting": 5}
    positions = sorted(
        booking.queue_position(r) for r in Registration.objects.filter(status=RegistrationStatus.WAITING)
    )
    assert positions == [1, 2, 3, 4, 5]


def test_parallel_double_submit_keeps_one_row(learner, webcast_factory):
    webcast = webcast_factory(counties=["Y"], capacity=5)
    errors = run_parallel([lambda: booking.register(learner, webcast)] * 4)
    assert errors == []
    assert Registration.objects.filter(user=learner).count() == 1


def test_parallel_cancel_and_register_never_overbook(organisation, webcast_factory):
    webcast = webcast_factory(counties=["Y"], capacity=2)
    holders = [UserFactory(organisation=organisation) for _ in range(2)]
    queued = UserFactory(organisation=organisation)
    for person in holders:
        booking.register(person, webcast)
    booking.register(queued, webcast)
    newcomers = [UserFactory(organisation=organisation) for _ in range(4)]
    jobs = [lambda: booking.cancel(user=holders[0], webcast=webcast)]
    jobs += [lambda p=p: booking.register(p, webcast) for p in newcomers]
    errors = run_parallel(jobs)
    assert errors == []
    assert counts(webcast) == {"registered": 2, "waiting": 4}
    # First come first served: the one who queued before everybody got the free place.
    assert Registration.objects.get(user=queued).status == RegistrationStatus.REGISTERED


def test_parallel_cancellations_promote_each_once(organisation, webcast_factory):
    webcast = webcast_factory(counties=["Y"], capacity=3)
    holders = [UserFactory(organisation=organisation) for _ in range(3)]
    queue = [UserFactory(organisation=organisation) for _ in range(5)]
    for person in holders + queue:
        booking.register(person, webcast)
    errors = run_parallel([lambda p=p: booking.cancel(user=p, webcast=webcast) for p in holders])
    assert errors == []
    assert counts(webcast) == {"registered": 3, "waiting": 2}
    promoted = set(Registration.objects.filter(status=RegistrationStatus.REGISTERED).values_list("user", flat=True))
    assert promoted == {p.pk for p in queue[:3]}
