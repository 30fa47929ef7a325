"""The maturity instrument's structure as StreamField blocks: dimensions -> categories -> statements.

Answers are keyed to a statement's stable block id, and a round keeps the revision it was answered on,
so that editing the instrument never changes past results (see `maturity.structure`).
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class StatementBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("statement"), max_length=300)
    help_text = blocks.CharBlock(label=_("explanation"), max_length=300, required=False)

    class Meta:
        icon = "openquote"
        label = _("Statement")


class CategoryBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=120)
    description = blocks.TextBlock(label=_("description"), required=False)
    statements = blocks.ListBlock(StatementBlock(), label=_("statements"), min_num=1)
    recommended_modules = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="elearning.ModulePage", label=_("e-module")),
        label=_("recommended e-modules"),
        required=False,
        default=[],
    )
    recommended_webcasts = blocks.ListBlock(
        blocks.PageChooserBlock(page_type=["webcasts.WebcastPage", "webcasts.WebcastSeriesPage"], label=_("webcast")),
        label=_("recommended webcasts"),
        required=False,
        default=[],
    )

    class Meta:
        icon = "folder-open-inverse"
        label = _("Category")


class DimensionBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=120)
    short_name = blocks.CharBlock(
        label=_("short name"), max_length=40, help_text=_("Used on the axes of the quadrant chart.")
    )
    description = blocks.TextBlock(label=_("description"), required=False)
    categories = blocks.ListBlock(CategoryBlock(), label=_("categories"), min_num=1)

    class Meta:
        icon = "table"
        label = _("Dimension")
        description = _("One of the instrument's dimensions, with its categories and statements.")
        template = "maturity/blocks/dimension.html"
