from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import admin_views
from .models import Organisation
from .scoping import organisations_visible_to


class OrganisationAdmin(ModelAdmin):
    model = Organisation
    menu_label = _("Organisations")
    menu_icon = "group"
    menu_order = 300
    list_display = ("name", "kind", "county")
    list_filter = ("kind", "county")
    search_fields = ("name", "email_domains__domain")
    list_export = ("name", "kind", "county")

    def get_queryset(self, request):
        # The access layer decides: a manager sees only their own organisation; an administrator all.
        return organisations_visible_to(request.user).prefetch_related("email_domains")


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
