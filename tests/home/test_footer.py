"""The footer's links are cached, and every change that could alter them shows at once."""

import pytest

from home import demo as home_demo
from home.models import SiteFooter

pytestmark = pytest.mark.django_db


@pytest.fixture
def footer_site(home_page, roles):
    home_demo.seed()
    return SiteFooter.for_site(home_page.get_site())


def test_footer_links_the_accessibility_statement_and_privacy_page(client, footer_site):
    html = client.get("/").content.decode()
    assert f'href="{footer_site.accessibility_page.url}"' in html
    assert f'href="{footer_site.privacy_page.url}"' in html
    assert f"mailto:{footer_site.contact_email}" in html


def test_footer_costs_no_queries_once_cached(client, footer_site, django_assert_num_queries):
    from django.template.loader import render_to_string

    render_to_string("includes/footer.html")
    with django_assert_num_queries(0):
        html = render_to_string("includes/footer.html")
    assert footer_site.accessibility_page.url in html


def test_changing_the_footer_setting_shows_at_once(client, footer_site):
    client.get("/")
    footer_site.contact_email = "hej@kompetenslyft.se"
    footer_site.save()
    assert "mailto:hej@kompetenslyft.se" in client.get("/").content.decode()


def test_a_moved_statement_page_gets_its_new_url_in_the_footer(client, footer_site):
    statement = footer_site.accessibility_page.specific
    client.get("/")
    statement.slug = "tillganglighet-ny"
    statement.save_revision().publish()
    html = client.get("/").content.decode()
    assert "/tillganglighet-ny/" in html


def test_an_unpublished_page_leaves_the_footer(client, footer_site):
    about = footer_site.about_page.specific
    old_url = about.url
    client.get("/")
    about.unpublish()
    assert f'href="{old_url}"' not in client.get("/").content.decode()
