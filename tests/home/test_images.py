"""Responsive images: every image block, news card, article image and contact photo is a <picture> with AVIF and
WebP sources and a JPEG fallback at several widths (a srcset the browser picks from by `sizes`), keeps its alt
text, and loads lazily below the fold. An image needs its alternative text (the admin says so). Renditions are
made once and then read with the page, not asked for image by image."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import nested_form_data, streamfield

from core import versions
from core.blocks import ImageBlock
from core.pagetree import ensure_child_page
from home.models import ContentPage, NewsPage

from .test_news import _media, html_of, main_of, make_article, make_image, news_index  # noqa: F401

WIDE = (1280, 720)  # wider than the widest rendition, so each width is its own file


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def sources(picture):
    return {kind: srcset for srcset, kind in re.findall(r'<source[^>]*srcset="([^"]+)"[^>]*type="([^"]+)"', picture)}


def widths(srcset):
    return [int(width) for width in re.findall(r" (\d+)w", srcset)]


@pytest.fixture
def photo(db):
    return make_image("Kampanjbild", size=WIDE)


def test_an_image_block_is_a_picture_in_avif_webp_and_jpeg_at_three_widths(client, home_page, photo):
    page, _ = ensure_child_page(
        home_page,
        ContentPage,
        "bildsida",
        title="Bildsida",
        body=[("image", {"image": photo, "alt_text": "Cirklar i blått och orange", "caption": "Kampanjbild"})],
    )
    [picture] = pictures(main_of(html_of(client.get(page.url))))
    found = sources(picture)
    assert set(found) == {"image/avif", "image/webp"}
    assert widths(found["image/avif"]) == [480, 800, 1200] and ".avif 480w" in found["image/avif"]
    assert widths(found["image/webp"]) == [480, 800, 1200] and ".webp 800w" in found["image/webp"]
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert 'alt="Cirklar i blått och orange"' in img and 'loading="lazy"' in img
    assert re.search(r'srcset="[^"]+\.jpg 480w, [^"]+\.jpg 800w, [^"]+\.jpg 1200w"', img)
    assert 'sizes="(min-width: 48.5rem) 46rem, calc(100vw - 2.5rem)"' in img
    assert 'width="480"' in img and 'height="270"' in img  # the space is kept while it loads
    assert "<figcaption>Kampanjbild</figcaption>" in html_of(client.get(page.url))


def test_an_image_narrower_than_the_widest_rendition_names_each_width_once(client, home_page):
    """Wagtail does not enlarge: 480, 800 and 1200 of a 700 px photo are 480 and 700 (700 twice would be invalid)."""
    narrow = make_image("Smal bild", size=(700, 400))
    page, _ = ensure_child_page(
        home_page,
        ContentPage,
        "smal-bildsida",
        title="Smal bildsida",
        body=[("image", {"image": narrow, "alt_text": "En smal bild", "caption": ""})],
    )
    [picture] = pictures(main_of(html_of(client.get(page.url))))
    found = sources(picture)
    assert widths(found["image/avif"]) == [480, 700]
    assert widths(found["image/webp"]) == [480, 700]
    img = re.search(r"<img [^>]+>", picture).group(0)
    assert widths(re.search(r'srcset="([^"]+)"', img).group(1)) == [480, 700]


def test_the_article_image_and_the_cards_are_pictures_too(client, news_index, photo):  # noqa: F811
    body_photo = make_image("I texten", size=WIDE, colour="#b8430a")
    article = make_article(
        news_index,
        "med-bild",
        datetime.date(2026, 4, 2),
        image=photo,
        image_alt="Trappsteg i blått och grönt",
        image_caption="Foto: Kompetenslyft",
        body=[("image", {"image": body_photo, "alt_text": "Orange yta", "caption": ""})],
    )
    lead, in_body = pictures(main_of(html_of(client.get(article.url))))
    assert 'alt="Trappsteg i blått och grönt"' in lead and 'fetchpriority="high"' in lead
    assert 'loading="lazy"' not in lead  # the first thing a reader sees: not held back
    assert widths(sources(lead)["image/avif"]) == [480, 800, 1200]
    assert 'alt="Orange yta"' in in_body and 'loading="lazy"' in in_body
    [card] = pictures(main_of(html_of(client.get(news_index.url))))
    found = sources(card)
    assert widths(found["image/avif"]) == [400, 800] and "fill-400x225" in found["image/webp"]
    assert 'alt="Trappsteg i blått och grönt"' in card and 'loading="lazy"' in card
    [home_card] = pictures(main_of(html_of(client.get("/"))))
    assert "image/avif" in home_card


def test_an_article_without_image_has_no_picture(client, news_index):  # noqa: F811
    article = make_article(news_index, "utan-bild", datetime.date(2026, 4, 2))
    assert not pictures(main_of(html_of(client.get(article.url))))
    assert not pictures(main_of(html_of(client.get(news_index.url))))


def test_renditions_are_made_once_and_read_with_the_page(client, news_index, photo):  # noqa: F811
    article = make_article(
        news_index,
        "en-gang",
        datetime.date(2026, 4, 2),
        image=photo,
        body=[("image", {"image": photo, "alt_text": "Samma bild igen", "caption": ""})],
    )
    client.get(article.url)
    client.get(news_index.url)
    Rendition = get_image_model().get_rendition_model()
    made = Rendition.objects.count()
    assert made == 9 + 1 + 6  # the article's nine (three widths, three formats), its sharing image, the card's six
    versions.bump(versions.CONTENT)  # nothing kept: the page is read and rendered again
    with CaptureQueriesContext(connection) as queries:
        html_of(client.get(article.url))
    rendition_queries = [q for q in queries.captured_queries if "wagtailimages_rendition" in q["sql"]]
    assert len(rendition_queries) == 1  # the lead image and the body's images together
    assert Rendition.objects.count() == made


# --- alternative text -----------------------------------------------------------------------------------------


def test_an_image_block_without_alt_text_is_refused(photo):
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": photo.pk, "alt_text": "", "caption": ""}))
    assert block.clean(block.to_python({"image": photo.pk, "alt_text": "Beskrivning", "caption": ""}))


def _article_form(photo, image_alt):
    return nested_form_data(
        {
            "title": "Med bild",
            "slug": "med-bild",
            "published_on": "2026-04-02",
            "lead": "Ingress.",
            "image": str(photo.pk),
            "image_alt": image_alt,
            "image_caption": "",
            "body": streamfield([]),
            "tags": "",
            "seo_title": "",
            "search_description": "",
            "social_image": "",
        }
    )


def test_the_admin_asks_for_alt_text_with_an_article_image(client, editor, news_index, photo):  # noqa: F811
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("home", "newspage", news_index.pk))
    response = client.post(url, _article_form(photo, "  "))
    assert response.status_code == 200
    assert "Beskriv bilden för den som inte kan se den." in response.content.decode()
    assert not NewsPage.objects.filter(slug="med-bild").exists()
    response = client.post(url, _article_form(photo, "Trappsteg i blått och grönt"))
    assert response.status_code == 302
    assert NewsPage.objects.get(slug="med-bild").image_alt == "Trappsteg i blått och grönt"
