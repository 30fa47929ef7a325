"""Live questions and polls in a real browser: a viewer and a moderator in two browser contexts.

The viewer asks and votes; the moderator pins the question and opens a poll; the viewer sees both
without reloading (webcast-live.js polls the shared snapshot) and votes. A context without JavaScript
does the same by plain form posts. The moderator screen and the live panel pass axe and the Nu Html
Checker at 1280 and 390 px.
"""

# ruff: noqa: F811  (the webcast fixtures come from tests/webcasts/conftest.py)

import datetime
import os
import time

import pytest
from django.test import Client

from tests.factories import UserFactory
from webcasts import live
from webcasts.models import PollStatus, PollVote, Question, QuestionVote

from ..webcasts.conftest import series, webcast_factory, webcast_index  # noqa: F401  (fixtures)
from ..webcasts.test_live import POLLS
from .conftest import PHONE, WIDE, assert_no_csp_violations, axe_violations, format_axe, html_errors, layout_problems
from .fixtures import screenshot

POLL_WAIT = 12_000  # ms: the script polls every 4 ± 1 s; the snapshot is rebuilt within a second of a write


@pytest.fixture
def people(site, organisation):
    viewer = UserFactory(
        email="tittare@harnosand.se", first_name="Tina", last_name="Tittare", organisation=organisation
    )
    other = UserFactory(email="annan@harnosand.se", first_name="Olle", last_name="Annan", organisation=organisation)
    moderator = UserFactory(email="moderator@lansstyrelsen.se", first_name="Mona", last_name="Moderator")
    return viewer, other, moderator


@pytest.fixture
def on_air(webcast_factory, people):
    page = webcast_factory(starts_in=-datetime.timedelta(minutes=10), title="Direkt: AI i förvaltningen", polls=POLLS)
    page.moderators.set([people[2]])
    page.save()
    return page


def signed_in(new_page, live_server, user, **options):
    """A browser context with the person's session (made the way a login makes it)."""
    client = Client()
    client.force_login(user)
    page = new_page(**options)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])
    return page


def check_accessibility(page, name):
    problems = [format_axe(axe_violations(page), f"{name}: ")] if axe_violations(page) else []
    problems += [f"{name}: {error}" for error in html_errors(page.content())]
    problems += layout_problems(page, f"{name}: ")
    assert_no_csp_violations(page)
    if os.environ.get("E2E_SCREENSHOTS"):
        screenshot(page, name)
    return problems


def test_viewer_and_moderator(new_page, live_server, on_air, people):
    viewer, other, moderator = people
    earlier, _ = live.ask(on_air, other, "Hur kommer vi igång med AI?")
    watcher = signed_in(new_page, live_server, viewer)
    watcher.goto(on_air.url + "#live")
    panel = watcher.locator("#live")
    assert panel.get_by_text("Hur kommer vi igång med AI?").is_visible()

    # The viewer asks (anonymously) and votes on another question, without a reload.
    panel.get_by_label("Din fråga").fill("Vilka risker ska vi se upp med?")
    panel.get_by_label("Anonym för andra tittare").check()
    panel.get_by_role("button", name="Skicka frågan").click()
    panel.locator("[data-live-ask-status]").filter(has_text="Tack!").wait_for()
    panel.locator("[data-live-questions]").get_by_text("Vilka risker ska vi se upp med?").wait_for(timeout=POLL_WAIT)
    panel.locator(f"#q{earlier.pk}").get_by_role("button", name="Rösta upp").click()
    panel.locator(f"#q{earlier.pk}").get_by_text("Du har röstat").wait_for()
    assert QuestionVote.objects.filter(question=earlier, user=viewer).count() == 1
    mine = Question.objects.get(author=viewer)
    assert mine.anonymous

    # The moderator pins the viewer's question and opens a poll, on the moderator screen.
    desk = signed_in(new_page, live_server, moderator)
    desk.goto(f"/webbsandning/{on_air.pk}/moderera/")
    assert desk.get_by_text("Tina Tittare").first.is_visible()  # the moderator sees who asked anonymously
    desk.locator(f"#q{mine.pk}").get_by_role("button", name="Fäst: besvaras nu").click()
    desk.wait_for_load_state()
    desk.locator("#poll-poll-digital").get_by_role("button", name="Öppna omröstningen").click()
    desk.wait_for_load_state()

    # The viewer sees the pin and the poll without reloading, then votes.
    pinned = panel.locator("[data-live-pinned]")
    pinned.get_by_text("Vilka risker ska vi se upp med?").wait_for(timeout=POLL_WAIT)
    assert "Tina" not in panel.inner_text()
    poll = panel.locator("#poll-poll-digital")
    poll.get_by_label("Delvis").wait_for(timeout=POLL_WAIT)
    poll.get_by_label("Delvis").check()
    poll.get_by_role("button", name="Rösta").click()
    poll.get_by_text("Tack för din röst!").wait_for()
    assert list(PollVote.objects.values_list("user", "option_id")) == [(viewer.pk, "opt-delvis")]

    # Someone else asks: announced politely, shown only on request.
    live.ask(on_air, other, "Vem ansvarar för informationssäkerheten?")
    announce = panel.locator("[data-live-announce]")
    announce.filter(has_text="1 ny fråga").wait_for(timeout=POLL_WAIT)
    assert announce.get_attribute("aria-live") == "polite"
    assert not panel.get_by_text("Vem ansvarar för informationssäkerheten?").count()
    panel.get_by_role("button", name="Visa nya frågor").click()
    assert panel.get_by_text("Vem ansvarar för informationssäkerheten?").is_visible()

    # The moderator's screen shows the vote live.
    desk.locator("#poll-poll-digital [data-option=opt-delvis] [data-votes]").filter(has_text="1").wait_for(
        timeout=POLL_WAIT
    )
    assert not watcher.console_errors and not desk.console_errors, watcher.console_errors + desk.console_errors


def test_without_javascript_every_action_is_a_form_post(new_page, live_server, on_air, people, settings):
    # Every write shows at the next reload: this test is about form posts; the throttle has its own tests.
    settings.WEBCAST_LIVE_THROTTLE_SECONDS = 0
    viewer, other, moderator = people
    earlier, _ = live.ask(on_air, other, "Fråga från en annan tittare")
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    page = signed_in(new_page, live_server, viewer, java_script_enabled=False)
    page.goto(on_air.url)
    page.get_by_label("Din fråga").fill("Fungerar det utan skript?")
    page.get_by_role("button", name="Skicka frågan").click()
    page.get_by_text("Tack! Din fråga är publicerad.").wait_for()
    assert page.locator("[data-live-questions]").get_by_text("Fungerar det utan skript?").is_visible()
    page.locator(f"#q{earlier.pk}").get_by_role("button", name="Rösta upp").click()
    page.get_by_text("Din röst är räknad.").wait_for()
    assert page.locator(f"#q{earlier.pk}").get_by_text("Du har röstat").is_visible()
    page.locator("#poll-poll-ai").get_by_label("Ja").check()
    page.locator("#poll-poll-ai").get_by_role("button", name="Rösta").click()
    page.get_by_text("Tack för din röst!").first.wait_for()
    assert PollVote.objects.filter(user=viewer, option_id="opt-ja").exists()

    desk = signed_in(new_page, live_server, moderator, java_script_enabled=False)
    desk.goto(f"/webbsandning/{on_air.pk}/moderera/")
    desk.locator(f"#q{earlier.pk}").get_by_role("button", name="Fäst: besvaras nu").click()
    desk.get_by_text("Frågan är fäst som den som besvaras nu.").wait_for()
    # The shared snapshot is rebuilt at most once a second: a reload within it may show the one before.
    for _ in range(4):
        page.reload()
        if page.locator("[data-live-pinned]").get_by_text("Fråga från en annan tittare").count():
            break
        page.wait_for_timeout(500)
    assert page.locator("[data-live-pinned]").get_by_text("Fråga från en annan tittare").is_visible()


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["desktop", "phone"])
def test_accessibility_of_the_live_panel_and_the_moderator_screen(
    new_page, live_server, on_air, people, viewport, roles
):
    viewer, other, moderator = people
    for n in range(3):
        question, _ = live.ask(on_air, other, f"Fråga nummer {n + 1} om digital ledning och förändringsarbete?")
    live.ask(on_air, other, "En anonym fråga", anonymous=True)
    live.moderate(on_air, moderator, question.pk, live.Action.PIN)
    live.set_poll_status(on_air, moderator, "poll-digital", PollStatus.OPEN)
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    live.vote_poll(on_air, viewer, "poll-ai", "opt-ja")
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.CLOSED)
    on_air.questions_need_approval = True
    on_air.save()
    live.ask(on_air, other, "En fråga som väntar")
    time.sleep(1.1)  # the snapshot is rebuilt at most once a second: let it catch up with the writes above
    width = viewport["width"]
    problems = []
    watcher = signed_in(new_page, live_server, viewer, viewport=viewport)
    watcher.goto(on_air.url)
    watcher.locator("#live").wait_for()
    problems += check_accessibility(watcher, f"webcast-live-panel-{width}")
    desk = signed_in(new_page, live_server, moderator, viewport=viewport)
    desk.goto(f"/webbsandning/{on_air.pk}/moderera/")
    problems += check_accessibility(desk, f"webcast-moderate-{width}")
    # Keyboard: the first action button is reachable by Tab and shows its focus.
    desk.keyboard.press("Tab")
    for _ in range(40):
        if desk.evaluate("() => document.activeElement && document.activeElement.tagName") == "BUTTON":
            break
        desk.keyboard.press("Tab")
    assert desk.evaluate("() => document.activeElement.tagName") == "BUTTON"
    assert not problems, "\n".join(problems)
