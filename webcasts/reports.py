"""Webcast reports: who registered and attended (names, for a manager's organisation), and reach (figures).

Two reports, each covering only what the viewer may see (accounts.scoping):

- Attendance by name (`attendance_rows`, `organisation_overview`): the registrations and attendance
  of the people a viewer may see by name: a manager their own organisation, an administrator
  everyone. A webcast page is for all, but the names are the manager's organisation's only.
- Reach (`reach`): figures across organisations without names, for programme owners, editors and
  administrators (and a manager's own organisation): people registered, waiting and attended per
  county, organisation and target group, and the leading persons reached (elected officials,
  senior officials, managers) against the series' reach target. Every breakdown passes the
  anonymity rule (core.anonymity.suppress, k = 5, complementary suppression) here, where the
  numbers are computed, so the page and its export carry the same blanks. Organisations form one
  table per county (whose total is the county), so a hidden organisation cannot be worked out as
  its county minus the others.

Who counts as a participant of a selection of webcasts: a person with a registration that is not
cancelled (a place or a place in the queue) or an attendance that counts (webcasts.attendance).
"Registered" means a place in at least one of the webcasts; "waiting" only places in the queue;
"attended" that they attended at least one, "live" at least once live, "recording" only through
the recording. Every function runs a fixed number of queries, whatever the number of people.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import scoping
from accounts.models import County, Organisation, TargetGroup
from core.anonymity import min_group_size, share, suppress, too_small

from .models import (
    Attendance,
    Registration,
    RegistrationStatus,
    WebcastPage,
    WebcastSeriesPage,
)

LEADING = (TargetGroup.ELECTED, TargetGroup.SENIOR, TargetGroup.MANAGER)
NONE_KEY = ""
COUNTY, ORGANISATION, TARGET_GROUP = "county", "organisation", "target_group"
DIMENSIONS = [
    (COUNTY, gettext_lazy("County")),
    (ORGANISATION, gettext_lazy("Organisation")),
    (TARGET_GROUP, gettext_lazy("Target group")),
]


def can_view_names(user):
    return scoping.can_view_reports(user)


def can_view_reach(user):
    return scoping.can_view_figures(user)


# ---------------------------------------------------------------------------------------------
# Attendance by name: a manager's organisation (an administrator: everyone).
# ---------------------------------------------------------------------------------------------


@dataclass
class PersonRow:
    webcast: object
    user: object
    registration: object = None
    attendance: object = None

    @property
    def status(self):
        return self.registration.status if self.registration else None

    @property
    def status_label(self):
        if self.registration is None:
            return _("Not registered")
        return self.registration.get_status_display()

    @property
    def attended(self):
        return bool(self.attendance and self.attendance.attended_at)

    @property
    def how_label(self):
        if not self.attended:
            return ""
        return _("Recording") if self.attendance.via_recording else _("Live")


def _people_rows(viewer, webcast=None):
    """PersonRow per (webcast, person) the viewer may see by name: two queries."""
    if not can_view_names(viewer):
        return []
    registrations = Registration.objects.visible_to(viewer).filter(user__organisation__isnull=False)
    attendances = Attendance.objects.visible_to(viewer).filter(user__organisation__isnull=False)
    if webcast is not None:
        registrations = registrations.filter(webcast=webcast)
        attendances = attendances.filter(webcast=webcast)
    related = ("user", "user__department", "user__organisation", "webcast")
    rows = {}
    for registration in registrations.select_related(*related):
        rows[(registration.webcast_id, registration.user_id)] = PersonRow(
            registration.webcast, registration.user, registration=registration
        )
    for attendance in attendances.select_related(*related):
        key = (attendance.webcast_id, attendance.user_id)
        if key in rows:
            rows[key].attendance = attendance
        elif attendance.attended_at:  # a beat that did not reach the threshold is not worth a row alone
            rows[key] = PersonRow(attendance.webcast, attendance.user, attendance=attendance)
    return sorted(
        rows.values(),
        key=lambda row: (
            -row.webcast.starts_at.timestamp(),
            row.webcast.pk,
            (row.user.last_name or "").lower(),
            (row.user.first_name or "").lower(),
            row.user.email.lower(),
        ),
    )


def people(viewer, webcast):
    """The people of one webcast the viewer may see by name (a manager: their organisation's)."""
    return _people_rows(viewer, webcast)


@dataclass
class WebcastCounts:
    webcast: object
    registered: int = 0
    waiting: int = 0
    cancelled: int = 0
    attended_live: int = 0
    attended_recording: int = 0

    @property
    def attended(self):
        return self.attended_live + self.attended_recording


def organisation_overview(viewer):
    """Per webcast with anyone the viewer may see by name: counts of registered, waiting, attended. Two queries.

    For a manager these are their own organisation's people, whom they may also see by name, so no
    anonymity rule applies here (the reach report, across organisations, has one).
    """
    counts = {}
    for row in _people_rows(viewer):
        item = counts.setdefault(row.webcast.pk, WebcastCounts(row.webcast))
        if row.status == RegistrationStatus.REGISTERED:
            item.registered += 1
        elif row.status == RegistrationStatus.WAITING:
            item.waiting += 1
        elif row.status == RegistrationStatus.CANCELLED:
            item.cancelled += 1
        if row.attended:
            if row.attendance.via_recording:
                item.attended_recording += 1
            else:
                item.attended_live += 1
    return list(counts.values())


def attendance_header():
    return [
        _("Webcast"),
        _("Starts"),
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Department"),
        _("Target group"),
        _("Registration"),
        _("Registered"),
        _("Attended"),
        _("How"),
        _("Attended on"),
        _("Minutes live"),
        _("Minutes of the recording"),
    ]


def attendance_rows(viewer, webcast=None):
    """The header, then one row per person and webcast (one webcast, or every one): for core.exports."""
    yield attendance_header()
    yes, no = _("Yes"), _("No")
    for row in _people_rows(viewer, webcast):
        user, attendance, registration = row.user, row.attendance, row.registration
        yield [
            row.webcast.title,
            row.webcast.starts_at,
            user.get_full_name(),
            user.email,
            user.organisation.name if user.organisation_id else "",
            user.department.name if user.department_id else "",
            user.get_target_group_display(),
            str(row.status_label),
            registration.created_at if registration else None,
            yes if row.attended else no,
            row.how_label,
            attendance.attended_at if attendance else None,
            attendance.live_seconds // 60 if attendance else 0,
            attendance.recording_seconds // 60 if attendance else 0,
        ]


# ---------------------------------------------------------------------------------------------
# Reach across organisations: figures, no names, under the anonymity rule.
# ---------------------------------------------------------------------------------------------


@dataclass
class Figures:
    """One row of a table: people (participants) and how many registered, waited, attended (live, recording).

    A hidden row carries no figures at all (they are removed here, not in a template).
    """

    key: object
    label: str
    people: int | None = 0
    registered: int | None = 0
    waiting: int | None = 0
    attended: int | None = 0
    live: int | None = 0
    recording: int | None = 0
    leading: int | None = 0  # leading persons who attended
    hidden: bool = False

    @property
    def percent_attended(self):
        return None if self.hidden else share(self.attended, self.people)

    def hide(self):
        self.hidden = True
        self.people = self.registered = self.waiting = None
        self.attended = self.live = self.recording = self.leading = None

    def add(self, person):
        self.people += 1
        self.registered += person.registered
        self.waiting += person.waiting_only
        self.attended += person.attended
        self.live += person.live
        self.recording += person.recording_only
        self.leading += person.attended and person.leading


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[Figures] = field(default_factory=list)

    @property
    def has_hidden(self):
        return any(row.hidden for row in self.rows)


@dataclass
class Target:
    series: object
    target: int
    reached: int | None  # leading persons who attended an episode; None when too few to show

    @property
    def percent(self):
        return share(self.reached, self.target) if self.target else None


@dataclass
class Reach:
    k: int
    allowed: bool = True
    series: object = None
    webcast: object = None
    webcasts: list = field(default_factory=list)
    total: Figures = None
    episodes: list[Figures] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


@dataclass
class _Person:
    organisation_id: int | None
    county: str
    target_group: str
    registered: bool = False
    waiting: bool = False
    attended: bool = False
    live: bool = False

    @property
    def waiting_only(self):
        return self.waiting and not self.registered

    @property
    def recording_only(self):
        return self.attended and not self.live

    @property
    def leading(self):
        return self.target_group in LEADING


def series_choices():
    return WebcastSeriesPage.objects.live().order_by("path")


def _selection(series, webcast):
    webcasts = WebcastPage.objects.live()
    if webcast is not None:
        webcasts = webcasts.filter(pk=getattr(webcast, "pk", webcast))
    elif series is not None:
        webcasts = webcasts.child_of(series)
    return list(webcasts.order_by("starts_at", "path"))


def _people(viewer, webcast_ids):
    """{(user_id): _Person} for the selection and {webcast_id: {user_id: _Person-like}}: two queries."""
    user_fields = ("user_id", "webcast_id", "user__organisation_id", "user__organisation__county", "user__target_group")
    registrations = (
        Registration.objects.with_figures_for(viewer)
        .active()
        .filter(webcast_id__in=webcast_ids)
        .values_list(*user_fields, "status")
        .order_by()
    )
    attendances = (
        Attendance.objects.with_figures_for(viewer)
        .attended()
        .filter(webcast_id__in=webcast_ids)
        .values_list(*user_fields, "via_recording")
        .order_by()
    )
    everyone, per_webcast = {}, {}

    def person(bucket, user_id, organisation_id, county, target_group):
        if user_id not in bucket:
            bucket[user_id] = _Person(organisation_id, county or NONE_KEY, target_group or NONE_KEY)
        return bucket[user_id]

    for user_id, webcast_id, organisation_id, county, target_group, status in registrations:
        for bucket in (everyone, per_webcast.setdefault(webcast_id, {})):
            item = person(bucket, user_id, organisation_id, county, target_group)
            if status == RegistrationStatus.REGISTERED:
                item.registered = True
            else:
                item.waiting = True
    for user_id, webcast_id, organisation_id, county, target_group, via_recording in attendances:
        for bucket in (everyone, per_webcast.setdefault(webcast_id, {})):
            item = person(bucket, user_id, organisation_id, county, target_group)
            item.attended = True
            item.live = item.live or not via_recording
    return everyone, per_webcast


def _ordered(cells):
    """Cells in a fixed order, so ties are broken the same way on every load."""
    return dict(sorted(cells.items(), key=lambda item: (type(item[0]).__name__, item[0])))


def _table(everyone, key_of):
    rows = {}
    for item in everyone.values():
        key = key_of(item)
        rows.setdefault(key, Figures(key, "")).add(item)
    return rows


def reach(viewer, series=None, webcast=None):
    """Reach of one series, one webcast or every webcast, in the viewer's figures scope, anonymised.

    About six queries whatever the number of people: series, webcasts, registrations, attendance,
    organisation names, and the per-series targets.
    """
    k = min_group_size()
    if not can_view_reach(viewer):
        return Reach(k=k, allowed=False)
    if webcast is not None and series is None:
        parent = webcast.get_parent().specific if hasattr(webcast, "get_parent") else None
        series = parent if isinstance(parent, WebcastSeriesPage) else None
    webcasts = _selection(series, webcast)
    webcast_ids = [w.pk for w in webcasts]
    everyone, per_webcast = _people(viewer, webcast_ids)
    result = Reach(k=k, series=series, webcast=webcast, webcasts=webcasts)

    # The total: hidden when under k.
    result.total = Figures(None, _("Everyone in the selection"))
    for item in everyone.values():
        result.total.add(item)
    total_people = result.total.people
    if too_small(total_people, k):
        result.total.hide()

    # Each episode is a total of its own (episodes share people: never subtracted from each other).
    for page in webcasts:
        row = Figures(page.pk, page.title)
        for item in per_webcast.get(page.pk, {}).values():
            row.add(item)
        if too_small(row.people, k):
            row.hide()
        result.episodes.append(row)

    # Counties: one table of the total.
    county_labels = dict(County.choices) | {NONE_KEY: _("No organisation")}
    counties = _table(everyone, lambda item: item.county)
    hidden_counties = suppress(total_people, _ordered({key: row.people for key, row in counties.items()}), k)
    county_rows = []
    for key, row in counties.items():
        row.label = county_labels.get(key, key)
        county_people = row.people
        if key in hidden_counties:
            row.hide()
        county_rows.append((key, row, county_people))

    # Organisations: one table per county, whose total is the county; a hidden county hides them all.
    organisations = _table(everyone, lambda item: item.organisation_id or NONE_KEY)
    names = dict(Organisation.objects.filter(pk__in=[key for key in organisations if key]).values_list("pk", "name"))
    county_of = {item.organisation_id or NONE_KEY: item.county for item in everyone.values()}
    organisation_rows = []
    for county, _row, county_people in county_rows:
        members = {key: row for key, row in organisations.items() if county_of.get(key) == county}
        hidden = (
            set(members)
            if county in hidden_counties
            else suppress(county_people, _ordered({key: row.people for key, row in members.items()}), k)
        )
        for key, row in members.items():
            row.label = names.get(key, _("No organisation"))
            if key in hidden:
                row.hide()
            organisation_rows.append(row)

    # Target groups: one table of the total.
    target_labels = {value: str(label) for value, label in TargetGroup.choices} | {NONE_KEY: _("Not given")}
    target_groups = _table(everyone, lambda item: item.target_group)
    hidden_groups = suppress(total_people, _ordered({key: row.people for key, row in target_groups.items()}), k)
    target_order = {value: index for index, (value, _label) in enumerate(TargetGroup.choices)}
    for key, row in target_groups.items():
        row.label = target_labels.get(key, key)
        if key in hidden_groups:
            row.hide()

    result.breakdowns = [
        Breakdown(COUNTY, str(DIMENSIONS[0][1]), sorted((row for _k, row, _n in county_rows), key=_by_label)),
        Breakdown(ORGANISATION, str(DIMENSIONS[1][1]), sorted(organisation_rows, key=_by_label)),
        Breakdown(
            TARGET_GROUP,
            str(DIMENSIONS[2][1]),
            sorted(target_groups.values(), key=lambda row: (row.key == NONE_KEY, target_order.get(row.key, 99))),
        ),
    ]
    result.targets = _targets(viewer, series, k) if webcast is None else []
    return result


def _by_label(row):
    return (row.key == NONE_KEY, str(row.label).lower())


def _targets(viewer, series, k):
    """Leading persons reached per series against its target: one query for every series at once."""
    all_series = [series] if series is not None else list(series_choices())
    if not all_series:
        return []
    rows = (
        Attendance.objects.with_figures_for(viewer)
        .attended()
        .filter(user__target_group__in=LEADING, webcast__live=True)
        .values_list("user_id", "webcast__path")
        .order_by()
    )
    if series is not None:
        rows = rows.filter(webcast__path__startswith=series.path)
    reached = {s.pk: set() for s in all_series}
    for user_id, path in rows:
        for s in all_series:
            if path.startswith(s.path) and path != s.path:
                reached[s.pk].add(user_id)
    targets = []
    for s in all_series:
        count = len(reached[s.pk])
        targets.append(Target(s, s.reach_target, None if too_small(count, k) else count))
    return targets


def reach_rows(result):
    """The reach report as rows for core.exports: header, target(s), the total, episodes, then breakdowns."""
    yield [
        _("Breakdown"),
        _("Value"),
        _("People"),
        _("Registered"),
        _("Waiting list only"),
        _("Attended"),
        _("Attended live"),
        _("Through the recording only"),
        _("Leading persons who attended"),
        _("Attended (%)"),
        _("Note"),
    ]
    note = _("Hidden to protect anonymity (groups under %(k)s people)") % {"k": result.k}
    for target in result.targets:
        yield [
            _("Reach target"),
            target.series.title,
            None,
            None,
            None,
            None,
            None,
            None,
            target.reached,
            None,
            (
                _("Target: %(target)s leading persons (%(percent)s %% reached)")
                % {
                    "target": target.target,
                    "percent": target.percent if target.percent is not None else "–",
                }
            )
            + ("" if target.reached is not None else f" – {note}"),
        ]
    sections = [(_("Total"), [result.total])] if result.total else []
    sections.append((_("Webcast"), result.episodes))
    sections += [(breakdown.title, breakdown.rows) for breakdown in result.breakdowns]
    for title, rows in sections:
        for row in rows:
            yield [
                title,
                str(row.label),
                row.people,
                row.registered,
                row.waiting,
                row.attended,
                row.live,
                row.recording,
                row.leading,
                row.percent_attended,
                note if row.hidden else "",
            ]
