"""Rollout plans on the public site: list, plan with live progress, phases, messages, the checklist.

Reading asks `RolloutPlan.objects.visible_to` and every change `managed_by`: both the organisation's
managers (administrators: all). A plan is internal planning, so programme owners and editors, who see
figures across organisations, do not read plans. A plan, phase or item outside that scope,
or a phase or item of another plan than the one in the URL, answers 404. The pages show counts, never
a person's name.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts import scoping

from . import checklist as checklist_rules
from . import services
from .exceptions import CannotMove, NoPeople
from .forms import CommunicationItemForm, MoveForm, PhaseForm, PlanForm
from .models import CommunicationItem, RolloutPlan
from .progress import phase_people, plan_progress


def _readable(user, plan_id):
    return get_object_or_404(RolloutPlan.objects.visible_to(user).select_related("organisation"), pk=plan_id)


def _managed(user, plan_id):
    return get_object_or_404(RolloutPlan.objects.managed_by(user).select_related("organisation"), pk=plan_id)


def _phase(plan, phase_id):
    return get_object_or_404(plan.phases.select_related("plan", "selection"), pk=phase_id)


def _can_manage(user, plan):
    return scoping.can_manage_organisation(user, plan.organisation_id)


@login_required
def plan_list(request):
    user = request.user
    if not scoping.can_view_reports(user):
        raise Http404
    plans = list(RolloutPlan.objects.visible_to(user).select_related("organisation"))
    return render(
        request,
        "rollout/plan_list.html",
        {
            "plans": plans,
            "can_create": scoping.organisations_visible_to(user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    if not scoping.organisations_visible_to(request.user).exists():
        raise Http404
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        plan = form.save(commit=False)
        plan.created_by = request.user
        plan.save()
        messages.success(request, _("The plan is created. Add its first phase."))
        return redirect("rollout_plan", plan.pk)
    return render(request, "rollout/plan_form.html", {"form": form, "plan": None})


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, plan_id):
    plan = _managed(request.user, plan_id)
    form = PlanForm(request.POST or None, instance=plan, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The plan is saved."))
        return redirect("rollout_plan", plan.pk)
    return render(request, "rollout/plan_form.html", {"form": form, "plan": plan})


@login_required
def plan_detail(request, plan_id):
    plan = _readable(request.user, plan_id)
    progress = plan_progress(plan)
    return render(
        request,
        "rollout/plan_detail.html",
        {"plan": plan, "progress": progress, "can_manage": _can_manage(request.user, plan)},
    )


@login_required
def checklist(request, plan_id):
    plan = _readable(request.user, plan_id)
    progress = plan_progress(plan)
    questions = checklist_rules.questions(plan, progress)
    return render(
        request,
        "rollout/checklist.html",
        {
            "plan": plan,
            "questions": questions,
            "answered": sum(1 for q in questions if q.answered),
            "can_manage": _can_manage(request.user, plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def phase_create(request, plan_id):
    plan = _managed(request.user, plan_id)
    form = PhaseForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        phase = services.create_phase(plan, form)
        messages.success(request, _("The phase %(name)s is added.") % {"name": phase.name})
        return redirect("rollout_plan", plan.pk)
    return render(request, "rollout/phase_form.html", {"form": form, "plan": plan, "phase": None})


@login_required
@require_http_methods(["GET", "POST"])
def phase_edit(request, plan_id, phase_id):
    plan = _managed(request.user, plan_id)
    phase = _phase(plan, phase_id)
    form = PhaseForm(request.POST or None, instance=phase, plan=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("The phase %(name)s is saved.") % {"name": phase.name})
        return redirect("rollout_plan", plan.pk)
    return render(request, "rollout/phase_form.html", {"form": form, "plan": plan, "phase": phase})


@login_required
@require_http_methods(["GET", "POST"])
def phase_delete(request, plan_id, phase_id):
    plan = _managed(request.user, plan_id)
    phase = _phase(plan, phase_id)
    if request.method == "POST":
        services.delete_phase(phase)
        messages.success(request, _("The phase %(name)s is deleted.") % {"name": phase.name})
        return redirect("rollout_plan", plan.pk)
    return render(
        request,
        "rollout/confirm_delete.html",
        {"plan": plan, "object": phase, "kind": _("phase"), "items": phase.communications.count()},
    )


@login_required
@require_POST
def phase_move(request, plan_id, phase_id):
    plan = _managed(request.user, plan_id)
    phase = _phase(plan, phase_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose to move the phase up or down."))
    try:
        services.move_phase(phase, form.cleaned_data["direction"])
    except CannotMove:
        messages.info(request, _("The phase cannot move further that way."))
    else:
        messages.success(request, _("The phase %(name)s is moved.") % {"name": phase.name})
    return redirect(reverse("rollout_plan", args=[plan.pk]) + f"#phase-{phase.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def phase_start(request, plan_id, phase_id):
    """GET: what starting means and how many get the invitation. POST: start (once)."""
    plan = _managed(request.user, plan_id)
    phase = _phase(plan, phase_id)
    if request.method == "POST":
        try:
            result = services.start_phase(phase, actor=request.user)
        except NoPeople:
            messages.error(
                request,
                _("The phase covers nobody yet: choose target groups, departments or a selection with people."),
            )
            return redirect("rollout_phase_start", plan.pk, phase.pk)
        if result.already_started:
            messages.info(request, _("The phase was already started: no new invitations were sent."))
        else:
            messages.success(
                request,
                ngettext(
                    "The phase is started. An invitation is on its way to %(n)d person.",
                    "The phase is started. Invitations are on their way to %(n)d people.",
                    result.queued,
                )
                % {"n": result.queued},
            )
        return redirect("rollout_plan", plan.pk)
    people = phase_people(phase).count()
    return render(request, "rollout/phase_start.html", {"plan": plan, "phase": phase, "people": people})


@login_required
@require_http_methods(["GET", "POST"])
def communication_create(request, plan_id, phase_id):
    plan = _managed(request.user, plan_id)
    phase = _phase(plan, phase_id)
    form = CommunicationItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.phase = phase
        item.save()
        messages.success(request, _("The message is added."))
        return redirect("rollout_plan", plan.pk)
    return render(request, "rollout/communication_form.html", {"form": form, "plan": plan, "phase": phase})


def _item(plan, item_id):
    return get_object_or_404(CommunicationItem.objects.select_related("phase"), pk=item_id, phase__plan=plan)


@login_required
@require_http_methods(["GET", "POST"])
def communication_edit(request, plan_id, item_id):
    plan = _managed(request.user, plan_id)
    item = _item(plan, item_id)
    form = CommunicationItemForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The message is saved."))
        return redirect("rollout_plan", plan.pk)
    return render(
        request, "rollout/communication_form.html", {"form": form, "plan": plan, "phase": item.phase, "item": item}
    )


@login_required
@require_http_methods(["GET", "POST"])
def communication_delete(request, plan_id, item_id):
    plan = _managed(request.user, plan_id)
    item = _item(plan, item_id)
    if request.method == "POST":
        item.delete()
        messages.success(request, _("The message is deleted."))
        return redirect("rollout_plan", plan.pk)
    return render(request, "rollout/confirm_delete.html", {"plan": plan, "object": item, "kind": _("message")})
