"""Who attended a webcast: the one attendance rule, fed by the page's heartbeat.

A signed-in person's browser sends a beat about every minute (static/js/webcast-attendance.js):

- during the live window (starts_at..ends_at) while the page is visible: kind LIVE;
- after the broadcast, while the recording player has been started: kind RECORDING.

Each beat adds the time since the person's previous beat, clipped to the window and capped at
MAX_BEAT_SECONDS. A beat that comes more than MAX_BEAT_SECONDS after the previous one (or the
first) opens a new session and adds nothing: it only starts the clock. So the seconds counted
never exceed the wall-clock time between beats, and a fast or forged client cannot add more than
the time that really passed, nor anything outside the window.

A person has attended once
- live_seconds >= page.attendance_minutes minutes, or
- after the broadcast, recording_seconds >= page.recording_share % of page.recording_minutes
  (a recording without a length cannot be measured, so it never counts on its own).

`Attendance.attended_at` (and `via_recording`) is set once, the first time either holds, and never
changed afterwards. One row per person and webcast (a database constraint); every beat is one
transaction that locks the row, so two beats at once cannot count the same seconds twice.

Without JavaScript there is no heartbeat: attendance is then not measured (it is not guessed).
"""

import datetime
import math

from django.db import transaction
from django.utils import timezone

from .models import Attendance

LIVE, RECORDING = "live", "recording"
KINDS = (LIVE, RECORDING)
HEARTBEAT_SECONDS = 60  # how often the page sends a beat
MAX_BEAT_SECONDS = 90  # the most one beat can add: one interval and some slack for a slow network


class NotMeasured(Exception):
    """The beat cannot count: the webcast is cancelled, or not live / no recording at this time."""


def live_threshold_seconds(webcast):
    return webcast.attendance_minutes * 60


def recording_threshold_seconds(webcast):
    """Seconds of the recording that count as attended, or None when the recording's length is unknown."""
    if not webcast.recording_url or not webcast.recording_minutes:
        return None
    return math.ceil(webcast.recording_minutes * 60 * webcast.recording_share / 100)


def window(webcast, kind):
    """(start, end) of the time a beat of `kind` may count in; end None for open-ended. None: never."""
    if webcast.cancelled:
        return None
    if kind == LIVE:
        return webcast.starts_at, webcast.ends_at
    if kind == RECORDING and webcast.recording_url:
        return webcast.ends_at, None
    return None


def accepts(webcast, kind, now=None):
    """Whether a beat of `kind` at `now` can count (the page's script asks the same through its data)."""
    span = window(webcast, kind)
    if span is None:
        return False
    now = now or timezone.now()
    start, end = span
    # A live beat shortly after the end still counts the seconds up to the end.
    return start <= now and (end is None or now <= end + datetime.timedelta(seconds=MAX_BEAT_SECONDS))


def counted_seconds(last_beat, now, span):
    """Seconds between the previous beat and this one, clipped to `span`, capped; 0 for a new session."""
    if last_beat is None or now <= last_beat:
        return 0
    if (now - last_beat).total_seconds() > MAX_BEAT_SECONDS:
        return 0
    start, end = span
    begin = max(last_beat, start)
    finish = now if end is None else min(now, end)
    if finish <= begin:
        return 0
    return min(int((finish - begin).total_seconds()), MAX_BEAT_SECONDS)


def has_attended(attendance, webcast):
    """The rule, on the figures alone: (attended, via_recording)."""
    if attendance.live_seconds >= live_threshold_seconds(webcast):
        return True, False
    threshold = recording_threshold_seconds(webcast)
    if threshold is not None and attendance.recording_seconds >= threshold:
        return True, True
    return False, False


def record_beat(webcast, user, kind, now=None):
    """Count one beat of `user` on `webcast`. Returns the Attendance row; raises NotMeasured if it cannot count.

    One transaction: the row is made if missing (the constraint keeps it single), then locked while
    the seconds are added, so parallel beats are counted one after the other.
    """
    if kind not in KINDS:
        raise ValueError(kind)
    now = now or timezone.now()
    if not accepts(webcast, kind, now):
        raise NotMeasured(kind)
    span = window(webcast, kind)
    with transaction.atomic():
        Attendance.objects.bulk_create([Attendance(webcast=webcast, user=user)], ignore_conflicts=True)
        attendance = Attendance.objects.select_for_update().get(webcast=webcast, user=user)
        seconds = counted_seconds(attendance.last_heartbeat_at, now, span)
        fields = ["last_heartbeat_at"]
        attendance.last_heartbeat_at = now
        if seconds:
            if kind == LIVE:
                attendance.live_seconds += seconds
                fields.append("live_seconds")
            else:
                attendance.recording_seconds += seconds
                fields.append("recording_seconds")
        if attendance.attended_at is None:
            attended, via_recording = has_attended(attendance, webcast)
            if attended:
                attendance.attended_at = now
                attendance.via_recording = via_recording
                fields += ["attended_at", "via_recording"]
        attendance.save(update_fields=fields)
    return attendance


def attended_ids(webcast_ids, user_ids):
    """{(user_id, webcast_id): attended_at} for those who attended: one query (readiness uses it)."""
    if not webcast_ids or not user_ids:
        return {}
    rows = Attendance.objects.attended().filter(webcast_id__in=webcast_ids, user_id__in=user_ids)
    return {
        (user_id, webcast_id): at
        for user_id, webcast_id, at in rows.values_list("user_id", "webcast_id", "attended_at")
    }
