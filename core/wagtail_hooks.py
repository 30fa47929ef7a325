"""The audit trail in Wagtail's admin: our log actions, and who may open the site history.

Wagtail's site history report lets anyone with admin access in and shows every entry on a model
type the person has any permission for, across all organisations. Until the report is scoped by
organisation (accounts.scoping), only those who may view log entries (administrators: the role
has every permission; superusers) may open it.
"""

from wagtail import hooks
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy

from . import audit

READ_LOG = "wagtailcore.view_modellogentry"


@hooks.register("register_log_actions")
def register_audit_actions(actions):
    for code, formatter in audit.FORMATTERS.items():
        actions.register_action(code)(formatter)


# Wagtail has no hook to guard this report; its view asks `permission_policy` like its other
# reports do (see wagtail.admin.views.reports.workflows), so we give it one. Without the
# permission the admin answers as for any refused admin view (back to the dashboard, 302).
LogEntriesView.permission_policy = ModelPermissionPolicy(ModelLogEntry)
LogEntriesView.permission_required = "view"


@hooks.register("construct_reports_menu")
def hide_site_history(request, menu_items):
    if not request.user.has_perm(READ_LOG):
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]


@hooks.register("insert_global_admin_css")
def admin_css():
    from django.templatetags.static import static
    from django.utils.html import format_html

    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
