"""The one rule for places in a cohort: capacity, waiting list, deadlines, organisations, audit."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from programmes import booking
from programmes.exceptions import BookingClosed, CancellationClosed, NotFound, NotYourOrganisation
from programmes.models import Booking, BookingMail, BookingStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def people(organisation, count):
    return [UserFactory(organisation=organisation) for _ in range(count)]


def test_fixtures_make_a_bookable_cohort(cohort, make_participant, teacher):
    user = make_participant(cohort)
    assert cohort.sessions.count() == 5
    assert cohort.bookings.get().user == user
    assert list(cohort.teachers.all()) == [teacher]
    assert booking.booking_open(cohort)


def test_book_a_place_and_figures(cohort, learner):
    outcome = booking.book(learner, cohort)
    assert outcome.changed and outcome.booked
    assert outcome.booking.status == BookingStatus.BOOKED and outcome.booking.booked_by is None
    figures = booking.figures(cohort)
    assert (figures.booked, figures.waiting, figures.percent, figures.full) == (1, 0, 25, False)
    assert BookingMail.objects.get(user=learner).kind == "confirmation"


def test_booking_twice_is_idempotent_with_a_clear_message(cohort, learner):
    booking.book(learner, cohort)
    again = booking.book(learner, cohort)
    assert not again.changed
    assert "Du har redan en plats" in again.message
    assert Booking.objects.filter(user=learner).count() == 1
    assert BookingMail.objects.filter(user=learner).count() == 1


def test_full_cohort_puts_people_on_the_waiting_list_in_order(cohort, organisation):
    first_four = people(organisation, 4)
    for person in first_four:
        booking.book(person, cohort)
    later = people(organisation, 2)
    outcomes = [booking.book(person, cohort) for person in later]
    assert all(o.waiting for o in outcomes)
    assert [booking.queue_position(o.booking) for o in outcomes] == [1, 2]
    assert "fullbokad" in outcomes[0].message and "nummer 1" in outcomes[0].message
    figures = booking.figures(cohort)
    assert (figures.booked, figures.waiting, figures.percent, figures.full) == (4, 2, 100, True)
    assert booking.book(later[1], cohort).changed is False  # still waiting: nothing changes


def test_cancel_moves_the_queue_up_first_come_first_served(cohort, organisation):
    holders = people(organisation, 4)
    queue = people(organisation, 2)
    for person in holders + queue:
        booking.book(person, cohort)
    outcome = booking.cancel(user=holders[0], cohort=cohort)
    assert outcome.changed and [b.user for b in outcome.promoted] == [queue[0]]
    statuses = dict(Booking.objects.values_list("user_id", "status"))
    assert statuses[queue[0].pk] == BookingStatus.BOOKED and statuses[queue[1].pk] == BookingStatus.WAITING
    assert booking.queue_position(Booking.objects.get(user=queue[1])) == 1
    assert BookingMail.objects.filter(user=queue[0], kind="promoted").exists()
    assert BookingMail.objects.filter(user=holders[0], kind="cancelled").exists()


def test_leaving_the_queue_promotes_nobody(cohort, organisation):
    holders, queue = people(organisation, 4), people(organisation, 2)
    for person in holders + queue:
        booking.book(person, cohort)
    outcome = booking.cancel(user=queue[0], cohort=cohort)
    assert outcome.changed and outcome.promoted == []
    assert booking.figures(cohort).booked == 4


def test_cancel_twice_is_idempotent_and_rebooking_reuses_the_row(cohort, learner):
    booking.book(learner, cohort)
    assert booking.cancel(user=learner, cohort=cohort).changed
    assert not booking.cancel(user=learner, cohort=cohort).changed
    again = booking.book(learner, cohort)
    assert again.changed and again.booked
    assert Booking.objects.filter(user=learner).count() == 1


def test_booking_after_the_deadline_is_closed_at_the_end_of_that_day_in_stockholm(cohort, learner):
    deadline = cohort.booking_deadline
    last_minute = datetime.datetime.combine(deadline, datetime.time(23, 59), tzinfo=booking.STOCKHOLM)
    assert booking.book(learner, cohort, now=last_minute).booked  # 23:59 Swedish time: still that day
    late = UserFactory(organisation=learner.organisation)
    next_day = datetime.datetime.combine(
        deadline + datetime.timedelta(days=1), datetime.time(0, 1), tzinfo=booking.STOCKHOLM
    )
    with pytest.raises(BookingClosed) as caught:
        booking.book(late, cohort, now=next_day)
    assert caught.value.status == 409
    assert not Booking.objects.filter(user=late).exists()
    assert not BookingMail.objects.filter(user=late).exists()


def test_cancel_after_the_cancellation_deadline_is_refused(cohort, learner, organisation, administrator):
    booking.book(learner, cohort)
    queued = people(organisation, 4)
    for person in queued:
        booking.book(person, cohort)  # three more places, then the queue
    cohort.cancellation_deadline = timezone.localdate() - datetime.timedelta(days=1)
    cohort.save()
    with pytest.raises(CancellationClosed) as caught:
        booking.cancel(user=learner, cohort=cohort)
    assert caught.value.status == 409
    assert Booking.objects.get(user=learner).status == BookingStatus.BOOKED
    # Leaving the queue is always possible; an administrator still cancels a place (the message says:
    # contact the programme).
    assert booking.cancel(user=queued[3], cohort=cohort).changed
    assert booking.cancel(user=learner, cohort=cohort, by=administrator).changed


def test_manager_books_own_people_and_no_one_else(cohort, manager, learner, other_organisation):
    outcome = booking.book(learner, cohort, by=manager)
    assert outcome.booked and outcome.booking.booked_by == manager
    stranger = UserFactory(organisation=other_organisation)
    with pytest.raises(NotYourOrganisation) as caught:
        booking.book(stranger, cohort, by=manager)
    assert caught.value.status == 403
    assert not Booking.objects.filter(user=stranger).exists()


def test_a_learner_cannot_book_for_a_colleague(cohort, learner, other_learner):
    with pytest.raises(NotYourOrganisation):
        booking.book(other_learner, cohort, by=learner)
    assert not Booking.objects.exists()


def test_cancel_for_someone_else_outside_ones_view_is_not_found(cohort, learner, other_manager, manager):
    booking.book(learner, cohort)
    with pytest.raises(NotFound):
        booking.cancel(user=learner, cohort=cohort, by=other_manager)
    assert Booking.objects.get(user=learner).status == BookingStatus.BOOKED
    assert booking.cancel(user=learner, cohort=cohort, by=manager).changed


def test_unpublished_programme_cannot_be_booked(cohort, learner):
    cohort.programme.unpublish()
    with pytest.raises(BookingClosed):
        booking.book(learner, cohort)


def test_bulk_book_reports_each_person(cohort, manager, organisation, other_organisation):
    mine = people(organisation, 5)
    stranger = UserFactory(organisation=other_organisation)
    booking.book(mine[0], cohort)
    report = booking.bulk_book(manager, cohort, [*mine, stranger])
    outcomes = {row.user.pk: row.outcome for row in report.rows}
    assert outcomes[mine[0].pk] == "already"
    assert [outcomes[p.pk] for p in mine[1:4]] == ["booked"] * 3
    assert outcomes[mine[4].pk] == "waiting"
    assert outcomes[stranger.pk] == "refused"
    assert not Booking.objects.filter(user=stranger).exists()
    assert len(report.booked) == 3 and len(report.waiting) == 1 and len(report.refused) == 1


def test_bulk_book_after_the_deadline_stores_nothing(cohort, manager, organisation):
    later = datetime.datetime.combine(
        cohort.booking_deadline + datetime.timedelta(days=1), datetime.time(8), tzinfo=booking.STOCKHOLM
    )
    with pytest.raises(BookingClosed):
        booking.bulk_book(manager, cohort, people(organisation, 2), now=later)
    assert not Booking.objects.exists()


def test_every_change_is_audited_with_readable_messages(cohort, manager, learner, organisation):
    holders = people(organisation, 3)
    for person in holders:
        booking.book(person, cohort)
    booking.book(learner, cohort, by=manager)
    waiting = UserFactory(organisation=organisation)
    booking.book(waiting, cohort)
    booking.cancel(user=learner, cohort=cohort, by=manager)
    booking.bulk_book(manager, cohort, [UserFactory(organisation=organisation)])
    entries = ModelLogEntry.objects.filter(action__startswith="programme.").order_by("pk")
    actions = [entry.action for entry in entries]
    assert actions.count("programme.booked") == 6
    assert "programme.cancelled" in actions and "programme.promoted" in actions
    assert "programme.bulk_booked" in actions
    messages = [entry.message for entry in entries]
    assert f"Ställde {waiting.email} i kö till" in " ".join(messages) or any(
        waiting.email in m and "kö" in m for m in messages
    )
    assert any(learner.email in m and "Avbokade" in m for m in messages)
    cancelled = entries.filter(action="programme.cancelled").get()
    assert cancelled.user_id == manager.pk and cancelled.data["on_behalf"] is True


def test_figures_for_many_cohorts_is_one_query(cohort_factory, organisation, django_assert_num_queries):
    cohorts = [cohort_factory(title=f"Omgång {n}", sessions=1) for n in range(6)]
    for index, cohort in enumerate(cohorts):
        for person in people(organisation, index):
            booking.book(person, cohort)
    with django_assert_num_queries(1):
        figures = booking.figures_for(cohorts)
    assert [figures[c.pk].booked for c in cohorts] == [0, 1, 2, 3, 4, 4]
    assert [figures[c.pk].waiting for c in cohorts] == [0, 0, 0, 0, 0, 1]
    assert [figures[c.pk].percent for c in cohorts] == [0, 25, 50, 75, 100, 100]
