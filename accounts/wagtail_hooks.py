from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

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
        # A manager sees only their own organisation; an administrator sees all.
        return organisations_visible_to(request.user).prefetch_related("email_domains")


modeladmin_register(OrganisationAdmin)
