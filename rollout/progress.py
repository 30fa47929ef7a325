"""Live progress of a rollout plan, read from each domain's own records: the one progress rule.

A phase's people are those of its saved selection if it has one, otherwise the organisation's active
people in its departments and target groups (`accounts.selections`). Each activity counts as done:

- an e-module: the person's `ModuleProgress` is completed;
- a webcast: the person attended it (`Attendance.objects.attended()`, the rule of `webcasts.attendance`);
- a workshop: the person is a member of one of its groups and the workshop has started (there is no
  separate roll call for a workshop day; a member of a held workshop has taken part).

A person has completed the phase when every one of its activities is done. Status, kept simple:
"behind" when the end date has passed and not everyone is done, or when more than half the phase's time
has gone and fewer than half are done; "done" when everyone is; "not measurable" without people or
activities; otherwise "on track".

Figures only: nothing here returns a person. The number of queries is fixed per phase (grouped
counts), whatever the number of people.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.selections import describe, people_in, people_matching
from elearning.models import ModuleProgress
from webcasts.models import Attendance
from workshops.models import Membership

from .models import CommunicationItem, Phase

DONE, ON_TRACK, BEHIND, UNMEASURED = "done", "on_track", "behind", "unmeasured"
STATUS_LABELS = {
    DONE: _("Done"),
    ON_TRACK: _("On track"),
    BEHIND: _("Behind"),
    UNMEASURED: _("Nothing to measure yet"),
}
MODULE, WORKSHOP, WEBCAST = "module", "workshop", "webcast"


def phase_people(phase):
    """The active people the phase is for (a User queryset; never shown by name on plan pages)."""
    if phase.selection_id:
        return people_in(phase.selection)
    department_ids = [d.pk for d in phase.departments.all()]
    return people_matching(phase.plan.organisation_id, department_ids, phase.target_groups)


def percent(part, whole):
    """Whole per cent, rounded down: 100 only when everyone is done."""
    return part * 100 // whole if whole else 0


@dataclass
class ActivityProgress:
    kind: str
    activity: object
    done: int
    people: int

    @property
    def percent(self):
        return percent(self.done, self.people)


@dataclass
class PhaseProgress:
    phase: Phase
    people: int
    activities: list = field(default_factory=list)
    completed: int = 0
    status: str = UNMEASURED

    @property
    def percent(self):
        return percent(self.completed, self.people)

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]

    @property
    def who(self):
        """Target groups and departments the phase names (its saved selection is shown on its own)."""
        return describe([d.name for d in self.phase.departments.all()], self.phase.target_groups)


def status_for(phase, people, completed, has_activities, today):
    if not people or not has_activities:
        return UNMEASURED
    if completed >= people:
        return DONE
    share = completed * 100 / people
    if phase.ends_on and today > phase.ends_on:
        return BEHIND
    if phase.starts_on and phase.ends_on and phase.ends_on > phase.starts_on:
        halfway = phase.starts_on + (phase.ends_on - phase.starts_on) / 2
        if today > halfway and share < 50:
            return BEHIND
    return ON_TRACK


def _done_sets(phase, people_ids, now):
    """{(kind, activity id): User-id subquery of those who did it} and the grouped counts, 3 queries."""
    module_ids = [m.pk for m in phase.modules.all()]
    webcast_ids = [w.pk for w in phase.webcasts.all()]
    workshop_ids = [w.pk for w in phase.workshops.all()]
    done_by = {}
    counts = {}
    if module_ids:
        rows = ModuleProgress.objects.completed().filter(module_id__in=module_ids, user_id__in=people_ids)
        for m in module_ids:
            done_by[(MODULE, m)] = rows.filter(module_id=m).values("user_id")
        for row in rows.values("module_id").annotate(n=Count("user_id", distinct=True)):
            counts[(MODULE, row["module_id"])] = row["n"]
    if webcast_ids:
        rows = Attendance.objects.attended().filter(webcast_id__in=webcast_ids, user_id__in=people_ids)
        for w in webcast_ids:
            done_by[(WEBCAST, w)] = rows.filter(webcast_id=w).values("user_id")
        for row in rows.values("webcast_id").annotate(n=Count("user_id", distinct=True)):
            counts[(WEBCAST, row["webcast_id"])] = row["n"]
    if workshop_ids:
        rows = Membership.objects.filter(
            workshop_id__in=workshop_ids, workshop__starts_at__lte=now, user_id__in=people_ids
        )
        for w in workshop_ids:
            done_by[(WORKSHOP, w)] = rows.filter(workshop_id=w).values("user_id")
        for row in rows.values("workshop_id").annotate(n=Count("user_id", distinct=True)):
            counts[(WORKSHOP, row["workshop_id"])] = row["n"]
    return done_by, counts


def phase_progress(phase, today=None, now=None):
    """Figures for one phase (about 5 queries, whatever the number of people)."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    people = phase_people(phase)
    people_ids = people.values("pk")
    total = people.count()
    done_by, counts = _done_sets(phase, people_ids, now)
    activities = (
        [(MODULE, m) for m in phase.modules.all()]
        + [(WORKSHOP, w) for w in phase.workshops.all()]
        + [(WEBCAST, w) for w in phase.webcasts.all()]
    )
    result = PhaseProgress(phase=phase, people=total)
    result.activities = [
        ActivityProgress(kind, activity, counts.get((kind, activity.pk), 0), total) for kind, activity in activities
    ]
    if total and done_by:
        everyone_done = people
        for subquery in done_by.values():
            everyone_done = everyone_done.filter(pk__in=subquery)
        result.completed = everyone_done.count()
    result.status = status_for(phase, total, result.completed, bool(done_by), today)
    return result


def phases_for(plan):
    """The plan's phases in order, with what the pages and the progress rule read, prefetched."""
    return list(
        plan.phases.order_by("position")
        .select_related("selection", "plan")
        .prefetch_related(
            "departments",
            "selection__departments",
            Prefetch("modules", queryset=_pages(Phase.modules)),
            "workshops",
            Prefetch("webcasts", queryset=_pages(Phase.webcasts)),
            Prefetch("communications", queryset=CommunicationItem.objects.order_by("date", "pk")),
        )
    )


def _pages(descriptor):
    return descriptor.field.related_model.objects.order_by("title")


def plan_progress(plan, today=None, now=None):
    """[PhaseProgress] in phase order: people, done per activity, completed all, share, status."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    return [phase_progress(phase, today=today, now=now) for phase in phases_for(plan)]
