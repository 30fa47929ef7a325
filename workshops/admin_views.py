"""Workshop pages in the Wagtail admin: group members, proposing groups, completion report, exports.

Each view is thin: it checks the role (managers and administrators, with the model permission),
finds the object within the person's scope (another organisation's workshop answers 404), and
calls workshops.services. Changes are POST with CSRF; exports are logged in the audit log.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from accounts import scoping
from core import audit
from core.exports import FORMATS, export_response

from . import reports, services
from .admin_forms import (
    AddMemberForm,
    BulkAddForm,
    CompletionFilterForm,
    ImportMembersForm,
    ProposeGroupsForm,
    SaveGroupsForm,
)
from .composition import propose_groups as deal_groups
from .exceptions import WorkshopError
from .models import Membership, Workshop, WorkshopGroup
from .readiness import workshop_readiness


def _require(request, *perms):
    """Managers and administrators who hold the permissions; everyone else is turned away."""
    user = request.user
    if not (scoping.can_view_reports(user) and user.has_perms(perms)):
        raise PermissionDenied


def _workshop(request, workshop_id):
    return get_object_or_404(Workshop.objects.managed_by(request.user).select_related("organisation"), pk=workshop_id)


def _group(request, group_id):
    return get_object_or_404(
        WorkshopGroup.objects.managed_by(request.user).select_related(
            "workshop", "workshop__organisation", "facilitator"
        ),
        pk=group_id,
    )


def readiness_url(workshop):
    """The readiness page on the public site, or the workshop's admin page if that page does not exist."""
    try:
        return reverse("workshop_readiness", args=[workshop.pk])
    except NoReverseMatch:
        return reverse("workshops_workshop_modeladmin_edit", args=[workshop.pk])


# --- Group members --------------------------------------------------------------------------


def _members_page(request, group, **context):
    members = (
        Membership.objects.filter(group=group)
        .select_related("user", "user__department")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    context.setdefault("add_form", AddMemberForm(group))
    context.setdefault("bulk_form", BulkAddForm(group))
    context.setdefault("import_form", ImportMembersForm())
    return render(
        request,
        "workshops/admin/group_members.html",
        {"group": group, "workshop": group.workshop, "members": members, **context},
    )


def group_members(request, group_id):
    _require(request, "workshops.view_membership")
    return _members_page(request, _group(request, group_id))


@require_POST
def member_add(request, group_id):
    _require(request, "workshops.add_membership")
    group = _group(request, group_id)
    form = AddMemberForm(group, request.POST)
    if not form.is_valid():
        return _members_page(request, group, add_form=form)
    person = form.cleaned_data["user"]
    try:
        services.add_member(group, person, actor=request.user)
    except WorkshopError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(person)s was added to %(group)s.") % {"person": person, "group": group.name})
    return redirect("workshops_admin_group_members", group.pk)


@require_POST
def members_bulk(request, group_id):
    _require(request, "workshops.add_membership")
    group = _group(request, group_id)
    form = BulkAddForm(group, request.POST)
    if not form.is_valid():
        return _members_page(request, group, bulk_form=form)
    report = services.add_members(group, list(form.people()), actor=request.user)
    _report_message(request, report)
    return _members_page(request, group, report=report)


@require_POST
def members_import(request, group_id):
    _require(request, "workshops.add_membership")
    group = _group(request, group_id)
    form = ImportMembersForm(request.POST, request.FILES)
    if not form.is_valid():
        return _members_page(request, group, import_form=form)
    report = services.import_members_csv(group, form.cleaned_data["file"], actor=request.user)
    if report.error:
        messages.error(request, report.error)
    else:
        _report_message(request, report)
    return _members_page(request, group, report=report)


def _report_message(request, report):
    added, problems = len(report.added), len(report.problems)
    if added:
        messages.success(
            request,
            ngettext("%(n)d person was added.", "%(n)d people were added.", added) % {"n": added},
        )
    if problems:
        messages.warning(
            request,
            ngettext(
                "%(n)d row could not be added; see the list below.",
                "%(n)d rows could not be added; see the list below.",
                problems,
            )
            % {"n": problems},
        )
    if not added and not problems:
        messages.info(request, _("Nobody new to add."))


@require_POST
def member_remove(request, group_id, user_id):
    _require(request, "workshops.delete_membership")
    group = _group(request, group_id)
    person = get_object_or_404(get_user_model(), pk=user_id, workshop_memberships__group=group)
    services.remove_member(group, person, actor=request.user)
    messages.success(request, _("%(person)s was removed from %(group)s.") % {"person": person, "group": group.name})
    return redirect("workshops_admin_group_members", group.pk)


# --- Proposing groups -----------------------------------------------------------------------


def propose_groups(request, workshop_id):
    """GET: choose and see a proposal. POST: save the (adjusted) proposal as new groups."""
    _require(request, "workshops.add_workshopgroup", "workshops.add_membership")
    workshop = _workshop(request, workshop_id)
    context = {"workshop": workshop, "already_placed": Membership.objects.filter(workshop=workshop).count()}
    if request.method == "POST":
        return _save_proposal(request, workshop, context)
    choose_form = ProposeGroupsForm(workshop, request.GET if "number" in request.GET else None)
    context["choose_form"] = choose_form
    if choose_form.is_bound and choose_form.is_valid():
        people = choose_form.candidates()
        if not people:
            messages.warning(request, _("Nobody matches, or everyone who matches is already in a group."))
        else:
            count = choose_form.group_count(len(people))
            proposal = deal_groups(people, count)
            assignment = {person.pk: number for number, members in enumerate(proposal, start=1) for person in members}
            ordered = [person for members in proposal for person in members]
            context["save_form"] = SaveGroupsForm(workshop, ordered, count, assignment)
    return render(request, "workshops/admin/propose_groups.html", context)


def _save_proposal(request, workshop, context):
    try:
        count = int(request.POST.get("group_count", ""))
    except ValueError:
        count = 0
    if not 1 <= count <= 100:
        messages.error(request, _("The proposal was incomplete. Make a new one."))
        return redirect("workshops_admin_propose_groups", workshop.pk)
    ids = [value for value in request.POST.getlist("people") if value.isdigit()]
    # Only people of the workshop's organisation can be placed; anyone else in the form is ignored.
    people = list(
        get_user_model()
        .objects.active()
        .filter(pk__in=ids, organisation_id=workshop.organisation_id)
        .select_related("department")
        .order_by("last_name", "first_name", "email")
    )
    form = SaveGroupsForm(workshop, people, count, data=request.POST)
    context.update({"choose_form": ProposeGroupsForm(workshop), "save_form": form})
    if form.is_valid():
        try:
            groups, added = form.save(actor=request.user)
        except WorkshopError as error:
            messages.error(request, _("Nothing was saved. %(reason)s") % {"reason": error.message})
        else:
            audit.log(
                "workshop.groups_created",
                f"{len(groups)} groups, {added} members for {workshop.title}",
                actor=request.user,
                obj=workshop,
            )
            messages.success(
                request,
                ngettext(
                    "%(groups)d group was created with %(people)d people.",
                    "%(groups)d groups were created with %(people)d people.",
                    len(groups),
                )
                % {"groups": len(groups), "people": added},
            )
            return redirect(reverse("workshops_workshopgroup_modeladmin_index") + f"?workshop={workshop.pk}")
    else:
        messages.error(request, _("The groups could not be saved. Check the form."))
    return render(request, "workshops/admin/propose_groups.html", context)


# --- Reports and exports --------------------------------------------------------------------


def completion_report(request):
    _require(request, "accounts.view_reports")
    form = CompletionFilterForm(request.user, request.GET or None)
    summary = None
    filters = {}
    if not form.is_bound:
        summary = reports.completion_summary(request.user)
    elif form.is_valid():
        filters = form.filters()
        summary = reports.completion_summary(request.user, **filters)
    fmt = request.GET.get("format")
    if fmt:
        if summary is None:
            return HttpResponseBadRequest(_("Check the filters before exporting."), content_type="text/plain")
        if fmt in FORMATS:
            chosen = {key: str(value) for key, value in filters.items() if value}
            audit.log("report.exported", f"completion ({fmt})", actor=request.user, report="completion", **chosen)
        return export_response(
            fmt, f"slutforande-{timezone.localdate():%Y-%m-%d}", *_split(reports.completion_rows(summary))
        )
    query = request.GET.copy()
    query.pop("format", None)
    return render(
        request,
        "workshops/admin/completion.html",
        {"form": form, "summary": summary, "query": query.urlencode()},
    )


def _split(rows):
    rows = iter(rows)
    return next(rows), rows


def readiness_export(request, workshop_id):
    _require(request, "workshops.view_workshop")
    workshop = _workshop(request, workshop_id)
    return reports.readiness_download(workshop, request.GET.get("format", "xlsx"), request.user)


def upcoming_for_dashboard(user, limit=5):
    """Upcoming workshops in the person's scope with their readiness (the dashboard panel)."""
    workshops = Workshop.objects.managed_by(user).upcoming().select_related("organisation")
    items = []
    for workshop in list(workshops[:limit]):
        readiness = workshop_readiness(workshop)
        items.append(
            {
                "workshop": workshop,
                "days_left": workshop.days_left(),
                "ready": readiness.ready_count,
                "total": readiness.total,
                "percent": readiness.ready_percent,
                "url": readiness_url(workshop),
            }
        )
    return items
