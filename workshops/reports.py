"""Workshop reports: the readiness export and completion summaries. Read-only; rows for core.exports.

Every function here runs a fixed number of queries whatever the number of people, and covers
only what the viewer may see (accounts.scoping): a manager their own organisation, an
administrator everything, anyone else nothing. Aggregates about people pass the anonymity rule
(core.anonymity) here, where the numbers are computed, so pages and exports show the same.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import scoping
from accounts.models import Department, TargetGroup
from core.anonymity import min_group_size, share
from elearning.models import ModulePage, ModuleProgress

from . import permissions
from .models import Membership, Workshop, WorkshopGroup
from .readiness import required_modules, workshop_readiness

# ---------------------------------------------------------------------------------------------
# Readiness of one workshop, person by person (for the people who run the workshop).
# ---------------------------------------------------------------------------------------------


def readiness_header(modules):
    header = [_("Name"), _("E-mail"), _("Department"), _("Target group"), _("Group")]
    for module in modules:
        header += [
            _("%(module)s: status") % {"module": module.title},
            _("%(module)s: completed") % {"module": module.title},
            _("%(module)s: score (%%)") % {"module": module.title},
        ]
    header.append(_("Ready"))
    return header


def readiness_rows(workshop, viewer=None):
    """The header, then one row per member: who, where, each required module, ready yes/no.

    Built on workshops.readiness (the one readiness rule); three queries. When `viewer` is
    given, a viewer who does not manage the workshop gets a 404 (its existence does not leak).
    """
    if viewer is not None and not permissions.manages(viewer, workshop):
        raise Http404
    readiness = workshop_readiness(workshop)
    yield readiness_header(readiness.modules)
    yes, no = _("Yes"), _("No")
    for row in readiness.rows:
        user = row.user
        cells = [
            user.get_full_name(),
            user.email,
            user.department.name if user.department_id else "",
            user.get_target_group_display(),
            row.group.name,
        ]
        for cell in row.cells:
            cells += [str(cell.status_label), cell.completed_at, cell.score]
        cells.append(yes if row.ready else no)
        yield cells


# ---------------------------------------------------------------------------------------------
# Completion per module, broken down by department, target group, workshop and group.
# ---------------------------------------------------------------------------------------------

DEPARTMENT, TARGET_GROUP, WORKSHOP, GROUP = "department", "target_group", "workshop", "group"
DIMENSIONS = [
    (DEPARTMENT, gettext_lazy("Department")),
    (TARGET_GROUP, gettext_lazy("Target group")),
    (WORKSHOP, gettext_lazy("Workshop")),
    (GROUP, gettext_lazy("Workshop group")),
]
NONE_KEY = ""  # people without a department or target group


@dataclass
class Figures:
    """One row of a table: a number of people, how many started and completed a module.

    A hidden row carries no figures at all (they are removed here, not in the template).
    """

    key: object
    label: str
    people: int | None
    started: int | None = 0
    completed: int | None = 0
    hidden: bool = False

    @property
    def percent(self):
        return None if self.hidden else share(self.completed, self.people)

    def hide(self):
        self.hidden = True
        self.people = self.started = self.completed = None


@dataclass
class Breakdown:
    key: str
    title: str
    rows: list[Figures] = field(default_factory=list)

    @property
    def has_hidden(self):
        return any(row.hidden for row in self.rows)


@dataclass
class ModuleCompletion:
    module: object
    total: Figures
    breakdowns: list[Breakdown]


@dataclass
class CompletionSummary:
    k: int
    modules: list[ModuleCompletion] = field(default_factory=list)
    people: int | None = 0
    allowed: bool = True

    @property
    def people_hidden(self):
        return self.people is None


def suppress(rows, k=None):
    """Hide every row with fewer than k people, and enough others that no hidden row can be recovered.

    A single hidden row could be worked out by subtracting its visible siblings from the total,
    so the next-smallest row is hidden with it (complementary suppression). The hidden rows
    together must also reach k people, or their sum would describe a group under k.
    """
    k = k or min_group_size()
    hidden = [row for row in rows if row.people < k]
    visible = sorted((row for row in rows if row.people >= k), key=lambda row: (row.people, str(row.label)))
    if len(hidden) == 1 and visible:
        hidden.append(visible.pop(0))
    while hidden and visible and sum(row.people for row in hidden) < k:
        hidden.append(visible.pop(0))
    for row in hidden:
        row.hide()
    return rows


def _pk(value):
    return getattr(value, "pk", value) or None


def _scope_organisations(viewer):
    """None for everything (administrators), a list of organisation ids, or [] for nothing (accounts.scoping)."""
    people = scoping.scope_of(viewer).people
    return None if people == scoping.ALL else sorted(people)


def _modules_for(module, workshop_obj):
    if module is not None:
        return [module] if isinstance(module, ModulePage) else list(ModulePage.objects.filter(pk=module))
    if workshop_obj is not None:
        return required_modules(workshop_obj)
    return list(ModulePage.objects.live().order_by("path"))


def completion_summary(
    viewer, organisation=None, department=None, target_group=None, workshop=None, group=None, module=None
):
    """Completion per module in the viewer's scope, with breakdowns, under the anonymity rule.

    People counted are those in the scope that match the filters (members of the workshop or
    group when one is chosen). "Started" means they opened the module, "completed" that they
    finished it. Filters are model instances or primary keys; target_group is a TargetGroup value.
    Runs about ten queries whatever the number of people.
    """
    k = min_group_size()
    organisations = _scope_organisations(viewer)
    if organisations == []:
        return CompletionSummary(k=k, allowed=False)

    User = get_user_model()
    users = User.objects.filter(organisation__isnull=False)
    workshops = Workshop.objects.all()
    if organisations is not None:
        users = users.filter(organisation_id__in=organisations)
        workshops = workshops.filter(organisation_id__in=organisations)
    if organisation is not None:
        users = users.filter(organisation_id=_pk(organisation))
        workshops = workshops.filter(organisation_id=_pk(organisation))
    if department is not None:
        users = users.filter(department_id=_pk(department))
    if target_group:
        users = users.filter(target_group=target_group)

    # Memberships are filtered in one filter() call, so that the breakdown by workshop and group
    # below reuses the same join (one row per person and workshop).
    membership_filter = {"workshop__in": workshops}
    if workshop is not None:
        membership_filter["workshop_id"] = _pk(workshop)
    if group is not None:
        membership_filter["group_id"] = _pk(group)
    if workshop is not None or group is not None:
        users = users.filter(
            pk__in=Membership.objects.filter(**membership_filter).values("user_id"),
        )
    if isinstance(workshop, Workshop):
        workshop_obj = workshop
    elif isinstance(group, WorkshopGroup):
        workshop_obj = group.workshop
    elif workshop is not None:
        workshop_obj = workshops.filter(pk=_pk(workshop)).first()
    elif group is not None:
        workshop_obj = workshops.filter(groups__pk=_pk(group)).first()
    else:
        workshop_obj = None
    modules = _modules_for(module, workshop_obj)
    module_ids = [m.pk for m in modules]
    user_ids = users.values("pk")

    # People per department x target group (one query), and per workshop x group (one query).
    people_rows = list(
        User.objects.filter(pk__in=user_ids).values("department_id", "target_group").annotate(n=Count("pk")).order_by()
    )
    membership_rows = list(
        Membership.objects.filter(user_id__in=user_ids, **membership_filter)
        .values("workshop_id", "group_id")
        .annotate(n=Count("user_id", distinct=True))
        .order_by()
    )
    # Progress per module x department x target group (one query), and per module x workshop x group.
    progress = ModuleProgress.objects.filter(module_id__in=module_ids, user_id__in=user_ids)
    completed = Count("pk", filter=Q(completed_at__isnull=False))
    progress_rows = list(
        progress.values("module_id", "user__department_id", "user__target_group")
        .annotate(started=Count("pk"), completed=completed)
        .order_by()
    )
    progress_membership_rows = list(
        progress.filter(**{f"user__workshop_memberships__{key}": value for key, value in membership_filter.items()})
        .values("module_id", "user__workshop_memberships__workshop_id", "user__workshop_memberships__group_id")
        .annotate(started=Count("pk"), completed=completed)
        .order_by()
    )

    labels, order = _labels(people_rows, membership_rows)
    people = _sum_people(people_rows, membership_rows)
    started = _sum_progress(progress_rows, progress_membership_rows)
    total_people = people[None][None]

    summary = CompletionSummary(k=k, people=total_people)
    if total_people < k:
        summary.people = None
    for mod in modules:
        counts = started.get(mod.pk, {})
        total = Figures(None, _("Everyone in the selection"), total_people, *counts.get(None, {}).get(None, (0, 0)))
        suppress([total], k)
        breakdowns = []
        for key, title in DIMENSIONS:
            rows = [
                Figures(value, labels[key].get(value, ""), n, *counts.get(key, {}).get(value, (0, 0)))
                for value, n in people[key].items()
            ]
            rows.sort(key=_sort_key(key, order))
            breakdowns.append(Breakdown(key, str(title), suppress(rows, k)))
        summary.modules.append(ModuleCompletion(module=mod, total=total, breakdowns=breakdowns))
    return summary


def _sum_people(people_rows, membership_rows):
    people = {None: {None: 0}, DEPARTMENT: {}, TARGET_GROUP: {}, WORKSHOP: {}, GROUP: {}}
    for row in people_rows:
        people[None][None] += row["n"]
        dept = row["department_id"] or NONE_KEY
        people[DEPARTMENT][dept] = people[DEPARTMENT].get(dept, 0) + row["n"]
        tg = row["target_group"] or NONE_KEY
        people[TARGET_GROUP][tg] = people[TARGET_GROUP].get(tg, 0) + row["n"]
    for row in membership_rows:
        # One membership per person and workshop: group counts add up to workshop counts.
        people[WORKSHOP][row["workshop_id"]] = people[WORKSHOP].get(row["workshop_id"], 0) + row["n"]
        people[GROUP][row["group_id"]] = people[GROUP].get(row["group_id"], 0) + row["n"]
    return people


def _add(bucket, key, value, started, completed):
    current = bucket.setdefault(key, {}).get(value, (0, 0))
    bucket[key][value] = (current[0] + started, current[1] + completed)


def _sum_progress(progress_rows, progress_membership_rows):
    """{module_id: {dimension: {value: (started, completed)}}}; the total under dimension None."""
    result = {}
    for row in progress_rows:
        bucket = result.setdefault(row["module_id"], {})
        _add(bucket, None, None, row["started"], row["completed"])
        _add(bucket, DEPARTMENT, row["user__department_id"] or NONE_KEY, row["started"], row["completed"])
        _add(bucket, TARGET_GROUP, row["user__target_group"] or NONE_KEY, row["started"], row["completed"])
    for row in progress_membership_rows:
        bucket = result.setdefault(row["module_id"], {})
        _add(bucket, WORKSHOP, row["user__workshop_memberships__workshop_id"], row["started"], row["completed"])
        _add(bucket, GROUP, row["user__workshop_memberships__group_id"], row["started"], row["completed"])
    return result


def _labels(people_rows, membership_rows):
    """Names for the keys of each breakdown, and a sort order for workshops and groups: three queries at most."""
    department_ids = {row["department_id"] for row in people_rows if row["department_id"]}
    workshop_ids = {row["workshop_id"] for row in membership_rows}
    group_ids = {row["group_id"] for row in membership_rows}
    departments = dict(Department.objects.filter(pk__in=department_ids).values_list("pk", "name"))
    departments[NONE_KEY] = _("No department")
    target_groups = {value: str(label) for value, label in TargetGroup.choices}
    target_groups[NONE_KEY] = _("Not given")
    workshops = Workshop.objects.in_bulk(workshop_ids) if workshop_ids else {}
    groups = WorkshopGroup.objects.filter(pk__in=group_ids).select_related("workshop") if group_ids else []
    labels = {
        DEPARTMENT: departments,
        TARGET_GROUP: target_groups,
        WORKSHOP: {pk: str(w) for pk, w in workshops.items()},
        GROUP: {g.pk: f"{g.name} – {g.workshop.title}" for g in groups},
    }
    order = {
        TARGET_GROUP: {value: (index,) for index, (value, _label) in enumerate(TargetGroup.choices)},
        WORKSHOP: {pk: (w.starts_at, pk) for pk, w in workshops.items()},
        GROUP: {g.pk: (g.workshop.starts_at, g.workshop_id, g.name) for g in groups},
    }
    return labels, order


def _sort_key(key, order):
    if key in order:
        positions = order[key]
        return lambda row: (row.key == NONE_KEY, positions.get(row.key, ()))
    return lambda row: (row.key == NONE_KEY, str(row.label).lower())


def completion_rows(summary):
    """The completion summary as rows for core.exports: the header, then totals and breakdowns per module."""
    yield [
        _("E-module"),
        _("Breakdown"),
        _("Value"),
        _("People"),
        _("Started"),
        _("Completed"),
        _("Completed (%)"),
        _("Note"),
    ]
    note = _("Hidden to protect anonymity (groups under %(k)s people)") % {"k": summary.k}
    for item in summary.modules:
        for title, row in [(_("Total"), item.total)] + [
            (breakdown.title, row) for breakdown in item.breakdowns for row in breakdown.rows
        ]:
            yield [
                item.module.title,
                title,
                str(row.label),
                row.people,
                row.started,
                row.completed,
                row.percent,
                note if row.hidden else "",
            ]
