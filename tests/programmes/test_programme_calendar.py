"""Programme sessions in calendars: the cohort's .ics, the personal feed, SEQUENCE bumped on changes."""

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from dashboard.calendar import items_for
from programmes import booking
from programmes import calendar as programme_calendar
from programmes.models import Cohort, Session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FEED_PAGE = "/mitt-larande/kalender/"


@pytest.fixture(autouse=True)
def _connected():
    programme_calendar.connect()  # as ProgrammesConfig.ready() does


def make_feed(client, user):
    client.force_login(user)
    html = client.post(FEED_PAGE, {"action": "create"}, follow=True).content.decode()
    return re.search(r'value="http://testserver/kalender/([A-Za-z0-9_-]+)\.ics"', html).group(1)


def test_cohort_ics_has_one_event_per_session_in_stockholm_time(cohort):
    calendar = Calendar.from_ical(programme_calendar.cohort_ics(cohort))
    events = calendar.events
    sessions = list(cohort.sessions.order_by("starts_at"))
    assert [str(e["UID"]) for e in events] == [f"programme-session-{s.pk}@testserver" for s in sessions]
    first = events[0]
    assert first["DTSTART"].dt.hour == 9 and str(first["DTSTART"].dt.tzinfo) == "Europe/Stockholm"
    assert first["DTEND"].dt.hour == 16
    assert int(first["SEQUENCE"]) == Cohort.objects.get(pk=cohort.pk).ical_sequence
    assert str(first["SUMMARY"]) == "Chefsprogram för välfärdens digitalisering: Träff 1"
    assert str(first["LOCATION"]) == "Kommunhuset, Härnösand"
    assert "meet.example.se" in str(events[1]["LOCATION"])
    assert calendar.walk("VTIMEZONE")


def test_feed_contains_the_sessions_of_booked_cohorts_only(client, learner, cohort_factory, organisation):
    booked = cohort_factory(title="Bokad")
    waiting = cohort_factory(title="Full", capacity=1, sessions=2)
    cancelled = cohort_factory(title="Avbokad", sessions=2)
    booking.book(learner, booked)
    booking.book(UserFactory(organisation=organisation), waiting)
    booking.book(learner, waiting)
    booking.book(learner, cancelled)
    booking.cancel(user=learner, cohort=cancelled)
    token = make_feed(client, learner)
    response = Client().get(f"/kalender/{token}.ics")
    assert response.status_code == 200
    uids = {str(event["UID"]) for event in Calendar.from_ical(response.content).events}
    assert uids == {f"programme-session-{s.pk}@testserver" for s in booked.sessions.all()}


def test_items_for_participant_is_one_query(learner, cohort_factory, django_assert_num_queries):
    for n in range(4):
        booking.book(learner, cohort_factory(title=f"Omgång {n}", starts_in_days=30 + n, sessions=3))
    since = timezone.now() - datetime.timedelta(days=90)
    programme_calendar.items_for_participant(learner, since)  # the site's root paths, kept in memory after
    with django_assert_num_queries(1):
        items = programme_calendar.items_for_participant(learner, since)
    assert len(items) == 12
    assert len([i for i in items_for(learner) if i.uid.startswith("programme-session-")]) == 12


def test_old_sessions_leave_the_feed(learner, cohort_factory):
    old = cohort_factory(title="Gammal", starts_in_days=-200, sessions=2,
                         booking_deadline=timezone.localdate() + datetime.timedelta(days=1))  # fmt: skip
    booking.book(learner, old)
    assert programme_calendar.items_for_participant(learner, timezone.now() - datetime.timedelta(days=90)) == []


def test_sequence_bumps_when_a_session_changes_is_added_or_deleted(cohort):
    start = Cohort.objects.get(pk=cohort.pk).ical_sequence
    session = cohort.sessions.order_by("starts_at").first()
    session.agenda = "Ny agenda"  # not shown as a time or place: no bump
    session.save()
    assert Cohort.objects.get(pk=cohort.pk).ical_sequence == start
    session.starts_at += datetime.timedelta(hours=1)
    session.save()
    assert Cohort.objects.get(pk=cohort.pk).ical_sequence == start + 1
    extra = Session.objects.create(
        cohort=cohort, title="Extra", starts_at=session.starts_at + datetime.timedelta(days=1),
        ends_at=session.ends_at + datetime.timedelta(days=1),
    )  # fmt: skip
    assert Cohort.objects.get(pk=cohort.pk).ical_sequence == start + 2
    extra.delete()
    reloaded = Cohort.objects.get(pk=cohort.pk)
    assert reloaded.ical_sequence == start + 3
    calendar = Calendar.from_ical(programme_calendar.cohort_ics(reloaded))
    assert {int(e["SEQUENCE"]) for e in calendar.events} == {start + 3}
