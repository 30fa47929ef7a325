"""The reach dashboard for programme owners, its export, and the targets.

- `reach_dashboard` (GET /rackvidd/): the figures of reach.figures for the viewer's scope, filtered by
  a GET form that works without JavaScript; a filter value that does not fit is ignored with a notice.
- `reach_export` (GET /rackvidd/export/?format=xlsx|csv with the same filters): the same figures as
  rows (core.exports), audited.
- `reach_targets` (GET/POST /rackvidd/mal/): programme owners and administrators change the two targets.

Who may: anyone who may see aggregate figures (accounts.scoping.can_view_figures): programme owners,
editors and administrators see every organisation; a manager sees their own organisation's figures
only (the same page, narrowed by scoping). Learners, facilitators and teachers get 404, like other
figure pages (maturity results): the page does not exist for them. The targets: programme owners and
administrators only; 404 for everyone else.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import scoping
from core import audit
from core.exports import FORMATS, export_response

from . import charts, exports, figures, services
from .forms import TargetForm, filters_from
from .models import ReachTarget


def can_edit_targets(user):
    return scoping.is_programme_owner(user) or scoping.is_administrator(user)


def _figures_or_404(request):
    if not scoping.can_view_figures(request.user):
        raise Http404(_("Reach figures are for programme owners, editors, managers and administrators."))
    filters, form, ignored = filters_from(request.GET)
    return filters, form, ignored, figures.reach(request.user, filters)


def series_names():
    return {"modules": _("E-modules completed"), "certificates": _("Programme certificates issued")}


@login_required
@require_GET
def reach_dashboard(request):
    _filters, form, ignored, result = _figures_or_404(request)
    query = request.GET.copy()
    query.pop("format", None)
    context = {
        "form": form,
        "ignored": ignored,
        "reach": result,
        "chart": charts.completions_chart(result.months, series_names()),
        "series_names": series_names(),
        "query": query.urlencode(),
        "can_edit_targets": can_edit_targets(request.user),
        "all_organisations": scoping.scope_of(request.user).figures == scoping.ALL,
    }
    return render(request, "reach/dashboard.html", context)


@login_required
@require_GET
def reach_export(request):
    filters, _form, _ignored, result = _figures_or_404(request)
    fmt = request.GET.get("format", "xlsx")
    header, *rows = list(exports.export_rows(result))
    if fmt in FORMATS:
        audit.log(
            "reach.exported",
            f"reach ({fmt})",
            actor=request.user,
            format=fmt,
            filters=filters.key(),
            count=len(rows),
        )
    return export_response(fmt, f"rackvidd-{timezone.localdate():%Y-%m-%d}", header, rows)


@login_required
@require_http_methods(["GET", "POST"])
def reach_targets(request):
    if not can_edit_targets(request.user):
        raise Http404(_("The targets are changed by programme owners and administrators."))
    current = ReachTarget.current()
    form = TargetForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        _target, changed = services.set_targets(
            request.user, form.cleaned_data["organisation_share"], form.cleaned_data["leading_persons"]
        )
        if changed:
            messages.success(request, _("The targets have been saved."))
        else:
            messages.info(request, _("The targets were already these: nothing changed."))
        return redirect("reach_dashboard")
    status = 400 if request.method == "POST" else 200
    return render(request, "reach/targets.html", {"form": form, "target": current}, status=status)
