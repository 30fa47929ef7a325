"""A visitor answers "Hjälpte informationen på sidan dig?" in a real browser, with and without JavaScript, at a
desktop's and a phone's width: yes, and no with a comment. With JavaScript the answer is sent in place (the page
does not reload) and the thank-you appears in the status region; without it the form posts and the page comes
back with the thank-you or the comment field. axe and the Nu Html Checker run on the question, the comment step
and the thank-you; no cookie other than the CSRF token is set, and nothing is asked of another host.
"""

import datetime

import pytest
from playwright.sync_api import expect

from core.pagetree import ensure_child_page
from home.models import AccessibilityStatementPage, ContentPage, PageFeedback

from .conftest import across_viewports, axe_violations, format_axe, html_errors, layout_problems, same_host
from .fixtures import screenshot

QUESTION = "Hjälpte informationen på sidan dig?"
THANKS = "Tack för att du hjälper oss!"
ABOUT = "/om-kompetenslyft/"
ALLOWED_COOKIES = {"csrftoken"}


@pytest.fixture
def pages(home_page):
    """A content page and the accessibility statement, built here (live_server tests flush the database)."""
    ensure_child_page(
        home_page,
        ContentPage,
        "om-kompetenslyft",
        title="Om Kompetenslyft",
        intro="Kompetenslyft är en plattform för digitala kompetenssatsningar i kommuner och regioner.",
        body=[("paragraph", "<p>Här samlas utbildningar, webbsändningar och stöd för ledningen.</p>")],
        last_reviewed=datetime.date(2026, 11, 1),
    )
    ensure_child_page(
        home_page,
        AccessibilityStatementPage,
        "tillganglighetsredogorelse",
        title="Tillgänglighetsredogörelse",
        assessed_on=datetime.date(2026, 11, 25),
        updated_on=datetime.date(2026, 11, 25),
    )
    return home_page


def open_page(new_page, live_server, javascript, path=ABOUT):
    page = new_page(java_script_enabled=javascript)
    page.other_hosts = []
    page.on("request", lambda request: same_host(request.url, live_server) or page.other_hosts.append(request.url))
    page.goto(path)
    if javascript:
        page.evaluate("() => { window.sameDocument = true; }")  # gone if the page reloads
    return page


def check(page, name, problems, documents, twin=None):
    """axe on the page as it is now, its markup kept for one Nu Html Checker run, and the layout at a phone's width.

    axe needs JavaScript: for a page without it, `twin` (a page with JavaScript, same viewport) opens the same
    address, which the server renders the same way (the question, ?kommentera= or ?tack=1), and axe runs there.
    """
    if twin is not None:
        documents[name] = page.content()
        twin.goto(page.url)
        page = twin
    else:
        documents[name] = "<!DOCTYPE html>\n" + page.evaluate("() => document.documentElement.outerHTML")
    violations = axe_violations(page)
    if violations:
        problems.append(format_axe(violations, where=f"{name}: "))
    problems.extend(layout_problems(page, where=f"{name}: "))


def finish(page, context_name, problems, documents):
    cookies = {cookie["name"] for cookie in page.context.cookies()}
    if not cookies <= ALLOWED_COOKIES:
        problems.append(f"{context_name}: cookies beyond the necessary: {sorted(cookies - ALLOWED_COOKIES)}")
    if page.other_hosts:
        problems.append(f"{context_name}: requests to other hosts: {page.other_hosts}")
    if page.console_errors:
        problems.append(f"{context_name}: console errors: {page.console_errors}")
    problems.extend(html_errors(documents))
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)


@across_viewports
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_visitor_answers_yes(pages, new_page, live_server, javascript, viewport):
    page = open_page(new_page, live_server, javascript)
    name = f"yes-{'js' if javascript else 'nojs'}-{viewport['width']}"
    problems, documents = [], {}
    twin = None if javascript else new_page()
    box = page.locator("#sidfeedback")
    expect(box.locator("legend")).to_have_text(QUESTION)
    screenshot(page, f"page-feedback-{name}-question")
    check(page, f"{name}: question", problems, documents, twin)

    box.get_by_role("button", name="Ja", exact=True).click()
    status = box.get_by_role("status")
    expect(status).to_have_text(THANKS)
    expect(box.locator("form")).to_have_count(0)
    if javascript:
        assert page.evaluate("() => window.sameDocument === true"), "the page reloaded"
        assert page.url.endswith(ABOUT)
        expect(status.locator("p")).to_be_focused()
    else:
        assert page.url.endswith(f"{ABOUT}?tack=1#sidfeedback")
    assert list(PageFeedback.objects.values_list("helpful", "comment")) == [(True, "")]
    screenshot(page, f"page-feedback-{name}")
    check(page, f"{name}: thanks", problems, documents, twin)
    finish(page, name, problems, documents)


@across_viewports
@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_visitor_answers_no_with_a_comment(pages, new_page, live_server, javascript, viewport):
    page = open_page(new_page, live_server, javascript, "/tillganglighetsredogorelse/")
    name = f"no-{'js' if javascript else 'nojs'}-{viewport['width']}"
    problems, documents = [], {}
    twin = None if javascript else new_page()
    box = page.locator("#sidfeedback")
    comment = box.get_by_label("Vad saknades eller var svårt att förstå?")
    expect(comment).to_be_hidden()

    box.get_by_role("button", name="Nej", exact=True).click()
    expect(comment).to_be_visible()
    expect(box.get_by_role("status")).to_have_text("Tack för ditt svar.")
    question = box.get_by_role("group", name=QUESTION)
    if javascript:
        expect(question).to_be_hidden()
        assert page.evaluate("() => window.sameDocument === true"), "the page reloaded"
        expect(comment).to_be_focused()
    else:
        expect(question).to_have_count(0)
        assert "?kommentera=" in page.url and page.url.endswith("#sidfeedback")
    assert list(PageFeedback.objects.values_list("helpful", "comment")) == [(False, "")]  # the "no" counts now
    screenshot(page, f"page-feedback-{name}-comment")
    check(page, f"{name}: comment step", problems, documents, twin)

    comment.fill("Jag hittar inte när webbsändningarna textas.")
    box.get_by_role("button", name="Skicka").click()
    expect(box.get_by_role("status")).to_have_text(THANKS)
    expect(box.locator("form")).to_have_count(0)
    if javascript:
        assert page.evaluate("() => window.sameDocument === true"), "the page reloaded"
    else:
        assert page.url.endswith("?tack=1#sidfeedback")
    assert list(PageFeedback.objects.values_list("helpful", "comment")) == [
        (False, "Jag hittar inte när webbsändningarna textas.")
    ]
    screenshot(page, f"page-feedback-{name}-thanks")
    check(page, f"{name}: thanks", problems, documents, twin)
    finish(page, name, problems, documents)


def test_a_refusal_is_shown_in_place(pages, new_page, live_server):
    """Past the rate limit the script shows the server's sentence in the status region; nothing is stored."""
    from django.core.cache import cache

    from home import feedback

    page = open_page(new_page, live_server, True)
    # The live server counts the browser's address; fill its window as twenty earlier answers would have.
    cache.set(f"ratelimit:{feedback.LIMIT.name}:127.0.0.1", feedback.LIMIT.allowed, feedback.LIMIT.window)
    page.locator("#sidfeedback").get_by_role("button", name="Ja", exact=True).click()
    expect(page.locator("#sidfeedback").get_by_role("status")).to_contain_text("Försök igen senare")
    assert page.evaluate("() => window.sameDocument === true")
    assert not PageFeedback.objects.exists()


@across_viewports
def test_without_javascript_a_refusal_is_a_page_that_leads_back(pages, new_page, live_server, viewport):
    """Past the rate limit without JavaScript: a page of the site with the sentence and a link back to the
    question; accessible and valid at both widths, nothing stored."""
    from django.core.cache import cache

    from home import feedback

    page = open_page(new_page, live_server, False)
    cache.set(f"ratelimit:{feedback.LIMIT.name}:127.0.0.1", feedback.LIMIT.allowed, feedback.LIMIT.window)
    page.locator("#sidfeedback").get_by_role("button", name="Ja", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ditt svar kunde inte tas emot")
    expect(page.get_by_role("alert")).to_have_text("Du har svarat många gånger på kort tid. Försök igen senare.")
    name = f"refused-{viewport['width']}"
    screenshot(page, f"page-feedback-{name}")
    problems, documents = [], {name: page.content()}
    twin = new_page()  # axe needs JavaScript: the same refusal, rendered for a browser that has it
    twin.goto(ABOUT)
    twin.evaluate(
        """async () => {
            const form = document.querySelector('#sidfeedback form');
            const response = await fetch(form.action, {method: 'POST', body: new FormData(form)});
            document.open(); document.write(await response.text()); document.close();
        }"""
    )
    expect(twin.get_by_role("heading", level=1)).to_have_text("Ditt svar kunde inte tas emot")
    violations = axe_violations(twin)
    if violations:
        problems.append(format_axe(violations, where=f"{name}: "))
    problems.extend(layout_problems(page, where=f"{name}: "))
    problems.extend(html_errors(documents))
    assert not problems, "\n".join(problems)
    page.get_by_role("link", name="Tillbaka till sidan").click()
    expect(page).to_have_url(f"{live_server.url}{ABOUT}#sidfeedback")
    expect(page.locator("#sidfeedback")).to_contain_text(QUESTION)
    assert not PageFeedback.objects.exists()
