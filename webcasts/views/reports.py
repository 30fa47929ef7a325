"""Views of webcasts: reports, as Wagtail admin views (registered in webcasts/hooks_reports.py).

- Reach (figures, no names): programme owners, editors, administrators; a manager sees their own
  organisation's figures. Filter by series or webcast; XLSX/CSV export, audited.
- Attendance (names): managers (their organisation) and administrators: every webcast with
  their people's registrations and attendance, and one webcast's list; XLSX/CSV export, audited.
- One webcast's report (the "Report" button on the page in the admin): its figures, and the names
  for those who may see them.

The numbers come from webcasts.reports, already scoped (accounts.scoping) and anonymised
(core.anonymity). Nothing here is on the public site: `urlpatterns` is empty.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import audit
from core.exports import FORMATS, export_response

from .. import reports
from ..models import WebcastPage, WebcastSeriesPage

urlpatterns = []


class ReachFilterForm(forms.Form):
    series = forms.ModelChoiceField(
        label=gettext_lazy("Series"),
        queryset=WebcastSeriesPage.objects.none(),
        required=False,
        empty_label=gettext_lazy("Every series"),
    )
    webcast = forms.ModelChoiceField(
        label=gettext_lazy("Webcast"),
        queryset=WebcastPage.objects.none(),
        required=False,
        empty_label=gettext_lazy("Every webcast of the series"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = reports.series_choices()
        self.fields["webcast"].queryset = WebcastPage.objects.live().order_by("-starts_at")
        self.fields["webcast"].label_from_instance = lambda page: (
            f"{page.title} ({timezone.localtime(page.starts_at):%Y-%m-%d})"
        )


def _export(request, fmt, filename, rows, obj, report):
    header, *body = list(rows)
    if fmt in FORMATS:
        audit.log(
            "report.exported",
            f"{report} ({fmt})",
            actor=request.user,
            obj=obj,
            report=report,
            format=fmt,
            count=len(body),
        )
    return export_response(fmt, f"{filename}-{timezone.localdate():%Y-%m-%d}", header, body)


def reach_report(request):
    if not reports.can_view_reach(request.user):
        raise PermissionDenied(_("Reach is for programme owners, editors, managers and administrators."))
    form = ReachFilterForm(request.GET or None)
    result = None
    if not request.GET or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        series, webcast = data.get("series"), data.get("webcast")
        result = reports.reach(request.user, series=series, webcast=webcast)
        fmt = request.GET.get("format")
        if fmt:
            return _export(
                request,
                fmt,
                "webbsandningar-rackvidd",
                reports.reach_rows(result),
                webcast or series,
                "webcasts.Attendance",
            )
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "webcasts/admin/report_reach.html",
        {"form": form, "reach": result, "query": query.urlencode(), "names": reports.can_view_names(request.user)},
    )


def attendance_overview(request):
    if not reports.can_view_names(request.user):
        raise PermissionDenied(_("Attendance by name is for managers and administrators."))
    fmt = request.GET.get("format")
    if fmt:
        return _export(
            request, fmt, "webbsandningar-narvaro", reports.attendance_rows(request.user), None, "webcasts.Registration"
        )
    return render(
        request,
        "webcasts/admin/report_attendance.html",
        {"items": reports.organisation_overview(request.user), "can_reach": reports.can_view_reach(request.user)},
    )


def webcast_report(request, webcast_id):
    names, figures = reports.can_view_names(request.user), reports.can_view_reach(request.user)
    if not (names or figures):
        raise PermissionDenied(_("Webcast reports are for managers, programme owners, editors and administrators."))
    webcast = get_object_or_404(WebcastPage, pk=webcast_id)
    export, fmt = request.GET.get("export"), request.GET.get("format")
    if fmt:
        if export == "names" and names:
            return _export(
                request,
                fmt,
                f"webbsandning-{webcast.pk}-narvaro",
                reports.attendance_rows(request.user, webcast),
                webcast,
                "webcasts.Registration",
            )
        if export == "figures" and figures:
            result = reports.reach(request.user, webcast=webcast)
            return _export(
                request,
                fmt,
                f"webbsandning-{webcast.pk}-rackvidd",
                reports.reach_rows(result),
                webcast,
                "webcasts.Attendance",
            )
        if export not in ("names", "figures"):
            return HttpResponseBadRequest(_("Choose export=names or export=figures."), content_type="text/plain")
        raise PermissionDenied(_("Your role does not allow this export."))
    return render(
        request,
        "webcasts/admin/report_webcast.html",
        {
            "webcast": webcast,
            "reach": reports.reach(request.user, webcast=webcast) if figures else None,
            "people": reports.people(request.user, webcast) if names else None,
        },
    )
