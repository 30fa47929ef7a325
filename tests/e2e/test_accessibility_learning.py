"""Courses, e-modules, My learning and the workshop pages in a real browser: axe-core (WCAG 2.0/2.1 A and AA),
the Nu Html Checker and the Content-Security-Policy, in the states a learner, a manager and a facilitator see.

Each test visits several pages, collects every problem and validates all HTML in one JVM start, so a failure
lists everything that is wrong at once. Each runs at a desktop's width and at a 390 px phone's, where no page may
scroll sideways. Set E2E_SCREENSHOTS=dir to keep screenshots (layout test).
"""

from tests.builders import correct_ids, wrong_ids
from tests.factories import PASSWORD

from .conftest import across_viewports, axe_violations, csp_violations, format_axe, html_errors, layout_problems, login
from .fixtures import TRY_AGAIN, answer, question_section, screenshot


class Checks:
    """Collects axe violations, CSP reports and HTML documents from several pages, then fails once."""

    def __init__(self, new_page=None):
        self.problems, self.documents, self.pages = [], {}, []
        self.new_page = new_page

    def check(self, page, name, html=None):
        """Runs axe on the page as it is now and keeps its HTML (the server's, or the live DOM's) for vnu."""
        if page not in self.pages:
            self.pages.append(page)
        self.documents[name] = html if html is not None else page.content()
        violations = axe_violations(page)
        if violations:
            self.problems.append(format_axe(violations, where=f"{name} ({page.url}) "))
        self.problems += layout_problems(page, where=f"{name} ({page.url}) ")

    def check_without_javascript(self, page, name):
        """axe-core needs timers, which never fire in a page with JavaScript off. So the page's exact DOM
        is served again to a JavaScript-enabled page whose own scripts are blocked, and axe runs there."""
        html, url = page.content(), page.url.split("#")[0]
        mirror = self.new_page()
        mirror.route("**/*.js", lambda route: route.abort())
        mirror.route(url, lambda route: route.fulfill(body=html, content_type="text/html; charset=utf-8"))
        mirror.goto(url)
        self.check(mirror, name, html)

    def visit(self, page, name, path, status=200):
        response = page.goto(path)
        if response.status != status:
            self.problems.append(f"{name} ({path}): HTTP {response.status}, expected {status}")
            return response
        self.check(page, name, response.text())
        return response

    def assert_ok(self):
        for page in self.pages:
            self.problems += [f"{page.url}: {text}" for text in csp_violations(page)]
        self.problems += html_errors(self.documents)
        assert not self.problems, f"{len(self.problems)} problem(s):\n" + "\n".join(self.problems)


@across_viewports
def test_course_and_module_pages_are_accessible_and_valid(
    site, course, module, learner, module_workshop, new_page, live_server
):
    checks = Checks(new_page)
    structure = module.structure
    first = structure.steps[0].quiz_questions[0]
    third = structure.steps[2].quiz_questions[0]
    reflection = structure.reflection_questions[0]

    anonymous = new_page()
    response = anonymous.goto("/kurser/")
    assert anonymous.url.endswith("/utbildningar/"), "/kurser/ should lead to the course list"
    checks.check(anonymous, "course list", response.text())
    checks.visit(anonymous, "course page", course.url)
    checks.visit(anonymous, "module overview, anonymous", module.url)

    page = new_page()
    login(page, live_server, learner.email, PASSWORD)
    checks.visit(page, "my learning, nothing started", "/mitt-larande/")
    assert page.locator(".workshop-card").count() == 1, "My learning should list the learner's workshop"
    checks.visit(page, "step with a quiz, before answering", module.step_url(1))

    answer(page, first, wrong_ids(first))
    checks.check(page, "step with a quiz, wrong answer shown in place (JS)")
    question_section(page, first).locator("summary").filter(has_text=TRY_AGAIN).click()
    checks.check(page, "step with a quiz, try-again form open (JS)")
    answer(page, first, correct_ids(first))
    checks.check(page, "step with a quiz, right answer shown in place (JS)")

    checks.visit(page, "step with a quiz, answered, reloaded", module.step_url(1))
    page.goto(module.step_url(2))
    form = question_section(page, reflection).locator("form")
    with page.expect_response(lambda r: r.request.method == "POST") as info:
        form.get_by_role("button").click()
    page.wait_for_load_state()
    assert info.value.status == 400
    textarea = form.locator("textarea")
    assert textarea.get_attribute("aria-invalid") == "true", "the empty reflection should be marked invalid"
    described = (textarea.get_attribute("aria-describedby") or "").split()
    assert any("Skriv din reflektion" in page.locator(f"[id='{i}']").inner_text() for i in described), (
        "the reflection field should point to its error message"
    )
    checks.check(page, "step with a reflection, empty submit", info.value.text())

    checks.visit(page, "module overview, in progress", module.url)
    checks.visit(page, "my learning, in progress, with a workshop", "/mitt-larande/")

    # Without JavaScript the answer is a plain post and a redirect back to the question.
    plain = new_page(java_script_enabled=False)
    login(plain, live_server, learner.email, PASSWORD)
    plain.goto(module.step_url(3))
    answer(plain, third, wrong_ids(third), javascript=False)
    checks.check_without_javascript(plain, "step with a quiz, wrong answer after redirect (no JS)")
    plain.goto(module.step_url(3))
    plain.locator("summary").filter(has_text=TRY_AGAIN).click()
    answer(plain, third, correct_ids(third), javascript=False)
    checks.check_without_javascript(plain, "step with a quiz, right answer after redirect (no JS)")

    checks.assert_ok()


@across_viewports
def test_workshop_pages_are_accessible_and_valid(
    site, module, manager, facilitator, module_workshop, busy_group, new_page, live_server
):
    checks = Checks()
    manager_page = new_page()
    login(manager_page, live_server, manager.email, PASSWORD)
    checks.visit(manager_page, "workshop list", "/workshoppar/")
    checks.visit(manager_page, "readiness", f"/workshoppar/{module_workshop.pk}/beredskap/")

    kit_path = f"/workshoppar/{module_workshop.pk}/grupper/{busy_group.pk}/"
    facilitator_page = new_page()
    login(facilitator_page, live_server, facilitator.email, PASSWORD)
    checks.visit(facilitator_page, "facilitator kit", kit_path)
    assert facilitator_page.locator(".kit-reflections li").count() == 2
    assert facilitator_page.locator("table.dist").count() >= 1, "five answers should be enough to show them"
    checks.visit(facilitator_page, "readiness, as facilitator", f"/workshoppar/{module_workshop.pk}/beredskap/")
    checks.assert_ok()


def test_facilitator_kit_prints_without_the_site_around_it(
    site, module, facilitator, module_workshop, busy_group, new_page, live_server
):
    """The kit on A4: no header, footer, navigation or buttons; the tables fit the printable width."""
    page = new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    login(page, live_server, facilitator.email, PASSWORD)
    page.goto(f"/workshoppar/{module_workshop.pk}/grupper/{busy_group.pk}/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [".site-header", ".site-footer", ".site-nav", ".skip-link", ".no-print", ".button"]
            .flatMap((selector) => [...document.querySelectorAll(selector)].map((el) => [selector, getComputedStyle(el).display]))"""
    )
    assert hidden and all(display == "none" for _, display in hidden), f"shown in print: {hidden}"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the printed kit is {overflow}px wider than the page"
    screenshot(page, "kit-print")
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
