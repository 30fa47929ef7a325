"""Maturity rounds for managers (create, open, remind, close, saved selections) and everyone's start page.

Thin views: the rules are in `maturity.services`, the figures in `maturity.selectors`, access in
`accounts.scoping` through `Round.objects.managed_by/visible_to`. Another organisation's round answers
404. Managers see counts only: never who answered what, nor who has not answered yet.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import scoping
from accounts.models import Department, Selection
from accounts.selections import describe, people_matching
from core import anonymity

from .. import selectors, services
from ..exceptions import MaturityError
from ..forms import RoundForm
from ..models import Round, SurveyMailKind, SurveyMailStatus


def _rows(rounds, day):
    return [
        {
            "round": r,
            "status": selectors.status_of(r, day),
            "rate": anonymity.share(r.submitted, r.invited),
        }
        for r in rounds
    ]


@login_required
def home(request):
    user, today = request.user, timezone.localdate()
    surveys = selectors.surveys_for(user)
    manages = scoping.can_view_reports(user)
    all_organisations = not scoping.is_administrator(user) and (
        scoping.is_programme_owner(user) or scoping.is_editor(user)
    )
    context = {
        "open_surveys": [s for s in surveys if s.is_open],
        "past_surveys": [s for s in surveys if not s.is_open],
        "manages": manages,
        "rounds": _rows(selectors.rounds_for_manager(user), today) if manages else [],
        "all_rounds": _rows(selectors.rounds_with_figures(user), today) if all_organisations else [],
    }
    return render(request, "maturity/home.html", context)


def _require_manager(user):
    if not scoping.can_view_reports(user):
        raise Http404


def _ids(values):
    try:
        return {int(v) for v in values if v != ""}
    except (TypeError, ValueError):
        return None


def _foreign_choice(request):
    """Department or selection ids outside the user's organisations: answered 404, as elsewhere."""
    departments = _ids(request.POST.getlist("departments"))
    selections = _ids([request.POST.get("selection", "")])
    if departments is None or selections is None:
        return False  # not numbers: the form says so
    own = scoping.organisation_filter(request.user)
    if departments and Department.objects.filter(own, pk__in=departments).count() != len(departments):
        return True
    return bool(selections) and not Selection.objects.filter(own, pk__in=selections).exists()


@login_required
def create(request):
    _require_manager(request.user)
    preview = None
    if request.method == "POST":
        if _foreign_choice(request):
            raise Http404
        form = RoundForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            organisation = data["organisation"]
            departments = list(data.get("departments") or ())
            if "preview" in request.POST:
                preview = services.people_for_choice(
                    organisation, data["audience"], departments, data.get("target_groups"), data.get("selection")
                ).count()
            else:
                try:
                    round_ = services.create_round(
                        organisation,
                        data["instrument"],
                        data["title"],
                        data["closes_on"],
                        data["audience"],
                        departments,
                        data.get("target_groups"),
                        data.get("selection"),
                        actor=request.user,
                    )
                    if data.get("save_as", "").strip():
                        services.save_selection(
                            organisation, data["save_as"], departments, data.get("target_groups"), actor=request.user
                        )
                except MaturityError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(
                        request, _("The round is created. Check it, then open it to send the invitations.")
                    )
                    return redirect("maturity_round", round_id=round_.pk)
    else:
        form = RoundForm(user=request.user)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "maturity/round_form.html", {"form": form, "preview": preview}, status=status)


def _detail_context(request, round_):
    today = timezone.localdate()
    figures = selectors.with_figures(Round.objects.filter(pk=round_.pk)).get()
    counts = selectors.mail_counts(round_)
    sent = SurveyMailStatus.SENT
    failed = SurveyMailStatus.FAILED
    return {
        "round": figures,
        "status": selectors.status_of(figures, today),
        "rate": anonymity.share(figures.submitted, figures.invited),
        "manages": scoping.can_manage_organisation(request.user, round_.organisation_id),
        "covers": services.respondents_for(figures).count() if figures.opened_at is None else None,
        "invitations_sent": counts[(SurveyMailKind.INVITATION, sent)],
        "invitations_failed": counts[(SurveyMailKind.INVITATION, failed)],
        "invitations_queued": counts[(SurveyMailKind.INVITATION, SurveyMailStatus.QUEUED)],
        "reminders_sent": counts[(SurveyMailKind.REMINDER, sent)],
        "reminders_failed": counts[(SurveyMailKind.REMINDER, failed)],
        "reminders_queued": counts[(SurveyMailKind.REMINDER, SurveyMailStatus.QUEUED)],
    }


@login_required
def detail(request, round_id):
    round_ = get_object_or_404(Round.objects.visible_to(request.user), pk=round_id)
    return render(request, "maturity/round_detail.html", _detail_context(request, round_))


def _managed_round(request, round_id):
    return get_object_or_404(Round.objects.managed_by(request.user), pk=round_id)


def _refused(request, round_, error):
    messages.error(request, error.message)
    return render(request, "maturity/round_detail.html", _detail_context(request, round_), status=error.status)


@login_required
@require_POST
def invite(request, round_id):
    round_ = _managed_round(request, round_id)
    try:
        count = services.open_round(round_, actor=request.user)
    except MaturityError as error:
        return _refused(request, round_, error)
    messages.success(
        request,
        ngettext(
            "The round is open. An invitation is on its way to %(count)s person.",
            "The round is open. Invitations are on their way to %(count)s people.",
            count,
        )
        % {"count": count},
    )
    return redirect("maturity_round", round_id=round_.pk)


@login_required
@require_POST
def remind(request, round_id):
    round_ = _managed_round(request, round_id)
    try:
        queued, skipped = services.remind(round_, actor=request.user)
    except MaturityError as error:
        return _refused(request, round_, error)
    message = ngettext(
        "A reminder is on its way to %(count)s person who has not submitted.",
        "Reminders are on their way to %(count)s people who have not submitted.",
        queued,
    ) % {"count": queued}
    if skipped:
        message += " " + ngettext(
            "%(count)s person was already reminded today and was skipped.",
            "%(count)s people were already reminded today and were skipped.",
            skipped,
        ) % {"count": skipped}
    messages.success(request, message)
    return redirect("maturity_round", round_id=round_.pk)


@login_required
@require_POST
def close(request, round_id):
    round_ = _managed_round(request, round_id)
    try:
        services.close_round(round_, actor=request.user)
    except MaturityError as error:
        return _refused(request, round_, error)
    messages.success(request, _("The round is closed. Answers can no longer be given or changed."))
    return redirect("maturity_round", round_id=round_.pk)


@login_required
def selections(request):
    _require_manager(request.user)
    saved = (
        Selection.objects.filter(scoping.organisation_filter(request.user))
        .select_related("organisation")
        .prefetch_related(Prefetch("departments", queryset=Department.objects.order_by("name")))
    )
    rows = [
        {
            "selection": s,
            "parts": describe([d.name for d in s.departments.all()], s.target_groups),
            "count": people_matching(s.organisation_id, [d.pk for d in s.departments.all()], s.target_groups).count(),
        }
        for s in saved
    ]
    return render(
        request,
        "maturity/selections.html",
        {"rows": rows, "with_organisation": scoping.is_administrator(request.user)},
    )


@login_required
@require_POST
def delete_selection(request, selection_id):
    selection = get_object_or_404(Selection.objects.filter(scoping.organisation_filter(request.user)), pk=selection_id)
    name = selection.name
    services.delete_selection(selection, actor=request.user)
    messages.success(request, _("The saved selection “%(name)s” is deleted.") % {"name": name})
    return redirect("maturity_selections")
