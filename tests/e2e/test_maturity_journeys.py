"""Maturity and rollout journeys in a real browser, on the demo data: a learner answers Härnösand's open survey
with the keyboard, stops halfway and comes back; the same without JavaScript; a manager creates, opens and sends
a round; a manager adds a message to a rollout phase."""

import re

from maturity import structure
from maturity.models import Answer, Respondent, Round
from rollout.models import RolloutPlan

from .conftest import login

LEARNER_EMAIL = "anna.lindqvist@harnosand.se"
NO_JS_EMAIL = "samtalsledare@harnosand.se"
SUNDSVALL_MANAGER = "chef@sundsvall.se"
HARNOSAND_MANAGER = "chef@harnosand.se"


def open_round():
    return Round.objects.get(organisation__name="Härnösands kommun", closed_at__isnull=True, opened_at__isnull=False)


def parts_of(round_):
    """The number of statements on each page of the survey, in order."""
    return [len(c.statements) for d in structure.for_round(round_).dimensions for c in d.categories]


def answer_with_keyboard(page, offset):
    """Every radio group of the page answered with the keyboard only: Tab into the group, arrows to the value."""
    groups = page.locator("fieldset.statement")
    for index in range(groups.count()):
        first = groups.nth(index).locator("input[type=radio]").first
        if index == 0:
            first.focus()
        else:
            page.keyboard.press("Tab")
            assert first.evaluate("(el) => el === document.activeElement"), "Tab should lead to the next group"
        # Arrow keys move the choice inside a radio group; Space chooses the first one.
        page.keyboard.press("Space")
        for _ in range((index + offset) % 6):
            page.keyboard.press("ArrowDown")
    checked = page.locator("fieldset.statement input[type=radio]:checked").count()
    assert checked == groups.count(), "every statement of the page should have an answer"


def press_button(page, name):
    button = page.get_by_role("button", name=name, exact=True)
    button.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_learner_answers_with_the_keyboard_saves_halfway_and_submits(demo, page, live_server):
    round_ = open_round()
    counts = parts_of(round_)
    halfway = len(counts) // 2
    login(page, live_server, LEARNER_EMAIL)
    page.goto("/mognad/")
    page.locator("[data-list=open-surveys] a", has_text=round_.title).click()
    assert "Del 1 av" in page.locator("[data-figure=progress]").inner_text()

    for number in range(1, halfway + 1):
        answer_with_keyboard(page, number)
        if number < halfway:
            press_button(page, "Spara och fortsätt")
    press_button(page, "Spara och avsluta senare")
    assert page.url.endswith("/mognad/")
    assert "Dina svar är sparade" in page.locator(".message--success").inner_text()
    saved = sum(counts[:halfway])
    assert Answer.objects.filter(respondent__round=round_, respondent__user__email=LEARNER_EMAIL).count() == saved

    # Back again: she lands on the first part she has not answered, and her earlier answers are kept.
    page.locator("[data-list=open-surveys] a", has_text=round_.title).click()
    assert f"{saved} av {sum(counts)}" in page.locator("[data-figure=progress]").inner_text()
    assert f"Del {halfway + 1} av" in page.locator("[data-figure=progress]").inner_text()
    assert page.locator("fieldset.statement input:checked").count() == 0
    page.locator(".survey-parts a").first.click()
    assert page.locator("fieldset.statement input:checked").count() == counts[0], "part 1 keeps her answers"
    page.locator(".survey-parts a").nth(halfway - 1).click()
    assert f"Del {halfway + 1} av" in page.locator("[data-figure=progress]").inner_text()
    for number in range(halfway + 1, len(counts) + 1):
        answer_with_keyboard(page, number)
        press_button(page, "Spara och fortsätt" if number < len(counts) else "Skicka in")
    assert "/mina-svar/" in page.url
    assert "Tack! Dina svar är inskickade" in page.locator(".message--success").inner_text()
    assert f"{sum(counts)} av {sum(counts)}" in page.locator("[data-figure=answered]").inner_text()
    assert page.get_by_text("Inte besvarad").count() == 0
    assert Respondent.objects.get(round=round_, user__email=LEARNER_EMAIL).submitted_at is not None


def test_answering_works_without_javascript(demo, new_page, live_server):
    round_ = open_round()
    counts = parts_of(round_)
    page = new_page(java_script_enabled=False)
    login(page, live_server, NO_JS_EMAIL)
    page.goto(f"/mognad/omgangar/{round_.pk}/svara/")
    for number in range(1, len(counts) + 1):
        groups = page.locator("fieldset.statement")
        assert groups.count() == counts[number - 1]
        for index in range(groups.count()):
            groups.nth(index).locator("input[type=radio]").nth((index + number) % 7).check()
        if number == 2:
            # Going back a page keeps what was chosen.
            page.get_by_role("button", name="Föregående").click()
            assert "Del 1 av" in page.locator("[data-figure=progress]").inner_text()
            assert page.locator("fieldset.statement input:checked").count() == counts[0]
            page.get_by_role("button", name="Spara och fortsätt").click()
            assert page.locator("fieldset.statement input:checked").count() == counts[1]
        page.get_by_role("button", name="Spara och fortsätt" if number < len(counts) else "Skicka in").click()
    assert "/mina-svar/" in page.url
    assert "Tack! Dina svar är inskickade" in page.locator(".message--success").inner_text()
    assert page.get_by_text("Inte besvarad").count() == 0


def test_manager_creates_opens_and_sends_a_round(demo, page, live_server):
    login(page, live_server, SUNDSVALL_MANAGER)
    page.goto("/mognad/")
    page.get_by_role("link", name="Ny omgång").click()
    page.get_by_label("Titel").fill("Digital mognad, socialförvaltningen")
    page.locator("select[name=instrument]").select_option(index=1)
    page.locator("input[name=audience][value=departments]").check()
    department = page.locator("input[name=departments]").first
    department.check()
    page.get_by_role("button", name="Visa hur många personer valet omfattar").click()
    preview = page.locator("[data-figure=preview]").inner_text()
    covered = int(re.search(r"\d+", preview).group())
    assert covered > 0, preview
    assert page.locator("input[name=departments]").first.is_checked(), "the preview keeps the choice"
    page.get_by_role("button", name="Skapa omgången").click()
    assert re.search(r"/mognad/omgangar/\d+/$", page.url)
    assert page.locator("[data-figure=covers]").inner_text().startswith(str(covered))
    page.get_by_role("button", name="Öppna omgången och skicka inbjudningar").click()
    message = page.locator(".message--success").inner_text()
    assert "Omgången är öppen" in message and str(covered) in message, message
    assert page.locator("[data-figure=invited]").inner_text() == str(covered)
    assert page.locator("[data-status]").first.get_attribute("data-status") == "open"
    round_ = Round.objects.get(title="Digital mognad, socialförvaltningen")
    assert round_.respondents.count() == covered


def test_manager_adds_a_message_to_a_phase(demo, page, live_server):
    plan = RolloutPlan.objects.get(title__startswith="Digitalt lyft i Härnösand")
    phase = plan.phases.order_by("position")[1]
    login(page, live_server, HARNOSAND_MANAGER)
    page.goto("/inforande/")
    page.get_by_role("link", name=plan.title, exact=True).click()
    section = page.locator(f"#phase-{phase.pk}")
    section.get_by_role("link", name=re.compile("Lägg till ett meddelande")).click()
    text = "Förvaltningschefen bjuder in till uppstartsmöte om det digitala lyftet."
    page.locator("textarea[name=message]").fill(text)
    page.locator("select[name=sender]").select_option(index=1)
    page.locator("input[name=sender_name]").fill("Förvaltningschefen")
    page.locator("select[name=channel]").select_option(index=1)
    page.locator("input[name=date]").fill("2027-02-01")
    page.get_by_role("button", name="Spara").click()
    assert re.search(rf"/inforande/{plan.pk}/$", page.url.split("#")[0])
    row = page.locator(f"#phase-{phase.pk} table.communications tr", has_text=text)
    assert row.count() == 1, "the new message should be listed in its phase"
    assert "1 februari 2027" in row.inner_text() and "Förvaltningschefen" in row.inner_text()
