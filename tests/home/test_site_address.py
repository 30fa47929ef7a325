"""The default Wagtail Site's address comes from SITE_HOSTNAME / SITE_PORT (home.setup.ensure_site), so
sitemap.xml, canonical links and og:url name the real site, not http://localhost."""

import xml.etree.ElementTree as ET

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Site

from core.pagetree import ensure_child_page
from home.models import ContentPage
from home.setup import ensure_site

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def public_address(settings):
    settings.SITE_HOSTNAME = "kompetenslyft.example.se"
    settings.SITE_PORT = 443


def test_ensure_site_sets_the_default_site_from_the_settings(home_page, public_address):
    assert Site.objects.get(is_default_site=True).hostname == "localhost"  # the test default
    home = ensure_site()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("kompetenslyft.example.se", 443, home.pk)
    assert site.root_url == "https://kompetenslyft.example.se"
    assert Site.objects.count() == 1


def test_ensure_site_makes_a_missing_site_with_the_settings_address(db, public_address):
    Site.objects.all().delete()
    ensure_site()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("kompetenslyft.example.se", 443)


def test_sitemap_and_canonical_use_the_sites_address(client, home_page, public_address):
    ensure_child_page(home_page, ContentPage, "om", title="Om Kompetenslyft", intro="Vilka vi är.")
    ensure_site()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314  (our own response)
    urls = [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    assert "https://kompetenslyft.example.se/om/" in urls
    assert not [url for url in urls if "localhost" in url]
    html = client.get("/om/").content.decode()
    assert '<link rel="canonical" href="https://kompetenslyft.example.se/om/">' in html
    assert 'content="https://kompetenslyft.example.se/om/"' in html  # og:url


def test_sync_site_command_applies_the_settings(home_page, public_address, capsys):
    call_command("sync_site")
    assert "https://kompetenslyft.example.se/" in capsys.readouterr().out
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_page_id) == ("kompetenslyft.example.se", 443, home_page.pk)
    call_command("sync_site")  # idempotent
    assert Site.objects.count() == 1


def test_sync_site_refuses_an_address_another_site_has(home_page, public_address):
    Site.objects.create(hostname="kompetenslyft.example.se", port=443, root_page_id=home_page.pk)
    with pytest.raises(CommandError, match="Another site"):
        call_command("sync_site")
    assert Site.objects.get(is_default_site=True).hostname == "localhost"
