"""Workshops in the Wagtail admin: workshops, groups and the reminder log, members, reports, a dashboard panel.

Every listing and every object view is scoped (accounts.scoping): a manager sees their own
organisation's rows, an administrator all, anyone else none; another organisation's object
answers 404. Spreadsheet exports of the listings go through core.exports and are audited.
"""

from django import forms
from django.contrib.admin import SimpleListFilter, display
from django.db.models import Count
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdminGroup, modeladmin_register

from accounts import scoping
from core.modeladmin import ScopedModelAdmin

from . import admin_views
from .admin_forms import WorkshopAdminForm, WorkshopGroupAdminForm, scoped_workshops
from .models import Reminder, Workshop, WorkshopGroup

# --- Shared pieces --------------------------------------------------------------------------


class WorkshopFilter(SimpleListFilter):
    """Filter by workshop, offering only the workshops the person may see."""

    title = gettext_lazy("workshop")
    parameter_name = "workshop"

    def lookups(self, request, model_admin):
        return [(str(w.pk), str(w)) for w in scoped_workshops(request.user).order_by("-starts_at")[:200]]

    def queryset(self, request, queryset):
        value = self.value()
        if value and str(value).isdigit():
            return queryset.filter(workshop_id=int(value))
        return queryset


def _button(helper, url, label, title, classnames_add=None, classnames_exclude=None):
    classnames = helper.finalise_classname(["button-secondary", *(classnames_add or [])], classnames_exclude)
    return {"url": url, "label": label, "classname": classnames, "title": title}


# --- Workshops ------------------------------------------------------------------------------


class WorkshopButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        user = self.request.user
        extra = [
            _button(
                self,
                reverse("workshops_workshopgroup_modeladmin_index") + f"?workshop={obj.pk}",
                _("Groups"),
                _("Groups of %(workshop)s") % {"workshop": obj.title},
                classnames_add,
                classnames_exclude,
            ),
        ]
        if user.has_perms(["workshops.add_workshopgroup", "workshops.add_membership"]):
            extra.append(
                _button(
                    self,
                    reverse("workshops_admin_propose_groups", args=[obj.pk]),
                    _("Propose groups"),
                    _("Propose mixed groups for %(workshop)s") % {"workshop": obj.title},
                    classnames_add,
                    classnames_exclude,
                )
            )
        extra += [
            _button(
                self,
                admin_views.readiness_url(obj),
                _("Readiness"),
                _("Who is ready for %(workshop)s") % {"workshop": obj.title},
                classnames_add,
                classnames_exclude,
            ),
            _button(
                self,
                reverse("workshops_admin_readiness_export", args=[obj.pk]) + "?format=xlsx",
                _("Export readiness"),
                _("Readiness of %(workshop)s as an Excel file") % {"workshop": obj.title},
                classnames_add,
                classnames_exclude,
            ),
        ]
        return buttons + extra


class WorkshopAdmin(ScopedModelAdmin):
    model = Workshop
    menu_label = gettext_lazy("Workshops")
    menu_icon = "date"
    menu_order = 100
    list_display = ("title", "organisation", "starts_at", "place")
    list_filter = ("organisation", "starts_at")
    search_fields = ("title", "place")
    list_export = ("title", "organisation", "starts_at", "ends_at", "place")
    export_filename = "workshoppar"
    button_helper_class = WorkshopButtonHelper
    edit_handler = ObjectList(
        [
            FieldPanel("title"),
            FieldPanel("organisation"),
            FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
            FieldPanel("place"),
            FieldPanel("description"),
            FieldPanel("required_modules", widget=forms.CheckboxSelectMultiple),
            FieldPanel("required_webcasts", widget=forms.CheckboxSelectMultiple),
            FieldPanel("facilitators", widget=forms.CheckboxSelectMultiple),
            MultiFieldPanel([FieldPanel("reminder_days_before")], heading=gettext_lazy("Reminders")),
        ],
        base_form_class=WorkshopAdminForm,
    )

    def scoped(self, request, queryset):
        return queryset.managed_by(request.user).select_related("organisation")

    def get_list_filter(self, request):
        # A manager has one organisation: filtering by it would only list the others' names.
        if scoping.is_administrator(request.user):
            return self.list_filter
        return ("starts_at",)


# --- Groups ---------------------------------------------------------------------------------


class WorkshopGroupButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        members = _button(
            self,
            reverse("workshops_admin_group_members", args=[obj.pk]),
            _("Members"),
            _("Members of %(group)s") % {"group": obj.name},
            classnames_add,
            classnames_exclude,
        )
        return [members, *buttons]


class WorkshopGroupAdmin(ScopedModelAdmin):
    model = WorkshopGroup
    menu_label = gettext_lazy("Workshop groups")
    menu_icon = "group"
    menu_order = 200
    list_display = ("workshop", "name", "facilitator", "room", "member_count")
    list_filter = (WorkshopFilter,)
    search_fields = ("name",)
    list_export = ("workshop", "name", "facilitator", "room", "member_count")
    export_filename = "workshopgrupper"
    button_helper_class = WorkshopGroupButtonHelper
    edit_handler = ObjectList(
        [FieldPanel("workshop"), FieldPanel("name"), FieldPanel("facilitator"), FieldPanel("room")],
        base_form_class=WorkshopGroupAdminForm,
    )

    def scoped(self, request, queryset):
        return queryset.managed_by(request.user).select_related("workshop", "facilitator")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(members=Count("memberships"))

    @display(description=gettext_lazy("members"), ordering="members")
    def member_count(self, obj):
        return obj.members


# --- Reminder log (read only) ---------------------------------------------------------------


class ReadOnlyPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ReminderAdmin(ScopedModelAdmin):
    model = Reminder
    menu_label = gettext_lazy("Reminder log")
    menu_icon = "mail"
    menu_order = 300
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = ("workshop", "user", "sent_on", "status", "tries", "last_error")
    list_filter = ("status", WorkshopFilter)
    search_fields = ("user__email", "user__last_name")
    list_export = ("workshop", "user", "sent_on", "status", "tries", "last_error")
    export_filename = "paminnelser"
    history_view_enabled = False

    def scoped(self, request, queryset):
        return queryset.visible_to(request.user).select_related("workshop", "user")


# --- The menu group and the completion report -----------------------------------------------


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return scoping.can_view_reports(request.user) and request.user.has_perm("accounts.view_reports")


class WorkshopsGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Workshops")
    menu_icon = "group"
    menu_order = 220
    items = (WorkshopAdmin, WorkshopGroupAdmin, ReminderAdmin)

    def get_submenu_items(self):
        items = super().get_submenu_items()
        items.append(
            ReportMenuItem(
                gettext_lazy("Completion"),
                reverse("workshops_admin_completion"),
                name="workshops-completion",
                icon_name="table",
                order=400,
            )
        )
        return items


modeladmin_register(WorkshopsGroup)


@hooks.register("register_admin_urls")
def register_workshop_admin_urls():
    views = admin_views
    return [
        path(
            "workshoppar/grupper/<int:group_id>/medlemmar/", views.group_members, name="workshops_admin_group_members"
        ),
        path(
            "workshoppar/grupper/<int:group_id>/medlemmar/lagg-till/",
            views.member_add,
            name="workshops_admin_member_add",
        ),
        path(
            "workshoppar/grupper/<int:group_id>/medlemmar/lagg-till-flera/",
            views.members_bulk,
            name="workshops_admin_members_bulk",
        ),
        path(
            "workshoppar/grupper/<int:group_id>/medlemmar/importera/",
            views.members_import,
            name="workshops_admin_members_import",
        ),
        path(
            "workshoppar/grupper/<int:group_id>/medlemmar/<int:user_id>/ta-bort/",
            views.member_remove,
            name="workshops_admin_member_remove",
        ),
        path(
            "workshoppar/<int:workshop_id>/foresla-grupper/",
            views.propose_groups,
            name="workshops_admin_propose_groups",
        ),
        path(
            "workshoppar/<int:workshop_id>/beredskap/export/",
            views.readiness_export,
            name="workshops_admin_readiness_export",
        ),
        path("workshoppar/rapporter/slutforande/", views.completion_report, name="workshops_admin_completion"),
    ]


# --- Dashboard panel ------------------------------------------------------------------------


class UpcomingWorkshopsPanel(Component):
    name = "upcoming_workshops"
    template_name = "workshops/admin/dashboard_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["items"] = admin_views.upcoming_for_dashboard(self.user)
        context["is_administrator"] = scoping.is_administrator(self.user)
        return context


@hooks.register("construct_homepage_panels")
def add_upcoming_workshops_panel(request, panels):
    if scoping.can_view_reports(request.user):
        panels.append(UpcomingWorkshopsPanel(request.user))
