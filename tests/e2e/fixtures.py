"""Data and helpers for the learning and workshop tests in a real browser.

The data is built with the factories and builders inside each test, not with seed_demo: live_server tests
are transactional and the database is flushed after each one, so every fixture here makes its rows again.
tests/e2e/conftest.py imports the fixtures, so every e2e module can use them.

The learning fixtures of tests/conftest.py (`course`, `module`, `learner`, `manager`, `facilitator`,
`editor`, `members_factory`) work here too; `site` adds what a page needs around them (the footer's pages).
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.utils import timezone

from elearning import services as learning_services
from home import demo as home_demo
from tests.builders import complete
from workshops.models import Membership, Workshop, WorkshopGroup

# Printed in the learner's language (sv): the tests find buttons and verdicts by their visible text.
START_MODULE = "Börja modulen"
CONTINUE = "Fortsätt där du slutade"
TRY_AGAIN = "Försök igen för att öva"
CORRECT = "Rätt!"
NOT_QUITE = "Inte helt rätt."
FINISH = "Avsluta modulen"

# Text that only belongs to the answer key (tests/builders.quiz): feedback per option and the explanation.
ANSWER_KEY_TEXT = ("Återkoppling", "Förklaring")


@pytest.fixture
def site(home_page, roles):
    """The default site and home page, the role groups, and the pages the footer links to."""
    home_demo.seed()
    return home_page


@pytest.fixture
def module_workshop(module, learner, facilitator, organisation):
    """A chefsdag in two weeks that requires `module`; the learner is in group "Bord 1" led by the facilitator."""
    workshop = Workshop.objects.create(
        title="Chefsdag digitalisering",
        organisation=organisation,
        starts_at=timezone.now() + datetime.timedelta(days=14),
        place="Härnösands teater",
    )
    workshop.required_modules.set([module])
    workshop.facilitators.set([facilitator])
    workshop.save()  # a ClusterableModel keeps parental m2m changes in memory until saved
    group = WorkshopGroup.objects.create(workshop=workshop, name="Bord 1", facilitator=facilitator, room="Foajén")
    Membership.objects.create(workshop=workshop, group=group, user=learner)
    return workshop


@pytest.fixture
def busy_group(module_workshop, module, members_factory):
    """Five more members of "Bord 1" who have finished the module, so the kit can show how they answered
    (the anonymity threshold is 5); two shared a reflection, one of them with their name."""
    group = module_workshop.groups.get()
    members = members_factory(5, group=group)
    reflection = module.structure.reflection_questions[0]
    for number, member in enumerate(members):
        complete(member, module)
        if number < 2:
            learning_services.save_reflection(
                member,
                module,
                reflection.id,
                text=f"Vi behöver prata mer om styrning, tycker person {number}.\nOch om ansvar.",
                shared=True,
                show_name=number == 0,
            )
    return group


# --- in the browser -------------------------------------------------------------------------------


def screenshot(page, name):
    """Saves a full-page screenshot when E2E_SCREENSHOTS names a folder (for looking at the layout)."""
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def question_section(page, question):
    return page.locator(f"[id='q-{question.id}']")


def assert_no_answer_key(page, question):
    """Before an answer is stored, nothing in the page tells the right option from the wrong ones."""
    html = page.content()
    for text in ANSWER_KEY_TEXT:
        assert text not in html, f"the page shows answer-key text ({text!r}) before the learner has answered"
    assert not re.search(r"correct|option--right|option--wrong|feedback--", html, re.IGNORECASE), (
        "the page hints at the correct answer before the learner has answered"
    )
    section = question_section(page, question)
    shapes = section.locator(".option").evaluate_all(
        """(options) => options.map((option) => {
            const copy = option.cloneNode(true);
            const input = copy.querySelector("input"), label = copy.querySelector("label");
            const attributes = [...input.attributes].map((a) => a.name).sort();
            input.removeAttribute("value"); input.removeAttribute("id"); label.removeAttribute("for");
            label.textContent = "";
            return {attributes, html: copy.outerHTML};
        })"""
    )
    assert len(shapes) == len(question.options)
    assert all(shape == shapes[0] for shape in shapes), f"options differ in more than their text: {shapes}"
    assert shapes[0]["attributes"] == ["id", "name", "type", "value"], shapes[0]
    values = section.locator(".option input").evaluate_all("(inputs) => inputs.map((i) => i.value)")
    assert sorted(values) == sorted(question.option_ids())


def answer(page, question, option_ids, *, javascript=True):
    """Chooses options in the question's (visible) form and sends it.

    With JavaScript the answer is posted in the background and the feedback replaces the question in
    place (and takes the focus); without, the form posts and the server redirects back to the question.
    """
    from playwright.sync_api import expect

    form = question_section(page, question).locator("form[data-quiz-form]")
    for option_id in option_ids:
        form.locator(f"input[value='{option_id}']").check()
    button = form.locator("button[type=submit]")
    if javascript:
        page.evaluate("() => { window.stillTheSamePage = true; }")
        with page.expect_response(lambda response: "/svar/" in response.url) as info:
            button.click()
        assert info.value.status == 200, info.value.text()
        expect(question_section(page, question).locator("[data-feedback]")).to_be_focused()
        assert page.evaluate("() => window.stillTheSamePage === true"), "the answer should not load a new page"
    else:
        with page.expect_navigation():
            button.click()
        assert page.url.endswith(f"#q-{question.id}"), page.url
    return question_section(page, question).locator("[data-feedback]")


def focus_style(page):
    """The focused element and how its focus shows: outline and box-shadow as computed."""
    return page.evaluate(
        """() => {
        const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
        return {tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "", value: el.value || "",
                text: (el.innerText || el.textContent || "").trim().slice(0, 80), id: el.id,
                outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
                shadow: style.boxShadow, visible: box.width > 0 && box.height > 0};
    }"""
    )


def has_visible_focus(style):
    return style["visible"] and (
        (style["outline"] != "none" and style["outlineWidth"] >= 2) or style["shadow"] not in ("", "none")
    )
