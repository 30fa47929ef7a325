"""The target-group checklist, answered from the plan itself.

Each question gets its answer from what the plan holds (its notes, phases, resource groups and
communication items) and is marked answered or not, with a link to where it is answered.

The headcounts shown (active people per target group and per department) are counts of the
organisation's own staff, not answers from people, so the anonymity rule for reports (k = 5) does not
apply: a manager needs to know that a department has three people in order to plan for them.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.models import TargetGroup, User


@dataclass
class Question:
    key: str
    text: str
    answered: bool
    link: str
    link_label: str
    note: str = ""
    rows: list = field(default_factory=list)  # (label, value) pairs


def headcounts(organisation_id):
    """(per target group, per department): [(label, count)] of the organisation's active people."""
    people = User.objects.active().filter(organisation_id=organisation_id)
    labels = dict(TargetGroup.choices)
    by_group = {row["target_group"]: row["n"] for row in people.values("target_group").annotate(n=Count("pk"))}
    groups = [(labels[code], by_group.get(code, 0)) for code in TargetGroup.values]
    if by_group.get("") or by_group.get(None):
        groups.append((_("No target group given"), (by_group.get("") or 0) + (by_group.get(None) or 0)))
    departments = [
        (row["department__name"] or _("No department"), row["n"])
        for row in people.values("department__name").annotate(n=Count("pk")).order_by("department__name")
    ]
    return groups, departments


def questions(plan, progress):
    """The checklist for `plan`, given its `progress.plan_progress` (people counts per phase)."""
    edit = reverse("rollout_plan_edit", args=[plan.pk])
    detail = reverse("rollout_plan", args=[plan.pk])
    add_phase = reverse("rollout_phase_create", args=[plan.pk])
    phases = [item.phase for item in progress]
    groups, departments = headcounts(plan.organisation_id)

    result = [
        Question(
            "which",
            _("Which target groups are there?"),
            bool(plan.target_groups_note.strip()),
            edit,
            _("Describe the target groups"),
            note=plan.target_groups_note,
            rows=[*groups, *departments],
        ),
        Question(
            "how_many",
            _("How many people are in each group of the plan?"),
            bool(phases),
            add_phase if not phases else detail,
            _("Add a phase") if not phases else _("See the phases"),
            rows=[(item.phase.name, item.people) for item in progress],
        ),
        Question(
            "cluster",
            _("Should target groups be clustered?"),
            bool(plan.clustering.strip()),
            edit,
            _("Answer in the plan"),
            note=plan.clustering,
        ),
        Question(
            "order",
            _("In which order are they reached?"),
            bool(phases) and bool(plan.order_rationale.strip()),
            edit if phases else add_phase,
            _("Explain the order") if phases else _("Add a phase"),
            note=plan.order_rationale,
            rows=[(str(phase.position), phase.name) for phase in phases],
        ),
    ]

    missing_resource = [phase for phase in phases[:-1] if not phase.resource_group.strip()]
    result.append(
        Question(
            "resource",
            _("Which group is a resource for the next?"),
            len(phases) >= 2 and not missing_resource,
            reverse("rollout_phase_edit", args=[plan.pk, missing_resource[0].pk])
            if missing_resource
            else (detail if len(phases) >= 2 else add_phase),
            _("Name the group that helps")
            if missing_resource
            else (_("See the phases") if len(phases) >= 2 else _("Add a phase")),
            rows=[(phase.name, phase.resource_group or "–") for phase in phases[:-1]],
        )
    )

    without_message = [phase for phase in phases if not phase.communications.all()]
    senders = []
    for phase in phases:
        names = []
        for item in phase.communications.all():
            name = item.get_sender_display()
            if item.sender_name:
                name = f"{name} ({item.sender_name})"
            if name not in names:
                names.append(name)
        senders.append((phase.name, ", ".join(names) or "–"))
    result.append(
        Question(
            "senders",
            _("Who is the sender of each message?"),
            bool(phases) and not without_message,
            reverse("rollout_communication_create", args=[plan.pk, without_message[0].pk])
            if without_message
            else (detail if phases else add_phase),
            _("Add a message") if without_message else (_("See the messages") if phases else _("Add a phase")),
            rows=senders,
        )
    )
    return result
