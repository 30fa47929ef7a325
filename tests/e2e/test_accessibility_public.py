"""The public pages in a real browser: axe-core (WCAG 2.1 A/AA), the Nu Html Checker, keyboard use,
cookies and third-party requests, and layout on a narrow screen.

Each test visits several pages, collects every problem and validates all HTML in one JVM start, so a
failure lists everything that is wrong at once. The axe, HTML and keyboard checks run at a desktop's width and at
a 390 px phone's (``across_viewports``), where no page may scroll sideways.
"""

import os
from pathlib import Path

from .conftest import (
    LEARNER_EMAIL,
    across_viewports,
    assert_no_axe_violations,
    assert_no_csp_violations,
    assert_valid_html,
    axe_violations,
    csp_violations,
    format_axe,
    html_errors,
    layout_problems,
    login,
    same_host,
)

ANONYMOUS_PAGES = {
    "start page": ("/", 200),
    "content page": ("/om-kompetenslyft/", 200),
    "privacy page": ("/personuppgifter/", 200),
    "accessibility statement": ("/tillganglighetsredogorelse/", 200),
    "search, results": ("/sok/?q=digitalisering", 200),
    "search, no query": ("/sok/", 200),
    "search, no results": ("/sok/?q=qzxjvwk", 200),
    "login": ("/konto/login/", 200),
    "signup": ("/konto/signup/", 200),
    "page not found": ("/det-har-finns-inte/", 404),
}

LEARNER_PAGES = {
    "start page, logged in": ("/", 200),
    "profile": ("/konto/profil/", 200),
    "my data": ("/konto/mina-uppgifter/", 200),
    "e-mail addresses": ("/konto/email/", 200),
    "change password": ("/konto/password/change/", 200),
}

STRICTLY_NECESSARY_COOKIES = {"csrftoken", "sessionid", "django_language"}


def check_pages(page, pages):
    """Visits each page, runs axe on it and validates all of their HTML together. Fails with every problem."""
    problems, documents = [], {}
    for name, (path, status) in pages.items():
        response = page.goto(path)
        if response.status != status:
            problems.append(f"{name} ({path}): HTTP {response.status}, expected {status}")
            continue
        documents[name] = response.text()
        violations = axe_violations(page)
        if violations:
            problems.append(format_axe(violations, where=f"{name} ({path}) "))
        problems += layout_problems(page, where=f"{name} ({path}) ")
    problems += csp_violations(page)
    problems += html_errors(documents)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


@across_viewports
def test_public_pages_are_accessible_and_valid(demo, page):
    page.goto("/sok/?q=digitalisering")
    assert page.locator(".search-results li").count() > 0, "the search should find the demo content"
    check_pages(page, ANONYMOUS_PAGES)


@across_viewports
def test_learner_account_pages_are_accessible_and_valid(demo, page, live_server):
    login(page, live_server, LEARNER_EMAIL)
    check_pages(page, LEARNER_PAGES)


def _submit(page, form):
    with page.expect_response(lambda r: r.request.method == "POST") as info:
        form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    return info.value


@across_viewports
def test_form_errors_are_shown_accessibly(demo, page):
    documents = {}
    page.goto("/konto/login/")
    form = page.locator("form:has(input[name=login])")

    response = _submit(page, form)
    assert response.status == 200
    documents["login, empty"] = response.text()
    email = page.locator("input[name=login]")
    assert email.get_attribute("aria-invalid") == "true"
    error_ids = (email.get_attribute("aria-describedby") or "").split()
    assert error_ids, "the e-mail field should point to its error message"
    assert all(page.locator(f"[id='{error_id}']").count() == 1 for error_id in error_ids)
    summary_link = page.locator(".error-summary a[href='#id_login']")
    summary_link.click()
    assert email.evaluate("el => el === document.activeElement"), "the error summary should lead to the field"
    assert_no_axe_violations(page)

    form.locator("input[name=login]").fill(LEARNER_EMAIL)
    form.locator("input[name=password]").fill("not-the-password")
    response = _submit(page, form)
    documents["login, wrong password"] = response.text()
    summary = page.get_by_role("alert")
    assert summary.is_visible(), "a wrong password should be announced (role=alert)"
    assert summary.evaluate("el => el === document.activeElement"), "focus should start at the error summary"
    assert page.locator("input[name=login]").input_value() == LEARNER_EMAIL
    assert_no_axe_violations(page)

    page.goto("/konto/signup/")
    response = _submit(page, page.locator("form:has(input[name=password1])"))
    documents["signup, empty"] = response.text()
    assert page.locator("[aria-invalid=true]").count() >= 3
    assert_no_axe_violations(page)

    assert_no_csp_violations(page)
    assert_valid_html(documents)


@across_viewports
def test_skip_link_is_first_and_moves_focus_to_main(demo, page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
        const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
        return {cls: el.className, href: el.getAttribute("href"), text: el.textContent.trim(),
                outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
                box: {x: box.x, y: box.y, right: box.right, bottom: box.bottom}};
    }"""
    )
    assert "skip-link" in focused["cls"], f"the first Tab should reach the skip link, not {focused}"
    assert focused["href"] == "#main"
    assert focused["text"]
    box, viewport = focused["box"], page.viewport_size
    assert box["x"] >= 0 and box["y"] >= 0, f"the focused skip link should be visible: {box}"
    assert box["right"] <= viewport["width"] and box["bottom"] <= viewport["height"], box
    assert focused["outline"] != "none" and focused["outlineWidth"] > 0, "the focus should have a visible outline"

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    assert page.url.endswith("#main")
    scroll = page.evaluate(
        """() => ({top: document.getElementById("main").getBoundingClientRect().top,
                   atBottom: window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1})"""
    )
    assert abs(scroll["top"]) < 5 or (scroll["atBottom"] and scroll["top"] >= 0), (
        f"#main should be scrolled into view: {scroll}"
    )
    # The next Tab continues inside the main content, not back at the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")


def test_fresh_browser_gets_only_necessary_cookies_and_no_third_party_requests(demo, page, live_server):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for path in ["/", "/om-kompetenslyft/", "/sok/?q=digitalisering", "/konto/login/"]:
        page.goto(path)
    page.wait_for_load_state("networkidle")
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    assert cookies <= STRICTLY_NECESSARY_COOKIES, f"unexpected cookies: {cookies - STRICTLY_NECESSARY_COOKIES}"
    storage = page.evaluate("() => [localStorage.length, sessionStorage.length]")
    assert storage == [0, 0], "nothing may be kept in localStorage or sessionStorage without consent"
    elsewhere = [url for url in requests if not (same_host(url, live_server) or url.startswith("data:"))]
    assert not elsewhere, "requests to other hosts:\n" + "\n".join(elsewhere)
    assert requests, "the request listener saw nothing"


def test_layout_reflows_on_a_narrow_screen(demo, new_page):
    """WCAG 1.4.10: no horizontal scrolling at 320 CSS pixels. Set E2E_SCREENSHOTS=dir to keep screenshots."""
    shots = os.environ.get("E2E_SCREENSHOTS")
    problems = []
    for width in (1280, 375, 320):
        page = new_page(viewport={"width": width, "height": 800})
        for name, path in [("start", "/"), ("statement", "/tillganglighetsredogorelse/"), ("login", "/konto/login/")]:
            page.goto(path)
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{path} at {width}px scrolls sideways by {overflow}px")
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(Path(shots) / f"{name}-{width}.png"), full_page=True)
    assert not problems, "\n".join(problems)
