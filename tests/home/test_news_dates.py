"""An article's dates as readers see them, whenever and however it was published, and what the news tells search
engines and link previews: the publication date moves to the day of the first publishing unless an editor chose
one, every date is a Stockholm day, an article's own image stands in as its sharing image, and a later page of
the archive is its own canonical address.

Wagtail's publishing reads django.utils.timezone.now; `clock` sets it for the moment of a publishing, since
publish_scheduled and revision.publish() take no time of their own.
"""

import contextlib
import datetime
import io
import re
import zoneinfo

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core import versions
from home.models import NewsPage

from .test_news import _media, html_of, main_of, make_article, make_image, news_index, parse_xml  # noqa: F401

STOCKHOLM = zoneinfo.ZoneInfo("Europe/Stockholm")


def local(*args):
    return datetime.datetime(*args, tzinfo=STOCKHOLM)


@pytest.fixture
def clock(monkeypatch):
    """`with clock(moment):` the time Wagtail's publishing (and revisions, log entries) take as now."""

    @contextlib.contextmanager
    def at(moment):
        with monkeypatch.context() as patch:
            patch.setattr(timezone, "now", lambda: moment)
            yield

    return at


def draft(index, slug, drafted_at, clock, published_on=None, **fields):
    """An article an editor drafted at `drafted_at` and saved, never published. Its date is that day's default
    (NewsPage.published_on defaults to the day of drafting) unless `published_on` is chosen."""
    with clock(drafted_at):
        page = NewsPage(
            title=fields.pop("title", slug.capitalize()),
            slug=slug,
            lead="En ingress om nyheten.",
            published_on=published_on or timezone.localdate(drafted_at),
            live=False,
            **fields,
        )
        index.add_child(instance=page)
        page.save_revision()
    page.refresh_from_db()
    return page


def publish_latest(page, clock, moment, **changes):
    """The editor opens the article at `moment`, changes `changes` and presses Publish."""
    with clock(moment):
        latest = NewsPage.objects.get(pk=page.pk).get_latest_revision_as_object()
        for name, value in changes.items():
            setattr(latest, name, value)
        latest.save_revision().publish()
    page.refresh_from_db()
    return page


def dates_of(client, page):
    html = main_of(html_of(client.get(page.url)))
    return re.search(r'<p class="news-article__dates meta">(.*?)</p>', html, re.S).group(1)


def latest_content(page):
    return NewsPage.objects.get(pk=page.pk).get_latest_revision().content


# --- the publication date -------------------------------------------------------------------------------------


def test_a_scheduled_article_is_dated_the_day_it_went_live(client, news_index, clock):  # noqa: F811
    """Drafted 27 November, scheduled for 30 November at 08:00, a draft saved in between: published 30 November,
    not "updated" that day, and the feed says when it went live. Edited later, it keeps its date."""
    article = draft(news_index, "planerad", local(2026, 11, 27, 10), clock)
    assert article.published_on == datetime.date(2026, 11, 27)
    with clock(local(2026, 11, 27, 10, 5)):
        article.go_live_at = local(2026, 11, 30, 8)
        article.save_revision().publish()  # in the future: scheduled
    with clock(local(2026, 11, 28, 9)):  # a draft after scheduling, still with the default date
        later = NewsPage.objects.get(pk=article.pk).get_latest_revision_as_object()
        later.lead = "En bättre ingress."
        later.save_revision()
    article.refresh_from_db()
    assert not article.live

    with clock(local(2026, 11, 30, 8, 1)):
        call_command("publish_scheduled", stdout=io.StringIO())
    article.refresh_from_db()
    assert article.live
    assert timezone.localtime(article.first_published_at) == local(2026, 11, 30, 8, 1)
    assert article.published_on == datetime.date(2026, 11, 30)
    assert article.updated_on is None
    # The published revision and the later draft carry the new date, so the next publishing keeps it.
    assert latest_content(article)["published_on"] == "2026-11-30"
    assert article.live_revision.content["published_on"] == "2026-11-30"
    dates = dates_of(client, article)
    assert 'Publicerad <time datetime="2026-11-30">30 november 2026</time>' in dates
    assert "Senast uppdaterad" not in dates

    item = parse_xml(client.get("/nyheter/rss/").content).find("channel/item")
    assert item.findtext("title") == "Planerad"
    assert item.findtext("pubDate") == "Mon, 30 Nov 2026 08:01:00 +0100"

    publish_latest(article, clock, local(2026, 12, 2, 14), title="Planerad och ändrad")
    assert article.published_on == datetime.date(2026, 11, 30)
    assert article.lead == "En bättre ingress."
    dates = dates_of(client, article)
    assert 'Publicerad <time datetime="2026-11-30">30 november 2026</time>' in dates
    assert 'Senast uppdaterad <time datetime="2026-12-02">2 december 2026</time>' in dates


@pytest.mark.parametrize(
    ("chosen", "reason"),
    [
        (datetime.date(2025, 3, 1), "set back: moved here from an older site"),
        (datetime.date(2026, 11, 28), "a day the editor chose, after drafting"),
    ],
)
def test_a_date_the_editor_chose_is_kept(client, news_index, clock, chosen, reason):  # noqa: F811
    article = draft(news_index, "vald", local(2026, 11, 27, 10), clock, published_on=chosen)
    publish_latest(article, clock, local(2026, 11, 30, 9))
    assert article.published_on == chosen, reason
    assert latest_content(article)["published_on"] == chosen.isoformat()
    # Its first publishing, later than its date, is no update.
    assert article.updated_on is None
    dates = dates_of(client, article)
    assert f'Publicerad <time datetime="{chosen.isoformat()}">' in dates
    assert "Senast uppdaterad" not in dates


def test_an_imported_article_keeps_its_date_and_its_feed_time(client, news_index, clock):  # noqa: F811
    """An old news item imported today, dated 1 March 2025: in the feed at midnight of that day."""
    article = draft(news_index, "import", local(2026, 11, 30, 10), clock, published_on=datetime.date(2025, 3, 1))
    publish_latest(article, clock, local(2026, 11, 30, 10, 5))
    assert article.published_on == datetime.date(2025, 3, 1)
    item = parse_xml(client.get("/nyheter/rss/").content).find("channel/item")
    assert item.findtext("pubDate") == "Sat, 01 Mar 2025 00:00:00 +0100"
    assert "Senast uppdaterad" not in dates_of(client, article)


def test_an_article_published_the_day_it_was_drafted_keeps_that_day(news_index, clock):  # noqa: F811
    article = draft(news_index, "samma-dag", local(2026, 11, 30, 8), clock)
    publish_latest(article, clock, local(2026, 11, 30, 23, 50))
    assert article.published_on == datetime.date(2026, 11, 30)


def test_just_after_midnight_in_stockholm_is_the_next_day(client, news_index, clock):  # noqa: F811
    """23:30 UTC on 10 March 2026 is 00:30 on 11 March in Stockholm, for a first publishing and for a later one."""
    after_midnight = datetime.datetime(2026, 3, 10, 23, 30, tzinfo=datetime.UTC)
    first = draft(news_index, "natt", local(2026, 3, 10, 12), clock)
    publish_latest(first, clock, after_midnight)
    assert first.published_on == datetime.date(2026, 3, 11)
    dates = dates_of(client, first)
    assert 'Publicerad <time datetime="2026-03-11">11 mars 2026</time>' in dates
    assert "Senast uppdaterad" not in dates

    again = draft(news_index, "dag", local(2026, 3, 10, 9), clock)
    publish_latest(again, clock, local(2026, 3, 10, 10))
    assert again.published_on == datetime.date(2026, 3, 10)
    publish_latest(again, clock, after_midnight, lead="Rättad ingress.")
    assert again.updated_on == datetime.date(2026, 3, 11)
    dates = dates_of(client, again)
    assert 'Publicerad <time datetime="2026-03-10">10 mars 2026</time>' in dates
    assert 'Senast uppdaterad <time datetime="2026-03-11">11 mars 2026</time>' in dates


# --- the sharing image ----------------------------------------------------------------------------------------


def og_image(html):
    found = re.search(r'<meta property="og:image" content="([^"]*)">', html)
    return found.group(1) if found else None


def test_an_articles_own_image_is_its_sharing_image_until_one_is_chosen(client, news_index):  # noqa: F811
    lead = make_image("Artikelbild", size=(1600, 900))
    article = make_article(news_index, "med-bild", datetime.date(2026, 11, 2), image=lead)
    html = html_of(client.get(article.url))
    url = og_image(html)
    assert url.startswith("http://testserver/media/images/artikelbild") and ".fill-1200x630" in url
    assert '<meta name="twitter:card" content="summary_large_image">' in html

    article.social_image = make_image("Delningsbild", size=(1600, 900))
    article.save_revision().publish()
    url = og_image(html_of(client.get(article.url)))
    assert url.startswith("http://testserver/media/images/delningsbild") and ".fill-1200x630" in url

    without = make_article(news_index, "utan-bild", datetime.date(2026, 11, 3))
    html = html_of(client.get(without.url))
    assert og_image(html) is None
    assert '<meta name="twitter:card" content="summary">' in html


@pytest.mark.parametrize("chosen", [False, True])
def test_the_sharing_rendition_comes_with_the_articles_other_renditions(client, news_index, chosen):  # noqa: F811
    """Once made, the link preview's rendition is read in the one query that reads the article's renditions."""
    lead = make_image("Artikelbild", size=(1600, 900))
    sharing = make_image("Delningsbild", size=(1600, 900)) if chosen else None
    article = make_article(news_index, "fragor", datetime.date(2026, 11, 2), image=lead, social_image=sharing)
    client.get(article.url)  # renditions made
    versions.bump(versions.CONTENT)  # nothing kept, as after any change
    with CaptureQueriesContext(connection) as queries:
        html = html_of(client.get(article.url))
    assert og_image(html)
    rendition_queries = [q for q in queries.captured_queries if "wagtailimages_rendition" in q["sql"]]
    assert len(rendition_queries) == 1, [q["sql"] for q in rendition_queries]


# --- the canonical address of the archive ---------------------------------------------------------------------


def canonical(html):
    found = re.search(r'<link rel="canonical" href="([^"]*)">', html)
    return found.group(1) if found else None


@pytest.fixture
def two_pages(news_index):  # noqa: F811
    """Eleven articles of 2026: two pages of the archive, and of its year."""
    return [
        make_article(news_index, f"nyhet-{n}", datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
        for n in range(11)
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "http://localhost/nyheter/"),
        ("?sida=1", "http://localhost/nyheter/"),
        ("?sida=abc", "http://localhost/nyheter/"),
        ("?utm_source=nyhetsbrev", "http://localhost/nyheter/"),
        ("?sida=2", "http://localhost/nyheter/?sida=2"),
        ("?sida=2&utm_source=nyhetsbrev", "http://localhost/nyheter/?sida=2"),
        ("?sida=99", "http://localhost/nyheter/?sida=2"),  # past the end: the last page, which is shown
    ],
)
def test_a_later_page_of_the_archive_is_its_own_canonical_address(client, two_pages, query, expected):
    html = html_of(client.get(f"/nyheter/{query}"))
    assert canonical(html) == expected
    assert f'<meta property="og:url" content="{expected}">' in html


def test_year_and_tag_archives_and_articles_are_as_before(client, two_pages):
    for path in ("/nyheter/2026/", "/nyheter/2026/?sida=2"):
        assert canonical(html_of(client.get(path))) is None, path
    article = two_pages[0]
    assert canonical(html_of(client.get(f"{article.url}?sida=2"))) == f"http://localhost{article.url}"
