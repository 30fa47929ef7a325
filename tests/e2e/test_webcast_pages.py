"""The webcast pages in a real browser: axe-core (WCAG 2.1 A/AA), the Nu Html Checker, the CSP and the layout at
1280 and 390 px, on the list, a series and a webcast in each state, anonymous and signed in; the privacy-friendly
player (nothing from the streaming host before play; the swap with JavaScript; a chapter jump); and without
JavaScript, ?spela=1. Set E2E_SCREENSHOTS=dir to keep screenshots."""

import datetime

import pytest

from tests.factories import PASSWORD
from tests.webcasts import conftest as webcast_fixtures
from webcasts.models import WebcastChapter, WebcastPresenter

from .conftest import across_viewports, login
from .fixtures import screenshot
from .test_accessibility_learning import Checks

DAY = datetime.timedelta(days=1)
YOUTUBE = "https://www.youtube-nocookie.com/embed/abc123"
VIMEO = "https://player.vimeo.com/video/42"
STREAM_HOSTS = ("youtube-nocookie.com", "vimeo.com")

# The webcast fixtures of tests/webcasts/conftest.py, for this folder.
webcast_index = webcast_fixtures.webcast_index
series = webcast_fixtures.series
webcast_factory = webcast_fixtures.webcast_factory


@pytest.fixture
def webcasts(site, webcast_factory):
    made = {
        "upcoming": webcast_factory(
            starts_in=3 * DAY, title="Kommande: Digital ledning", stream_url=YOUTUBE, intro="Om ledning."
        ),
        "live": webcast_factory(
            starts_in=-datetime.timedelta(minutes=10), title="Direkt: AI i offentlig sektor", stream_url=YOUTUBE
        ),
        "ended": webcast_factory(starts_in=-2 * DAY, title="Avslutad: Informationssäkerhet"),
        "recording": webcast_factory(
            starts_in=-5 * DAY,
            title="Inspelad: Tillitsbaserad styrning",
            recording_url=VIMEO,
            recording_minutes=75,
            transcript="<p>Välkomna. Idag pratar vi om tillit.</p>",
            description="<p>Ett samtal om styrning och tillit.</p>",
        ),
        "cancelled": webcast_factory(starts_in=6 * DAY, title="Inställd: Öppna data", cancelled=True),
    }
    recording = made["recording"]
    WebcastPresenter.objects.create(page=recording, name="Karin Berg", role="Digitaliseringschef, Region Uppsala")
    for seconds, title in ((0, "Inledning"), (750, "Ledarskapets roll"), (3725, "Frågestund")):
        WebcastChapter.objects.create(page=recording, starts_at_seconds=seconds, title=title)
    return made


def streaming_requests(page):
    """Records every request the page makes to a streaming host."""
    seen = []
    page.on("request", lambda request: any(h in request.url for h in STREAM_HOSTS) and seen.append(request.url))
    # The streaming services are not reachable from the test machine: answer for them with a plain page.
    page.route(
        "https://*.vimeo.com/**",
        lambda route: route.fulfill(body="<!doctype html><title>Vimeo</title><p>spelare</p>", content_type="text/html"),
    )
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(
            body="<!doctype html><title>YouTube</title><p>spelare</p>", content_type="text/html"
        ),
    )
    return seen


@across_viewports
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed-in"])
def test_webcast_pages_are_accessible_and_valid(
    webcasts,
    webcast_index,
    series,
    learner,
    new_page,
    live_server,
    viewport,
    signed_in,
):
    checks = Checks(new_page)
    page = new_page()
    if signed_in:
        login(page, live_server, learner.email, PASSWORD)
    seen = streaming_requests(page)
    width = viewport["width"]
    who = "signed-in" if signed_in else "anonymous"
    checks.visit(page, "webcast list", webcast_index.url)
    screenshot(page, f"webcast-index-{who}-{width}")
    checks.visit(page, "webcast list, filtered", webcast_index.url + "?lan=C&malgrupp=chef")
    checks.visit(page, "series", series.url)
    screenshot(page, f"webcast-series-{who}-{width}")
    for state, webcast in webcasts.items():
        checks.visit(page, f"webcast {state}", webcast.url)
        screenshot(page, f"webcast-{state}-{who}-{width}")
    assert not seen, f"Loaded from a streaming host before play: {seen}"
    checks.visit(page, "recording, playing", webcasts["recording"].url + "?spela=1&t=750")
    screenshot(page, f"webcast-recording-playing-{who}-{width}")
    checks.assert_ok()


def test_the_player_loads_on_play_and_a_chapter_jumps_it(webcasts, new_page, live_server):
    page = new_page()
    seen = streaming_requests(page)
    recording = webcasts["recording"]
    page.goto(recording.url)
    assert page.locator("iframe").count() == 0
    play = page.get_by_role("link", name="Spela upp")
    assert "player.vimeo.com" in page.locator(".player__privacy").inner_text()
    assert not seen
    play.click()
    frame = page.locator("iframe[data-player-frame]")
    frame.wait_for()
    assert page.url.split("#")[0] == live_server.url + recording.url  # swapped in place, no navigation
    assert frame.get_attribute("src") == "https://player.vimeo.com/video/42?autoplay=1"
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    page.get_by_role("link", name="Ledarskapets roll").click()
    page.wait_for_function("document.querySelector('iframe[data-player-frame]').src.includes('#t=750s')")
    assert frame.get_attribute("src") == "https://player.vimeo.com/video/42?autoplay=1#t=750s"
    page.get_by_role("link", name="Frågestund").click()
    page.wait_for_function("document.querySelector('iframe[data-player-frame]').src.includes('#t=3725s')")
    assert page.locator("[data-player-status]").inner_text() == "1:02:05 Frågestund"
    assert seen and all("vimeo.com" in url for url in seen)
    screenshot(page, "webcast-recording-after-chapter-1280")


def test_a_chapter_before_play_loads_the_player_at_that_time(webcasts, new_page):
    page = new_page()
    streaming_requests(page)
    page.goto(webcasts["recording"].url)
    page.get_by_role("link", name="Ledarskapets roll").click()
    frame = page.locator("iframe[data-player-frame]")
    frame.wait_for()
    assert frame.get_attribute("src") == "https://player.vimeo.com/video/42?autoplay=1#t=750s"


def test_the_live_stream_swaps_in_with_youtubes_start_parameter(webcasts, new_page):
    page = new_page()
    seen = streaming_requests(page)
    page.goto(webcasts["live"].url)
    assert not seen
    page.get_by_role("link", name="Spela upp").click()
    frame = page.locator("iframe[data-player-frame]")
    frame.wait_for()
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/abc123?autoplay=1"
    assert page.locator(".player__privacy").count() == 0


def test_without_javascript_play_and_chapters_are_plain_links(webcasts, new_page, live_server):
    checks = Checks(new_page)
    page = new_page(java_script_enabled=False)
    seen = streaming_requests(page)
    recording = webcasts["recording"]
    page.goto(recording.url)
    assert page.locator("iframe").count() == 0 and not seen
    page.get_by_role("link", name="Spela upp").click()
    page.wait_for_url("**?spela=1#spelare")
    assert (
        page.locator("iframe[data-player-frame]").get_attribute("src") == "https://player.vimeo.com/video/42?autoplay=1"
    )
    checks.check_without_javascript(page, "recording playing, no JavaScript")
    page.get_by_role("link", name="Ledarskapets roll").click()
    page.wait_for_url("**t=750#spelare")
    assert page.locator("iframe[data-player-frame]").get_attribute("src").endswith("#t=750s")
    checks.assert_ok()
