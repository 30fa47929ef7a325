from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from core.modeladmin import ScopedModelAdmin

from . import admin_views, scoping
from .models import Organisation


class OrganisationAdmin(ScopedModelAdmin):
    model = Organisation
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 300
    list_display = ("name", "kind", "county")
    list_filter = ("kind", "county")
    search_fields = ("name", "email_domains__domain")
    list_export = ("name", "kind", "county")

    def scoped(self, request, queryset):
        # The access layer decides: a manager sees only their own organisation; an administrator all.
        return queryset.filter(pk__in=scoping.organisations_visible_to(request.user).values("pk")).prefetch_related(
            "email_domains"
        )

    def history_view(self, request, instance_pk):
        # The history names whoever changed the organisation or its people's roles: administrators only.
        self._in_scope(request, instance_pk)
        if not scoping.is_administrator(request.user):
            raise Http404
        return super().history_view(request, instance_pk)


modeladmin_register(OrganisationAdmin)


@hooks.register("register_admin_urls")
def register_account_admin_urls():
    return [
        path("personer/<int:user_id>/slutat/", admin_views.mark_left, name="accounts_admin_mark_left"),
        path("personer/<int:user_id>/aktiv/", admin_views.reactivate, name="accounts_admin_reactivate"),
    ]


@hooks.register("register_user_listing_buttons")
def person_buttons(user, request_user):
    return admin_views.person_buttons(user, request_user)
