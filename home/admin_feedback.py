"""The page feedback report for editors: Reports → "Sidfeedback" in the Wagtail admin.

- The list: every page with feedback, the worst share of yes first, with its answers, yes, no and
  comments, and a filter for a minimum number of answers (a share of two answers says little).
- One page: its figures and its comments, newest first, paginated.
- Export (XLSX or CSV, core.exports): the list, or every answer to one page. Exports are audited.

Visible with the permission home.view_pagefeedback (editors and reviewers, accounts/roles.py).
The figures come from home.feedback; nothing here counts on its own.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from core import audit
from core.exports import FORMATS, export_response

from . import feedback

PERMISSION = "home.view_pagefeedback"
PAGES_PER_SCREEN = 50
COMMENTS_PER_SCREEN = 25
MIN_ANSWER_CHOICES = (1, 3, 5, 10, 20)


def can_view_feedback(user):
    return user.is_active and user.has_perm(PERMISSION)


def _check(request):
    if not can_view_feedback(request.user):
        raise PermissionDenied(_("The page feedback report is for editors and reviewers."))


class FeedbackFilterForm(forms.Form):
    min_answers = forms.TypedChoiceField(
        label=gettext_lazy("At least this many answers"),
        choices=[(n, str(n)) for n in MIN_ANSWER_CHOICES],
        coerce=int,
        required=False,
        empty_value=1,
    )


def _min_answers(request):
    """The filter form and the minimum number of answers it asks for (1 when absent or not one of the choices)."""
    form = FeedbackFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data["min_answers"] or 1
    return form, 1


def report(request):
    _check(request)
    form, min_answers = _min_answers(request)
    screen = Paginator(feedback.page_summaries(min_answers), PAGES_PER_SCREEN).get_page(request.GET.get("p"))
    rows = list(screen.object_list)
    pages = Page.objects.in_bulk([row["page"] for row in rows])
    for row in rows:
        row["page_object"] = pages.get(row["page"])
        row["percent"] = feedback.percent(row["share"])
        row["url"] = row["page_object"].get_url(request) if row["page_object"] else None
    return render(
        request,
        "home/feedback_report.html",
        {"form": form, "rows": rows, "screen": screen, "min_answers": min_answers},
    )


def page_report(request, page_id):
    _check(request)
    page = get_object_or_404(Page, pk=page_id)
    figures = feedback.summary_for_page(page)
    figures["percent"] = feedback.percent(figures["share"]) if figures["total"] else None
    comments = Paginator(feedback.page_comments(page), COMMENTS_PER_SCREEN).get_page(request.GET.get("p"))
    return render(
        request,
        "home/feedback_page_report.html",
        {"feedback_page": page, "figures": figures, "comments": comments, "url": page.get_url(request)},
    )


def export(request):
    """?format=xlsx|csv: the list of pages (with ?min_answers=), or every answer to one page (?page=<id>)."""
    _check(request)
    fmt = request.GET.get("format")
    if fmt not in FORMATS:
        return export_response(fmt, "", (), ())  # the helper's 400 with the formats it knows
    date = f"{timezone.localdate():%Y-%m-%d}"
    if request.GET.get("page"):
        try:
            page_id = int(request.GET["page"])
        except ValueError:
            return HttpResponseBadRequest(_("Choose a page from the report."), content_type="text/plain")
        page = get_object_or_404(Page, pk=page_id)
        header, *body = list(feedback.page_rows(page))
        audit.log(
            "report.exported", f"page feedback ({fmt})", actor=request.user, obj=page, format=fmt, count=len(body)
        )
        return export_response(fmt, f"sidfeedback-{page.slug}-{date}", header, body)
    _form, min_answers = _min_answers(request)
    summaries = list(feedback.page_summaries(min_answers))
    pages = Page.objects.in_bulk([row["page"] for row in summaries])
    urls = {pk: page.get_full_url(request) or "" for pk, page in pages.items()}
    header, *body = list(feedback.summary_rows(summaries, urls))
    audit.log("report.exported", f"page feedback ({fmt})", actor=request.user, format=fmt, count=len(body))
    return export_response(fmt, f"sidfeedback-{date}", header, body)


@hooks.register("register_admin_urls")
def register_feedback_urls():
    return [
        path("sidfeedback/", report, name="feedback_report"),
        path("sidfeedback/export/", export, name="feedback_export"),
        path("sidfeedback/<int:page_id>/", page_report, name="feedback_page_report"),
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_feedback(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(
        gettext_lazy("Page feedback"), reverse("feedback_report"), name="page-feedback", icon_name="help", order=650
    )
