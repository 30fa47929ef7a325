"""Who is ready for a workshop: the one rule, used by pages, exports, reminders and the dashboard.

A member is ready when they have completed every module the workshop requires AND attended every
webcast it requires (live or through the recording: the one attendance rule, webcasts.attendance).
Each required activity is a cell of the member's row, with its kind (module or webcast) and status:
a module is completed / in progress / not started; a webcast is attended ("Deltog") / registered
("Anmäld") / not registered ("Inte anmäld").

Who counts (the same people everywhere: readiness, reminders, the facilitator kit and the
completion report in workshops.reports): the workshop's members who are active (not marked as
having left) and belong to the workshop's organisation. See `counted_memberships`.

Pages ask `readiness_for(viewer, ...)`: it lists only the members the viewer may see (a
facilitator their own groups) and carries scores only for those who manage the workshop;
facilitators see who is ready, not their colleagues' scores. Every function here runs a fixed
number of queries, whatever the number of members: the required activities (modules and webcasts
in one query), the members, module progress, and, only when webcasts are required, one query for
their attendance and registrations.
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from core.anonymity import share
from elearning.models import ModuleProgress, ProgressStatus
from webcasts.models import Attendance, Registration, RegistrationStatus, WebcastPage

from . import permissions
from .models import Membership

MODULE, WEBCAST = "module", "webcast"


class WebcastStatus(models.TextChoices):
    """A required webcast in a member's row."""

    ATTENDED = "attended", _("Attended the webcast")
    REGISTERED = "registered", _("Registered for the webcast")
    NOT_REGISTERED = "not_registered", _("Not registered for the webcast")


KIND_LABELS = {MODULE: _("E-module"), WEBCAST: _("Webcast")}
DONE = {MODULE: ProgressStatus.COMPLETED, WEBCAST: WebcastStatus.ATTENDED}


@dataclass
class Activity:
    """One thing a workshop requires: a module or a webcast (the page), with its kind."""

    page: object
    kind: str

    @property
    def pk(self):
        return self.page.pk

    @property
    def title(self):
        return self.page.title

    @property
    def url(self):
        return self.page.url

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    @property
    def is_webcast(self):
        return self.kind == WEBCAST


@dataclass
class Cell:
    """One member x one required activity. `completed_at` is when it was done (completed, attended)."""

    module_id: int  # the activity's page id (a module's or a webcast's); the name is kept for older callers
    status: str
    completed_at: object = None
    score: int | None = None
    kind: str = MODULE
    via_recording: bool = False

    @property
    def activity_id(self):
        return self.module_id

    @property
    def done(self):
        return self.status == DONE[self.kind]

    @property
    def status_label(self):
        if self.kind == WEBCAST:
            return WebcastStatus(self.status).label
        return ProgressStatus(self.status).label

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


@dataclass
class MemberRow:
    user: object
    group: object
    cells: list[Cell]

    @property
    def ready(self):
        return all(cell.done for cell in self.cells)

    @property
    def not_done_modules(self):
        return [cell.module_id for cell in self.cells if cell.kind == MODULE and not cell.done]

    @property
    def not_done(self):
        """The page ids of every required activity (module or webcast) not done yet."""
        return [cell.activity_id for cell in self.cells if not cell.done]


@dataclass
class Readiness:
    workshop: object
    modules: list
    rows: list[MemberRow] = field(default_factory=list)
    scores: bool = False  # whether the cells carry scores (None otherwise)
    activities: list[Activity] = field(default_factory=list)  # modules, then webcasts: the columns

    @property
    def webcasts(self):
        return [activity.page for activity in self.activities if activity.kind == WEBCAST]

    @property
    def total(self):
        return len(self.rows)

    @property
    def ready_count(self):
        return sum(1 for row in self.rows if row.ready)

    @property
    def ready_percent(self):
        return share(self.ready_count, self.total)

    @property
    def days_left(self):
        return self.workshop.days_left()

    def not_ready(self):
        return [row for row in self.rows if not row.ready]

    def by_group(self):
        groups = {}
        for row in self.rows:
            groups.setdefault(row.group.pk, {"group": row.group, "rows": []})["rows"].append(row)
        result = []
        for item in groups.values():
            ready = sum(1 for row in item["rows"] if row.ready)
            result.append(
                {**item, "ready": ready, "total": len(item["rows"]), "percent": share(ready, len(item["rows"]))}
            )
        return sorted(result, key=lambda item: item["group"].name)


def required_modules(workshop):
    from elearning.models import ModulePage

    return list(ModulePage.objects.live().filter(workshops=workshop).order_by("path"))


def required_webcasts(workshop):
    return list(WebcastPage.objects.live().filter(workshops=workshop).order_by("starts_at", "path"))


def required_activities(workshop):
    """The workshop's required modules (by tree order) and webcasts (by start): one query, as plain pages."""
    from .models import Workshop

    module_ids = Workshop.required_modules.through.objects.filter(workshop_id=workshop.pk).values("modulepage_id")
    webcast_ids = Workshop.required_webcasts.through.objects.filter(workshop_id=workshop.pk).values("webcastpage_id")
    pages = (
        Page.objects.live()
        .filter(Q(pk__in=module_ids) | Q(pk__in=webcast_ids))
        .annotate(webcast_starts_at=Subquery(WebcastPage.objects.filter(pk=OuterRef("pk")).values("starts_at")[:1]))
        .order_by(F("webcast_starts_at").asc(nulls_first=True), "path")
    )
    return [Activity(page, MODULE if page.webcast_starts_at is None else WEBCAST) for page in pages]


def webcast_status_of(entry):
    """(status, attended_at, via_recording) of one member for one webcast, from `webcast_statuses`."""
    if entry is None:
        return WebcastStatus.NOT_REGISTERED, None, False
    kind, at, via_recording = entry
    if kind == WebcastStatus.ATTENDED:
        return WebcastStatus.ATTENDED, at, via_recording
    return WebcastStatus.REGISTERED, None, False


def webcast_statuses(webcast_ids, users):
    """{(user_id, webcast_id): (status, attended_at, via_recording)}: attendance and active registrations in one
    query (a UNION); attendance wins over a registration. `users` is a list of ids or a queryset of ids."""
    if not webcast_ids:
        return {}
    attended = (
        Attendance.objects.attended()
        .filter(webcast_id__in=webcast_ids, user_id__in=users)
        .annotate(kind=Value(WebcastStatus.ATTENDED.value, output_field=models.CharField()))
        .values_list("user_id", "webcast_id", "kind", "attended_at", "via_recording")
    )
    registered = (
        Registration.objects.filter(webcast_id__in=webcast_ids, user_id__in=users, status=RegistrationStatus.REGISTERED)
        .annotate(
            kind=Value(WebcastStatus.REGISTERED.value, output_field=models.CharField()),
            at=Value(None, output_field=models.DateTimeField()),
            via=Value(False, output_field=models.BooleanField()),
        )
        .values_list("user_id", "webcast_id", "kind", "at", "via")
    )
    result = {}
    for user_id, webcast_id, kind, at, via_recording in attended.union(registered, all=True):
        key = (user_id, webcast_id)
        if kind == WebcastStatus.ATTENDED or key not in result:
            result[key] = (kind, at, bool(via_recording))
    return result


def status_of(progress):
    if progress is None:
        return ProgressStatus.NOT_STARTED
    return ProgressStatus.COMPLETED if progress.completed_at else ProgressStatus.IN_PROGRESS


def counted_memberships():
    """Memberships that count: active people who belong to the workshop's organisation (see the module docstring)."""
    return Membership.objects.active().filter(user__organisation_id=F("workshop__organisation_id"))


def workshop_readiness(workshop, group=None, modules=None, scores=False):
    """Every counted member (of one group, or the whole workshop) x required activities.

    Three queries, and a fourth when webcasts are required. Given `modules` (ModulePage objects the
    caller already has), the required webcasts are read in one more query.

    For reminders, exports and panels whose callers have checked access; pages use `readiness_for`.
    Scores only when asked for.
    """
    return _readiness(workshop, counted_memberships(), group, modules, scores)


def readiness_for(viewer, workshop, group=None, modules=None):
    """The members the viewer may see (accounts.scoping via Membership.visible_to); scores only if they manage it."""
    memberships = counted_memberships().visible_to(viewer)
    return _readiness(workshop, memberships, group, modules, scores=permissions.manages(viewer, workshop))


def _activities(workshop, modules):
    if modules is None:
        return required_activities(workshop)
    return [Activity(m, MODULE) for m in modules] + [Activity(w, WEBCAST) for w in required_webcasts(workshop)]


def _readiness(workshop, memberships, group, modules, scores):
    activities = _activities(workshop, modules)
    modules = [activity.page for activity in activities if activity.kind == MODULE]
    webcast_ids = [activity.pk for activity in activities if activity.kind == WEBCAST]
    memberships = memberships.filter(workshop=workshop).select_related("user", "user__department", "group")
    if group is not None:
        memberships = memberships.filter(group=group)
    memberships = list(memberships.order_by("group__name", "user__last_name", "user__first_name"))
    user_ids = [m.user_id for m in memberships]
    progress = {}
    if modules and user_ids:
        rows = ModuleProgress.objects.filter(
            module_id__in=[m.pk for m in modules], user__workshop_memberships__workshop=workshop
        ).only("user_id", "module_id", "completed_at", "best_score")
        if group is not None:
            rows = rows.filter(user__workshop_memberships__group=group)
        progress = {(row.user_id, row.module_id): row for row in rows}
    statuses = webcast_statuses(webcast_ids, user_ids) if user_ids else {}
    result = Readiness(workshop=workshop, modules=modules, scores=scores, activities=activities)
    for membership in memberships:
        cells = []
        for activity in activities:
            if activity.kind == WEBCAST:
                status, at, via_recording = webcast_status_of(statuses.get((membership.user_id, activity.pk)))
                cells.append(Cell(activity.pk, status, at, None, WEBCAST, via_recording))
                continue
            row = progress.get((membership.user_id, activity.pk))
            score = row.best_score if row is not None and scores else None
            cells.append(Cell(activity.pk, status_of(row), row.completed_at if row else None, score))
        result.rows.append(MemberRow(membership.user, membership.group, cells))
    return result


def is_ready(user, workshop, modules=None):
    """Whether one person has done everything the workshop requires (modules completed, webcasts attended)."""
    activities = _activities(workshop, modules)
    module_ids = [a.pk for a in activities if a.kind == MODULE]
    webcast_ids = [a.pk for a in activities if a.kind == WEBCAST]
    completed = 0
    if module_ids:
        completed = ModuleProgress.objects.filter(
            user=user, module_id__in=module_ids, completed_at__isnull=False
        ).count()
    attended = 0
    if webcast_ids:
        attended = Attendance.objects.attended().filter(user=user, webcast_id__in=webcast_ids).count()
    return completed == len(module_ids) and attended == len(webcast_ids)


def upcoming_summary(workshops, now=None):
    """Ready share per workshop for a list of workshops (the admin dashboard panel)."""
    return [(workshop, workshop_readiness(workshop)) for workshop in workshops]


def today():
    return timezone.localdate()


SORT_KEYS = ("name", "department", "group", "ready")


def _name_key(row):
    user = row.user
    return ((user.last_name or "").lower(), (user.first_name or "").lower(), user.email.lower())


def _sort_key(sort):
    if sort == "department":
        return lambda row: (row.user.department is None, str(row.user.department or "").lower(), _name_key(row))
    if sort == "group":
        return lambda row: (row.group.name.lower(), _name_key(row))
    if sort == "ready":  # those not ready first: they are the ones to act on
        return lambda row: (row.ready, _name_key(row))
    return _name_key


def filter_rows(readiness, not_ready=False, department_id=None, group_id=None, sort=None):
    """The readiness rows to list, filtered and sorted in memory (no queries): the page's filters.

    `sort` is one of SORT_KEYS; anything else keeps the order the rows came in (group, then name).
    The readiness figures (ready count, share) stay those of every member the viewer may see.
    """
    rows = readiness.rows
    if not_ready:
        rows = [row for row in rows if not row.ready]
    if department_id is not None:
        rows = [row for row in rows if row.user.department_id == department_id]
    if group_id is not None:
        rows = [row for row in rows if row.group.pk == group_id]
    if sort in SORT_KEYS:
        rows = sorted(rows, key=_sort_key(sort))
    return list(rows)


def departments_of(readiness):
    """The departments of the listed members, by name: the choices of the department filter."""
    departments = {row.user.department_id: row.user.department for row in readiness.rows if row.user.department_id}
    return sorted(departments.values(), key=lambda department: str(department).lower())
