"""Every page of the maturity survey and the rollout plans (issue 16), used as each role uses it, at a desktop's
width and at a 390 px phone's: axe-core (WCAG 2.1 A/AA), the Nu Html Checker, the Content-Security-Policy and, at
390 px, no sideways scrolling (a table may scroll inside its own region). The demo data gives each role real
content: Sundsvall's baseline and closed follow-up (results with change, departments, comparison), Härnösand's open
round and rollout plan. The printout of the results is rendered to a PDF once. Set E2E_SCREENSHOTS=dir to keep a
screenshot of every page (and the PDF)."""

import os
from pathlib import Path

from maturity import structure
from maturity.models import Instrument, Round, RoundKind
from rollout.models import RolloutPlan

from .conftest import across_viewports, layout_problems, login
from .fixtures import screenshot
from .test_accessibility_roles import RoleChecks

LEARNER_EMAIL = "anna.lindqvist@harnosand.se"
SUNDSVALL_STAFF = "medarbetare@sundsvall.se"
SUNDSVALL_MANAGER = "chef@sundsvall.se"
HARNOSAND_MANAGER = "chef@harnosand.se"
PROGRAMME_OWNER = "programagare@lansstyrelsen.se"
EDITOR = "redaktor@kompetenslyft.se"
ADMINISTRATOR = "admin@kompetenslyft.se"


def open_round():
    return Round.objects.get(organisation__name="Härnösands kommun", closed_at__isnull=True, opened_at__isnull=False)


def sundsvall_follow_up():
    return Round.objects.get(organisation__name="Sundsvalls kommun", kind=RoundKind.FOLLOW_UP)


def part_count(round_):
    return sum(len(d.categories) for d in structure.for_round(round_).dimensions)


@across_viewports
def test_learner_survey_pages_are_accessible_and_valid(demo, new_page, live_server):
    round_ = open_round()
    checks = RoleChecks(new_page, "learner")
    page = new_page()
    login(page, live_server, LEARNER_EMAIL)
    checks.visit(page, "maturity home, open survey", "/mognad/")
    assert page.locator("[data-list=open-surveys] li").count() == 1, "she is invited to Härnösand's open round"
    for number in range(1, part_count(round_) + 1):
        checks.visit(page, f"answer part {number}", f"/mognad/omgangar/{round_.pk}/svara/?del={number}")
    # A submit with nothing chosen on the last part: the form comes back with the summary of what is missing.
    page.locator("button[value=submit]").click()
    page.wait_for_load_state()
    checks.check(page, "answer, submitted incomplete")
    checks.visit(page, "my answers, nothing submitted", f"/mognad/omgangar/{round_.pk}/mina-svar/")

    staff = new_page()
    login(staff, live_server, SUNDSVALL_STAFF)
    checks.role = "staff"
    checks.visit(staff, "maturity home, past surveys", "/mognad/")
    follow_up = sundsvall_follow_up()
    checks.visit(staff, "my answers, closed round", f"/mognad/omgangar/{follow_up.pk}/mina-svar/")
    checks.visit(staff, "answer page, closed round", f"/mognad/omgangar/{follow_up.pk}/svara/?del=2")
    checks.assert_ok()


@across_viewports
def test_manager_maturity_pages_are_accessible_and_valid(demo, new_page, live_server):
    follow_up = sundsvall_follow_up()
    checks = RoleChecks(new_page, "manager")
    page = new_page()
    login(page, live_server, SUNDSVALL_MANAGER)
    checks.visit(page, "maturity home, rounds", "/mognad/")
    checks.visit(page, "round detail, closed", f"/mognad/omgangar/{follow_up.pk}/")
    checks.visit(page, "results, follow-up", f"/mognad/omgangar/{follow_up.pk}/resultat/")
    assert page.locator("[data-figure=change]").count() > 0, "the follow-up shows the change since the baseline"
    assert page.locator("[data-breakdown=h-departments] tr[data-hidden]").count() > 0, "small departments hidden"
    checks.visit(page, "new round form", "/mognad/omgangar/ny/")
    page.get_by_label("Titel").fill("Digital mognad, förvaltningarna")
    page.locator("select[name=instrument]").select_option(index=1)
    page.locator("input[name=audience][value=departments]").check()
    page.locator("input[name=departments]").first.check()
    page.locator("input[name=save_as]").fill("Första förvaltningen")
    page.locator("button[name=preview]").click()
    page.locator("[data-figure=preview]").wait_for()
    checks.check(page, "new round form, preview")
    page.locator("input[name=departments]").first.uncheck()
    page.locator("button[name=preview]").click()
    page.locator(".error-summary, .field--error").first.wait_for()
    checks.check(page, "new round form, error")
    checks.visit(page, "saved selections", "/mognad/urval/")
    checks.assert_ok()


@across_viewports
def test_rollout_pages_are_accessible_and_valid(demo, new_page, live_server):
    plan = RolloutPlan.objects.get(title__startswith="Digitalt lyft i Härnösand")
    phases = list(plan.phases.order_by("position"))
    assert len(phases) == 3
    waiting = next(phase for phase in phases if phase.started_at is None)
    item = phases[0].communications.first()
    base = f"/inforande/{plan.pk}"
    checks = RoleChecks(new_page, "manager-rollout")
    page = new_page()
    login(page, live_server, HARNOSAND_MANAGER)
    checks.visit(page, "rollout plans", "/inforande/")
    checks.visit(page, "rollout plan", f"{base}/")
    checks.visit(page, "checklist", f"{base}/checklista/")
    checks.visit(page, "edit plan", f"{base}/redigera/")
    checks.visit(page, "new plan", "/inforande/ny/")
    checks.visit(page, "edit phase", f"{base}/faser/{phases[0].pk}/")
    checks.visit(page, "new phase", f"{base}/faser/ny/")
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state()
    checks.check(page, "new phase, errors")
    checks.visit(page, "new message", f"{base}/faser/{phases[0].pk}/kommunikation/ny/")
    checks.visit(page, "edit message", f"{base}/kommunikation/{item.pk}/")
    checks.visit(page, "start phase, not started", f"{base}/faser/{waiting.pk}/starta/")
    checks.visit(page, "start phase, started", f"{base}/faser/{phases[0].pk}/starta/")
    checks.visit(page, "delete phase", f"{base}/faser/{phases[-1].pk}/ta-bort/")
    checks.visit(page, "delete message", f"{base}/kommunikation/{item.pk}/ta-bort/")
    # The Härnösand manager also has the open round: its detail page with the mail table and the actions.
    checks.visit(page, "round detail, open", f"/mognad/omgangar/{open_round().pk}/")
    checks.assert_ok()


@across_viewports
def test_programme_owner_and_editor_pages(demo, new_page, live_server):
    follow_up = sundsvall_follow_up()
    checks = RoleChecks(new_page, "programme-owner")
    page = new_page()
    login(page, live_server, PROGRAMME_OWNER)
    checks.visit(page, "maturity home, all organisations", "/mognad/")
    assert page.locator("[data-table=h-all-rounds] tr[data-round]").count() >= 5
    checks.visit(page, "results, Sundsvall", f"/mognad/omgangar/{follow_up.pk}/resultat/")
    assert page.locator("[data-departments-withheld]").count() == 1, "departments are for the managers only"
    checks.assert_ok()

    # Wagtail's own admin screens are only looked at for sideways scrolling and kept as screenshots, as in
    # test_accessibility_roles. The editor's snippet permissions come from a data migration that the live
    # server's flush removes: the administrator opens them (the editor sees the same screens).
    instrument = Instrument.objects.get()
    admin = new_page()
    login(admin, live_server, ADMINISTRATOR)
    problems = []
    for name, path in (
        ("surveys", "/admin/snippets/maturity/instrument/"),
        ("survey-edit", f"/admin/snippets/maturity/instrument/edit/{instrument.pk}/"),
    ):
        response = admin.goto(path)
        if response.status != 200:
            problems.append(f"{path}: HTTP {response.status}")
            continue
        problems += layout_problems(admin, where=f"{path} ")
        screenshot(admin, f"editor-admin-{name}-{admin.viewport_size['width']}")
    assert not problems, "\n".join(problems)


def test_results_print_as_a4(demo, new_page, live_server):
    """The results printed: no site header, footer or buttons; the charts and tables whole. Kept as a PDF in
    E2E_SCREENSHOTS for looking at it."""
    follow_up = sundsvall_follow_up()
    page = new_page()
    login(page, live_server, SUNDSVALL_MANAGER)
    page.goto(f"/mognad/omgangar/{follow_up.pk}/resultat/")
    page.emulate_media(media="print")
    hidden = page.evaluate(
        """() => [".site-header", ".site-footer", ".actions-row", "nav"].flatMap((sel) =>
            [...document.querySelectorAll(sel)].filter((el) => el.offsetParent !== null || el.getClientRects().length)
              .map(() => sel))"""
    )
    assert not hidden, f"visible in print: {hidden}"
    clipped = page.evaluate(
        """() => [...document.querySelectorAll(".maturity-results table")].filter((t) =>
            t.getBoundingClientRect().right > document.querySelector(".maturity-results").getBoundingClientRect().right + 1
        ).length"""
    )
    assert clipped == 0, f"{clipped} table(s) wider than the printed page"
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf[:4] == b"%PDF"
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "manager-results-print.pdf").write_bytes(pdf)
