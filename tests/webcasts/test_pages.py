"""The webcast pages as a visitor sees them: the list, a series and a webcast in each state, the filters, the
privacy-friendly player, chapters, documents, and query-count bounds with many webcasts."""

import datetime
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from core.pagetree import ensure_child_page
from webcasts.models import WebcastChapter, WebcastDocument, WebcastPresenter, WebcastSeriesPage
from webcasts.schedule import State

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
YOUTUBE = "https://www.youtube-nocookie.com/embed/abc123"
VIMEO = "https://player.vimeo.com/video/42"
SCREEN9 = "https://video.screen9.com/embed/xyz"


@pytest.fixture
def states(webcast_factory):
    """One webcast in each state, in the series."""
    return {
        State.UPCOMING: webcast_factory(starts_in=3 * DAY, title="Kommande avsnitt", stream_url=YOUTUBE),
        State.LIVE: webcast_factory(
            starts_in=-10 * datetime.timedelta(minutes=1), title="Pågår nu", stream_url=YOUTUBE
        ),
        State.ENDED: webcast_factory(starts_in=-2 * DAY, title="Slut utan inspelning", stream_url=YOUTUBE),
        State.RECORDING: webcast_factory(starts_in=-3 * DAY, title="Med inspelning", recording_url=VIMEO),
        State.CANCELLED: webcast_factory(starts_in=5 * DAY, title="Inställt avsnitt", cancelled=True),
    }


def html_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def main_of(html):
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


# --- each page in each state ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "words"),
    [
        (State.UPCOMING, "Kommande"),
        (State.LIVE, "Direkt nu"),
        (State.ENDED, "Avslutad"),
        (State.RECORDING, "Inspelning finns"),
        (State.CANCELLED, "Inställd"),
    ],
)
def test_a_webcast_page_says_its_state_in_words(client, states, state, words):
    html = main_of(html_of(client.get(states[state].url)))
    assert (
        f'state-badge--{state.value}"><span class="state-badge__mark" aria-hidden="true"></span>{words}</span>' in html
    )
    assert "<h1>" + states[state].title + "</h1>" in html


def test_the_index_shows_live_upcoming_and_past_in_their_sections(client, webcast_index, states):
    html = main_of(html_of(client.get(webcast_index.url)))
    live = html.split('id="live-heading"')[1].split('id="upcoming-heading"')[0]
    upcoming = html.split('id="upcoming-heading"')[1].split('id="past-heading"')[0]
    past = html.split('id="past-heading"')[1]
    assert "Pågår nu" in live and "Kommande avsnitt" not in live
    assert "Kommande avsnitt" in upcoming and "Pågår nu" not in upcoming
    # A cancelled webcast still ahead is listed with the upcoming ones, marked cancelled.
    assert "Inställt avsnitt" in upcoming and "Inställd" in upcoming
    assert "Med inspelning" in past and "Slut utan inspelning" in past
    assert "Inspelning finns" in past and "Avslutad" in past
    # Grouped by series: the series heading links to its page.
    assert f'<a href="{states[State.UPCOMING].get_parent().url}">Våga vara digital!</a>' in upcoming


def test_the_index_without_webcasts_says_so(client, webcast_index):
    html = main_of(html_of(client.get(webcast_index.url)))
    assert "Inga webbsändningar är planerade just nu." in html
    assert "Det finns inga tidigare webbsändningar ännu." in html
    assert 'id="live-heading"' not in html


def test_the_series_page_lists_upcoming_first_then_past_with_live_marked(client, series, states):
    html = main_of(html_of(client.get(series.url)))
    ahead = html.split('id="upcoming-heading"')[1].split('id="past-heading"')[0]
    behind = html.split('id="past-heading"')[1]
    assert ahead.index("Pågår nu") < ahead.index("Kommande avsnitt") < ahead.index("Inställt avsnitt")
    assert "webcast-card--live" in ahead and "Direkt nu" in ahead
    # Latest first among the past ones.
    assert behind.index("Slut utan inspelning") < behind.index("Med inspelning")
    assert "Uppsala län" in html  # the series' invited county
    assert "Förtroendevald" in html or "förtroendevald" in html.lower()


def test_times_are_shown_in_stockholm_time(client, webcast_factory):
    starts = datetime.datetime(2026, 12, 3, 12, 0, tzinfo=datetime.UTC)  # 13.00 in Stockholm (CET)
    page = webcast_factory(title="Tidstest", starts_in=starts - timezone.now(), minutes=90)
    html = main_of(html_of(client.get(page.url)))
    assert "3 december 2026 kl. 13.00" in html
    assert "14.30" in html


def test_the_webcast_page_shows_presenters_audience_chapters_transcript_documents_and_modules(
    client, webcast_factory, module
):
    page = webcast_factory(
        starts_in=-3 * DAY,
        title="Inspelat avsnitt",
        recording_url=YOUTUBE,
        transcript="<p>Välkomna till sändningen om digital ledning.</p>",
        target_groups=["chef"],
        counties=["AB", "C"],
    )
    WebcastPresenter.objects.create(page=page, name="Karin Berg", role="Digitaliseringschef, Region Uppsala")
    WebcastChapter.objects.create(page=page, starts_at_seconds=750, title="Ledarskapets roll")
    WebcastChapter.objects.create(page=page, starts_at_seconds=0, title="Inledning")
    document = get_document_model().objects.create(
        title="Bilder från sändningen", file=ContentFile(b"%PDF-1.4" * 200, name="bilder.pdf"), file_size=1600
    )
    WebcastDocument.objects.create(page=page, document=document)
    page.related_modules.add(module)
    page.save()
    html = main_of(html_of(client.get(page.url)))
    assert "Karin Berg" in html and "Digitaliseringschef, Region Uppsala" in html
    assert "Chef" in html and "Stockholms län, Uppsala län" in html  # its own audience, not the series'
    chapters = html.split('id="chapters-heading"')[1]
    assert chapters.index("Inledning") < chapters.index("Ledarskapets roll")
    assert '<time class="chapter-list__time" datetime="PT750S">12:30</time> Ledarskapets roll' in chapters
    assert "<details>" in html and "Välkomna till sändningen" in html
    assert re.search(r"Bilder från sändningen</a> <span class=\"meta\">\(PDF, 1,6\W+kB\)</span>", html)
    assert module.title in html


def test_an_unpublished_module_is_not_listed(client, webcast, module):
    webcast.related_modules.add(module)
    webcast.save()
    module.unpublish()
    assert module.title not in main_of(html_of(client.get(webcast.url)))


def test_a_webcast_without_own_audience_shows_its_series_audience(client, webcast):
    html = main_of(html_of(client.get(webcast.url)))
    assert "Uppsala län" in html


# --- filters --------------------------------------------------------------------------------------------


def test_filters_by_county_and_target_group_own_or_inherited(client, webcast_index, series, webcast_factory):
    other_series, _ = ensure_child_page(
        webcast_index, WebcastSeriesPage, "skane", title="Skåne digitalt", counties=["M"], target_groups=["medarbetare"]
    )
    inherits = webcast_factory(title="Ärver Uppsala")
    own = webcast_factory(title="Egen Stockholm", counties=["AB"], target_groups=["medarbetare"])
    skane = webcast_factory(title="Skåne avsnitt", parent=other_series)
    loose = webcast_factory(title="Fristående Gotland", parent=webcast_index, counties=["I"])

    def titles(**query):
        html = main_of(html_of(client.get(webcast_index.url, query)))
        return {w.title for w in (inherits, own, skane, loose) if w.title in html}

    assert titles() == {"Ärver Uppsala", "Egen Stockholm", "Skåne avsnitt", "Fristående Gotland"}
    assert titles(lan="C") == {"Ärver Uppsala"}  # own list wins over the series' for "Egen Stockholm"
    assert titles(lan="AB") == {"Egen Stockholm"}
    assert titles(lan="M") == {"Skåne avsnitt"}
    assert titles(lan="I") == {"Fristående Gotland"}
    assert titles(malgrupp="medarbetare") == {"Egen Stockholm", "Skåne avsnitt"}
    assert titles(malgrupp="chef") == {"Ärver Uppsala"}
    assert titles(lan="AB", malgrupp="chef") == set()
    html = main_of(html_of(client.get(webcast_index.url, {"lan": "C", "malgrupp": "chef"})))
    assert '<option value="C" selected>Uppsala län</option>' in html
    assert "Visa alla webbsändningar" in html
    assert "1 webbsändning för Uppsala län · chef." in html


@pytest.mark.parametrize(
    "query",
    [
        {"lan": "XX"},
        {"lan": "C'; DROP"},
        {"malgrupp": "<script>"},
        {"lan": "a" * 5000},
        {"lan": "\x00"},
        {"lan": ["AB", "C"]},
    ],
)
def test_invalid_filter_values_are_ignored_never_a_500(client, webcast_index, webcast, query):
    html = main_of(html_of(client.get(webcast_index.url, query)))
    assert webcast.title in html
    if "lan" in query and query["lan"] != ["AB", "C"]:
        assert "Ett filterval som vi inte kände igen har hoppats över." in html
    assert "<script>" not in html


# --- the player -----------------------------------------------------------------------------------------


def test_the_player_loads_nothing_before_play(client, live_webcast):
    live_webcast.stream_url = YOUTUBE
    live_webcast.save_revision().publish()
    html = html_of(client.get(live_webcast.url))
    assert "<iframe" not in html
    assert "youtube-nocookie.com/embed" not in html  # the address is nowhere in the page
    assert "abc123" not in html
    assert "www.youtube-nocookie.com" in main_of(html)  # named in words beside the button
    assert "YouTube" in html
    assert 'href="?spela=1#spelare" data-play>' in html
    assert "Spela upp" in html


def test_play_renders_the_iframe_and_allows_only_that_host_to_be_framed(client, live_webcast):
    live_webcast.stream_url = YOUTUBE
    live_webcast.save_revision().publish()
    response = client.get(live_webcast.url, {"spela": "1"})
    html = html_of(response)
    assert re.search(r'<iframe src="https://www\.youtube-nocookie\.com/embed/abc123\?autoplay=1"', html)
    assert 'title="Direktsändning: Direkt: AI i offentlig sektor (YouTube)"' in html
    policy = response.headers["Content-Security-Policy"]
    assert "frame-src 'self' https://www.youtube-nocookie.com;" in policy
    assert "script-src 'self';" in policy  # the rest of the site's policy is unchanged


def test_pages_without_a_player_keep_the_sites_frame_policy(client, webcast, webcast_index):
    for url in (webcast.url, webcast_index.url):
        assert "frame-src 'self';" in client.get(url).headers["Content-Security-Policy"]


def test_an_upcoming_webcast_never_loads_its_stream(client, states):
    html = html_of(client.get(states[State.UPCOMING].url, {"spela": "1"}))
    assert "<iframe" not in html and "Spela upp" not in html
    assert "Sändningen börjar" in html


def test_the_recording_plays_after_the_end_and_the_stream_does_not(client, webcast_factory):
    page = webcast_factory(starts_in=-2 * DAY, stream_url=YOUTUBE, recording_url=VIMEO)
    html = html_of(client.get(page.url, {"spela": "1"}))
    assert 'src="https://player.vimeo.com/video/42?autoplay=1"' in html
    assert "youtube" not in html.lower()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (YOUTUBE, "https://www.youtube-nocookie.com/embed/abc123?autoplay=1&amp;start=750"),
        (VIMEO, "https://player.vimeo.com/video/42?autoplay=1#t=750s"),
        (SCREEN9, "https://video.screen9.com/embed/xyz?autoplay=1&amp;t=750"),
    ],
)
def test_a_chapter_link_without_javascript_starts_the_recording_there(client, webcast_factory, url, expected):
    page = webcast_factory(starts_in=-2 * DAY, recording_url=url)
    WebcastChapter.objects.create(page=page, starts_at_seconds=750, title="Frågestund")
    html = html_of(client.get(page.url))
    assert 'href="?spela=1&amp;t=750#spelare" data-chapter="750"' in html
    html = html_of(client.get(page.url, {"spela": "1", "t": "750"}))
    assert f'<iframe src="{expected}"' in html


@pytest.mark.parametrize("value", ["-5", "abc", "99999999", "1e3", ""])
def test_a_bad_start_time_starts_from_the_beginning(client, webcast_factory, value):
    page = webcast_factory(starts_in=-2 * DAY, recording_url=YOUTUBE)
    html = html_of(client.get(page.url, {"spela": "1", "t": value}))
    assert '<iframe src="https://www.youtube-nocookie.com/embed/abc123?autoplay=1"' in html


def test_a_host_no_longer_allowed_is_not_embedded(client, live_webcast, settings):
    live_webcast.stream_url = YOUTUBE
    live_webcast.save_revision().publish()
    settings.WEBCAST_EMBED_HOSTS = ["player.vimeo.com"]
    html = html_of(client.get(live_webcast.url, {"spela": "1"}))
    assert "<iframe" not in html and "youtube" not in html.lower()


# --- query counts ---------------------------------------------------------------------------------------


@pytest.fixture
def many(webcast_index, series, webcast_factory):
    second, _ = ensure_child_page(webcast_index, WebcastSeriesPage, "serie-2", title="Serie två", counties=["AB"])
    for n in range(8):
        webcast_factory(starts_in=(n + 1) * DAY, title=f"Framtid {n}", parent=second if n % 2 else None)
        webcast_factory(starts_in=-(n + 1) * DAY, title=f"Förr {n}", recording_url=VIMEO if n % 2 else "")
    for n in range(3):
        webcast_factory(starts_in=-n * datetime.timedelta(minutes=5), title=f"Nu {n}")
    for n in range(3):
        webcast_factory(starts_in=(n + 2) * DAY, title=f"Lös {n}", parent=webcast_index)
    return second


def test_the_index_runs_a_fixed_number_of_queries(client, webcast_index, many, django_assert_max_num_queries):
    client.get(webcast_index.url)  # warm the process's kept routes and fragments
    with django_assert_max_num_queries(6):
        html = html_of(client.get(webcast_index.url))
    # 22 webcasts: the series' eight past ones are capped at six here, with a link to the rest.
    assert html.count("webcast-card ") == 20
    assert "2 tidigare avsnitt till av Våga vara digital!" in html
    with django_assert_max_num_queries(6):
        html_of(client.get(webcast_index.url, {"lan": "AB", "malgrupp": "chef"}))


def test_the_series_page_runs_a_fixed_number_of_queries(client, series, many, django_assert_max_num_queries):
    client.get(series.url)
    with django_assert_max_num_queries(5):
        html = html_of(client.get(series.url))
    assert html.count("webcast-card ") == 15


def test_the_webcast_page_runs_a_fixed_number_of_queries(
    client, learner, webcast_factory, module_factory, django_assert_max_num_queries
):
    page = webcast_factory(starts_in=-2 * DAY, recording_url=YOUTUBE)
    for n in range(12):
        WebcastPresenter.objects.create(page=page, name=f"Person {n}")
        WebcastChapter.objects.create(page=page, starts_at_seconds=60 * n, title=f"Kapitel {n}")
        document = get_document_model().objects.create(title=f"Dokument {n}", file=ContentFile(b"x", name=f"d{n}.pdf"))
        WebcastDocument.objects.create(page=page, document=document)
    for _ in range(5):
        page.related_modules.add(module_factory())
    page.save()
    client.force_login(learner)
    client.get(page.url)
    with django_assert_max_num_queries(25):  # 7 of them this page's own (selectors.webcast_detail)
        html = html_of(client.get(page.url, {"spela": "1"}))
    assert html.count("data-chapter=") == 12 and html.count("Dokument ") == 12


# --- the editor -----------------------------------------------------------------------------------------


def edit_data(page, **changes):
    """What Wagtail's edit form posts for a webcast, with presenters, chapters, documents and a poll."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    data = {
        "title": page.title,
        "slug": page.slug,
        "starts_at": "2026-12-03 13:00",
        "ends_at": "2026-12-03 14:30",
        "intro": "Om digital ledning.",
        "description": rich_text("<p>Beskrivning.</p>"),
        "stream_url": YOUTUBE,
        "capacity": "",
        "recording_url": "",
        "recording_minutes": "",
        "transcript": rich_text(""),
        "presenters": inline_formset([{"name": "Karin Berg", "role": "Region Uppsala"}]),
        "chapters": inline_formset([{"starts_at_seconds": "750", "title": "Frågestund"}]),
        "documents": inline_formset([]),
        "poll_results": "after_vote",
        "polls": {
            "count": "1",
            "0": {
                "type": "poll",
                "deleted": "",
                "order": "0",
                "id": "7a6b1c2d-0000-4000-8000-000000000001",
                "value": {
                    "question": "Hur digital är ni?",
                    "options": {
                        "count": "2",
                        "0": {"value": "Mycket", "deleted": "", "order": "0", "id": "opt-1"},
                        "1": {"value": "Lite", "deleted": "", "order": "1", "id": "opt-2"},
                    },
                },
            },
        },
        "attendance_minutes": "10",
        "recording_share": "50",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    # nested_form_data would write a list as target_groups-0; a multiple choice posts the name once a value.
    return {**nested_form_data(data), "target_groups": ["chef"], "counties": ["C"]}


def edit(client, page, **changes):
    from django.urls import reverse

    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_data(page, **changes))


def test_the_editor_has_its_tabs(client, administrator, webcast):
    from django.urls import reverse

    client.force_login(administrator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[webcast.pk])).content.decode()
    # Wagtail 8 keeps its own settings (publishing schedule, privacy) in the side panel: no empty tab.
    for slug in ("innehall", "fragor_och_omrostningar", "marknadsfor"):
        assert f'id="tab-label-{slug}"' in html, slug


def test_the_editor_saves_presenters_chapters_documents_and_polls(client, administrator, webcast):
    client.force_login(administrator)
    document = get_document_model().objects.create(title="Bilder", file=ContentFile(b"x", name="bilder.pdf"))
    from wagtail.test.utils.form_data import inline_formset

    response = edit(client, webcast, documents=inline_formset([{"document": str(document.pk), "title": "Bildspel"}]))
    assert response.status_code == 302, response.context["form"].errors if response.context else response

    webcast.refresh_from_db()
    draft = webcast.get_latest_revision_as_object()
    assert [p.name for p in draft.presenters.all()] == ["Karin Berg"]
    assert [(c.starts_at_seconds, c.title) for c in draft.chapters.all()] == [(750, "Frågestund")]
    assert [d.title for d in draft.documents.all()] == ["Bildspel"]
    assert draft.polls[0].value["question"] == "Hur digital är ni?"
    assert draft.target_groups == ["chef"] and draft.counties == ["C"]
    assert draft.starts_at == datetime.datetime(2026, 12, 3, 12, 0, tzinfo=datetime.UTC)  # 13.00 Stockholm


def test_the_editor_refuses_an_end_before_the_start(client, administrator, webcast):
    client.force_login(administrator)
    response = edit(client, webcast, ends_at="2026-12-03 12:00")
    assert response.status_code == 200
    assert response.context["form"].errors["ends_at"] == ["Webbsändningen måste sluta efter att den har börjat."]


def test_the_editor_refuses_a_host_not_allowed_with_a_clear_message(client, administrator, webcast):
    client.force_login(administrator)
    response = edit(client, webcast, stream_url="https://evil.example.com/embed/1")
    assert response.status_code == 200
    [message] = response.context["form"].errors["stream_url"]
    assert "www.youtube-nocookie.com" in message and "player.vimeo.com" in message
    response = edit(client, webcast, recording_url="http://player.vimeo.com/video/1")  # not https
    assert "recording_url" in response.context["form"].errors


def test_the_editors_preview_shows_unsaved_presenters_and_chapters(client, administrator, webcast):
    from django.urls import reverse

    client.force_login(administrator)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[webcast.pk])
    response = client.post(url, edit_data(webcast, recording_url=VIMEO))
    assert response.status_code == 200 and response.json()["is_valid"]
    html = html_of(client.get(url))
    assert "Karin Berg" in html and "Frågestund" in html
    assert "<iframe" not in html


def test_the_named_queries_follow_the_clock_rule(states, webcast_index):
    from webcasts import selectors

    webcasts = selectors.public_webcasts().descendant_of(webcast_index)
    assert [w.title for w in selectors.live_now(webcasts)] == ["Pågår nu"]
    assert [w.title for w in selectors.upcoming(webcasts)] == ["Kommande avsnitt"]  # not the cancelled one
    assert [w.title for w in selectors.past(webcasts)] == ["Slut utan inspelning", "Med inspelning"]
    assert selectors.live_index() == webcast_index
