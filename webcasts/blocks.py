"""StreamField blocks of webcasts. Votes are keyed to the poll's and the option's stable block ids."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class PollBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=300)
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("option"), max_length=200), label=_("options"), min_num=2, max_num=10
    )

    class Meta:
        icon = "list-ul"
        label = _("Poll")
        description = _("A question the moderator opens during the broadcast; each viewer votes once.")
        template = "webcasts/blocks/poll.html"
        preview_value = {"question": "Hur digital är din förvaltning i dag?", "options": ["Mycket", "Delvis", "Lite"]}
