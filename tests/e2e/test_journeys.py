"""Whole journeys in a real browser: a learner takes an assigned module (with and without JavaScript), a manager
follows readiness and exports it, an editor builds a module in the Wagtail admin that a learner then takes,
and a learner who uses only the keyboard completes a step.

The data comes from the factories (tests/conftest.py, tests/e2e/fixtures.py). The tests may read which options
are right from the database (module.structure), since the page never tells before an answer is stored.
"""

import openpyxl
import pytest
from django.utils import translation
from playwright.sync_api import expect

from elearning.models import Answer, ModulePage, ModuleProgress, Reflection
from tests.builders import complete, correct_ids, workshop_member, wrong_ids
from tests.factories import PASSWORD

from .conftest import assert_no_csp_violations, login
from .fixtures import (
    CONTINUE,
    CORRECT,
    FINISH,
    NOT_QUITE,
    START_MODULE,
    TRY_AGAIN,
    answer,
    assert_no_answer_key,
    focus_style,
    has_visible_focus,
    question_section,
    screenshot,
)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_learner_takes_an_assigned_module_from_start_to_completion(
    site, module, learner, new_page, live_server, javascript
):
    page = new_page(java_script_enabled=javascript)
    structure = module.structure
    first, second, third = (step.quiz_questions[0] for step in structure.steps)
    reflection = structure.reflection_questions[0]

    # My learning lists the module as meant for the learner's target group; they open it from there.
    login(page, live_server, learner.email, PASSWORD)
    page.goto("/mitt-larande/")
    page.locator("section[aria-labelledby=h-todo]").get_by_role("link", name=module.title, exact=True).click()
    page.wait_for_url(f"**{module.url}")
    page.get_by_role("link", name=START_MODULE).click()
    page.wait_for_url(f"**{module.step_url(1)}")

    # Step 1: nothing gives the answer away; a wrong answer, then "try again" and the right one.
    assert_no_answer_key(page, first)
    feedback = answer(page, first, wrong_ids(first), javascript=javascript)
    expect(feedback).to_contain_text(NOT_QUITE)
    expect(feedback).to_have_class("feedback feedback--incorrect")
    retry = question_section(page, first).locator("details.try-again")
    expect(retry.locator("form")).to_be_hidden()
    retry.locator("summary").filter(has_text=TRY_AGAIN).click()
    expect(retry.locator("form")).to_be_visible()
    feedback = answer(page, first, correct_ids(first), javascript=javascript)
    expect(feedback).to_contain_text(CORRECT)
    expect(question_section(page, first).locator("details.try-again")).to_have_count(0)
    stored = Answer.objects.get(attempt__user=learner, question_id=first.id)
    assert (stored.first_correct, stored.correct, stored.tries) == (False, True, 2), "the first try is the graded one"

    # A reload shows the stored answer.
    page.reload()
    expect(question_section(page, first).locator("[data-feedback]")).to_contain_text(CORRECT)
    expect(question_section(page, first).locator("form[data-quiz-form]")).to_have_count(0)

    # Back on the overview, "continue where you left off" leads to the next step not done.
    page.locator(".module-steps__title a").click()
    page.wait_for_url(f"**{module.url}")
    expect(page.locator(".step-list__item").first).to_have_class("step-list__item step-list__item--done")
    page.get_by_role("link", name=CONTINUE).click()
    page.wait_for_url(f"**{module.step_url(2)}")

    # Step 2: a multiple-choice question and a reflection.
    assert_no_answer_key(page, second)
    expect(answer(page, second, correct_ids(second), javascript=javascript)).to_contain_text(CORRECT)
    reflection_form = question_section(page, reflection).locator("form")
    reflection_form.locator("textarea").fill("Vi behöver ett gemensamt språk.")
    with page.expect_navigation():
        reflection_form.get_by_role("button").click()
    assert Reflection.objects.get(user=learner, question_id=reflection.id).text == "Vi behöver ett gemensamt språk."
    expect(question_section(page, second).locator("[data-feedback]")).to_contain_text(CORRECT)
    page.locator(".step-pager a[rel=next]").click()
    page.wait_for_url(f"**{module.step_url(3)}")

    # Step 3: true or false; then to the summary, and finish.
    assert_no_answer_key(page, third)
    expect(answer(page, third, correct_ids(third), javascript=javascript)).to_contain_text(CORRECT)
    page.locator(".step-pager a").last.click()
    page.wait_for_url(f"**{module.url}#resultat")
    with page.expect_navigation():
        page.get_by_role("button", name=FINISH).click()
    expect(page.locator(".messages")).to_contain_text("Bra jobbat!")
    expect(page.locator("#status-heading + p .badge")).to_have_text("Genomförd")
    expect(page.locator("#resultat table tbody tr")).to_have_count(1)
    progress = ModuleProgress.objects.get(user=learner, module=module)
    assert progress.completed_at is not None
    assert progress.best_score == 67, "two of three first answers were right"

    # My learning now lists the module as completed.
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mitt lärande").click()
    page.wait_for_url("**/mitt-larande/")
    done = page.locator("section[aria-labelledby=h-done]")
    expect(done.get_by_role("link", name=module.title, exact=True)).to_be_visible()
    expect(done.locator(".badge")).to_have_text("Genomförd")
    expect(page.locator("section[aria-labelledby=h-todo]")).to_have_count(0)
    screenshot(page, f"journey-my-learning-completed-{'js' if javascript else 'nojs'}")
    assert not page.console_errors, page.console_errors


def test_manager_sees_who_is_ready_and_exports_readiness(
    site, module, learner, manager, module_workshop, page, live_server, tmp_path
):
    complete(learner, module)
    login(page, live_server, manager.email, PASSWORD)
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Workshoppar").click()
    page.get_by_role("link", name=module_workshop.title).click()
    page.wait_for_url(f"**/workshoppar/{module_workshop.pk}/beredskap/")

    row = page.locator("table.matrix tbody tr").filter(has=page.get_by_role("rowheader", name=learner.get_full_name()))
    expect(row).to_have_count(1)
    expect(row.locator("td[data-ready]")).to_have_text("Ja")
    expect(row.locator(".cell--done")).to_have_count(1)
    expect(page.locator("[data-figure=ready]")).to_contain_text("1 av 1")

    with page.expect_download() as info:
        page.get_by_role("link", name="Exportera till Excel (XLSX)").click()
    download = info.value
    assert download.suggested_filename.startswith(f"beredskap-{module_workshop.pk}-")
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    sheet = openpyxl.load_workbook(path).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    with translation.override("sv"):  # the export speaks the manager's language
        columns = tuple(translation.gettext(c) for c in ("Name", "E-mail", "Department", "Target group", "Group"))
        ready, yes, completed = (translation.gettext(word) for word in ("Ready", "Yes", "Completed"))
    assert header[:5] == columns, header
    assert header[5].startswith(module.title), header
    assert header[-1] == ready == "Klar", header
    assert len(rows) == 1
    (person,) = rows
    assert person[0] == learner.get_full_name()
    assert person[1] == learner.email
    assert person[4] == "Bord 1"
    assert person[5] == completed
    assert person[-1] == yes
    assert_no_csp_violations(page)


def test_editor_builds_a_module_in_the_admin_and_a_learner_answers_it(
    site, course, editor, learner, page, new_page, live_server
):
    # The StreamField editor builds its blocks in JavaScript: on a loaded 2-core CI machine that has
    # taken over 10 s (the one flaky failure of this test), so the admin steps get more time.
    page.set_default_timeout(30_000)
    login(page, live_server, editor.email, PASSWORD)
    page.goto(f"/admin/pages/{course.pk}/")
    page.locator(f"a[href='/admin/pages/{course.pk}/add_subpage/']").first.click()
    page.wait_for_load_state()
    if "/add_subpage/" in page.url:  # several page types allowed: choose "E-modul"
        page.locator(f"a[href*='/add/elearning/modulepage/{course.pk}/']").click()
    page.wait_for_url(f"**/admin/pages/add/elearning/modulepage/{course.pk}/")
    expect(page.locator("h1, h2").filter(has_text="E-modul").first).to_be_visible()

    page.locator("input[name=title]").fill("Modul från redaktören")
    page.locator("#panel-child-innehall-steps-content button.c-sf-add-button").first.click()
    page.locator("input[name='steps-0-value-title']").fill("Vem äger frågan?")
    page.locator("[data-contentpath=content] button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Quizfråga").click()
    quiz = "steps-0-value-content-0-value-"
    expect(page.locator(f"textarea[name='{quiz}question']")).to_be_visible()
    page.locator(f"textarea[name='{quiz}question']").fill("Vem äger digitaliseringen?")
    options = page.locator("[data-contentpath=options]")
    if page.locator(f"input[name='{quiz}options-1-value-text']").count() == 0:
        options.locator("button[data-streamfield-list-add]").last.click()
    page.locator(f"input[name='{quiz}options-0-value-text']").fill("IT-avdelningen")
    page.locator(f"input[name='{quiz}options-1-value-text']").fill("Ledningen")
    page.locator(f"input[name='{quiz}options-1-value-correct']").check()
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(f"**/admin/pages/{course.pk}/")
    expect(page.get_by_role("link", name="Modul från redaktören").first).to_be_visible()
    screenshot(page, "journey-admin-published")

    module = ModulePage.objects.live().get(title="Modul från redaktören")
    question = module.structure.quiz_questions[0]
    assert [option.text for option in question.options] == ["IT-avdelningen", "Ledningen"]

    learner_page = new_page()
    login(learner_page, live_server, learner.email, PASSWORD)
    learner_page.goto(course.url)
    learner_page.get_by_role("link", name="Modul från redaktören").click()
    learner_page.get_by_role("link", name=START_MODULE).click()
    learner_page.wait_for_url(f"**{module.step_url(1)}")
    expect(learner_page.get_by_role("heading", level=1)).to_have_text("Vem äger frågan?")
    assert_no_answer_key(learner_page, question)
    section = question_section(learner_page, question)
    section.get_by_label("Ledningen").check()
    section.get_by_role("button", name="Svara").click()
    expect(section.locator("[data-feedback]")).to_contain_text(CORRECT)
    assert Answer.objects.get(attempt__user=learner, question_id=question.id).first_correct
    assert_no_csp_violations(learner_page)


def _tab_to(page, matches, limit=60):
    """Presses Tab until the focused element matches; every element on the way must show its focus."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        style = focus_style(page)
        seen.append(style)
        if style["tag"] != "body":
            assert has_visible_focus(style), f"the focus is not visible on {style}"
        if matches(style):
            return style
    raise AssertionError(f"Tab never reached the element; focus went through {seen}")


def test_keyboard_only_learner_completes_a_step(site, module, learner, page, live_server):
    """Tab, Space and Enter only: no mouse clicks after logging in. Each focus stop is visibly marked."""
    structure = module.structure
    step = structure.steps[1]
    question, reflection = step.quiz_questions[0], structure.reflection_questions[0]
    right = correct_ids(question)
    workshop_member(learner, module)  # sharing is offered only where a facilitator will read it
    login(page, live_server, learner.email, PASSWORD)
    page.goto(module.step_url(2))

    # Tick the right options (checkboxes) with Space; leave the wrong one.
    for option in question.options:
        _tab_to(page, lambda s, option=option: s["type"] == "checkbox" and s["value"] == option.id)
        if option.id in right:
            page.keyboard.press("Space")
    _tab_to(page, lambda s: s["tag"] == "button" and s["text"] == "Svara")
    with page.expect_response(lambda response: "/svar/" in response.url):
        page.keyboard.press("Enter")
    feedback = question_section(page, question).locator("[data-feedback]")
    expect(feedback).to_be_focused()
    expect(feedback).to_contain_text(CORRECT)
    assert has_visible_focus(focus_style(page)), "the feedback that takes the focus should show it"

    # The reflection: type, share it with Space, save with Enter.
    _tab_to(page, lambda s: s["tag"] == "textarea")
    page.keyboard.type("Jag vill börja med målen.")
    _tab_to(page, lambda s: s["type"] == "checkbox" and s["name"].endswith("-shared"))
    page.keyboard.press("Space")
    _tab_to(page, lambda s: s["tag"] == "button" and s["text"] == "Spara reflektionen")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    saved = Reflection.objects.get(user=learner, question_id=reflection.id)
    assert (saved.text, saved.shared) == ("Jag vill börja med målen.", True)

    # On to the next step with Enter on the link.
    _tab_to(page, lambda s: s["tag"] == "a" and s["text"].startswith("Nästa steg"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(module.step_url(3))

    answer_row = Answer.objects.get(attempt__user=learner, question_id=question.id)
    assert answer_row.first_correct
    page.goto(module.url)
    second_step = page.locator(".step-list__item").nth(1)
    expect(second_step).to_have_class("step-list__item step-list__item--done")
    assert_no_csp_violations(page)
