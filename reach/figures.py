"""Reach across organisations: who has taken part, per county and organisation kind, against the targets.

One function, `reach(viewer, filters)`, computes every figure of the dashboard and its export in a
fixed number of queries, whatever the number of people and organisations (the database groups):

1. the organisations in the viewer's figures scope and the filters (id, name, county, kind);
2. the participants grouped by organisation and target group: active people (those marked as having
   left do not count, as in every other report) with at least one participation row in the chosen
   activities and period, as each domain defines it (`<app>/participation.py`);
3. and 4. completions per month: e-modules completed and programme certificates issued.

The targets (`ReachTarget.current()`, one query) are applied after, so a changed target shows at
once even when the figures come from the short-lived cache (`cached_reach`).

Who sees what: `accounts.scoping.figures_filter` decides the organisations. Programme owners,
editors and administrators: every organisation; a manager: their own organisation only. Nobody
sees a person here: organisations are listed by name (they are not people), and every count of
people passes `core.anonymity.suppress` (k = 5, complementary suppression) where it is computed:
participants per county, per target group, leading persons per county and per leading target
group, participants per organisation (one table per county, whose total is the county, as in
webcasts/reports.py), and completions per month (events about people). A hidden figure is None.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext

from accounts import scoping
from accounts.models import County, Organisation, OrganisationKind, TargetGroup, User
from core.anonymity import min_group_size, share, subtotal_is_safe, suppress, too_small
from elearning import participation as elearning_participation
from programmes import participation as programmes_participation
from webcasts import participation as webcasts_participation
from workshops import participation as workshops_participation

from .models import ReachTarget

MODULES, WORKSHOPS, PROGRAMMES, WEBCASTS = "moduler", "workshoppar", "program", "webbsandningar"
ACTIVITIES = {
    MODULES: elearning_participation,
    WORKSHOPS: workshops_participation,
    PROGRAMMES: programmes_participation,
    WEBCASTS: webcasts_participation,
}
LEADING = (TargetGroup.ELECTED, TargetGroup.SENIOR, TargetGroup.MANAGER)  # as webcasts/reports.py
NOT_GIVEN = ""
DEFAULT_MONTHS = 12
MAX_MONTHS = 60
CACHE_SECONDS = getattr(settings, "REACH_CACHE_SECONDS", 60)


@dataclass(frozen=True)
class Filters:
    """What the figures cover. Empty values mean "all"; the dates are inclusive."""

    county: str = ""
    kind: str = ""
    activity: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None

    def key(self):
        return f"{self.county}|{self.kind}|{self.activity}|{self.since or ''}|{self.until or ''}"


@dataclass
class OrganisationCount:
    """Organisations and how many of them have taken part (organisations are not people: never hidden)."""

    key: str
    organisations: int = 0
    reached: int = 0

    @property
    def percent(self):
        return share(self.reached, self.organisations) if self.organisations else None

    @property
    def kind_name(self):
        return kind_label(self.key)


@dataclass
class CountyRow(OrganisationCount):
    by_kind: dict = field(default_factory=dict)  # kind -> OrganisationCount
    kinds: list = field(default_factory=list)  # the kinds present in the whole selection, in order
    participants: int | None = 0
    leading: int | None = 0

    @property
    def county_name(self):
        return county_label(self.key)

    @property
    def cells(self):
        """One cell per kind present in the selection (None where the county has none of that kind)."""
        return [self.by_kind.get(kind) for kind in self.kinds]


@dataclass
class OrganisationRow:
    pk: int
    name: str
    county: str
    kind: str
    took_part: bool
    participants: int | None  # None: hidden

    @property
    def county_name(self):
        return county_label(self.county)

    @property
    def kind_name(self):
        return kind_label(self.kind)


@dataclass
class PeopleRow:
    key: str
    people: int | None

    @property
    def group_name(self):
        return group_label(self.key)


@dataclass
class MonthRow:
    month: datetime.date
    modules: int | None = 0
    certificates: int | None = 0


@dataclass
class Reach:
    k: int
    filters: Filters
    computed_at: datetime.datetime = None
    total: OrganisationCount = None
    counties: list[CountyRow] = field(default_factory=list)
    kinds: list[OrganisationCount] = field(default_factory=list)
    kinds_present: list[str] = field(default_factory=list)
    organisations: list[OrganisationRow] = field(default_factory=list)
    participants: int | None = 0
    leading: int | None = 0
    target_groups: list[PeopleRow] = field(default_factory=list)
    leading_groups: list[PeopleRow] = field(default_factory=list)
    months: list[MonthRow] = field(default_factory=list)
    # Filled in after the cache, from ReachTarget.current():
    target_share: int = None
    target_leading: int = None

    @property
    def not_taken_part(self):
        """Municipalities that have not taken part yet, per county: [(county, [OrganisationRow])] (names only)."""
        found = {}
        for row in self.organisations:
            if row.kind == OrganisationKind.MUNICIPALITY and not row.took_part:
                found.setdefault(row.county, []).append(row)
        return [(county, found[county]) for county in sorted(found, key=county_label)]

    @property
    def organisations_by_county(self):
        """[(county code, [OrganisationRow])] in county order."""
        found = {}
        for row in self.organisations:
            found.setdefault(row.county, []).append(row)
        return [(county, found[county]) for county in sorted(found, key=county_label)]

    @property
    def kinds_present_names(self):
        return [kind_label(kind) for kind in self.kinds_present]

    @property
    def share_met(self):
        return (
            self.total.percent is not None and self.target_share is not None and self.total.percent >= self.target_share
        )

    @property
    def leading_percent(self):
        return share(self.leading, self.target_leading) if self.target_leading else None

    @property
    def leading_met(self):
        return self.leading is not None and self.target_leading is not None and self.leading >= self.target_leading

    @property
    def has_hidden(self):
        people = [row.people for row in self.target_groups + self.leading_groups]
        people += [row.participants for row in self.counties] + [row.leading for row in self.counties]
        people += [row.participants for row in self.organisations]
        people += [row.modules for row in self.months] + [row.certificates for row in self.months]
        return any(value is None for value in people) or self.participants is None or self.leading is None


COUNTY_NAMES = dict(County.choices)  # plain names (data, not translated)
KIND_LABELS = dict(OrganisationKind.choices)  # lazy: translated when shown
GROUP_LABELS = dict(TargetGroup.choices)


def county_label(code):
    return COUNTY_NAMES.get(code, code)


def kind_label(code):
    return str(KIND_LABELS.get(code, code))


def group_label(code):
    if code == NOT_GIVEN:
        return gettext("Not given")
    return str(GROUP_LABELS.get(code, code))


def _scope_key(viewer):
    figures = scoping.scope_of(viewer).figures
    return "all" if figures == scoping.ALL else ",".join(str(pk) for pk in sorted(figures))


def _months(filters, today=None):
    """The first day of each month the chart covers: the filtered period, else the last twelve months."""
    today = today or timezone.localdate()
    last = (filters.until or today).replace(day=1)
    first = filters.since.replace(day=1) if filters.since else None
    if first is None or first > last:
        first = last
        for _ in range(DEFAULT_MONTHS - 1):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
    months = []
    month = first
    while month <= last and len(months) < MAX_MONTHS:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _activities(filters):
    return [ACTIVITIES[filters.activity]] if filters.activity in ACTIVITIES else list(ACTIVITIES.values())


def _organisation_q(viewer, filters, prefix=""):
    """The viewer's figures scope and the county/kind filters, for Organisation rows (prefix "") or others."""
    q = scoping.figures_filter(viewer, f"{prefix}pk" if not prefix else f"{prefix}id")
    if filters.county:
        q &= Q(**{f"{prefix}county": filters.county})
    if filters.kind:
        q &= Q(**{f"{prefix}kind": filters.kind})
    return q


def _participants(viewer, filters):
    """{(organisation_id, target_group): people} of active people who took part: one query, grouped in the DB."""
    took_part = Q(pk__in=[])
    for module in _activities(filters):
        for rows in module.sources(filters.since, filters.until):
            took_part |= Q(pk__in=rows.values("user_id"))
    rows = (
        User.objects.active()
        .filter(organisation__isnull=False)
        .filter(_organisation_q(viewer, filters, "organisation__"))
        .filter(took_part)
        .values("organisation_id", "target_group")
        .annotate(people=Count("pk"))
        .order_by()
    )
    return {(row["organisation_id"], row["target_group"] or NOT_GIVEN): row["people"] for row in rows}


def _monthly(viewer, filters, rows):
    """{first day of month: number} for completion rows of active people in scope: one query, grouped."""
    rows = (
        rows.filter(user__is_active=True)
        .filter(_organisation_q(viewer, filters, "user__organisation__"))
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(count=Count("user_id"))
        .order_by()
    )
    found = {}
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = month.date()
        found[month] = found.get(month, 0) + row["count"]
    return found


def _hide_series(counts, months, k):
    """Each month's count of completions, None where hidden (the months are one table of their total)."""
    cells = {month: counts.get(month, 0) for month in months}
    hidden = suppress(sum(cells.values()), cells, k)
    return {month: (None if month in hidden else n) for month, n in cells.items()}


def _sorted_cells(cells):
    return dict(sorted(cells.items(), key=lambda item: str(item[0])))


def compute(viewer, filters):
    """The figures for `viewer` and `filters`, without the targets (see `reach`). Four queries."""
    k = min_group_size()
    result = Reach(k=k, filters=filters, computed_at=timezone.now())

    organisations = list(
        Organisation.objects.filter(_organisation_q(viewer, filters))
        .order_by("name")
        .values("pk", "name", "county", "kind")
    )
    people = _participants(viewer, filters)

    per_org, per_group, per_county, leading_county = {}, {}, {}, {}
    org_county = {org["pk"]: org["county"] for org in organisations}
    for (organisation_id, group), n in people.items():
        county = org_county.get(organisation_id)
        if county is None:
            continue
        per_org[organisation_id] = per_org.get(organisation_id, 0) + n
        per_group[group] = per_group.get(group, 0) + n
        per_county[county] = per_county.get(county, 0) + n
        if group in LEADING:
            leading_county[county] = leading_county.get(county, 0) + n
    total_people = sum(per_county.values())
    total_leading = sum(leading_county.values())

    # Organisations (not people): per county, per kind, and both.
    result.total = OrganisationCount("")
    counties, kinds = {}, {}
    for org in organisations:
        took_part = per_org.get(org["pk"], 0) > 0
        county = counties.setdefault(org["county"], CountyRow(org["county"]))
        kind = kinds.setdefault(org["kind"], OrganisationCount(org["kind"]))
        cell = county.by_kind.setdefault(org["kind"], OrganisationCount(org["kind"]))
        for item in (result.total, county, kind, cell):
            item.organisations += 1
            item.reached += took_part
    kind_order = [value for value, _label in OrganisationKind.choices]
    result.kinds = sorted(kinds.values(), key=lambda row: kind_order.index(row.key) if row.key in kind_order else 99)
    result.kinds_present = [row.key for row in result.kinds]
    for row in counties.values():
        row.kinds = result.kinds_present

    # People per county, and leading persons per county: each one table of its total.
    hidden_counties = suppress(total_people, _sorted_cells({c: per_county.get(c, 0) for c in counties}), k)
    hidden_leading = suppress(total_leading, _sorted_cells({c: leading_county.get(c, 0) for c in counties}), k)
    for code, row in counties.items():
        row.participants = None if code in hidden_counties else per_county.get(code, 0)
        row.leading = None if code in hidden_leading else leading_county.get(code, 0)
    result.counties = sorted(counties.values(), key=lambda row: county_label(row.key))
    result.participants = None if too_small(total_people, k) else total_people
    result.leading = None if too_small(total_leading, k) else total_leading

    # Organisations: one table per county, whose total is the county; a hidden county hides them all.
    hidden_orgs = set()
    for code in counties:
        members = _sorted_cells(
            {org["pk"]: per_org.get(org["pk"], 0) for org in organisations if org["county"] == code}
        )
        if code in hidden_counties:
            hidden_orgs |= set(members)
        else:
            hidden_orgs |= suppress(per_county.get(code, 0), members, k)
    result.organisations = [
        OrganisationRow(
            org["pk"],
            org["name"],
            org["county"],
            org["kind"],
            per_org.get(org["pk"], 0) > 0,
            None if org["pk"] in hidden_orgs else per_org.get(org["pk"], 0),
        )
        for org in organisations
    ]

    # Target groups: leading persons per leading group (a table of the leading total), then every group
    # (a table of all participants) with those already hidden, and the leading subtotal kept safe.
    group_order = [value for value, _label in TargetGroup.choices] + [NOT_GIVEN]
    leading_cells = {group: per_group.get(group, 0) for group in LEADING}
    hidden_leading_groups = suppress(total_leading, leading_cells, k)
    all_cells = {group: per_group.get(group, 0) for group in group_order if per_group.get(group, 0) or group in LEADING}
    hidden_groups = suppress(total_people, all_cells, k, hidden=hidden_leading_groups)
    candidates = sorted(
        (g for g, n in all_cells.items() if g not in hidden_groups and g not in LEADING and n > 0),
        key=lambda g: (all_cells[g], group_order.index(g)),
    )
    while not subtotal_is_safe(all_cells, hidden_groups, set(LEADING), k) and candidates:
        hidden_groups.add(candidates.pop(0))
    result.leading_groups = [
        PeopleRow(group, None if group in hidden_leading_groups else leading_cells[group]) for group in LEADING
    ]
    result.target_groups = [PeopleRow(group, None if group in hidden_groups else n) for group, n in all_cells.items()]

    _protect_the_rest(result, per_county, leading_county, total_people, total_leading, k)

    # Completions per month (events about people: one table per series).
    months = _months(filters)
    since, until = max(months[0], filters.since or months[0]), filters.until or timezone.localdate()
    modules = programmes = {}
    if filters.activity in ("", MODULES):
        modules = _monthly(viewer, filters, elearning_participation.completions(since, until))
    if filters.activity in ("", PROGRAMMES):
        programmes = _monthly(viewer, filters, programmes_participation.completions(since, until))
    module_series = _hide_series(modules, months, k)
    certificate_series = _hide_series(programmes, months, k)
    result.months = [MonthRow(month, module_series[month], certificate_series[month]) for month in months]
    return result


def _protect_the_rest(result, per_county, leading_county, total_people, total_leading, k):
    """Leading persons are a part of the participants: where both are shown, the rest (participants who
    are not leading persons) is their difference, so it must describe no one or at least k people too.

    - A county whose rest is under k: the leading column of the county table is hidden as a whole (a
      single hidden cell could be worked out from the total); the rest of any set of counties is then
      only the total's rest.
    - The selection's rest under k: no figure about all participants is shown (total, counties,
      organisations, target groups), only the leading persons, which the targets are about.
    """
    if result.leading is None:  # under k: every leading figure is hidden already, nothing to subtract
        return
    if any(too_small(n - leading_county.get(code, 0), k) for code, n in per_county.items()):
        for row in result.counties:
            row.leading = None
    if too_small(total_people - total_leading, k):
        result.participants = None
        for row in result.counties:
            row.participants = None
        for row in result.organisations:
            row.participants = None
        for row in result.target_groups:
            row.people = None


def _cache_key(viewer, filters):
    raw = f"{_scope_key(viewer)}|{filters.key()}|{timezone.localdate()}|{min_group_size()}"
    return "reach:figures:v1:" + hashlib.sha256(raw.encode()).hexdigest()[:32]


def cached_reach(viewer, filters):
    """The figures, kept in the shared cache for CACHE_SECONDS per scope and filters (they move slowly)."""
    key = _cache_key(viewer, filters)
    result = cache.get(key)
    if result is None:
        result = compute(viewer, filters)
        cache.set(key, result, CACHE_SECONDS)
    return result


def reach(viewer, filters=None, *, use_cache=True):
    """Every figure of the dashboard for `viewer`, with the targets in force. None if they may not see figures."""
    if not scoping.can_view_figures(viewer):
        return None
    filters = filters or Filters()
    result = cached_reach(viewer, filters) if use_cache else compute(viewer, filters)
    target = ReachTarget.current()
    result.target_share, result.target_leading = target.organisation_share, target.leading_persons
    return result
