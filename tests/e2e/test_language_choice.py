"""Swedish first, English when chosen (issue 14), in a real browser that asks for English.

The browser's locale is en-US and it sends "Accept-Language: en-US,en;q=0.9" with every request; the site
ignores that and speaks Swedish until the person presses the language switcher in the header. The choice then
holds on the next pages, after a reload, after logging out and on logging in again (it is saved on the
profile), until they switch back.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

from .conftest import assert_no_csp_violations, login

SWEDISH_NAV = ("Utbildningar", "Mitt lärande", "Sök")
ENGLISH_NAV = ("Courses", "My learning", "Search")


@pytest.fixture
def english_browser_page(new_page, javascript):
    """A page in a fresh context of a browser set to American English, with or without JavaScript."""
    return new_page(
        locale="en-US", extra_http_headers={"Accept-Language": "en-US,en;q=0.9"}, java_script_enabled=javascript
    )


def expect_language(page, lang, nav_labels, absent):
    expect(page.locator("html")).to_have_attribute("lang", lang)
    nav = page.locator("nav.site-nav")
    for label in nav_labels:
        expect(nav.get_by_role("link", name=label, exact=True)).to_be_visible()
    for label in absent:
        expect(nav.get_by_role("link", name=label, exact=True)).to_have_count(0)


def switch_to(page, label):
    """Presses the header's language switcher like a person and waits for the page it leads back to."""
    button = page.locator("header form.language-switcher").get_by_role("button", name=label, exact=True)
    expect(button).to_be_visible()
    with page.expect_navigation():
        button.click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_an_english_browser_gets_swedish_until_the_person_chooses_english(
    site, learner, english_browser_page, live_server, javascript
):
    page = english_browser_page
    if javascript:
        assert page.evaluate("() => navigator.language") == "en-US"

    # The home page, anonymous: Swedish, whatever the browser asks for.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.locator("nav.site-nav").get_by_role("link", name="Utbildningar", exact=True)).to_be_visible()
    expect(page.locator("nav.site-nav").get_by_role("link", name="Courses", exact=True)).to_have_count(0)

    # Logged in: still Swedish ("Mitt lärande" in the menu).
    login(page, live_server, learner.email, PASSWORD)
    expect_language(page, "sv", SWEDISH_NAV, ENGLISH_NAV)

    # The switcher: English on this page, the next one, and after a reload.
    switch_to(page, "English")
    expect_language(page, "en", ENGLISH_NAV, SWEDISH_NAV)
    page.locator("nav.site-nav").get_by_role("link", name="Courses", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("nav.site-nav a[aria-current=page]")).to_have_text("Courses")
    expect_language(page, "en", ENGLISH_NAV, SWEDISH_NAV)
    page.reload()
    expect_language(page, "en", ENGLISH_NAV, SWEDISH_NAV)
    learner.refresh_from_db()
    assert learner.preferred_language == "en", "the switcher saves a signed-in person's choice on the profile"

    # Logged out, this browser keeps English; logging in again (the profile says English) too.
    with page.expect_navigation():
        page.locator("header").get_by_role("button", name="Log out", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    login(page, live_server, learner.email, PASSWORD)
    expect_language(page, "en", ENGLISH_NAV, SWEDISH_NAV)

    # Back to Swedish with the switcher: Swedish again, also after a reload and on the next page.
    switch_to(page, "Svenska")
    expect_language(page, "sv", SWEDISH_NAV, ENGLISH_NAV)
    page.reload()
    expect_language(page, "sv", SWEDISH_NAV, ENGLISH_NAV)
    page.locator("nav.site-nav").get_by_role("link", name="Utbildningar", exact=True).click()
    page.wait_for_load_state()
    expect(page.locator("nav.site-nav a[aria-current=page]")).to_have_text("Utbildningar")
    expect_language(page, "sv", SWEDISH_NAV, ENGLISH_NAV)
    learner.refresh_from_db()
    assert learner.preferred_language == "sv"
    assert_no_csp_violations(page)
