"""Form submissions in the admin: the list with its exports, and attachments for editors.

Wagtail's own screens list the forms (Forms in the menu) and each form's submissions, for the people who may
edit that form page (its page permissions; `get_forms_for_user`). This module changes two things:

- the submissions list shows the attachment as a link to `form_attachment`, and its XLSX/CSV export goes
  through core.exports (formula-like cells neutralised, semicolon CSV for Swedish Excel) and is audited;
- `form_attachment` (admin URL formular/bilaga/<id>/) hands out a submission's file, to those who may see
  the form's submissions only: anyone else gets 404, so a guessed number tells nothing.
"""

from django.http import FileResponse, Http404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListView as WagtailSubmissionsListView

from core import audit
from core.exports import export_response

from .models import FormPageSubmission
from .submissions import ATTACHMENT


class SubmissionsListView(WagtailSubmissionsListView):
    """FormPage.get_submissions_list_view_class() returns this."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export or not getattr(self.form_page, "allow_attachment", False):
            return context
        names = [name for name, _label in self.form_page.get_data_fields()]
        column = names.index(ATTACHMENT)
        by_id = {submission.pk: submission for submission in context["submissions"]}
        for row in context["data_rows"]:
            submission = by_id.get(row["model_id"])
            if submission is not None and submission.attachment:
                url = reverse("form_attachment", args=[submission.pk])
                row["fields"][column] = format_html(
                    '<a href="{}" download>{}</a>', url, submission.attachment_name or _("Download")
                )
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        fields = self.form_page.get_data_fields()
        header = [label for _name, label in fields]
        rows = (self._row(submission, fields) for submission in queryset)
        audit.log(
            "report.exported",
            f"{self.form_page.title} ({spreadsheet_format})",
            actor=self.request.user,
            obj=self.form_page,
            format=spreadsheet_format,
            report="home.formpagesubmission",
        )
        return export_response(spreadsheet_format, self.get_filename(), header, rows)

    @staticmethod
    def _row(submission, fields):
        data = submission.get_data()
        row = []
        for name, _label in fields:
            value = data.get(name)
            if isinstance(value, list):
                value = ", ".join(str(item) for item in value)
            row.append(value)
        return row


def attachment(request, submission_id):
    """The file of one submission, as a download, for someone who may see that form's submissions."""
    submission = FormPageSubmission.objects.filter(pk=submission_id).first()
    if submission is None or not submission.attachment:
        raise Http404
    if not get_forms_for_user(request.user).filter(pk=submission.page_id).exists():
        raise Http404
    try:
        handle = submission.attachment.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=submission.attachment_name or submission.attachment.name.rsplit("/")[-1]
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("formular/bilaga/<int:submission_id>/", attachment, name="form_attachment")]
