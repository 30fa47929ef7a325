"""What search engines and link previews read: robots.txt, sitemap.xml, the meta description, Open Graph
tags with an absolute sharing image, and the canonical address."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from core.pagetree import ensure_child_page
from home.models import ContentPage, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def about(home_page):
    page, _ = ensure_child_page(
        home_page, ContentPage, "om", title="Om Kompetenslyft", intro="Kompetenslyft samlar kommunernas satsningar."
    )
    return page


def meta(html, attribute, name):
    """The content of <meta {attribute}="{name}" content="...">, or None."""
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return found.group(1) if found else None


# --- robots.txt ------------------------------------------------------------------------------------------


def test_robots_allows_the_site_and_keeps_out_private_areas(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for prefix in ("/admin/", "/konto/", "/mitt-larande/", "/e-modul/", "/workshoppar/", "/sidfeedback/"):
        assert f"Disallow: {prefix}" in lines
    assert "Disallow: /" not in lines  # the public pages stay open
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert client.post("/robots.txt").status_code == 405


# --- sitemap.xml -----------------------------------------------------------------------------------------


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314  (our own response)
    return {
        url.find("s:loc", SITEMAP_NS).text: getattr(url.find("s:lastmod", SITEMAP_NS), "text", None)
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_live_public_pages_with_lastmod(client, home_page, about):
    news_index, _ = ensure_child_page(home_page, NewsIndexPage, "nyheter", title="Nyheter")
    ensure_child_page(news_index, NewsPage, "lansering", title="Lansering", lead="Nu startar vi.")
    draft = ContentPage(title="Utkast", slug="utkast", live=False)
    home_page.add_child(instance=draft)
    secret, _ = ensure_child_page(home_page, ContentPage, "internt", title="Internt")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    expiring, _ = ensure_child_page(home_page, ContentPage, "kampanj", title="Kampanj")
    ContentPage.objects.filter(pk=expiring.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=5))
    call_command("publish_scheduled")

    urls = sitemap(client)
    assert "http://localhost/om/" in urls
    assert "http://localhost/nyheter/" in urls
    assert "http://localhost/nyheter/lansering/" in urls
    for hidden in ("/utkast/", "/internt/", "/kampanj/"):
        assert f"http://localhost{hidden}" not in urls
    assert urls["http://localhost/om/"] == timezone.localtime(about.last_published_at).date().isoformat()


# --- meta description, Open Graph, canonical ---------------------------------------------------------------


def test_meta_description_falls_back_to_the_introduction(client, about):
    html = client.get("/om/").content.decode()
    assert meta(html, "name", "description") == "Kompetenslyft samlar kommunernas satsningar."
    assert meta(html, "property", "og:description") == "Kompetenslyft samlar kommunernas satsningar."
    about.search_description = "Om plattformen & vilka som står bakom."
    about.save_revision().publish()
    html = client.get("/om/").content.decode()
    assert meta(html, "name", "description") == "Om plattformen &amp; vilka som står bakom."


def test_open_graph_and_canonical(client, about):
    html = client.get("/om/").content.decode()
    assert '<link rel="canonical" href="http://localhost/om/">' in html
    assert meta(html, "property", "og:url") == "http://localhost/om/"
    assert meta(html, "property", "og:title") == "Om Kompetenslyft"
    assert meta(html, "property", "og:type") == "website"
    assert meta(html, "property", "og:locale") == "sv_SE"
    assert meta(html, "property", "og:site_name") == "Kompetenslyft"
    assert meta(html, "name", "twitter:card") == "summary"
    assert meta(html, "property", "og:image") is None
    # A query string is not part of the canonical address.
    assert '<link rel="canonical" href="http://localhost/om/">' in client.get("/om/?tack=1").content.decode()


def test_a_news_article_is_an_article(client, home_page):
    index, _ = ensure_child_page(home_page, NewsIndexPage, "nyheter", title="Nyheter")
    ensure_child_page(index, NewsPage, "start", title="Start", lead="Programmet startar.")
    html = client.get("/nyheter/start/").content.decode()
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "name", "description") == "Programmet startar."


def test_sharing_image_is_an_absolute_rendition(client, about, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = get_image_model().objects.create(title="Delningsbild", file=get_test_image_file(size=(1600, 900)))
    about.social_image = image
    about.save_revision().publish()
    html = client.get("/om/").content.decode()
    url = meta(html, "property", "og:image")
    assert url.startswith("http://testserver/media/images/") and ".fill-1200x630" in url
    assert meta(html, "property", "og:image:width") == "1200"
    assert meta(html, "property", "og:image:height") == "630"
    assert meta(html, "name", "twitter:card") == "summary_large_image"


def test_views_that_are_not_pages_have_no_page_tags(client, home_page):
    html = client.get("/sok/", {"q": "kompetens"}).content.decode()
    assert 'rel="canonical"' not in html
    assert "og:title" not in html


def test_the_tags_cost_no_query_without_a_sharing_image(client, about, django_assert_max_num_queries):
    """The description and Open Graph tags read what the page object already holds."""
    client.get("/om/")
    with CaptureQueriesContext(connection) as captured:
        client.get("/om/")
    assert not [query for query in captured.captured_queries if "wagtailimages" in query["sql"]]
    assert not [query for query in captured.captured_queries if "wagtailcore_site" in query["sql"]]
