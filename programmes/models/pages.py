"""A leadership programme as a Wagtail page; its cohorts are kept in their own admin screen (`Cohort`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES
from core.seo import SocialMetaMixin
from core.sites import KeptSiteRootPathsMixin


class ProgrammePage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    """E.g. "Chefsprogram för välfärdens digitalisering": what it is, for whom, what it costs, its cohorts."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("One or two sentences shown first."))
    body = RichTextField(_("description"), blank=True, features=RICH_TEXT_FEATURES)
    target_group = models.CharField(
        _("target group"), max_length=255, blank=True, help_text=_("Who the programme is for, in words.")
    )
    price_sek = models.PositiveIntegerField(
        _("price per participant (SEK)"), null=True, blank=True, help_text=_("Leave empty when it is free.")
    )
    price_note = models.CharField(_("about the price"), max_length=255, blank=True)
    sessions_required = models.PositiveSmallIntegerField(
        _("sessions to attend for completion"),
        default=4,
        help_text=_("A participant completes the programme after at least this many sessions."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("target_group"), FieldPanel("price_sek"), FieldPanel("price_note")],
            heading=_("For whom and at what price"),
        ),
        FieldPanel("sessions_required"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("leadership programme")
        verbose_name_plural = _("leadership programmes")

    @property
    def is_free(self):
        return not self.price_sek

    def get_context(self, request, *args, **kwargs):
        from ..selectors import programme_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(programme_page_context(self, request.user))
        return context
