"""Views of webcasts: attendance. The page's heartbeat (static/js/webcast-attendance.js) posts here.

POST /webbsandning/<id>/narvaro/ with `kind` = live | recording (a form body, or JSON {"kind": ...}).
204 when received (whether or not the beat could count), 400 for a bad body, 403 for someone not
signed in, 404 for an unknown or unpublished page. The rule itself is webcasts.attendance.
"""

import contextlib
import json

from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import attendance
from ..models import WebcastPage


def _kind(request):
    if (request.content_type or "").startswith("application/json"):
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            return None
        return data.get("kind") if isinstance(data, dict) else None
    return request.POST.get("kind")


@never_cache
@require_POST
def heartbeat(request, webcast_id):
    if not request.user.is_authenticated:
        return HttpResponseForbidden(_("Sign in to have your attendance counted."), content_type="text/plain")
    webcast = get_object_or_404(WebcastPage.objects.live().public(), pk=webcast_id)
    kind = _kind(request)
    if kind not in attendance.KINDS:
        return HttpResponseBadRequest(
            _("Unknown kind of heartbeat: send live or recording."), content_type="text/plain"
        )
    # Not live, or no recording, at this time: nothing to count, and nothing wrong with the request.
    with contextlib.suppress(attendance.NotMeasured):
        attendance.record_beat(webcast, request.user, kind)
    return HttpResponse(status=204)


urlpatterns = [path("<int:webcast_id>/narvaro/", heartbeat, name="webcast_heartbeat")]
