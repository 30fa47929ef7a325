"""Calendar files for the whole site (webcasts, workshops, later programmes), built with `icalendar`.

One shape for every event: a `CalendarItem` (a stable UID, a SEQUENCE that the owning object bumps on
every change a calendar must see, STATUS:CANCELLED when cancelled), written with DTSTART/DTEND in
Europe/Stockholm and the VTIMEZONE for it. A mail carries METHOD:REQUEST (or CANCEL); a feed PUBLISH.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

STOCKHOLM = ZoneInfo("Europe/Stockholm")
PRODID = "-//Kompetenslyft//Kalender//SV"
CONTENT_TYPE = "text/calendar; charset=utf-8"

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"


def site_host():
    """The site's host name for UIDs (stable: it does not follow the request's Host header)."""
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "kompetenslyft.se"


def uid_for(kind, pk):
    """A stable UID: the same object always has the same one, in mails and feeds alike."""
    return f"{kind}-{pk}@{site_host()}"


def absolute_url(path):
    if not path or path.startswith(("http://", "https://")):
        return path or ""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


@dataclass(frozen=True)
class CalendarItem:
    uid: str
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None = None
    sequence: int = 0
    cancelled: bool = False
    description: str = ""
    location: str = ""
    url: str = ""


def build_event(item, stamp=None):
    event = Event()
    event.add("uid", item.uid)
    event.add("dtstamp", stamp or timezone.now())
    event.add("sequence", item.sequence)
    event.add("summary", item.title)
    event.add("dtstart", timezone.localtime(item.starts_at, STOCKHOLM).replace(microsecond=0))
    ends_at = item.ends_at or item.starts_at + datetime.timedelta(hours=1)
    event.add("dtend", timezone.localtime(ends_at, STOCKHOLM).replace(microsecond=0))
    event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
    if item.description:
        event.add("description", item.description)
    if item.location:
        event.add("location", item.location)
    if item.url:
        event.add("url", absolute_url(item.url))
    return event


def build_calendar(items, method=PUBLISH, name=""):
    """A VCALENDAR with one VEVENT per item and the VTIMEZONE(s) its times need."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("x-wr-timezone", "Europe/Stockholm")
    stamp = timezone.now()
    for item in items:
        calendar.add_component(build_event(item, stamp))
    if calendar.events:
        # Only the years the events need: a feed stays small, and both changes of each year are there.
        years = [item.starts_at.year for item in items]
        calendar.add_missing_timezones(
            first_date=datetime.date(min(years) - 1, 1, 1), last_date=datetime.date(max(years) + 2, 1, 1)
        )
    return calendar


def to_ics(items, method=PUBLISH, name=""):
    """The calendar as bytes (UTF-8, CRLF line ends), ready for a response or an attachment."""
    return build_calendar(items, method=method, name=name).to_ical()
