"""Module reports in the Wagtail admin. The figures arrive already anonymised (elearning.reports)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from core.anonymity import min_group_size

from .models import ModulePage
from .reports import can_view_module_reports, module_report, modules_summary


def _check(request):
    if not can_view_module_reports(request.user):
        raise PermissionDenied(_("Module reports are for managers, editors and administrators."))


def report_index(request):
    _check(request)
    modules = list(ModulePage.objects.live().order_by("path"))
    summary = modules_summary(modules, request.user)
    rows = [(module, summary[module.pk]) for module in modules]
    return render(request, "elearning/admin/report_index.html", {"rows": rows, "k": min_group_size()})


def report_detail(request, module_id):
    _check(request)
    module = get_object_or_404(ModulePage, pk=module_id)
    return render(request, "elearning/admin/report_detail.html", {"report": module_report(module, request.user)})
