"""The attendance part of a webcast page, as an inclusion tag (owned by the attendance work).

For a signed-in person it renders the heartbeat's form (a CSRF token, the beacon's address, the
live window and whether a recording can be measured) and what the person's attendance is so far;
static/js/webcast-attendance.js sends the beats. Nothing is rendered for anonymous visitors, nor
for a cancelled webcast; after a broadcast without a recording, only a person who attended sees
that they did. One query (the person's own attendance row) once the broadcast has started.
"""

from django import template
from django.utils import timezone

from .. import attendance as rule
from ..models import Attendance
from ..schedule import State, state

register = template.Library()


@register.inclusion_tag("webcasts/includes/attendance.html", takes_context=True)
def webcast_attendance(context, page):
    request = context.get("request")
    user = getattr(request, "user", None)
    now = timezone.now()
    current = state(page, now)
    signed_in = bool(getattr(user, "is_authenticated", False))
    mine = None
    if signed_in and current not in (State.UPCOMING, State.CANCELLED) and getattr(page, "pk", None):
        mine = Attendance.objects.filter(webcast_id=page.pk, user_id=user.pk).first()
    recording_threshold = rule.recording_threshold_seconds(page)
    return {
        "page": page,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        # Beats are sent only while they can count: before and during the broadcast, or with a recording.
        "measured": signed_in and current in (State.UPCOMING, State.LIVE, State.RECORDING),
        "state": current,
        "now": now,
        "mine": mine,
        "heartbeat_seconds": rule.HEARTBEAT_SECONDS,
        "recording_measurable": recording_threshold is not None,
        "recording_threshold_minutes": None if recording_threshold is None else -(-recording_threshold // 60),
    }
