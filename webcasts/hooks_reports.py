"""Wagtail hooks of webcasts: reports. Menu items, admin URLs and a "Report" button on webcast pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from . import reports
from .models import WebcastPage, WebcastSeriesPage
from .views import reports as views


@hooks.register("register_admin_urls")
def register_webcast_report_urls():
    return [
        path("webbsandningar/rackvidd/", views.reach_report, name="webcasts_admin_reach"),
        path("webbsandningar/narvaro/", views.attendance_overview, name="webcasts_admin_attendance"),
        path("webbsandningar/<int:webcast_id>/rapport/", views.webcast_report, name="webcasts_admin_report"),
    ]


class ReachMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.can_view_reach(request.user)


class AttendanceMenuItem(MenuItem):
    def is_shown(self, request):
        return reports.can_view_names(request.user)


@hooks.register("register_admin_menu_item")
def register_reach_menu_item():
    return ReachMenuItem(
        _("Webcast reach"), reverse("webcasts_admin_reach"), name="webcast-reach", icon_name="table", order=251
    )


@hooks.register("register_admin_menu_item")
def register_attendance_menu_item():
    return AttendanceMenuItem(
        _("Webcast attendance"),
        reverse("webcasts_admin_attendance"),
        name="webcast-attendance",
        icon_name="table",
        order=252,
    )


def _report_url(page):
    specific = page.specific_deferred
    if isinstance(specific, WebcastPage):
        return reverse("webcasts_admin_report", args=[page.pk])
    if isinstance(specific, WebcastSeriesPage):
        return reverse("webcasts_admin_reach") + f"?series={page.pk}"
    return None


def _may_see(user):
    return reports.can_view_reach(user) or reports.can_view_names(user)


@hooks.register("register_page_header_buttons")
def webcast_report_header_button(page, user, view_name=None, next_url=None):
    url = _report_url(page)
    if url and _may_see(user):
        yield Button(_("Report"), url, icon_name="table", priority=60)


@hooks.register("register_page_listing_more_buttons")
def webcast_report_listing_button(page, user, next_url=None):
    """The same link in the "More" menu of a webcast's or a series' row in the page listing."""
    url = _report_url(page)
    if url and _may_see(user):
        yield Button(_("Report"), url, icon_name="table", priority=55)
