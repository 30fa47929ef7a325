"""Who is ready for a workshop: the one rule, used by pages, exports, reminders and the dashboard.

A member is ready when they have completed every module the workshop requires.

Who counts (the same people everywhere: readiness, reminders, the facilitator kit and the
completion report in workshops.reports): the workshop's members who are active (not marked as
having left) and belong to the workshop's organisation. See `counted_memberships`.

Pages ask `readiness_for(viewer, ...)`: it lists only the members the viewer may see (a
facilitator their own groups) and carries scores only for those who manage the workshop;
facilitators see who is ready, not their colleagues' scores. Every function here runs a fixed
number of queries, whatever the number of members.
"""

from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone

from core.anonymity import share
from elearning.models import ModuleProgress, ProgressStatus

from . import permissions
from .models import Membership


@dataclass
class Cell:
    module_id: int
    status: str
    completed_at: object = None
    score: int | None = None

    @property
    def status_label(self):
        return ProgressStatus(self.status).label


@dataclass
class MemberRow:
    user: object
    group: object
    cells: list[Cell]

    @property
    def ready(self):
        return all(cell.status == ProgressStatus.COMPLETED for cell in self.cells)

    @property
    def not_done_modules(self):
        return [cell.module_id for cell in self.cells if cell.status != ProgressStatus.COMPLETED]


@dataclass
class Readiness:
    workshop: object
    modules: list
    rows: list[MemberRow] = field(default_factory=list)
    scores: bool = False  # whether the cells carry scores (None otherwise)

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


def status_of(progress):
    if progress is None:
        return ProgressStatus.NOT_STARTED
    return ProgressStatus.COMPLETED if progress.completed_at else ProgressStatus.IN_PROGRESS


def counted_memberships():
    """Memberships that count: active people who belong to the workshop's organisation (see the module docstring)."""
    return Membership.objects.active().filter(user__organisation_id=F("workshop__organisation_id"))


def workshop_readiness(workshop, group=None, modules=None, scores=False):
    """Every counted member (of one group, or the whole workshop) x required modules. Three queries.

    For reminders, exports and panels whose callers have checked access; pages use `readiness_for`.
    Scores only when asked for.
    """
    return _readiness(workshop, counted_memberships(), group, modules, scores)


def readiness_for(viewer, workshop, group=None, modules=None):
    """The members the viewer may see (accounts.scoping via Membership.visible_to); scores only if they manage it."""
    memberships = counted_memberships().visible_to(viewer)
    return _readiness(workshop, memberships, group, modules, scores=permissions.manages(viewer, workshop))


def _readiness(workshop, memberships, group, modules, scores):
    modules = modules if modules is not None else required_modules(workshop)
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
    result = Readiness(workshop=workshop, modules=modules, scores=scores)
    for membership in memberships:
        cells = []
        for module in modules:
            row = progress.get((membership.user_id, module.pk))
            score = row.best_score if row is not None and scores else None
            cells.append(Cell(module.pk, status_of(row), row.completed_at if row else None, score))
        result.rows.append(MemberRow(membership.user, membership.group, cells))
    return result


def is_ready(user, workshop, modules=None):
    modules = modules if modules is not None else required_modules(workshop)
    completed = ModuleProgress.objects.filter(
        user=user, module_id__in=[m.pk for m in modules], completed_at__isnull=False
    ).count()
    return completed == len(modules)


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
