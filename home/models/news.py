"""News: an index with an archive by year and tag and a feed, and the articles under it."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from core.blocks import BodyBlock
from core.seo import SocialMetaMixin
from core.sites import KeptSiteRootPathsMixin


class KeptViewRestrictionsMixin:
    """Whether a page has view restrictions (its own or an ancestor's), kept per process and content version.

    Wagtail asks on every request it serves (two queries); the answer changes only with a restriction or
    the tree, both of which bump the content version. An unrestricted page answers with an empty queryset
    and no query; a restricted one with Wagtail's own queryset, checked as before.
    """

    def get_view_restrictions(self):
        from home import news

        load = super().get_view_restrictions
        if self.pk is not None and not news.is_restricted(self.pk, load):
            return PageViewRestriction.objects.none()
        return load()


class NewsIndexPage(KeptViewRestrictionsMixin, KeptSiteRootPathsMixin, SocialMetaMixin, RoutablePageMixin, Page):
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

    def serve(self, request, *args, **kwargs):
        from home import news

        return news.serve_kept(
            request, ("news-index", self.pk), lambda: super(NewsIndexPage, self).serve(request, *args, **kwargs)
        )

    # The archive's own paths (home/news.py does the work). An article cannot take one of these slugs.
    @path("", name="index")
    def index_route(self, request):
        from home import news

        return news.archive_response(self, request)

    @path("<int:year>/", name="year")
    def year_archive(self, request, year):
        from home import news

        return news.archive_response(self, request, year=year)

    # Tags are slugged with Unicode kept ("webbsändning"), which Django's <slug:> does not match.
    @re_path(r"^amne/(?P<tag>[-\w]+)/$", name="tag")
    def tag_archive(self, request, tag):
        from home import news

        return news.archive_response(self, request, tag=tag)

    @path("rss/", name="rss")
    def rss_feed(self, request):
        from home import news

        return news.feed_response(self, request, "rss")

    @path("atom/", name="atom")
    def atom_feed(self, request):
        from home import news

        return news.feed_response(self, request, "atom")


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("home.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsPage(KeptViewRestrictionsMixin, KeptSiteRootPathsMixin, SocialMetaMixin, Page):
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

    # Paths of the news index's own (archive per year and tag, feeds): an article there would be hidden.
    RESERVED_SLUGS = frozenset({"amne", "rss", "atom"})

    def clean(self):
        super().clean()
        errors = {}
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _("Describe the image for people who cannot see it.")
        if self.slug in self.RESERVED_SLUGS or self.slug.isdigit():
            errors["slug"] = _("This address is used by the news archive. Choose another one.")
        if errors:
            raise ValidationError(errors)

    def index_url(self, request=None):
        """The news index's address, from this article's own (an article is always its direct child)."""
        url = self.get_url(request=request)
        return url.rstrip("/").rsplit("/", 1)[0] + "/" if url else ""

    def tag_links(self, request=None):
        """[(name, archive url)] of this article's tags, by name; read once per page object."""
        if getattr(self, "_tag_links", None) is None:
            index_url = self.index_url(request)
            tags = sorted(self.tags.all(), key=lambda tag: tag.name.casefold())
            self._tag_links = [(tag.name, f"{index_url}amne/{tag.slug}/") for tag in tags]
        return self._tag_links

    def prefetch_renditions(self):
        """Give the lead image and the body's images their renditions in one query, once per page object.

        Wagtail's picture tag then finds them without asking the cache or the database on each request
        (a rendition it still lacks is made and added). The page object a live article is served from is
        kept per process and content version (core.routing), and its body with it.
        """
        if getattr(self, "_renditions_prefetched", False):
            return
        from home import news

        news.prefetch_renditions(self)
        self._renditions_prefetched = True

    def serve(self, request, *args, **kwargs):
        from home import news

        return news.serve_kept(
            request, ("news-page", self.pk), lambda: super(NewsPage, self).serve(request, *args, **kwargs)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.prefetch_renditions()
        context["tag_links"] = self.tag_links(request)
        # A preview must never be served from (or fill) the fragment kept for the live article.
        context["kept_token"] = secrets.token_hex(8) if getattr(request, "is_preview", False) else ""
        return context

    @property
    def updated_on(self):
        """The date it was last published, when that is a later day than its publication date; else None."""
        if self.last_published_at is None:
            return None
        day = self.last_published_at.date()
        return day if day > self.published_on else None
