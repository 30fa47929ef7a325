"""The news pages in a real browser, with the demo's articles, images and contact cards: axe-core (WCAG 2.1 A/AA),
the Nu Html Checker, the CSP and the layout at 1280 and 390 px on the index, a year, a tag, a second page and an
article with its image and contact card; the browser picks a modern image format from the <picture>. Set
E2E_SCREENSHOTS=dir to keep screenshots."""

import datetime
import mimetypes
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.images import get_image_model
from wagtail.models import Collection

from core.pagetree import ensure_child_page
from home import news
from home.models import NewsIndexPage, NewsPage

from .conftest import across_viewports
from .fixtures import screenshot
from .test_accessibility_learning import Checks

ARTICLE = "fem-chefer-fran-eskilstuna-gar-ledarprogrammet-tillsammans"


@pytest.fixture
def root_collection(live_server, settings, tmp_path):
    """A flushed database has lost Wagtail's root collection, which images need; media go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Collection.objects.filter(depth=1).first() or Collection.add_root(name="Root")


@pytest.fixture
def news_demo(root_collection, site):
    """The demo's news (made by the `site` fixture's home demo), twelve more articles so the index has a second
    page, and every rendition the pages show made in advance (AVIF takes a while the first time)."""
    index = NewsIndexPage.objects.get(slug="nyheter")
    for n in range(12):
        ensure_child_page(
            index,
            NewsPage,
            f"arkivnyhet-{n}",
            title=f"Arkivnyhet {n + 1}: mötesplatser för digitalisering",
            published_on=datetime.date(2025, 1, 10) + datetime.timedelta(days=n),
            lead="En kortare nyhet ur arkivet, utan bild.",
        )
    for image in get_image_model().objects.all():
        image.get_renditions(*news.CARD_SPECS, *news.WIDE_SPECS)
    return index


def serve_media(page):
    """The live server does not serve uploaded files (DEBUG is off): answer for them from MEDIA_ROOT."""
    root = Path(settings.MEDIA_ROOT)

    def fulfil(route):
        path = root / route.request.url.split("/media/", 1)[1].split("?")[0]
        if not path.is_file():
            route.fulfill(status=404, body="")
            return
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=path.read_bytes(), content_type=kind)

    page.route("**/media/**", fulfil)


@across_viewports
def test_news_pages_are_accessible_and_valid(news_demo, new_page, viewport):
    checks = Checks(new_page)
    page = new_page()
    serve_media(page)
    width = viewport["width"]
    checks.visit(page, "news index", news_demo.url)
    assert page.locator(".news-card").count() == news.PER_PAGE
    screenshot(page, f"news-index-{width}")
    checks.visit(page, "news index, page 2", news_demo.url + "?sida=2")
    screenshot(page, f"news-index-page2-{width}")
    checks.visit(page, "news from 2026", news_demo.url + "2026/")
    screenshot(page, f"news-year-{width}")
    checks.visit(page, "news about Ledarprogram", news_demo.url + "amne/ledarprogram/")
    screenshot(page, f"news-tag-{width}")
    checks.visit(page, "news article", f"{news_demo.url}{ARTICLE}/")
    assert page.locator(".news-article__image picture img").count() == 1
    assert page.locator(".contact-card address a[href^='tel:']").count() == 1
    screenshot(page, f"news-article-{width}")
    checks.visit(page, "home page with news", "/")
    screenshot(page, f"home-news-{width}")
    checks.visit(page, "no such year", news_demo.url + "1999/", status=404)
    checks.assert_ok()


def test_the_browser_loads_a_modern_format_at_a_fitting_width(news_demo, new_page):
    page = new_page(viewport={"width": 390, "height": 844})
    serve_media(page)
    page.goto(f"{news_demo.url}{ARTICLE}/")
    lead = page.locator(".news-article__image img")
    lead.scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.news-article__image img').complete")
    chosen = lead.evaluate("img => img.currentSrc")
    assert chosen.endswith(".avif"), chosen  # Chromium takes AVIF
    assert "width-800" in chosen or "width-480" in chosen, chosen  # a phone does not load the widest file
    assert lead.evaluate("img => img.naturalWidth") > 0
