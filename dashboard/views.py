from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from core.calendar import CONTENT_TYPE
from core.ratelimit import Limit, too_many
from elearning import selectors as learning
from maturity import selectors as maturity_selectors
from programmes import selectors as programme_selectors
from webcasts import selectors as webcast_selectors
from workshops import selectors as workshop_selectors

from .calendar import feed_ics
from .models import CalendarFeed

SHOWN_ONCE = "dashboard.calendar_feed_token"
FEED_MISSES = Limit("calendar-feed-miss", allowed=30, window=600)  # unknown tokens per address, then 429


@login_required
def my_learning(request):
    entries = learning.my_learning(request.user)
    progress = {entry.module.pk: entry.progress for entry in entries if entry.progress}  # read once, used twice
    return render(
        request,
        "dashboard/my_learning.html",
        {
            "in_progress": [e for e in entries if e.status == "in_progress"],
            "not_started": [e for e in entries if e.status == "not_started"],
            "completed": [e for e in entries if e.status == "completed"],
            "workshops": workshop_selectors.upcoming_for_member(request.user, progress),
            "webcasts": webcast_selectors.upcoming_for(request.user),
            "surveys": maturity_selectors.open_surveys_for(request.user),
            "programme_places": programme_selectors.current_places(request.user),
            "today": timezone.localdate(),
        },
    )


def _feed_urls(request, token):
    url = request.build_absolute_uri(reverse("calendar_feed_ics", args=[token]))
    return url, "webcal://" + url.split("://", 1)[1]


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def calendar_feed(request):
    """Make, regenerate or revoke my calendar feed. The address is shown once, right after it is made."""
    feed = CalendarFeed.objects.filter(user=request.user).first()
    if request.method == "POST":
        action = request.POST.get("action")
        if action in ("create", "regenerate"):
            # Shown on the next page only (then dropped from the session): the secret itself is not stored.
            request.session[SHOWN_ONCE] = {"token": CalendarFeed.issue(request.user), "replaced": feed is not None}
        elif action == "revoke":
            deleted, _rows = CalendarFeed.objects.filter(user=request.user).delete()
            request.session.pop(SHOWN_ONCE, None)
            if deleted:
                messages.success(request, _("Your calendar feed is turned off. Its address no longer works."))
            else:
                messages.info(request, _("You had no calendar feed: nothing changed."))
        else:
            return HttpResponse(_("Unknown action."), status=400, content_type="text/plain; charset=utf-8")
        return redirect("calendar_feed")
    shown = request.session.pop(SHOWN_ONCE, None)
    feed_url = webcal_url = None
    if isinstance(shown, dict) and shown.get("token") and feed is not None:
        feed_url, webcal_url = _feed_urls(request, shown["token"])
    return render(
        request,
        "dashboard/calendar_feed.html",
        {
            "feed": feed,
            "feed_url": feed_url,
            "webcal_url": webcal_url,
            "replaced": bool(shown and shown.get("replaced")),
        },
    )


@require_GET
@never_cache
def calendar_feed_ics(request, token):
    """The feed itself: no session, the secret in the address. Unknown or revoked: 404."""
    if FEED_MISSES.exceeded(request):
        return too_many(FEED_MISSES)
    feed = CalendarFeed.objects.for_token(token)
    if feed is None:
        FEED_MISSES.count(request)
        raise Http404
    CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=timezone.now())
    name = _("%(site)s: my webcasts and workshops") % {"site": settings.WAGTAIL_SITE_NAME}
    response = HttpResponse(feed_ics(feed.user, name), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="kalender.ics"'
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response
