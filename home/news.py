"""News: the archive (newest first, per year, per tag), its pagination, the feeds and the newest few.

Every reader of an archive page sees the same thing, so each process keeps what it read for the shared
content version (core.versions), which publishing, unpublishing, moving or deleting any page bumps:
- a summary of an index's live, public articles (id, date, tags): two queries, whatever their number;
- the articles of one page of results, with their image, the image's card renditions and their tags:
  four queries for a page of ten, whatever the archive's size;
- each feed's XML.
So an archive page costs the same few queries cold and none of its own warm, however many articles
there are, and a change shows at once on the server that made it and within a second on the others.

The NewsIndexPage routes (home/models/news.py) call `archive_response`, `feed_response`; the home
page's "Senaste nytt" calls `latest`.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.middleware.csrf import get_token
from django.template.response import TemplateResponse
from django.utils import feedgenerator, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.models import Filter

from core import sites, versions
from core.seo import SHARING_IMAGE_SPEC

PER_PAGE = 10
FEED_ITEMS = 20
LATEST = 3
PAGE_PARAM = "sida"  # as search does: ?sida=2
# The renditions a news card shows (templates/includes/news_card.html), made once and prefetched for a
# whole page of cards. The template tag builds the same specs from the same two parts.
CARD_SIZES = "fill-{400x225,800x450}"
CARD_FORMATS = "format-{avif,webp,jpeg}"
CARD_SPECS = tuple(Filter.expand_spec([CARD_SIZES, CARD_FORMATS]))
# An article's lead image and the body's image blocks (templates/home/news_page.html, blocks/image.html),
# and a contact card's photo (blocks/contact_card.html).
WIDE_SPECS = tuple(Filter.expand_spec(["width-{480,800,1200}", "format-{avif,webp,jpeg}"]))
PHOTO_SPECS = tuple(Filter.expand_spec(["fill-{96x96,192x192}", "format-{avif,webp,jpeg}"]))
# The link preview's rendition (templates/base.html) of an article's sharing image, else of its lead image.
SHARING_SPECS = (SHARING_IMAGE_SPEC,)
# The year in the archive's URL: anything else is a 404 before a date is built from it.
FIRST_YEAR, LAST_YEAR = 1900, 2999

_summaries = versions.Kept(versions.CONTENT, 64)
_pages = versions.Kept(versions.CONTENT, 512)
_feeds = versions.Kept(versions.CONTENT, 64)
_restricted = versions.Kept(versions.CONTENT, 4096)
_responses = versions.Kept(versions.CONTENT, 256)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _keepable(request):
    """A reader who never signed in (no session), with no message waiting, asking for the page itself (at
    most ?sida=N): every such reader gets the same page, but for the CSRF token of its forms."""
    return (
        request.method in ("GET", "HEAD")
        and not getattr(request, "is_preview", False)
        and not getattr(request, "is_dummy", False)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and set(request.GET) <= {PAGE_PARAM}
    )


def serve_kept(request, key, render):
    """`render()`'s response, kept per process and content version for anonymous readers.

    The archive and the articles are what most readers open, none of them signed in, and their pages differ
    only in the CSRF token of the header's and the feedback's forms. So the first such request renders the
    page as usual; its body is kept cut at that token, and later ones get it joined with their own (which
    also sets their CSRF cookie, as rendering would). Everyone else (signed in, a preview, a query string,
    a message waiting) gets `render()`. Any page, image, site or contact person change bumps the version.
    """
    if not _keepable(request):
        return render()
    full_key = (*key, request.get_host(), request.get_full_path(), get_language())
    rendered = []

    def build():
        response = render()
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        rendered.append(response)
        if response.status_code != 200 or response.streaming or response.cookies:
            return None
        body = response.content.decode(response.charset)
        token = CSRF_INPUT.search(body)
        pieces = tuple(body.split(token.group(1))) if token else (body,)
        return pieces, response["Content-Type"]

    kept = _responses.get(full_key, build)
    if rendered:
        return rendered[0]
    pieces, content_type = kept
    body = get_token(request).join(pieces) if len(pieces) > 1 else pieces[0]
    return HttpResponse(body, content_type=content_type)


def is_restricted(page_id, load):
    """Whether the page has view restrictions (`load()` gives Wagtail's queryset of them), asked once per
    process and content version (a restriction's change bumps it)."""
    return _restricted.get(page_id, lambda: load().exists())


@dataclass(frozen=True)
class Tag:
    slug: str
    name: str
    count: int


@dataclass(frozen=True)
class Summary:
    """An index's live, public articles, newest first: (id, publication date, tag slugs) each."""

    rows: tuple
    tags: dict = field(default_factory=dict)  # slug -> Tag, by name
    years: tuple = ()  # (year, count), newest first

    def ids(self, year=None, tag=None):
        return [
            pk
            for pk, published_on, slugs in self.rows
            if (year is None or published_on.year == year) and (tag is None or tag in slugs)
        ]


def _news_model():
    from .models import NewsPage

    return NewsPage


def live_articles(index):
    """The live, public articles under `index`, newest first (a page's own order: its publication date)."""
    NewsPage = _news_model()
    articles = NewsPage.objects.child_of(index).live().order_by("-published_on", "-first_published_at", "-pk")
    return sites.public(articles)


def summary(index):
    return _summaries.get(index.pk, lambda: _build_summary(index))


def _build_summary(index):
    from .models import NewsPageTag

    rows = list(live_articles(index).values_list("pk", "published_on"))
    tagged = NewsPageTag.objects.filter(content_object_id__in=[pk for pk, _ in rows]).values_list(
        "content_object_id", "tag__slug", "tag__name"
    )
    slugs_by_article, names, counts = {}, {}, {}
    for pk, slug, name in tagged:
        slugs_by_article.setdefault(pk, set()).add(slug)
        names[slug] = name
        counts[slug] = counts.get(slug, 0) + 1
    years = {}
    for _pk, published_on in rows:
        years[published_on.year] = years.get(published_on.year, 0) + 1
    tags = {
        slug: Tag(slug, names[slug], counts[slug]) for slug in sorted(names, key=lambda slug: names[slug].casefold())
    }
    return Summary(
        rows=tuple((pk, published_on, frozenset(slugs_by_article.get(pk, ()))) for pk, published_on in rows),
        tags=tags,
        years=tuple(sorted(years.items(), reverse=True)),
    )


def for_cards(articles):
    """Articles as cards show them: image with its card renditions and tags prefetched, no body."""
    Image = get_image_model()
    return articles.defer("body").prefetch_related(
        Prefetch("image", queryset=Image.objects.prefetch_renditions(*CARD_SPECS)), "tags"
    )


def articles_by_id(ids):
    """The articles with these ids, in this order, ready for cards; kept per process and content version."""
    ids = tuple(ids)
    if not ids:
        return []

    def build():
        loaded = {article.pk: article for article in for_cards(_news_model().objects.filter(pk__in=ids))}
        for article in loaded.values():
            article.card_tags = sorted(article.tags.all(), key=lambda tag: tag.name.casefold())
        return [loaded[pk] for pk in ids if pk in loaded]

    return _pages.get(ids, build)


def prefetch_renditions(article):
    """The renditions of an article's lead image, its sharing image (or the lead image standing in for it),
    its image blocks and its contact cards' photos, in one query, set on the image objects as Wagtail's
    prefetch_renditions would."""
    images = []
    if article.image is not None:
        images.append(article.image)
    sharing = article.sharing_image()
    if sharing is not None and sharing is not article.image:  # the same image chosen twice: two objects
        images.append(sharing)
    for block in article.body:
        if block.block_type == "image" and block.value.get("image") is not None:
            images.append(block.value["image"])
        elif block.block_type == "contact" and block.value.get("person") is not None:
            photo = block.value["person"].photo
            if photo is not None:
                images.append(photo)
    images = [image for image in images if getattr(image, "prefetched_renditions", None) is None]
    if not images:
        return
    Rendition = get_image_model().get_rendition_model()
    found = {}
    for rendition in Rendition.objects.filter(
        image_id__in={image.pk for image in images}, filter_spec__in=WIDE_SPECS + PHOTO_SPECS + SHARING_SPECS
    ):
        found.setdefault(rendition.image_id, []).append(rendition)
    for image in images:
        image.prefetched_renditions = list(found.get(image.pk, []))
        for rendition in image.prefetched_renditions:
            rendition.image = image


def page_number(raw, paginator):
    """?sida=N as search reads it: not a number gives the first page, past the end the last."""
    try:
        return paginator.validate_number(raw or 1)
    except PageNotAnInteger:
        return 1
    except EmptyPage:  # a whole number, but below 1 or past the end
        return 1 if int(raw) < 1 else paginator.num_pages


def archive_context(index, request, year=None, tag=None):
    """What the index template shows for the newest articles, one year or one tag. Http404 for a year
    without articles or a tag no live article has."""
    kept = summary(index)
    current_tag = None
    if year is not None and year not in dict(kept.years):
        raise Http404(_("There is no news from that year."))
    if tag is not None:
        current_tag = kept.tags.get(tag)
        if current_tag is None:
            raise Http404(_("There is no news with that tag."))
    ids = kept.ids(year=year, tag=tag)
    paginator = Paginator(ids, PER_PAGE)
    page_obj = paginator.page(page_number(request.GET.get(PAGE_PARAM), paginator))
    page_obj.object_list = articles_by_id(page_obj.object_list)
    base_url = index.get_url(request=request)
    # A later page of the newest articles is its own canonical address (templates/base.html); the year and
    # tag archives have none, and other query parameters are never part of it.
    paginated = year is None and tag is None and page_obj.number > 1
    return {
        "canonical_query": f"?{PAGE_PARAM}={page_obj.number}" if paginated else "",
        "articles": page_obj.object_list,
        "page_obj": page_obj,
        "paginator": paginator,
        "page_param": PAGE_PARAM,
        "query_prefix": "",
        "result_count": paginator.count,
        "current_year": year,
        "current_tag": current_tag,
        "years": [(y, count, f"{base_url}{y}/") for y, count in kept.years],
        "tags": [(t, f"{base_url}amne/{t.slug}/") for t in kept.tags.values()],
        "index_url": base_url,
        "rss_url": f"{base_url}rss/",
        "atom_url": f"{base_url}atom/",
    }


def archive_response(index, request, year=None, tag=None):
    context = index.get_context(request)
    context.update(archive_context(index, request, year=year, tag=tag))
    return TemplateResponse(request, index.get_template(request), context)


def published_at(article):
    """When the article was published, as a feed needs it: its first publishing when that was on its
    publication date, else midnight of that date (an article set back, moved here from an older site)."""
    first = article.first_published_at
    if first is not None and timezone.localdate(first) == article.published_on:
        return timezone.localtime(first)
    return timezone.make_aware(datetime.datetime.combine(article.published_on, datetime.time.min))


FEEDS = {"rss": feedgenerator.Rss201rev2Feed, "atom": feedgenerator.Atom1Feed}


def feed_response(index, request, kind):
    """The newest FEED_ITEMS articles as RSS 2.0 or Atom 1.0, with absolute links."""
    feed_class = FEEDS[kind]
    root = request.build_absolute_uri("/").rstrip("/")
    key = (index.pk, kind, root, get_language())
    xml = _feeds.get(key, lambda: _build_feed(index, request, feed_class, kind, root))
    return HttpResponse(xml, content_type=f"{feed_class.content_type}")


def _build_feed(index, request, feed_class, kind, root):
    index_url = root + index.get_url(request=request)
    feed = feed_class(
        title=f"{index.title} – Kompetenslyft",
        link=index_url,
        description=index.intro or _("News from Kompetenslyft"),
        language=get_language(),
        feed_url=f"{index_url}{kind}/",
        feed_guid=index_url,
    )
    ids = summary(index).ids()[:FEED_ITEMS]
    for article in articles_by_id(ids):
        url = root + article.get_url(request=request)
        published = published_at(article)
        feed.add_item(
            title=article.title,
            link=url,
            description=article.lead,
            pubdate=published,
            updateddate=timezone.localtime(article.last_published_at) if article.updated_on else published,
            unique_id=url,
            categories=[tag.name for tag in article.card_tags],
        )
    return feed.writeString("utf-8")


def latest(count=LATEST):
    """The newest live, public articles of the default site's news, for the home page: (articles, index)."""
    return _summaries.get(("latest", count), lambda: _build_latest(count))


def _build_latest(count):
    from wagtail.models import Site

    from .models import NewsIndexPage

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return [], None
    index = sites.public(NewsIndexPage.objects.live().descendant_of(site.root_page)).order_by("path").first()
    if index is None:
        return [], None
    ids = summary(index).ids()[:count]
    return articles_by_id(ids), index
