"""The maturity survey (instrument) in the Wagtail admin: a snippet with drafts, publishing and history.

Editing is for editors and administrators (their roles hold the instrument's permissions). A round keeps
the revision it opened on, so publishing a new version never changes a past round. A survey used by a
round cannot be deleted (Round.instrument is PROTECT): the delete screens answer with a message instead.
"""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.ui.tables import LiveStatusTagColumn, NumberColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Instrument


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "tasks"
    menu_label = _("Maturity surveys")
    menu_name = "maturity_surveys"
    menu_order = 260
    add_to_admin_menu = True
    list_display = [
        "title",
        LiveStatusTagColumn(),
        NumberColumn("round_count", label=_("Rounds"), sort_key="round_count"),
        UpdatedAtColumn(),
    ]
    search_fields = ["title"]
    ordering = ["title"]

    def get_queryset(self, request):
        return Instrument.objects.annotate(round_count=Count("rounds"))


register_snippet(InstrumentViewSet)


@hooks.register("before_delete_snippet")
def refuse_deleting_a_used_survey(request, instances):
    """Single and bulk delete both pass here: a survey with rounds stays, with a message instead of an error."""
    used = [obj for obj in instances if isinstance(obj, Instrument) and obj.rounds.exists()]
    if not used:
        return None
    for instrument in used:
        count = instrument.rounds.count()
        messages.error(
            request,
            ngettext(
                "“%(title)s” is used by %(count)d maturity round and cannot be deleted.",
                "“%(title)s” is used by %(count)d maturity rounds and cannot be deleted.",
                count,
            )
            % {"title": instrument.title, "count": count},
        )
    return redirect(used[0].snippet_viewset.get_url_name("list"))
