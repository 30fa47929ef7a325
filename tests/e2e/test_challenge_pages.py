"""The challenge page (filtered too) and a solution page in a real browser: axe-core (WCAG 2.1 A/AA), the Nu Html
Checker, the CSP and the layout at 1280 and 390 px, with the demo's content. Set E2E_SCREENSHOTS=dir to keep
screenshots."""

import pytest
from wagtail.models import Collection

from accounts import demo as accounts_demo
from challenges import demo as challenges_demo
from challenges.models import SolutionPage

from .conftest import across_viewports
from .fixtures import screenshot
from .test_accessibility_learning import Checks


@pytest.fixture
def root_collection(live_server, settings, tmp_path):
    """A flushed database has lost Wagtail's root collection, which images and documents need."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return Collection.objects.filter(depth=1).first() or Collection.add_root(name="Root")


@pytest.fixture
def challenge_demo(root_collection, site):
    """The demo challenge, its four municipalities' solutions and attachments, in the live server's database."""
    people = accounts_demo.seed()["people"]
    return challenges_demo.seed(site, people)


@across_viewports
def test_challenge_and_solution_pages_are_accessible_and_valid(challenge_demo, new_page, viewport):
    checks = Checks(new_page)
    page = new_page()
    width = viewport["width"]
    challenge = challenge_demo["challenge"]
    checks.visit(page, "challenge", challenge.url)
    screenshot(page, f"challenge-{width}")
    tag = "planeringsstöd"
    checks.visit(page, "challenge, filtered", f"{challenge.url}?tag={tag}")
    assert page.locator(".solution-card").count() == 2
    screenshot(page, f"challenge-filtered-{width}")
    checks.visit(page, "challenge, bad filter", f"{challenge.url}?organisation=abc")
    assert page.locator("[data-filter-ignored]").is_visible()
    solution = SolutionPage.objects.get(slug="checklista-malgrupper-och-kommunikation")
    checks.visit(page, "solution", solution.url)
    screenshot(page, f"solution-{width}")
    # The FAQ opens with the keyboard: a native disclosure.
    page.goto(challenge.url)
    question = page.locator(".faq__question").first
    question.focus()
    page.keyboard.press("Enter")
    assert page.locator(".faq__item").first.get_attribute("open") is not None
    checks.assert_ok()


def test_the_filter_works_without_javascript(challenge_demo, new_page):
    page = new_page(java_script_enabled=False)
    challenge = challenge_demo["challenge"]
    page.goto(challenge.url)
    page.get_by_label("Organisation").select_option(label="Härnösands kommun (2)")
    page.get_by_role("button", name="Visa lösningar").click()
    page.wait_for_url("**organisation=*")
    assert page.locator(".solution-card").count() == 2
    assert "Visar 2 av 5 lösningar: Härnösands kommun." in page.locator("[data-solution-count]").inner_text()
    page.get_by_role("link", name="Checklista för målgrupper, med kommunikationstips").click()
    page.get_by_role("link", name="Kommunikation").click()
    assert page.locator(".solution-card").count() == 2
    assert "med taggen ”Kommunikation”" in page.locator("[data-solution-count]").inner_text()
