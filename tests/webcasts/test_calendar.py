"""Calendar files: parsed back with icalendar. Stable UID, SEQUENCE bumps, CANCELLED, VTIMEZONE, DST."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from core.calendar import CANCEL, PUBLISH, REQUEST, CalendarItem, to_ics
from webcasts import booking
from webcasts.calendar import webcast_ics
from webcasts.models import WebcastMail, WebcastPage

UTC = datetime.UTC
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def parse(data):
    return Calendar.from_ical(data)


def only_event(data):
    events = parse(data).events
    assert len(events) == 1
    return events[0]


def test_event_fields_and_stable_uid(webcast):
    first = only_event(webcast_ics(webcast))
    second = only_event(webcast_ics(WebcastPage.objects.get(pk=webcast.pk)))
    assert str(first["UID"]) == f"webcast-{webcast.pk}@testserver" == str(second["UID"])
    assert str(first["SUMMARY"]) == webcast.title
    assert first["SEQUENCE"] == 0
    assert str(first["STATUS"]) == "CONFIRMED"
    assert first.start == webcast.starts_at.replace(microsecond=0) and first.end == webcast.ends_at.replace(
        microsecond=0
    )
    assert first.start.tzinfo.key == "Europe/Stockholm"
    assert webcast.url in str(first["URL"])
    assert "DTSTAMP" in first


@pytest.mark.parametrize("method", [REQUEST, CANCEL, PUBLISH])
def test_method(webcast, method):
    assert str(parse(webcast_ics(webcast, method=method))["METHOD"]) == method


def test_both_daylight_saving_changes():
    """29 March 2026 (clocks forward at 02:00) and 25 October 2026 (back at 03:00)."""
    spring_before = CalendarItem("a@x", "Före", datetime.datetime(2026, 3, 29, 0, 30, tzinfo=UTC))  # 01.30 CET
    spring_after = CalendarItem("b@x", "Efter", datetime.datetime(2026, 3, 29, 8, 0, tzinfo=UTC))  # 10.00 CEST
    autumn_before = CalendarItem("c@x", "Före", datetime.datetime(2026, 10, 25, 0, 0, tzinfo=UTC))  # 02.00 CEST
    autumn_after = CalendarItem("d@x", "Efter", datetime.datetime(2026, 10, 25, 9, 0, tzinfo=UTC))  # 10.00 CET
    calendar = parse(to_ics([spring_before, spring_after, autumn_before, autumn_after]))
    events = {str(e["UID"]): e for e in calendar.events}
    assert events["a@x"].start.utcoffset() == datetime.timedelta(hours=1)
    assert events["b@x"].start.utcoffset() == datetime.timedelta(hours=2)
    assert events["b@x"].start.hour == 10
    assert events["c@x"].start.utcoffset() == datetime.timedelta(hours=2)
    assert events["d@x"].start.utcoffset() == datetime.timedelta(hours=1)
    assert events["d@x"].start.hour == 10
    for event in events.values():  # the same instant as stored
        assert event.start.astimezone(UTC) in {
            i.starts_at for i in (spring_before, spring_after, autumn_before, autumn_after)
        }
    raw = to_ics([spring_after]).decode()
    assert "DTSTART;TZID=Europe/Stockholm:20260329T100000" in raw
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Stockholm"]
    kinds = {component.name for component in timezones[0].subcomponents}
    assert kinds == {"STANDARD", "DAYLIGHT"}
    offsets = {(c.name, str(c["TZOFFSETTO"].to_ical())) for c in timezones[0].subcomponents}
    assert ("DAYLIGHT", "+0200") in offsets and ("STANDARD", "+0100") in offsets


def test_sequence_bumps_on_a_published_change_only(webcast):
    assert webcast.ical_sequence == 0
    webcast.intro = "Ny ingress"  # not something a calendar shows
    webcast.save_revision().publish()
    webcast.refresh_from_db()
    assert webcast.ical_sequence == 0
    webcast.starts_at += datetime.timedelta(hours=1)
    webcast.ends_at += datetime.timedelta(hours=1)
    webcast.save_revision()  # a draft: calendars must not see it yet
    assert WebcastPage.objects.get(pk=webcast.pk).ical_sequence == 0
    webcast.save_revision().publish()
    webcast.refresh_from_db()
    assert webcast.ical_sequence == 1
    assert only_event(webcast_ics(webcast))["SEQUENCE"] == 1
    webcast.title = "Nytt namn"
    webcast.save_revision().publish()
    webcast.refresh_from_db()
    assert webcast.ical_sequence == 2


def test_cancelled_webcast_is_cancelled_in_the_calendar(webcast):
    webcast.cancelled = True
    webcast.save_revision().publish()
    webcast.refresh_from_db()
    event = only_event(webcast_ics(webcast, method=CANCEL))
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_a_change_mails_the_registered_once(webcast_factory, organisation, django_capture_on_commit_callbacks):
    from tests.factories import UserFactory

    webcast = webcast_factory(counties=["Y"], capacity=1)
    first, second = UserFactory(organisation=organisation), UserFactory(organisation=organisation)
    booking.register(first, webcast)
    booking.register(second, webcast)  # waiting: no calendar entry to change
    webcast = WebcastPage.objects.get(pk=webcast.pk)
    webcast.starts_at += datetime.timedelta(days=1)
    webcast.ends_at += datetime.timedelta(days=1)
    webcast.save_revision().publish()
    webcast.save_revision().publish()  # published again, nothing new: no second mail
    changed = WebcastMail.objects.filter(kind="changed")
    assert [(m.user, m.sequence) for m in changed] == [(first, 1)]
    webcast.refresh_from_db()
    webcast.cancelled = True
    webcast.save_revision().publish()
    assert set(WebcastMail.objects.filter(kind="changed", sequence=2).values_list("user", flat=True)) == {
        first.pk,
        second.pk,
    }


def test_workshop_sequence_bumps_on_time_title_or_place(workshop):
    assert workshop.ical_sequence == 0
    workshop.description = "Mer text"
    workshop.save()
    assert workshop.ical_sequence == 0
    workshop.place = "Stadshuset"
    workshop.save()
    assert workshop.ical_sequence == 1
    from workshops.models import Workshop

    loaded = Workshop.objects.get(pk=workshop.pk)
    assert loaded.ical_sequence == 1
    loaded.starts_at += datetime.timedelta(hours=2)
    loaded.save(update_fields=["starts_at"])
    assert Workshop.objects.get(pk=workshop.pk).ical_sequence == 2
    loaded.save()
    assert Workshop.objects.get(pk=workshop.pk).ical_sequence == 2


def test_ics_download_answers_404_for_unpublished(client, webcast):
    webcast.unpublish()
    assert client.get(reverse("webcast_ics", args=[webcast.pk])).status_code == 404
