"""Wagtail's user admin, narrowed by the access layer (accounts.scoping) on every screen.

The listing, its search and results fragment, exports, filters, and the edit, delete and history
views all start from `scoping.users_visible_to(request.user)`: a manager sees the people of their own
organisation only, an administrator everyone; an object outside the scope answers 404.
"""

import django_filters
from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.usage import UsageView as WagtailUsageView
from wagtail.users.views import users as wagtail_users

from . import scoping
from .forms import WagtailUserCreationForm, WagtailUserEditForm
from .models import Organisation


class ScopedUsersMixin:
    """The person a user view is about is looked up in the viewer's scope (404 outside it)."""

    def scoped_users(self):
        return scoping.users_visible_to(self.request.user)

    def get_base_object_queryset(self):  # history, usage (BaseObjectMixin)
        return self.scoped_users()


class ScopedObjectMixin(ScopedUsersMixin):
    def get_queryset(self):  # edit, delete (SingleObjectMixin); history and usage list log entries here
        return self.scoped_users()


def _organisations(request):
    return scoping.organisations_visible_to(request.user) if request else Organisation.objects.none()


class UserFilterSet(wagtail_users.UserFilterSet):
    organisation = django_filters.ModelChoiceFilter(
        field_name="organisation", queryset=_organisations, label=gettext_lazy("Organisation")
    )

    class Meta(wagtail_users.UserFilterSet.Meta):
        fields = ["organisation"]


class IndexView(wagtail_users.IndexView):
    """Listing, search, results fragment and export: Wagtail filters, searches and orders the scoped set."""

    def get_base_queryset(self):
        return scoping.users_visible_to(self.request.user).select_related("organisation", "wagtail_userprofile")

    @property
    def columns(self):
        columns = list(super().columns)
        if scoping.scope_of(self.request.user).people != scoping.ALL:
            return columns  # one organisation: the column would repeat its name on every row
        columns.insert(
            3,
            Column(
                "organisation",
                accessor=lambda u: u.organisation.name if u.organisation_id else "",
                label=gettext_lazy("Organisation"),
                sort_key="organisation__name",
                width="15%",
            ),
        )
        return columns


class EditView(ScopedObjectMixin, wagtail_users.EditView):
    pass


class DeleteView(ScopedObjectMixin, wagtail_users.DeleteView):
    pass


class HistoryView(ScopedUsersMixin, wagtail_users.HistoryView):
    pass


class UsageView(ScopedUsersMixin, WagtailUsageView):
    pass


class CopyView(ScopedUsersMixin, generic.CopyView):
    """Copying a user pre-fills a form with their details: only someone in scope may be copied."""

    def get_object(self, queryset=None):
        get_object_or_404(self.scoped_users(), pk=unquote(str(self.kwargs[self.pk_url_kwarg])))
        return super().get_object(queryset)


class UserViewSet(wagtail_users.UserViewSet):
    filterset_class = UserFilterSet
    index_view_class = IndexView
    edit_view_class = EditView
    delete_view_class = DeleteView
    history_view_class = HistoryView
    usage_view_class = UsageView
    copy_view_class = CopyView

    def get_form_class(self, for_update=False):
        return WagtailUserEditForm if for_update else WagtailUserCreationForm
