"""Changes to a rollout plan: add, move, delete and start phases. Views, commands and the demo call these.

Each runs in one transaction. Positions are unique per plan (a database constraint), so a move swaps
through a free position and a delete renumbers the phases after it. Starting a phase logs one
`PhaseMail` per person (unique per phase and person) and sends them after commit (`rollout.tasks`).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core import audit

from .exceptions import CannotMove, NoPeople
from .models import Phase, PhaseMail, PhaseMailStatus, RolloutPlan
from .progress import phase_people

SPARE_POSITION = 0  # never used by a phase: positions start at 1


def _lock_plan(plan):
    return RolloutPlan.objects.select_for_update().get(pk=plan.pk)


def create_phase(plan, form):
    """Save a valid PhaseForm as the plan's last phase."""
    with transaction.atomic():
        _lock_plan(plan)
        last = plan.phases.aggregate(last=Max("position"))["last"] or 0
        phase = form.save(commit=False)
        phase.plan = plan
        phase.position = last + 1
        phase.save()
        form.save_m2m()
    return phase


def move_phase(phase, direction):
    """Swap the phase with its neighbour above ("up") or below ("down")."""
    with transaction.atomic():
        _lock_plan(phase.plan)
        phase = Phase.objects.get(pk=phase.pk)
        siblings = Phase.objects.filter(plan_id=phase.plan_id)
        if direction == "up":
            neighbour = siblings.filter(position__lt=phase.position).order_by("-position").first()
        else:
            neighbour = siblings.filter(position__gt=phase.position).order_by("position").first()
        if neighbour is None:
            raise CannotMove(direction)
        mine, theirs = phase.position, neighbour.position
        Phase.objects.filter(pk=phase.pk).update(position=SPARE_POSITION)
        Phase.objects.filter(pk=neighbour.pk).update(position=mine)
        Phase.objects.filter(pk=phase.pk).update(position=theirs)
    phase.position = theirs
    return phase


def delete_phase(phase):
    """Delete the phase (with its communication items and mail log) and close the gap in the order."""
    with transaction.atomic():
        _lock_plan(phase.plan)
        plan_id = phase.plan_id
        phase.delete()
        for number, pk in enumerate(
            Phase.objects.filter(plan_id=plan_id).order_by("position").values_list("pk", flat=True), start=1
        ):
            Phase.objects.filter(pk=pk).exclude(position=number).update(position=number)


@dataclass(frozen=True)
class StartResult:
    queued: int
    already_started: bool = False


def start_phase(phase, actor=None):
    """Mark the phase started and queue one invitation per person, once.

    A second start queues nothing (`already_started`). A phase without people raises NoPeople and
    stores nothing. The mails are sent by the task worker after commit.
    """
    from .tasks import send_phase_mail

    with transaction.atomic():
        phase = Phase.objects.select_for_update(of=("self",)).select_related("plan", "selection").get(pk=phase.pk)
        if phase.started_at is not None:
            return StartResult(queued=0, already_started=True)
        people = list(phase_people(phase).values_list("pk", flat=True))
        if not people:
            raise NoPeople(phase.pk)
        phase.started_at = timezone.now()
        phase.save(update_fields=["started_at"])
        requested_by = actor if getattr(actor, "is_authenticated", False) else None
        PhaseMail.objects.bulk_create(
            [PhaseMail(phase=phase, user_id=pk, requested_by=requested_by) for pk in people],
            ignore_conflicts=True,
        )
        mail_ids = list(
            PhaseMail.objects.filter(phase=phase, status=PhaseMailStatus.QUEUED, tries=0).values_list("pk", flat=True)
        )
        audit.log(
            "rollout.phase_started",
            f"{phase.name}: {len(mail_ids)} invitations",
            actor=actor,
            obj=phase.plan,
            phase=phase.name,
            count=len(mail_ids),
        )
        for mail_id in mail_ids:
            transaction.on_commit(lambda mid=mail_id: send_phase_mail.enqueue(mid))
    return StartResult(queued=len(mail_ids))


@audit.action("rollout.phase_started", _("Rollout: phase started"))
class PhaseStarted(audit.AuditFormatter):
    def describe(self, data, label):
        count = data.get("count") or 0
        return ngettext(
            "Started the phase %(phase)s of %(plan)s: %(count)s invitation queued",
            "Started the phase %(phase)s of %(plan)s: %(count)s invitations queued",
            count,
        ) % {"phase": data.get("phase") or gettext("a phase"), "plan": label, "count": count}
