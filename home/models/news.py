"""News: an index with an archive by year and tag and a feed, and the articles under it."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.seo import SocialMetaMixin
from core.sites import KeptSiteRootPathsMixin


class NewsIndexPage(KeptSiteRootPathsMixin, SocialMetaMixin, RoutablePageMixin, Page):
    """ "Nyheter": the newest articles first, an archive per year and per tag, and an Atom and RSS feed.

    The routes (year, tag, feeds) are in home/news.py, the queries in NewsPage.objects.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.NewsPage"]

    class Meta:
        verbose_name = _("news index")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsPage(KeptSiteRootPathsMixin, SocialMetaMixin, Page):
    """An article with a publication date and, once edited later, a "last updated" date."""

    published_on = models.DateField(
        _("publication date"),
        default=datetime.date.today,
        db_index=True,
        help_text=_('Shown as "Published". Set it back for an article moved here from an older site.'),
    )
    lead = models.TextField(_("lead"), max_length=600, help_text=_("One or two sentences, shown in lists too."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it. Required with an image."),
    )
    image_caption = models.CharField(_("caption"), max_length=250, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = Page.content_panels + [
        FieldPanel("published_on"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_caption")], heading=_("Image")
        ),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("lead"),
        index.SearchField("body"),
        index.FilterField("published_on"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []

    description_fallback_fields = ("lead",)

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})

    @property
    def updated_on(self):
        """The date it was last published, when that is a later day than its publication date; else None."""
        if self.last_published_at is None:
            return None
        day = self.last_published_at.date()
        return day if day > self.published_on else None
