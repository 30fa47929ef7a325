"""The audit trail in Wagtail's admin: our log actions, and who may open the site history.

Wagtail's site history report lets anyone with admin access in and shows every entry on a model
type the person has any permission for, across all organisations. Until the report is scoped by
organisation (accounts.scoping), only those who may view log entries (administrators: the role
has every permission; superusers) may open it.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import audit, versions
from .models import ContactPerson

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


# Contact people: a snippet, so one row is the one place to change a phone number on every page that shows
# the card. Editors hold the model's permissions (accounts.roles).
def _organisation_choices():
    from .models import ContactPerson

    names = ContactPerson.objects.order_by("organisation").values_list("organisation", flat=True).distinct()
    return [(name, name) for name in names]


class ContactPersonFilterSet(WagtailFilterSet):
    organisation = django_filters.ChoiceFilter(
        label=_("Organisation"), choices=_organisation_choices, empty_label=_("All organisations")
    )

    class Meta:
        model = ContactPerson
        fields = ["organisation"]


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    # Under "Snippets" in the admin menu (the one snippet editors manage there); its own label where
    # Wagtail shows one (breadcrumbs, the snippets index shows the model's "Kontaktpersoner").
    menu_label = _("Contact people")
    list_display = ["name", "role", "organisation", "phone"]
    list_export = ["name", "role", "unit", "organisation", "phone", "email"]
    filterset_class = ContactPersonFilterSet
    # A short list: Django's own filtering (icontains) finds part of a name or organisation on PostgreSQL
    # and SQLite alike; Wagtail's database search backend on SQLite fails on the listing's ordering.
    search_fields = ["name", "role", "organisation", "unit"]
    search_backend_name = None
    ordering = ["name"]


register_snippet(ContactPersonViewSet)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def contact_people_changed(request, instance_or_instances):
    """Pages keep their rendered cards for the content version (core.versions): a new phone number must
    show at once, on every page with the card."""
    instances = instance_or_instances if isinstance(instance_or_instances, list | tuple) else [instance_or_instances]
    if any(isinstance(instance, ContactPerson) for instance in instances):
        versions.bump(versions.CONTENT)
