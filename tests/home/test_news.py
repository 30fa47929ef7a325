"""News as a reader meets it: the archive newest first, per year and per tag, pagination, the feeds, the dates on
an article, what anonymous readers are served from memory, bad input answered with 404 or a fallback, and
query-count bounds with many articles. The helpers here are used by test_contacts, test_images and e2e too."""

import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Collection, PageViewRestriction

from core import versions
from core.pagetree import ensure_child_page
from home import news
from home.models import NewsIndexPage, NewsPage

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def make_image(title="Bild", size=(64, 36), colour="#0b4f6c"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    name = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "bild"
    # A database flushed by a live-server test has lost Wagtail's root collection, which images need.
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name=f"{name}.png"), collection=root)


def at(day, hour=9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def make_article(index, slug, published_on, *, title=None, tags=(), image=None, body=(), updated_on=None, **fields):
    """A live article dated as if published on `published_on` (and, given `updated_on`, published again then)."""
    page, _ = ensure_child_page(
        index,
        NewsPage,
        slug,
        title=title or slug.replace("-", " ").capitalize(),
        published_on=published_on,
        lead=fields.pop("lead", "En ingress om nyheten."),
        image=image,
        image_alt=fields.pop("image_alt", "En beskrivning av bilden." if image else ""),
        body=list(body),
        **fields,
    )
    if tags:
        page.tags.add(*tags)
        page.save_revision().publish()
    NewsPage.objects.filter(pk=page.pk).update(
        first_published_at=at(published_on),
        last_published_at=at(updated_on or published_on, 14 if updated_on else 9),
    )
    versions.bump(versions.CONTENT)  # update() sends no signal
    page.refresh_from_db()
    return page


@pytest.fixture
def news_index(home_page):
    index, _ = ensure_child_page(
        home_page, NewsIndexPage, "nyheter", title="Nyheter", intro="Nyheter om Kompetenslyft."
    )
    return index


@pytest.fixture
def articles(news_index):
    """Five articles over two years, two of them tagged "Ledarprogram", one "Webbsändning"."""
    return {
        "launch": make_article(
            news_index,
            "vaga-vara-digital",
            datetime.date(2025, 3, 18),
            tags=["Webbsändning"],
            title="Våga vara digital!",
        ),
        "measured": make_article(
            news_index,
            "mognad",
            datetime.date(2025, 5, 6),
            updated_on=datetime.date(2025, 6, 2),
            title="Mätning av digital mognad",
        ),
        "eskilstuna": make_article(
            news_index,
            "eskilstuna",
            datetime.date(2026, 4, 2),
            tags=["Ledarprogram"],
            title="Fem chefer från Eskilstuna",
        ),
        "cohort": make_article(
            news_index, "ny-omgang", datetime.date(2026, 11, 10), tags=["Ledarprogram"], title="Ny omgång"
        ),
        "old": make_article(news_index, "gammal", datetime.date(2019, 1, 23), title="En gammal nyhet"),
    }


def parse_xml(content):
    """Our own server's feed, built by django.utils.feedgenerator: no untrusted input."""
    return ET.fromstring(content)  # noqa: S314


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def main_of(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def card_titles(html):
    return re.findall(r'class="news-card__title"><a href="[^"]+">([^<]+)</a>', html)


# --- the article ----------------------------------------------------------------------------------------------


def test_an_article_shows_its_publication_date_in_swedish(client, articles):
    html = main_of(html_of(client.get(articles["old"].url)))
    assert 'Publicerad <time datetime="2019-01-23">23 januari 2019</time>' in html
    assert "Senast uppdaterad" not in html
    assert "En ingress om nyheten." in html


def test_last_updated_shows_only_when_published_again_on_a_later_day(client, articles, news_index):
    html = main_of(html_of(client.get(articles["measured"].url)))
    assert 'Senast uppdaterad <time datetime="2025-06-02">2 juni 2025</time>' in html
    same_day = make_article(news_index, "samma-dag", datetime.date(2025, 8, 1), updated_on=datetime.date(2025, 8, 1))
    assert same_day.updated_on is None
    assert "Senast uppdaterad" not in html_of(client.get(same_day.url))
    # Set back to before its first publishing (moved from an older site): the publishing is not an update.
    assert articles["old"].updated_on is None
    NewsPage.objects.filter(pk=articles["old"].pk).update(last_published_at=at(datetime.date(2019, 1, 22)))
    articles["old"].refresh_from_db()
    assert articles["old"].updated_on is None


def test_an_article_links_its_tags_to_their_archives(client, articles):
    html = main_of(html_of(client.get(articles["launch"].url)))
    assert '<a href="/nyheter/amne/webbsändning/">Webbsändning</a>' in html


def test_an_article_cannot_take_an_address_of_the_archive(news_index):
    for slug in ("rss", "atom", "amne", "2025"):
        page = NewsPage(title="X", slug=slug, lead="Ingress.", published_on=datetime.date(2025, 1, 1))
        with pytest.raises(ValidationError) as error:
            page.full_clean()
        assert "slug" in error.value.message_dict, slug


def test_a_draft_or_restricted_article_is_not_listed_or_in_the_feeds(client, articles, news_index, home_page):
    draft = make_article(news_index, "utkast", datetime.date(2026, 11, 20), title="Ett utkast")
    draft.unpublish()
    secret = make_article(news_index, "hemlig", datetime.date(2026, 11, 21), title="Bara för inloggade")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    for path in ("/nyheter/", "/nyheter/2026/", "/nyheter/rss/", "/nyheter/atom/", "/"):
        body = client.get(path).content.decode()
        assert "Ett utkast" not in body and "Bara för inloggade" not in body, path
    # The restricted article itself still asks for a login (its restrictions are kept, not skipped).
    response = client.get(secret.url)
    assert response.status_code == 302 and "login/?next=/nyheter/hemlig/" in response["Location"]
    assert client.get(articles["cohort"].url).status_code == 200


# --- the archive ----------------------------------------------------------------------------------------------


def test_the_index_lists_the_newest_first_with_years_tags_and_count(client, articles):
    html = main_of(html_of(client.get("/nyheter/")))
    assert card_titles(html) == [
        "Ny omgång",
        "Fem chefer från Eskilstuna",
        "Mätning av digital mognad",
        "Våga vara digital!",
        "En gammal nyhet",
    ]
    assert "5 artiklar" in html
    years = re.findall(r'<a href="/nyheter/(\d{4})/"', html)
    assert years == ["2026", "2025", "2019"]
    assert '<a href="/nyheter/amne/ledarprogram/">Ledarprogram <span class="news-filter__count">(2)</span>' in html
    assert '<a href="/nyheter/" aria-current="page">Alla nyheter</a>' in html
    assert "Nyheter om Kompetenslyft." in html


def test_the_year_archive_lists_that_year_only(client, articles):
    html = main_of(html_of(client.get("/nyheter/2025/")))
    assert card_titles(html) == ["Mätning av digital mognad", "Våga vara digital!"]
    assert "<h1>Nyheter från 2025</h1>" in html
    assert '<a href="/nyheter/2025/" aria-current="page">2025' in html
    assert '<li><a href="/nyheter/">Nyheter</a></li>' in html  # the breadcrumbs lead back to the index
    assert "<title>Nyheter från 2025 – Kompetenslyft</title>" in client.get("/nyheter/2025/").content.decode()


def test_the_tag_archive_lists_the_tagged_articles_unicode_slug_included(client, articles):
    html = main_of(html_of(client.get("/nyheter/amne/ledarprogram/")))
    assert card_titles(html) == ["Ny omgång", "Fem chefer från Eskilstuna"]
    assert "<h1>Nyheter om Ledarprogram</h1>" in html
    html = main_of(html_of(client.get("/nyheter/amne/webbs%C3%A4ndning/")))
    assert card_titles(html) == ["Våga vara digital!"]


@pytest.mark.parametrize(
    "path",
    [
        "/nyheter/2024/",  # a year without news
        "/nyheter/1066/",
        "/nyheter/0/",
        "/nyheter/99999999999999999999999/",
        "/nyheter/amne/finns-inte/",
        "/nyheter/amne/ledarprogram/extra/",
        "/nyheter/finns-inte/",
    ],
)
def test_a_year_or_tag_without_news_is_the_sites_404(client, articles, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_the_index_without_news_says_so(client, news_index):
    html = main_of(html_of(client.get("/nyheter/")))
    assert "Det finns inga nyheter ännu." in html
    assert client.get("/nyheter/2026/").status_code == 404


@pytest.fixture
def many(news_index):
    """23 articles, one every ten days from 1 January 2025: three pages of ten."""
    start = datetime.date(2025, 1, 1)
    return [
        make_article(news_index, f"nyhet-{n}", start + datetime.timedelta(days=10 * n), title=f"Nyhet {n}")
        for n in range(23)
    ]


@pytest.mark.parametrize(
    ("sida", "expected_page", "first_title"),
    [
        ("", 1, "Nyhet 22"),
        ("2", 2, "Nyhet 12"),
        ("3", 3, "Nyhet 2"),
        ("abc", 1, "Nyhet 22"),
        ("0", 1, "Nyhet 22"),
        ("-4", 1, "Nyhet 22"),
        ("2.5", 1, "Nyhet 22"),
        ("999", 3, "Nyhet 2"),
        ("9" * 5000, 1, "Nyhet 22"),
        ("99999999999999999999999999", 3, "Nyhet 2"),
    ],
)
def test_pagination_falls_back_to_the_first_or_last_page(client, many, sida, expected_page, first_title):
    html = main_of(html_of(client.get("/nyheter/", {"sida": sida} if sida else {})))
    titles = card_titles(html)
    assert titles[0] == first_title
    assert len(titles) == (3 if expected_page == 3 else 10)
    assert f"Sida {expected_page} av 3" in html


def test_pagination_is_a_labelled_navigation_with_previous_and_next(client, many):
    html = main_of(html_of(client.get("/nyheter/", {"sida": "2"})))
    assert '<nav class="pagination" aria-label="Sidnumrering">' in html
    assert '<a href="?sida=1" rel="prev">Föregående</a>' in html
    assert '<a href="?sida=3" rel="next">Nästa</a>' in html
    assert "23 artiklar. Visar 11–20." in html
    year = main_of(html_of(client.get("/nyheter/2025/", {"sida": "2"})))
    assert "Sida 2 av" in year and card_titles(year)


def test_a_new_article_shows_at_once_in_the_kept_archive(client, articles, news_index):
    assert "Helt ny" not in client.get("/nyheter/").content.decode()
    make_article(news_index, "helt-ny", datetime.date(2026, 11, 29), title="Helt ny")
    assert card_titles(main_of(html_of(client.get("/nyheter/"))))[0] == "Helt ny"


# --- the feeds ------------------------------------------------------------------------------------------------


def test_the_rss_feed_lists_the_newest_with_absolute_links(client, articles):
    response = client.get("/nyheter/rss/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = parse_xml(response.content).find("channel")
    assert channel.findtext("title") == "Nyheter – Kompetenslyft"
    assert channel.findtext("link") == "http://testserver/nyheter/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Ny omgång",
        "Fem chefer från Eskilstuna",
        "Mätning av digital mognad",
        "Våga vara digital!",
        "En gammal nyhet",
    ]
    first = items[0]
    assert first.findtext("link") == "http://testserver/nyheter/ny-omgang/"
    assert first.findtext("guid") == "http://testserver/nyheter/ny-omgang/"
    assert first.findtext("description") == "En ingress om nyheten."
    assert first.findtext("pubDate") == "Tue, 10 Nov 2026 09:00:00 +0100"
    assert first.findtext("category") == "Ledarprogram"


def test_the_atom_feed_has_updated_and_published_dates(client, articles):
    response = client.get("/nyheter/atom/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = parse_xml(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    by_title = {entry.findtext(f"{ATOM}title"): entry for entry in entries}
    measured = by_title["Mätning av digital mognad"]
    assert measured.find(f"{ATOM}link").get("href") == "http://testserver/nyheter/mognad/"
    assert measured.findtext(f"{ATOM}published").startswith("2025-05-06T09:00:00")
    assert measured.findtext(f"{ATOM}updated").startswith("2025-06-02T14:00:00")
    old = by_title["En gammal nyhet"]
    assert old.findtext(f"{ATOM}updated") == old.findtext(f"{ATOM}published")


def test_the_feeds_hold_at_most_twenty_and_the_index_links_them(client, many):
    assert len(parse_xml(client.get("/nyheter/rss/").content).findall("channel/item")) == news.FEED_ITEMS
    html = client.get("/nyheter/").content.decode()
    head = html.split("</head>", 1)[0]
    assert '<link rel="alternate" type="application/rss+xml" title="Nyheter (RSS)" href="/nyheter/rss/">' in head
    assert '<link rel="alternate" type="application/atom+xml" title="Nyheter (Atom)" href="/nyheter/atom/">' in head


# --- the home page --------------------------------------------------------------------------------------------


def test_the_home_page_shows_the_three_newest_with_a_link_to_the_archive(client, articles):
    html = main_of(html_of(client.get("/")))
    section = html.split('id="news-heading"', 1)[1].split("</section>", 1)[0]
    assert card_titles(section) == ["Ny omgång", "Fem chefer från Eskilstuna", "Mätning av digital mognad"]
    assert '<a href="/nyheter/">Alla nyheter</a>' in section
    assert ">Senaste nytt</h2>" in html


def test_the_home_page_without_news_has_no_news_section(client, home_page):
    assert 'id="news-heading"' not in client.get("/").content.decode()


# --- anonymous readers from memory -----------------------------------------------------------------------------


def _token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def test_a_kept_page_carries_a_working_csrf_token_of_its_own(articles):
    from django.test import Client

    reader = Client(enforce_csrf_checks=True)
    first = html_of(reader.get(articles["cohort"].url))
    second = html_of(reader.get(articles["cohort"].url))  # from memory this time
    assert _token(first) != _token(second)
    assert first.replace(_token(first), "") == second.replace(_token(second), "")
    response = reader.post(
        f"/sidfeedback/{articles['cohort'].pk}/", {"helpful": "yes", "csrfmiddlewaretoken": _token(second)}
    )
    assert response.status_code == 303
    # A new reader without a CSRF cookie gets one with the kept page, as with a rendered one.
    fresh = Client(enforce_csrf_checks=True)
    html = html_of(fresh.get(articles["cohort"].url))
    assert "csrftoken" in fresh.cookies
    response = fresh.post(
        f"/sidfeedback/{articles['cohort'].pk}/", {"helpful": "no", "csrfmiddlewaretoken": _token(html)}
    )
    assert response.status_code == 303


def test_a_signed_in_reader_gets_their_own_page_not_the_kept_one(client, articles, learner):
    client.get(articles["cohort"].url)
    client.force_login(learner)
    html = html_of(client.get(articles["cohort"].url))
    assert learner.get_full_name() in html


def test_a_preview_shows_the_draft_and_the_live_page_stays(client, articles):
    article = articles["cohort"]
    client.get(article.url)  # the live article kept
    draft = article.get_latest_revision_as_object()
    draft.title = "Utkast till rubrik"
    draft.lead = "Utkast till ingress."
    preview = draft.make_preview_request().content.decode()
    assert "Utkast till rubrik" in preview and "Utkast till ingress." in preview
    live = html_of(client.get(article.url))
    assert "Utkast till" not in live and "<h1>Ny omgång</h1>" in live


# --- query counts ---------------------------------------------------------------------------------------------


def _cold_queries(client, path):
    """Queries of one request with nothing kept (as right after a content change), renditions already made."""
    client.get(path)
    versions.bump(versions.CONTENT)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries.captured_queries)


def _add_articles(index, count, offset, tags=("Ledarprogram", "Chefsdag")):
    for n in range(count):
        make_article(
            index,
            f"fler-{offset + n}",
            datetime.date(2026, 1, 1) + datetime.timedelta(days=offset + n),
            title=f"Fler {offset + n}",
            tags=[tags[n % len(tags)]],
            image=make_image(f"Bild {offset + n}", size=(32, 18)),
        )


def test_the_archive_runs_a_fixed_number_of_queries(client, news_index, django_assert_max_num_queries):
    _add_articles(news_index, 3, 0)
    few = _cold_queries(client, "/nyheter/")
    _add_articles(news_index, 30, 100)
    for path in ("/nyheter/", "/nyheter/2026/", "/nyheter/amne/ledarprogram/", "/nyheter/?sida=2"):
        client.get(path)  # renditions for this page's cards made once
        versions.bump(versions.CONTENT)
        with django_assert_max_num_queries(few):
            html = html_of(client.get(path))
        assert len(card_titles(html)) == 10, path
    # Warm, an anonymous reader costs no query of the archive's own.
    client.get("/nyheter/")
    with django_assert_max_num_queries(0):
        client.get("/nyheter/")


def test_the_article_and_feeds_run_a_fixed_number_of_queries(client, news_index, django_assert_max_num_queries):
    _add_articles(news_index, 3, 0)
    few = {path: _cold_queries(client, path) for path in ("/nyheter/rss/", "/nyheter/fler-0/")}
    _add_articles(news_index, 30, 100)
    for path, count in few.items():
        client.get(path)
        versions.bump(versions.CONTENT)
        with django_assert_max_num_queries(count):
            client.get(path)


def test_the_home_page_runs_a_fixed_number_of_queries_with_news(client, news_index, django_assert_max_num_queries):
    _add_articles(news_index, 1, 0)
    few = _cold_queries(client, "/")
    _add_articles(news_index, 12, 100)
    client.get("/")
    versions.bump(versions.CONTENT)
    with django_assert_max_num_queries(few):
        html = html_of(client.get("/"))
    assert len(card_titles(html.split('id="news-heading"', 1)[1])) == 3


def test_kept_news_pages_carry_nobody_elses_name_or_token(articles, learner, other_manager):
    from django.test import Client

    readers = []
    for user in (learner, other_manager, None):
        client = Client()
        if user is not None:
            client.force_login(user)
        readers.append((user, client))
    paths = ["/nyheter/", "/nyheter/2026/", "/nyheter/amne/ledarprogram/", articles["cohort"].url, "/"]
    seen = {id(client): [] for _, client in readers}
    for path in paths:
        for _round in range(2):  # each in turn: each is served what the others' requests built
            for _user, client in readers:
                seen[id(client)].append(html_of(client.get(path)))
    for user, client in readers:
        html = "\n".join(seen[id(client)])
        mine = {_token(page) for page in seen[id(client)]}
        for other, other_client in readers:
            if other_client is client:
                continue
            if other is not None:
                assert other.get_full_name() not in html and other.email not in html
            assert not mine & {_token(page) for page in seen[id(other_client)]}
        if user is not None:
            assert user.get_full_name() in html


# --- the header's link to the news --------------------------------------------------------------------


def _nav(client, path="/sok/"):
    html = client.get(path).content.decode()
    return html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]


def test_the_header_links_to_the_news(client, news_index):
    assert f'<a href="{news_index.url}">Nyheter</a>' in _nav(client)


def test_no_news_list_no_link(client, home_page):
    assert "Nyheter" not in _nav(client)


def test_an_unpublished_news_list_has_no_link(client, news_index):
    news_index.unpublish()
    assert "Nyheter" not in _nav(client)


def test_a_news_list_behind_a_password_has_no_link(client, news_index):
    PageViewRestriction.objects.create(page=news_index, restriction_type="password", password="hemligt")
    assert "Nyheter" not in _nav(client)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_news_link_costs_no_query_once_kept(client, news_index, learner, signed_in):
    if signed_in:
        client.force_login(learner)
    client.get("/sok/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/sok/")
    assert not [q for q in queries.captured_queries if "newsindexpage" in q["sql"].lower()]
