"""Workshop pages on the public site: readiness for managers and facilitators, the facilitator kit."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from wagtail_modeladmin.helpers import PermissionHelper

from . import permissions, services
from .forms import ReadinessFilterForm, ReminderForm
from .kit import facilitator_kit
from .models import Workshop
from .readiness import departments_of, filter_rows, readiness_for
from .reports import readiness_download


@login_required
def workshop_list(request):
    workshops = list(Workshop.objects.visible_to(request.user).select_related("organisation").order_by("starts_at"))
    can_create = False
    if not workshops:
        # The next step for someone who may add one: the same permission the admin's create view asks for.
        user = request.user
        can_create = user.has_perm("wagtailadmin.access_admin") and PermissionHelper(Workshop).user_can_create(user)
    return render(request, "workshops/workshop_list.html", {"workshops": workshops, "can_create": can_create})


@login_required
def readiness(request, workshop_id):
    workshop = permissions.workshop_for_viewer(request.user, workshop_id)
    manages = permissions.manages(request.user, workshop)
    fmt = request.GET.get("format")
    if fmt:
        if not manages:
            raise Http404
        return readiness_download(workshop, fmt, request.user)
    groups = list(permissions.visible_groups(request.user, workshop))
    result = readiness_for(request.user, workshop)
    filter_form = ReadinessFilterForm(request.GET, departments=departments_of(result), groups=groups)
    rows = filter_rows(result, **filter_form.filters())
    reminders = []
    if manages:
        reminders = list(workshop.reminders.select_related("user", "requested_by").order_by("-created_at")[:50])
    return render(
        request,
        "workshops/readiness.html",
        {
            "workshop": workshop,
            "readiness": result,
            "rows": rows,
            "filter_form": filter_form,
            "filtered": len(rows) != result.total,
            "groups": groups,
            "manages": manages,
            "reminders": reminders,
        },
    )


@login_required
def kit(request, workshop_id, group_id):
    workshop = permissions.workshop_for_viewer(request.user, workshop_id)
    group = permissions.group_for_viewer(request.user, workshop, group_id)
    readiness_result, kits = facilitator_kit(workshop, group, viewer=request.user)
    return render(
        request,
        "workshops/facilitator_kit.html",
        {
            "workshop": workshop,
            "group": group,
            "readiness": readiness_result,
            "kits": kits,
            "title": _("Facilitator kit"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def remind(request, workshop_id):
    """GET: who would be reminded, and a field for a short message. POST: send (once per person and day)."""
    workshop = permissions.workshop_for_viewer(request.user, workshop_id)
    if not permissions.manages(request.user, workshop):
        raise Http404
    form = ReminderForm(request.POST if request.method == "POST" else None)
    if not form.is_valid():
        to_remind, already = services.reminder_recipients(workshop)
        return render(
            request,
            "workshops/remind_preview.html",
            {"workshop": workshop, "form": form, "to_remind": to_remind, "already": already},
        )
    queued, skipped = services.remind_not_ready(workshop, actor=request.user, message=form.cleaned_data["message"])
    if queued:
        messages.success(
            request,
            ngettext("A reminder is on its way to %(n)d person.", "Reminders are on their way to %(n)d people.", queued)
            % {"n": queued},
        )
    else:
        messages.info(request, _("Nobody to remind: everyone is ready or was already reminded today."))
    if skipped:
        messages.info(
            request,
            ngettext("%(n)d person was already reminded today.", "%(n)d people were already reminded today.", skipped)
            % {"n": skipped},
        )
    return redirect("workshop_readiness", workshop.pk)
