from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from . import admin_views
from .models import ModulePage
from .reports import can_view_module_reports


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("e-modulrapporter/", admin_views.report_index, name="elearning_reports"),
        path("e-modulrapporter/<int:module_id>/", admin_views.report_detail, name="elearning_report"),
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_module_reports(request.user)


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return ReportsMenuItem(_("Module reports"), reverse("elearning_reports"), icon_name="table", order=250)


@hooks.register("register_page_header_buttons")
def module_report_header_button(page, user, view_name=None, next_url=None):
    if isinstance(page.specific_deferred, ModulePage) and can_view_module_reports(user):
        yield Button(_("Report"), reverse("elearning_report", args=[page.pk]), icon_name="table", priority=60)


@hooks.register("register_page_listing_more_buttons")
def module_report_listing_button(page, user, next_url=None):
    """The same link in the "More" menu of a module's row in the page listing."""
    if isinstance(page.specific_deferred, ModulePage) and can_view_module_reports(user):
        yield Button(_("Report"), reverse("elearning_report", args=[page.pk]), icon_name="table", priority=55)
