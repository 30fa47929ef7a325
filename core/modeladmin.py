"""Shared pieces for wagtail-modeladmin screens: audited exports, and object views limited to a scope.

The scope itself always comes from the access layer (accounts.scoping, through the model's queryset
methods): a subclass only says which queryset method applies.
"""

from django.contrib.admin.utils import lookup_field, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail_modeladmin.options import ModelAdmin
from wagtail_modeladmin.views import IndexView

from . import audit
from .exports import export_response


class ExportingIndexView(IndexView):
    """The listing's "Download XLSX/CSV" buttons write through core.exports (neutralised, audited)."""

    def to_row_dict(self, item):
        row = {}
        for name in self.list_export:
            _field, _attr, value = lookup_field(name, item, self.model_admin)
            row[name] = "" if value is None else value
        return row

    def as_spreadsheet(self, queryset, spreadsheet_format):
        header = [self.get_heading(queryset, name) for name in self.list_export]
        rows = (list(self.to_row_dict(item).values()) for item in queryset)
        audit.log(
            "report.exported",
            f"{self.model._meta.verbose_name_plural} ({spreadsheet_format})",
            actor=self.request.user,
            report=self.model._meta.label_lower,
        )
        return export_response(spreadsheet_format, self.get_filename(), header, rows)


class ScopedModelAdmin(ModelAdmin):
    """A ModelAdmin whose object views (edit, delete, inspect, history) answer 404 outside the scope."""

    index_view_class = ExportingIndexView

    def scoped(self, request, queryset):
        raise NotImplementedError

    def get_queryset(self, request):
        return self.scoped(request, super().get_queryset(request))

    def _in_scope(self, request, instance_pk):
        # Someone without any rights here is turned away as from the listing; an object outside
        # the person's scope answers 404 so that its existence does not leak.
        if not self.permission_helper.user_can_list(request.user):
            raise PermissionDenied
        if not self.scoped(request, self.model._default_manager.all()).filter(pk=unquote(instance_pk)).exists():
            raise Http404

    def edit_view(self, request, instance_pk):
        self._in_scope(request, instance_pk)
        return super().edit_view(request, instance_pk)

    def delete_view(self, request, instance_pk):
        self._in_scope(request, instance_pk)
        return super().delete_view(request, instance_pk)

    def inspect_view(self, request, instance_pk):
        self._in_scope(request, instance_pk)
        return super().inspect_view(request, instance_pk)

    def history_view(self, request, instance_pk):
        self._in_scope(request, instance_pk)
        return super().history_view(request, instance_pk)
