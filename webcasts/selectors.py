"""Read-side queries about webcasts: what is live now, upcoming and past, for whom, by series (the pages);
and what one person has registered for (My learning, the calendar feed).

No writes here. Every function runs a fixed number of queries whatever the number of webcasts: lists are
read in one query each and shaped in Python (grouping, labels), and page links come from the site root
paths kept in memory (core.sites).
"""

import contextlib
import time
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from types import SimpleNamespace

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import County, TargetGroup
from core import sites, versions

from . import embeds, schedule
from .models import Registration, RegistrationStatus, WebcastIndexPage, WebcastPage, WebcastSeriesPage

COUNTY_LABELS = dict(County.choices)
TARGET_GROUP_LABELS = dict(TargetGroup.choices)
# What a list of webcasts needs: no StreamField (polls), no transcript or description.
CARD_FIELDS = ("title", "slug", "path", "depth", "url_path", "starts_at", "ends_at", "intro", "cancelled")
CARD_FIELDS += ("recording_url", "counties", "target_groups", "live", "locale_id", "content_type_id")
PAST_PER_SERIES = 6


# --- the index ---------------------------------------------------------------------------------------


def live_index():
    """The first live, public webcast index of the site (the header links to it), or None. One query."""
    return sites.public(WebcastIndexPage.objects.live()).order_by("path").first()


def public_webcasts():
    return sites.public(WebcastPage.objects.live()).only(*CARD_FIELDS)


def public_series(parent=None):
    series = sites.public(WebcastSeriesPage.objects.live())
    if parent is not None:
        series = series.child_of(parent)
    return series.order_by("path")


def live_now(webcasts, now=None):
    return webcasts.filter(schedule.live_filter(now)).order_by("starts_at", "path")


def upcoming(webcasts, now=None):
    return webcasts.filter(schedule.upcoming_filter(now)).order_by("starts_at", "path")


def past(webcasts, now=None):
    return webcasts.filter(schedule.past_filter(now)).order_by("-starts_at", "-path")


def _json_list_has(field_name, value):
    """Q for a JSON list field holding `value` (a county code or target group slug), on SQLite and PostgreSQL:
    the list's JSON text holds the quoted value. The codes are letters only, so no value is part of another."""
    return Q(**{f"{field_name}__icontains": f'"{value}"'})


def for_audience(webcasts, series, county=None, target_group=None):
    """Webcasts for a county and/or a target group: by the webcast's own list, or, where that is empty, by
    its series' list (`series`: the series pages the webcasts may belong to, already read). The same
    fallback as webcasts.audience, the rule for who may register."""
    for field_name, value in (("counties", county), ("target_groups", target_group)):
        if not value:
            continue
        own = ~Q(**{field_name: []}) & _json_list_has(field_name, value)
        matching_series = [s.path for s in series if value in (getattr(s, field_name) or [])]
        inherited = Q(**{field_name: []}) & reduce(
            or_, (Q(path__startswith=path) for path in matching_series), Q(pk__in=[])
        )
        webcasts = webcasts.filter(own | inherited)
    return webcasts


@dataclass
class AudienceFilter:
    """The index's GET filters, cleaned: an unknown value is ignored (and said so), never an error."""

    county: str = ""
    target_group: str = ""
    ignored: list = field(default_factory=list)

    @classmethod
    def from_query(cls, query):
        chosen = cls()
        county = (query.get("lan") or "").strip()[:10]
        group = (query.get("malgrupp") or "").strip()[:40]
        if county in COUNTY_LABELS:
            chosen.county = county
        elif county:
            chosen.ignored.append("lan")
        if group in TARGET_GROUP_LABELS:
            chosen.target_group = group
        elif group:
            chosen.ignored.append("malgrupp")
        return chosen

    @property
    def active(self):
        return bool(self.county or self.target_group)

    @property
    def county_label(self):
        return COUNTY_LABELS.get(self.county, "")

    @property
    def target_group_label(self):
        return TARGET_GROUP_LABELS.get(self.target_group, "")


@dataclass
class SeriesGroup:
    series: object  # a WebcastSeriesPage, or None for webcasts outside a series
    webcasts: list
    more: int = 0  # how many more the series page lists


def group_by_series(webcasts, series, limit=None):
    """[SeriesGroup] in the order the webcasts come, webcasts outside a series last. `limit` caps each series'
    list (its page has them all); webcasts outside a series are never capped (they have no other page)."""
    by_path = {s.path: s for s in series}
    groups, loose = {}, []
    for webcast in webcasts:
        parent = by_path.get(webcast.path[: -WebcastPage.steplen])
        webcast.series = parent
        if parent is None:
            loose.append(webcast)
        else:
            groups.setdefault(parent.path, SeriesGroup(parent, [])).webcasts.append(webcast)
    result = list(groups.values())
    if limit:
        for group in result:
            group.more = max(len(group.webcasts) - limit, 0)
            group.webcasts = group.webcasts[:limit]
    if loose:
        result.append(SeriesGroup(None, loose))
    return result


def _with_states(webcasts, now):
    for webcast in webcasts:
        webcast.current_state = schedule.state(webcast, now)
    return webcasts


def index_listing(index, query, now=None):
    """Everything the index page shows: live now, upcoming (grouped by series), past (grouped, capped per
    series), the filter as chosen and the choices. Two queries."""
    now = now or timezone.now()
    chosen = AudienceFilter.from_query(query)
    series = list(public_series(index).only("title", "path", "depth", "url_path", "counties", "target_groups"))
    webcasts = for_audience(public_webcasts().descendant_of(index), series, chosen.county, chosen.target_group)
    rows = _with_states(list(webcasts.order_by("starts_at", "path")), now)
    group_by_series(rows, series)  # sets webcast.series on every row
    ahead = (schedule.State.LIVE, schedule.State.UPCOMING)
    return {
        "filter": chosen,
        "county_choices": County.choices,
        "target_group_choices": TargetGroup.choices,
        "series_list": series,
        "live_webcasts": [w for w in rows if w.current_state == schedule.State.LIVE],
        "upcoming_groups": group_by_series(
            [
                w
                for w in rows
                if w.current_state not in ahead[:1] and w.ends_at > now and w.current_state != schedule.State.LIVE
            ],
            series,
        ),
        "past_groups": group_by_series([w for w in reversed(rows) if w.ends_at <= now], series, limit=PAST_PER_SERIES),
        "webcast_count": len(rows),
    }


# --- a series --------------------------------------------------------------------------------------------


def series_episodes(series, now=None):
    """The episodes of a series: live and upcoming first (soonest first), then past (latest first). One query."""
    now = now or timezone.now()
    rows = _with_states(list(public_webcasts().child_of(series).order_by("starts_at", "path")), now)
    for webcast in rows:
        webcast.series = series
    return {
        "upcoming_episodes": [w for w in rows if w.ends_at > now],
        "past_episodes": [w for w in reversed(rows) if w.ends_at <= now],
        "episode_count": len(rows),
    }


# --- a webcast -------------------------------------------------------------------------------------------


def parent_series(webcast):
    """The webcast's series (a live WebcastSeriesPage), or None when it sits right under the index. One query."""
    return WebcastSeriesPage.objects.filter(path=webcast.path[: -WebcastPage.steplen], live=True).first()


def audience(webcast, series=None):
    """Target group and county labels: the webcast's own, or its series' when its own are empty."""
    groups = webcast.target_groups or (series.target_groups if series else [])
    counties = webcast.counties or (series.counties if series else [])
    return {
        "target_group_labels": [TARGET_GROUP_LABELS[g] for g in groups if g in TARGET_GROUP_LABELS],
        "county_labels": [COUNTY_LABELS[c] for c in counties if c in COUNTY_LABELS],
    }


def related_modules(webcast):
    """The related e-modules that are live and public. One query (none in a preview, whose choice is in memory)."""
    modules = webcast.related_modules.all()
    if not isinstance(modules, QuerySet):  # an editor's preview: the unsaved choice, in memory
        restricted = sites.restricted_paths()
        return [m for m in modules if m.live and not any(m.path.startswith(p) for p in restricted)]
    return list(sites.public(modules.filter(live=True)).order_by("title"))


def webcast_detail(webcast, query, now=None):
    """What the webcast page shows beside its own fields. Seven queries."""
    current = schedule.state(webcast, now)
    series = parent_series(webcast)
    # Through the page's relations, so an editor's preview shows its unsaved rows.
    presenters = list(webcast.presenters.all().order_by("sort_order"))
    chapters = list(webcast.chapters.all().order_by("starts_at_seconds", "sort_order"))
    documents = list(webcast.documents.all().select_related("document").order_by("sort_order"))
    organisations = sorted(str(o) for o in webcast.organisations.all())
    return {
        "state": current,
        "states": schedule.State,
        "series": series,
        "presenters": presenters,
        "chapters": chapters,
        "documents": documents,
        "organisation_labels": organisations,
        "modules": related_modules(webcast),
        "player": embeds.Player.for_webcast(webcast, current, query),
        **audience(webcast, series),
    }


# --- one person (registration work) ----------------------------------------------------------------------


MINE_SECONDS = 6 * 3600


def _keys(user_id):
    return f"webcasts:mine:gen:{user_id}", f"webcasts:mine:{user_id}"


def forget(user_id):
    """After a change of the person's registrations: their "My webcasts" is read again (after commit)."""
    gen_key, _data = _keys(user_id)

    def bump():
        with contextlib.suppress(Exception):  # the shared cache is down: the entry expires on its own
            cache.set(gen_key, time.time_ns(), MINE_SECONDS)

    # At once, and again when the transaction commits: nothing read before the commit outlives it.
    bump()
    transaction.on_commit(bump)


def _read(user, now):
    rows = (
        Registration.objects.filter(
            user=user,
            status__in=[RegistrationStatus.REGISTERED, RegistrationStatus.WAITING],
            webcast__live=True,
            webcast__ends_at__gt=now,
        )
        .select_related("webcast")
        .only(
            "pk",
            "status",
            "webcast__id",
            "webcast__title",
            "webcast__url_path",
            "webcast__path",
            "webcast__depth",
            "webcast__starts_at",
            "webcast__ends_at",
            "webcast__cancelled",
        )
        .order_by("webcast__starts_at")
    )
    return [
        {
            "pk": r.pk,
            "status": r.status,
            "webcast": {
                "pk": r.webcast.pk,
                "title": r.webcast.title,
                "url": r.webcast.url,
                "starts_at": r.webcast.starts_at,
                "ends_at": r.webcast.ends_at,
                "cancelled": r.webcast.cancelled,
            },
        }
        for r in rows
    ]


def upcoming_for(user, now=None):
    """My registrations (a place or a place in the queue) for webcasts not yet over.

    Kept in the shared cache per person (one round trip, no query): My learning is read often and
    registrations change seldom. A change of the person's registrations (booking calls `forget`) or of
    any page (the content version) makes it read again, with one query.
    """
    now = now or timezone.now()
    gen_key, data_key = _keys(user.pk)
    version = versions.current(versions.CONTENT)
    try:
        found = cache.get_many([gen_key, data_key])
    except Exception:
        found = {}
    gen = found.get(gen_key)
    entry = found.get(data_key)
    if entry is not None and entry[0] == gen and entry[1] == version:
        rows = entry[2]
    else:
        rows = _read(user, now)
        with contextlib.suppress(Exception):
            cache.set(data_key, (gen, version, rows), MINE_SECONDS)
    return [
        SimpleNamespace(pk=row["pk"], status=row["status"], webcast=SimpleNamespace(**row["webcast"]))
        for row in rows
        if row["webcast"]["ends_at"] > now
    ]


def calendar_items_for(user, since):
    """The webcasts I hold a place for, from `since` on, as calendar items (one query). A cancelled
    webcast stays in the feed as CANCELLED, so that calendars take it out."""
    from .calendar import item_for

    registrations = (
        Registration.objects.filter(
            user=user, status=RegistrationStatus.REGISTERED, webcast__live=True, webcast__ends_at__gte=since
        )
        .select_related("webcast")
        .defer("webcast__description", "webcast__transcript", "webcast__polls")
        .order_by("webcast__starts_at")
    )
    return [item_for(registration.webcast) for registration in registrations]
