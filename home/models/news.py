"""News: an index with an archive by year and tag and a feed, and the articles under it."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
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
        """The local day it was last published, when that is after both its publication date and the local day
        it was first published; else None. So neither a same-day correction nor the first publishing of an
        article set back to an older date (moved here from an older site) counts as an update."""
        if self.last_published_at is None:
            return None
        day = timezone.localdate(self.last_published_at)
        first = timezone.localdate(self.first_published_at) if self.first_published_at else self.published_on
        return day if day > max(self.published_on, first) else None

    def sharing_image(self):
        """The image a link preview shows: the chosen sharing image, else the article's own (core.seo)."""
        if self.social_image_id:
            return self.social_image
        return self.image if self.image_id else None

    # --- the publication date on first publishing ---------------------------------------------------------

    def with_content_json(self, content):
        """Wagtail's object built from a revision, marked when this article had never been published.

        Every way of publishing (the editor's Publish, a go-live time reached through publish_scheduled, a
        workflow's approval, revision.publish()) runs Wagtail's PublishRevisionAction, which builds the page
        from the revision here, then sets `live` and `first_published_at` and saves it. The mark (the
        revision's content) lets `save()` recognise that first publishing. The date itself is not moved here:
        previews, comparisons and the edit form build their object the same way, and a draft saved from a
        form showing a moved date would carry it as if an editor had chosen it.
        """
        page = super().with_content_json(content)
        page._never_published_content = content if self.first_published_at is None else None
        return page

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self._date_on_first_publishing()
        return super().save(*args, **kwargs)

    def _date_on_first_publishing(self):
        """On the save that first publishes the article, move a publication date nobody chose to that day.

        `published_on` defaults to the day the article was drafted. Published on a later day (a go-live time,
        a workflow), readers would see a date before anyone could read it, and "Last updated" on the day it
        came out. So when the date still equals the day the article was created (its first revision's local
        day) and is before the local day of the first publishing, it becomes that day. A date an editor chose
        (set back for an article moved from an older site, or any other day) is kept, as is every date on
        later publishings.

        Done in the publishing save itself rather than in a page_published receiver: the live row, the search
        index and the content version (bumped on page_published) see the new date at once, with no second
        write after readers may have kept the old one. The revisions still holding the old default (the one
        published, later drafts) get the new date too, so that the next publishing does not bring it back;
        the published revision's content is the same dict Wagtail publishes from (and copies to aliases).
        """
        content = getattr(self, "_never_published_content", None)
        if content is None or not self.live or self.first_published_at is None:
            return
        self._never_published_content = None  # once
        day = timezone.localdate(self.first_published_at)
        if self.published_on >= day:
            return
        created = self.revisions.order_by("created_at", "pk").values_list("created_at", flat=True).first()
        if created is None or timezone.localdate(created) != self.published_on:
            return
        default = self.published_on.isoformat()
        self.published_on = day
        content["published_on"] = day.isoformat()
        for revision in self.revisions.filter(content__published_on=default):
            revision.content["published_on"] = day.isoformat()
            revision.save(update_fields=["content"])
