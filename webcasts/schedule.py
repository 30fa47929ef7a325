"""Where a webcast is on the clock: the one rule that pages, search, registration and attendance ask.

States, in the order a webcast passes through them: upcoming, live now, ended, recording available.
A cancelled webcast is cancelled whatever the clock says.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    LIVE = "live", _("Live now")
    ENDED = "ended", _("Ended")
    RECORDING = "recording", _("Recording available")
    CANCELLED = "cancelled", _("Cancelled")


def state(webcast, now=None):
    now = now or timezone.now()
    if webcast.cancelled:
        return State.CANCELLED
    if now < webcast.starts_at:
        return State.UPCOMING
    if now < webcast.ends_at:
        return State.LIVE
    return State.RECORDING if webcast.recording_url else State.ENDED


def is_live(webcast, now=None):
    return state(webcast, now) == State.LIVE


def registration_open(webcast, now=None):
    """One may register (or join the waiting list) until the broadcast ends, unless it is cancelled."""
    return state(webcast, now) in (State.UPCOMING, State.LIVE)


def live_filter(now=None):
    """A Q for webcasts live at `now` (for querysets of WebcastPage)."""
    now = now or timezone.now()
    return models.Q(cancelled=False, starts_at__lte=now, ends_at__gt=now)


def upcoming_filter(now=None):
    now = now or timezone.now()
    return models.Q(cancelled=False, starts_at__gt=now)


def past_filter(now=None):
    """Ended (with or without a recording) or cancelled webcasts whose time has passed."""
    now = now or timezone.now()
    return models.Q(ends_at__lte=now)
