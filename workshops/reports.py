"""Workshop reports: the readiness export and completion summaries. Read-only; rows for core.exports.

Every function here runs a fixed number of queries whatever the number of people, and covers
only what the viewer may see (accounts.scoping): a manager their own organisation, an
administrator everything, anyone else nothing. Aggregates about people pass the anonymity rule
(core.anonymity) here, where the numbers are computed, so pages and exports show the same
blanks. People counted are those of workshops.readiness: active, and for a workshop its members
of the workshop's organisation.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import scoping
from accounts.models import Department, TargetGroup
from core.anonymity import min_group_size, share, suppress, too_small
from elearning.models import ModulePage, ModuleProgress

from . import permissions
from .models import Workshop, WorkshopGroup
from .readiness import MODULE, WEBCAST, counted_memberships, required_modules, workshop_readiness

# ---------------------------------------------------------------------------------------------
# Readiness of one workshop, person by person (for the people who run the workshop).
# ---------------------------------------------------------------------------------------------


def readiness_header(activities):
    """Three columns per required module (status, completed, score), two per required webcast (status, attended)."""
    header = [_("Name"), _("E-mail"), _("Department"), _("Target group"), _("Group")]
    for activity in activities:
        page = getattr(activity, "page", activity)
        if getattr(activity, "kind", MODULE) == WEBCAST:
            header += [
                _("%(webcast)s (webcast): status") % {"webcast": page.title},
                _("%(webcast)s (webcast): attended") % {"webcast": page.title},
            ]
            continue
        header += [
            _("%(module)s: status") % {"module": page.title},
            _("%(module)s: completed") % {"module": page.title},
            _("%(module)s: score (%%)") % {"module": page.title},
        ]
    header.append(_("Ready"))
    return header


def readiness_rows(workshop, viewer=None):
    """The header, then one row per member: who, where, each required module and webcast, ready yes/no.

    Built on workshops.readiness (the one readiness rule, the same members); three queries, a fourth
    when webcasts are required. Scores are included: the export is for those who manage the workshop.
    When `viewer` is given, a viewer who does not manage the workshop gets a 404 (its existence does
    not leak).
    """
    if viewer is not None and not permissions.manages(viewer, workshop):
        raise Http404
    readiness = workshop_readiness(workshop, scores=True)
    yield readiness_header(readiness.activities)
    yes, no = _("Yes"), _("No")
    recording = _("through the recording")
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
            if cell.kind == WEBCAST:
                label = str(cell.status_label)
                cells += [f"{label} ({recording})" if cell.via_recording else label, cell.completed_at]
            else:
                cells += [str(cell.status_label), cell.completed_at, cell.score]
        cells.append(yes if row.ready else no)
        yield cells


def readiness_download(workshop, fmt, actor):
    """The readiness spreadsheet of one workshop, for the site and the admin alike; logged when one is made."""
    from django.utils import timezone

    from core import audit
    from core.exports import FORMATS, export_response

    if fmt in FORMATS:
        audit.log(
            "report.exported", f"readiness {workshop.title} ({fmt})", actor=actor, obj=workshop, report="readiness"
        )
    header, *rows = list(readiness_rows(workshop, viewer=actor))
    return export_response(fmt, f"beredskap-{workshop.pk}-{timezone.localdate():%Y-%m-%d}", header, rows)


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
NONE_KEY = ""  # people without a department, a target group or a workshop


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


def suppress_rows(rows, total=None, k=None):
    """Hide rows (Figures) under the anonymity rule (core.anonymity.suppress), as one table of `total` people.

    The rows must not overlap; without a total they are taken to add up to it.
    """
    cells = {row.key: row.people for row in rows}
    hidden = suppress(sum(cells.values()) if total is None else total, cells, k)
    for row in rows:
        if row.key in hidden:
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

    Who counts: the active people (not marked as having left) of the organisations whose people
    the viewer may see, who match the filters. A workshop or a group counts its members as
    workshops.readiness does (counted_memberships: active, of the workshop's organisation), so
    its rows here and its readiness page count the same people. "Started" means they opened the
    module, "completed" that they finished it. Filters are model instances or primary keys;
    target_group is a TargetGroup value.

    Anonymity (core.anonymity): each breakdown is one table of the selection's people.
    Department and target group put every person in exactly one row ("No department", "Not
    given"). Workshops get a row for the people in none of them; workshops that share people
    (a follow-up day) are hidden together, because overlapping rows could be subtracted from
    each other. A workshop's groups form a table whose total is the workshop; a hidden workshop
    hides its groups. The decisions depend on people only, so one set applies to every module.
    Runs about ten queries whatever the number of people.
    """
    k = min_group_size()
    organisations = _scope_organisations(viewer)
    if organisations == []:
        return CompletionSummary(k=k, allowed=False)

    User = get_user_model()
    users = User.objects.active().filter(organisation__isnull=False)
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

    memberships = counted_memberships().filter(workshop__in=workshops)
    if workshop is not None:
        memberships = memberships.filter(workshop_id=_pk(workshop))
    if group is not None:
        memberships = memberships.filter(group_id=_pk(group))
    if workshop is not None or group is not None:
        users = users.filter(pk__in=memberships.values("user_id"))
    if module is not None:
        workshop_obj = None  # the module is chosen: no need to know the workshop's required modules
    elif isinstance(workshop, Workshop):
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
    memberships = memberships.filter(user_id__in=user_ids)

    # People per department x target group (one query), and each selected person's memberships (one query).
    people_rows = list(
        User.objects.filter(pk__in=user_ids).values("department_id", "target_group").annotate(n=Count("pk")).order_by()
    )
    member_rows = list(memberships.values_list("user_id", "workshop_id", "group_id").order_by())
    # Progress per module x department x target group, per module x workshop x group, and of those in no workshop.
    progress = ModuleProgress.objects.filter(module_id__in=module_ids, user_id__in=user_ids)
    completed = Count("pk", filter=Q(completed_at__isnull=False))
    progress_rows = list(
        progress.values("module_id", "user__department_id", "user__target_group")
        .annotate(started=Count("pk"), completed=completed)
        .order_by()
    )
    progress_membership_rows = list(
        ModuleProgress.objects.filter(module_id__in=module_ids, user__workshop_memberships__in=memberships)
        .values("module_id", "user__workshop_memberships__workshop_id", "user__workshop_memberships__group_id")
        .annotate(started=Count("pk"), completed=completed)
        .order_by()
    )
    people = _sum_people(people_rows, member_rows)
    total_people = people[None][None]
    progress_outside_rows = []
    if people[WORKSHOP].get(NONE_KEY):
        progress_outside_rows = list(
            progress.exclude(user_id__in=memberships.values("user_id"))
            .values("module_id")
            .annotate(started=Count("pk"), completed=completed)
            .order_by()
        )

    labels, order = _labels(people_rows, member_rows)
    started = _sum_progress(progress_rows, progress_membership_rows, progress_outside_rows)
    hidden = _hidden_cells(people, member_rows, total_people, k)

    summary = CompletionSummary(k=k, people=None if too_small(total_people, k) else total_people)
    for mod in modules:
        counts = started.get(mod.pk, {})
        total = Figures(None, _("Everyone in the selection"), total_people, *counts.get(None, {}).get(None, (0, 0)))
        if too_small(total_people, k):
            total.hide()
        breakdowns = []
        for key, title in DIMENSIONS:
            rows = []
            for value, n in people[key].items():
                row = Figures(value, labels[key].get(value, ""), n, *counts.get(key, {}).get(value, (0, 0)))
                if value in hidden[key]:
                    row.hide()
                rows.append(row)
            rows.sort(key=_sort_key(key, order))
            breakdowns.append(Breakdown(key, str(title), rows))
        summary.modules.append(ModuleCompletion(module=mod, total=total, breakdowns=breakdowns))
    return summary


def _hidden_cells(people, member_rows, total, k):
    """{dimension: keys to hide}, decided once from the numbers of people (see completion_summary)."""
    hidden = {
        DEPARTMENT: suppress(total, _ordered(people[DEPARTMENT]), k),
        TARGET_GROUP: suppress(total, _ordered(people[TARGET_GROUP]), k),
    }
    # Workshops that share people are one cell (their union), hidden; the others are cells of their own.
    workshops_of = {}
    for user_id, workshop_id, _group_id in member_rows:
        workshops_of.setdefault(user_id, set()).add(workshop_id)
    block_of = _overlapping_blocks(workshops_of.values())
    cells = {}
    for workshop_ids in workshops_of.values():
        workshop_id = next(iter(workshop_ids))
        key = block_of.get(workshop_id, workshop_id)
        cells[key] = cells.get(key, 0) + 1
    if people[WORKSHOP].get(NONE_KEY):
        cells[NONE_KEY] = people[WORKSHOP][NONE_KEY]
    hidden_cells = suppress(total, _ordered(cells), k, hidden=set(block_of.values()))
    hidden[WORKSHOP] = {key for key in people[WORKSHOP] if block_of.get(key, key) in hidden_cells}
    # Groups: one table per workshop, whose total is the workshop; a hidden workshop hides all its groups.
    groups_of = {}
    for _user_id, workshop_id, group_id in member_rows:
        groups_of.setdefault(workshop_id, set()).add(group_id)
    hidden[GROUP] = set()
    for workshop_id, group_ids in groups_of.items():
        if workshop_id in hidden[WORKSHOP]:
            hidden[GROUP] |= group_ids
        else:
            group_cells = _ordered({group_id: people[GROUP][group_id] for group_id in group_ids})
            hidden[GROUP] |= suppress(people[WORKSHOP][workshop_id], group_cells, k)
    return hidden


def _ordered(cells):
    """The cells in a fixed order, so that ties are broken the same way on every page load (else two loads
    could hide different rows, and together show both)."""
    return dict(sorted(cells.items(), key=lambda item: (type(item[0]).__name__, item[0])))


def _overlapping_blocks(workshop_sets):
    """{workshop id: block key} for workshops that share people, joined transitively; others are left out."""
    parent = {}

    def find(item):
        while parent.setdefault(item, item) != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for workshop_ids in workshop_sets:
        first, *others = sorted(workshop_ids)
        for other in others:
            parent[find(other)] = find(first)
    members = {}
    for item in parent:
        members.setdefault(find(item), []).append(item)
    return {workshop_id: ("block", min(group)) for group in members.values() if len(group) > 1 for workshop_id in group}


def _sum_people(people_rows, member_rows):
    """{dimension: {value: people}}; the total under None. Workshop counts include NONE_KEY: in no workshop."""
    people = {None: {None: 0}, DEPARTMENT: {}, TARGET_GROUP: {}, WORKSHOP: {}, GROUP: {}}
    for row in people_rows:
        people[None][None] += row["n"]
        dept = row["department_id"] or NONE_KEY
        people[DEPARTMENT][dept] = people[DEPARTMENT].get(dept, 0) + row["n"]
        tg = row["target_group"] or NONE_KEY
        people[TARGET_GROUP][tg] = people[TARGET_GROUP].get(tg, 0) + row["n"]
    members = set()
    for user_id, workshop_id, group_id in member_rows:
        # One membership per person and workshop: group counts add up to workshop counts.
        members.add(user_id)
        people[WORKSHOP][workshop_id] = people[WORKSHOP].get(workshop_id, 0) + 1
        people[GROUP][group_id] = people[GROUP].get(group_id, 0) + 1
    outside = people[None][None] - len(members)
    if outside and members:
        people[WORKSHOP][NONE_KEY] = outside
    return people


def _add(bucket, key, value, started, completed):
    current = bucket.setdefault(key, {}).get(value, (0, 0))
    bucket[key][value] = (current[0] + started, current[1] + completed)


def _sum_progress(progress_rows, progress_membership_rows, progress_outside_rows):
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
    for row in progress_outside_rows:
        _add(result.setdefault(row["module_id"], {}), WORKSHOP, NONE_KEY, row["started"], row["completed"])
    return result


def _labels(people_rows, member_rows):
    """Names for the keys of each breakdown, and a sort order for workshops and groups: three queries at most."""
    department_ids = {row["department_id"] for row in people_rows if row["department_id"]}
    workshop_ids = {workshop_id for _user_id, workshop_id, _group_id in member_rows}
    group_ids = {group_id for _user_id, _workshop_id, group_id in member_rows}
    departments = dict(Department.objects.filter(pk__in=department_ids).values_list("pk", "name"))
    departments[NONE_KEY] = _("No department")
    target_groups = {value: str(label) for value, label in TargetGroup.choices}
    target_groups[NONE_KEY] = _("Not given")
    workshops = Workshop.objects.in_bulk(workshop_ids) if workshop_ids else {}
    groups = WorkshopGroup.objects.filter(pk__in=group_ids).select_related("workshop") if group_ids else []
    labels = {
        DEPARTMENT: departments,
        TARGET_GROUP: target_groups,
        WORKSHOP: {pk: str(w) for pk, w in workshops.items()} | {NONE_KEY: _("Not in a workshop")},
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
