"""A webcast in the site search says what it is and where it is on the clock, as on its page; the header links
to the webcast list when there is one."""

import datetime

import pytest
from django.utils import timezone

from core.pagetree import ensure_child_page
from webcasts.models import WebcastIndexPage

DAY = datetime.timedelta(days=1)


def kinds(client, query):
    html = client.get("/sok/", {"q": query}).content.decode()
    return [part.split("</p>", 1)[0] for part in html.split('<p class="search-results__kind">')[1:]]


def test_a_live_webcast_reads_direkt_nu(client, live_webcast):
    assert kinds(client, "offentlig sektor") == ["Webbsändning · Direkt nu"]


def test_a_webcast_with_a_recording_reads_inspelning_finns(client, webcast_factory):
    webcast_factory(
        starts_in=-2 * DAY, title="Tillitsbaserad styrning", recording_url="https://player.vimeo.com/video/1"
    )
    assert kinds(client, "tillitsbaserad") == ["Webbsändning · Inspelning finns"]


def test_an_ended_webcast_without_recording_reads_avslutad(client, webcast_factory):
    webcast_factory(starts_in=-2 * DAY, title="Tillitsbaserad styrning")
    assert kinds(client, "tillitsbaserad") == ["Webbsändning · Avslutad"]


def test_a_cancelled_webcast_reads_installd(client, webcast_factory):
    webcast_factory(title="Tillitsbaserad styrning", cancelled=True)
    assert kinds(client, "tillitsbaserad") == ["Webbsändning · Inställd"]


def test_an_upcoming_webcast_reads_its_time_in_stockholm(client, webcast_factory):
    starts = datetime.datetime(2026, 12, 3, 12, 0, tzinfo=datetime.UTC)  # 13.00 in Stockholm
    webcast_factory(starts_in=starts - timezone.now(), title="Tillitsbaserad styrning")
    assert kinds(client, "tillitsbaserad") == ["Webbsändning · Kommande 3 december 2026 kl. 13.00"]


def test_a_summer_time_webcast_reads_its_summer_time(client, webcast_factory):
    starts = datetime.datetime(2027, 6, 10, 7, 30, tzinfo=datetime.UTC)  # 09.30 in Stockholm (CEST)
    webcast_factory(starts_in=starts - timezone.now(), title="Tillitsbaserad styrning")
    assert kinds(client, "tillitsbaserad") == ["Webbsändning · Kommande 10 juni 2027 kl. 09.30"]


def test_the_series_and_the_list_read_as_their_kinds(client, series):
    assert kinds(client, "våga") == ["Webbsändningsserie"]
    assert kinds(client, "webbsändningar") == ["Webbsändningslista"]


def count_queries(client, query):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        found = kinds(client, query)
    return len(queries.captured_queries), found


def test_many_webcast_hits_add_no_queries(client, webcast_factory, django_assert_max_num_queries):
    webcast_factory(starts_in=DAY, title="Ensam träff om samverkan")
    for n in range(10):
        webcast_factory(starts_in=(n - 5) * DAY, title=f"Tillitsbaserad styrning {n}")
    kinds(client, "samverkan")  # warm the kept header and routes
    kinds(client, "tillitsbaserad")  # and record both searches once: a first search adds its row (search/promotions.py)
    one, found = count_queries(client, "samverkan")
    assert len(found) == 1
    ten, found = count_queries(client, "tillitsbaserad")
    assert len(found) == 10 and {kind.split(" · ")[1].split(" ")[0] for kind in found} == {
        "Kommande",
        "Direkt",
        "Avslutad",
    }
    assert ten == one <= 12


# --- the header's link ----------------------------------------------------------------------------------


def nav_of(client):
    html = client.get("/sok/").content.decode()
    return html.split('<nav class="site-nav"', 1)[1].split("</nav>", 1)[0]


def test_the_header_links_to_the_webcast_list(client, webcast_index):
    assert f'<a href="{webcast_index.url}">Webbsändningar</a>' in nav_of(client)


def test_no_list_no_link(client, home_page):
    assert "Webbsändningar" not in nav_of(client)


def test_an_unpublished_list_has_no_link(client, webcast_index):
    webcast_index.unpublish()
    assert "Webbsändningar" not in nav_of(client)


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_header_link_costs_no_query_once_kept(client, webcast_index, learner, signed_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if signed_in:
        client.force_login(learner)
    client.get("/sok/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/sok/")
    assert not [q for q in queries.captured_queries if "webcastindexpage" in q["sql"].lower()]


def test_a_second_index_does_not_add_a_second_link(client, webcast_index, home_page):
    ensure_child_page(home_page, WebcastIndexPage, "fler-sandningar", title="Fler sändningar")
    assert nav_of(client).count("Webbsändningar") == 1
