"""Every page issue 14 touched, used as each role uses it, at a desktop's width and at a 390 px phone's.

The demo data (seed_demo) gives each role real content: a learner in Härnösand with finished modules and an
upcoming chefsdag, its manager, a facilitator of one of its groups, an editor, a programme owner and an
administrator. Each page gets axe-core (WCAG 2.1 A/AA), the Nu Html Checker, the Content-Security-Policy and, at
390 px, a check that the page does not scroll sideways (a table may scroll inside its own region).
Set E2E_SCREENSHOTS=dir to keep a full-page screenshot of every page, named role-page-width.png.
"""

import re

from django.template.loader import render_to_string

from accounts.models import User
from core.middleware import PUBLIC_CSP
from elearning.models import Attempt, CoursePage, ModulePage
from workshops.models import Workshop

from .conftest import across_viewports, axe_violations, csp_violations, format_axe, html_errors, layout_problems, login
from .fixtures import screenshot
from .test_accessibility_learning import Checks

LEARNER_EMAIL = "anna.lindqvist@harnosand.se"
MANAGER_EMAIL = "chef@harnosand.se"
FACILITATOR_EMAIL = "samtalsledare@harnosand.se"
EDITOR_EMAIL = "redaktor@kompetenslyft.se"
PROGRAMME_OWNER_EMAIL = "programagare@lansstyrelsen.se"
ADMINISTRATOR_EMAIL = "admin@kompetenslyft.se"


class RoleChecks(Checks):
    """Checks that also keep a screenshot of each page (E2E_SCREENSHOTS) named after the role and the width."""

    def __init__(self, new_page, role):
        super().__init__(new_page)
        self.role = role

    def check(self, page, name, html=None):
        super().check(page, name, html)
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        screenshot(page, f"{self.role}-{slug}-{page.viewport_size['width']}")


def _modules():
    return list(ModulePage.objects.live().order_by("path"))


def _steps_by_kind(module):
    """The first step with a quiz, with a reflection and with a discussion question."""
    found = {}
    for step in module.structure.steps:
        for question in step.questions:
            found.setdefault(question.type, step.number)
    return found


@across_viewports
def test_learner_pages_are_accessible_and_valid(demo, new_page, live_server):
    learner = User.objects.get(email=LEARNER_EMAIL)
    done, _second, fresh = _modules()[:3]
    attempt = Attempt.objects.filter(user=learner, module=done, finished_at__isnull=False).order_by("-number").first()
    assert attempt is not None, "the demo learner should have finished the first module"
    checks = RoleChecks(new_page, "learner")

    anonymous = new_page()
    checks.visit(anonymous, "password reset", "/konto/password/reset/")

    page = new_page()
    login(page, live_server, LEARNER_EMAIL)
    checks.visit(page, "home page, with own workshop", "/")
    assert page.locator(".home-workshops__list li").count() >= 1, "the home page should list her chefsdag"
    assert page.locator(".home-courses .card").count() >= 1, "the home page should list the courses"
    checks.visit(page, "search results", "/sok/?q=digitalisering")
    assert page.locator(".search-results li").count() > 0, "the search should find the demo content"
    checks.visit(page, "my learning", "/mitt-larande/")
    checks.visit(page, "course page", CoursePage.objects.live().first().url)
    checks.visit(page, "module overview, completed", done.url)
    checks.visit(page, "module overview, not started", fresh.url)
    checks.visit(page, "attempt review", f"/e-modul/{done.pk}/forsok/{attempt.number}/granska/")
    for kind, number in sorted(_steps_by_kind(done).items()):
        checks.visit(page, f"step with {kind}, completed module", done.step_url(number))
    for kind, number in sorted(_steps_by_kind(fresh).items()):
        if number == 1 or kind != "quiz":
            checks.visit(page, f"step with {kind}, new module", fresh.step_url(number))
    checks.visit(page, "profile", "/konto/profil/")
    checks.visit(page, "my data", "/konto/mina-uppgifter/")
    checks.visit(page, "change password", "/konto/password/change/")
    checks.assert_ok()


@across_viewports
def test_workshop_pages_for_manager_and_facilitator_are_accessible_and_valid(demo, new_page, live_server):
    workshop = Workshop.objects.get(title__startswith="Chefsdag")
    group = workshop.groups.get(facilitator__email=FACILITATOR_EMAIL)
    department = workshop.organisation.departments.order_by("name").first()
    readiness = f"/workshoppar/{workshop.pk}/beredskap/"
    checks = RoleChecks(new_page, "manager")

    manager = new_page()
    login(manager, live_server, MANAGER_EMAIL)
    checks.visit(manager, "workshop list", "/workshoppar/")
    checks.visit(manager, "readiness", readiness)
    checks.visit(manager, "readiness, not ready, by name", f"{readiness}?not_ready=on&sort=name")
    checks.visit(manager, "readiness, one group, ready last", f"{readiness}?group={group.pk}&sort=ready")
    checks.visit(manager, "readiness, one department", f"{readiness}?department={department.pk}&sort=department")
    checks.visit(manager, "readiness, nobody matches", f"{readiness}?not_ready=on&group={group.pk}&department=0")
    checks.visit(manager, "reminder preview", f"/workshoppar/{workshop.pk}/paminn/")
    # Past the field's maxlength, as a browser without it would send: the preview comes back with an error.
    manager.locator("textarea[name=message]").evaluate(
        "(field, text) => { field.removeAttribute('maxlength'); field.value = text; }",
        "Hej! " + "Gör klart modulerna före chefsdagen. " * 30,
    )
    with manager.expect_response(lambda r: r.request.method == "POST") as info:
        manager.locator("form.form button[type=submit]").click()
    manager.wait_for_load_state()
    assert info.value.status == 200, "a message over 1,000 characters should come back with an error"
    checks.check(manager, "reminder preview, message too long", info.value.text())
    manager.locator("textarea[name=message]").fill("Hej! Gör klart modulerna före chefsdagen.")
    checks.check(manager, "reminder preview, with a message")

    facilitator = new_page()
    login(facilitator, live_server, FACILITATOR_EMAIL)
    checks.role = "facilitator"
    checks.visit(facilitator, "workshop list", "/workshoppar/")
    checks.visit(facilitator, "facilitator kit", f"/workshoppar/{workshop.pk}/grupper/{group.pk}/")
    assert facilitator.locator("[data-print]").is_visible(), "the kit should offer a print button (JavaScript on)"
    checks.visit(facilitator, "readiness", readiness)
    checks.assert_ok()


@across_viewports
def test_admin_reports_for_each_role_are_accessible(demo, new_page, live_server):
    """The report pages of the admin that issue 14 touched, as the roles that use them. Wagtail's own admin
    screens (the page editor) are only looked at for sideways scrolling and kept as screenshots."""
    done = _modules()[0]
    problems, documents = [], {}
    roles = {
        "manager": (MANAGER_EMAIL, ["/admin/workshoppar/rapporter/slutforande/", "/admin/e-modulrapporter/"]),
        "programme-owner": (PROGRAMME_OWNER_EMAIL, ["/admin/e-modulrapporter/", f"/admin/e-modulrapporter/{done.pk}/"]),
        "editor": (EDITOR_EMAIL, [f"/admin/e-modulrapporter/{done.pk}/"]),
        "administrator": (
            ADMINISTRATOR_EMAIL,
            [
                "/admin/workshoppar/rapporter/slutforande/",
                "/admin/e-modulrapporter/",
                f"/admin/e-modulrapporter/{done.pk}/",
            ],
        ),
    }
    for role, (email, paths) in roles.items():
        page = new_page()
        login(page, live_server, email)
        for path in paths:
            response = page.goto(path)
            name = f"{role} {path}"
            if response.status != 200:
                problems.append(f"{name}: HTTP {response.status}")
                continue
            documents[name] = response.text()
            violations = axe_violations(page)
            if violations:
                problems.append(format_axe(violations, where=f"{name} "))
            problems += layout_problems(page, where=f"{name} ")
            screenshot(
                page, f"{role}-admin-{re.sub(r'[^a-z0-9]+', '-', path).strip('-')}-{page.viewport_size['width']}"
            )
    # The editor's page permissions come from a data migration, which the live server's flush removes: the
    # administrator opens the module in the editor here (the dev server shows the same link to the editor).
    editor = new_page()
    login(editor, live_server, ADMINISTRATOR_EMAIL)
    report = f"/admin/e-modulrapporter/{done.pk}/"
    response = editor.goto(f"/admin/pages/{done.pk}/edit/")
    # Wagtail's dropdown script takes the header's "more" menu out of the page until it opens: the server's
    # markup has the link, and opening the menu (as a person does) shows it.
    if report not in response.text():
        problems.append("the module editor (/admin/pages/<id>/edit/) has no link to the module's report")
    else:
        editor.locator('header [data-w-dropdown-target="toggle"]').first.click()
        if not editor.locator(f'a[href="{report}"]').is_visible():
            problems.append("the module editor's header menu does not show the link to the module's report")
    screenshot(editor, f"editor-admin-module-edit-{editor.viewport_size['width']}")
    errors = html_errors(documents)
    assert not problems + errors, f"{len(problems + errors)} problem(s):\n" + "\n".join(problems + errors)


@across_viewports
def test_service_unavailable_page_is_accessible(demo, new_page, live_server):
    """The 503 page is served by a middleware when the database is gone: it is rendered here and served to the
    browser under the site's own Content-Security-Policy."""
    html = render_to_string("503.html", {"site_name": "Kompetenslyft"})
    page = new_page()
    page.route(
        f"{live_server.url}/",
        lambda route: route.fulfill(
            status=503,
            body=html,
            content_type="text/html; charset=utf-8",
            headers={"Content-Security-Policy": PUBLIC_CSP},
        ),
    )
    page.goto("/")
    problems = format_axe(axe_violations(page)).splitlines() + layout_problems(page) + csp_violations(page)
    problems += html_errors(html)
    screenshot(page, f"anonymous-503-{page.viewport_size['width']}")
    assert not problems, "\n".join(problems)
