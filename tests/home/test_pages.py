import datetime

import pytest
from wagtail.models import Site

from core.pagetree import ensure_child_page
from home import demo as home_demo
from home.models import AccessibilityStatementPage, ContentPage


@pytest.fixture
def pages(home_page):
    return home_demo.seed()


def test_home_page_renders_in_swedish_with_landmarks(client, pages):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="sv">' in html
    assert 'href="#main"' in html and '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert pages["home"].hero_heading in html


def test_content_page_renders(client, pages):
    response = client.get(pages["about"].url)
    assert response.status_code == 200
    assert "Om Kompetenslyft" in response.content.decode()


def test_accessibility_statement_has_required_parts(client, pages):
    html = client.get(pages["statement"].url).content.decode()
    assert "delvis förenlig" in html
    assert "https://www.digg.se/tdosanmalan" in html
    assert "Utan syn" in html
    assert "tillganglighet@kompetenslyft.se" in html
    assert "2026-11-25" in html


def test_every_page_links_the_accessibility_statement(client, pages):
    for url in ["/", pages["about"].url, "/sok/", "/konto/login/"]:
        assert pages["statement"].url in client.get(url).content.decode(), url


def test_english_is_available(client, pages):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html


def test_swedish_ui_strings_are_translated(client, pages):
    html = client.get("/").content.decode()
    assert "Hoppa till huvudinnehållet" in html


def test_security_headers_on_public_pages(client, pages):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pasted_script_in_rich_text_is_stripped_and_csp_blocks_inline(client, home_page):
    """Editors' HTML passes Wagtail's whitelist; anything that slips through meets a CSP without unsafe-inline."""
    from wagtail.admin.rich_text.converters.editor_html import EditorHTMLConverter

    from core.blocks import RICH_TEXT_FEATURES

    cleaned = EditorHTMLConverter(features=RICH_TEXT_FEATURES).to_database_format(
        '<p>Hej<script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">x</a></p>'
    )
    assert "<script" not in cleaned and "onerror" not in cleaned and "javascript:" not in cleaned
    page, _ = ensure_child_page(home_page, ContentPage, "xss", title="XSS", body=[("paragraph", cleaned)])
    response = client.get(page.url)
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"].split("style-src")[0]


def test_page_type_rules(home_page):
    assert AccessibilityStatementPage.can_create_at(home_page) or AccessibilityStatementPage.objects.exists()
    assert not AccessibilityStatementPage.can_create_at(ContentPage(title="x", slug="x", depth=3, path="000100010001"))
    assert Site.objects.get(is_default_site=True).root_page.specific_class.__name__ == "HomePage"


def test_statement_dates_are_dates(pages):
    assert isinstance(pages["statement"].assessed_on, datetime.date)
