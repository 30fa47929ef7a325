"""The personal calendar feed: my webcasts, workshops and programme sessions, gathered through each app's selectors."""

import datetime

from django.utils import timezone

from core.calendar import PUBLISH, to_ics
from programmes import calendar as programme_calendar
from webcasts import selectors as webcast_selectors
from workshops import calendar as workshop_calendar

KEEP_PAST = datetime.timedelta(days=90)


def items_for(user, now=None):
    """Calendar items of the person, from 90 days back on. Three queries."""
    since = (now or timezone.now()) - KEEP_PAST
    items = webcast_selectors.calendar_items_for(user, since) + workshop_calendar.items_for_member(user, since)
    items += programme_calendar.items_for_participant(user, since)
    return sorted(items, key=lambda item: item.starts_at)


def feed_ics(user, name):
    return to_ics(items_for(user), method=PUBLISH, name=name)
