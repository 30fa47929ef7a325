"""The public forms in a real browser: the contact form, its error state and thank-you page, and the solution
form with its attachment field, checked with axe-core and the Nu Html Checker at a desktop's and a phone's
width; a submission with JavaScript turned off; the honeypot out of sight and out of the tab order."""

import pytest

from challenges.models import ChallengePage
from core.pagetree import ensure_child_page
from home import demo_forms
from home.demo_forms import small_pdf
from home.models import ContentPage, FormPageSubmission, SiteFooter

from .conftest import (
    across_viewports,
    assert_no_csp_violations,
    axe_violations,
    format_axe,
    html_errors,
    layout_problems,
)
from .fixtures import screenshot

CONTACT = "/kontakt/"


@pytest.fixture
def quick(settings):
    """The browser fills the form in well under two seconds; the minimum fill time is tested in tests/home."""
    settings.FORM_MIN_FILL_SECONDS = 0


@pytest.fixture
def forms_site(home_page, roles):
    """The demo contact form and a privacy page in the footer (only what these pages need, not the whole demo)."""
    privacy, _ = ensure_child_page(home_page, ContentPage, "personuppgifter", title="Personuppgifter och kakor")
    footer = SiteFooter.for_site(home_page.get_site())
    footer.privacy_page = privacy
    footer.save()
    demo_forms.seed(home_page)
    return home_page


@pytest.fixture
def solution_form(forms_site):
    challenge, _ = ensure_child_page(
        forms_site, ChallengePage, "digitalkompetens-fas-1", title="Digitalkompetens fas 1"
    )
    return demo_forms.ensure_solution_proposal_form(challenge)


def problems_on(page, name, documents):
    documents[name] = page.content()
    problems = []
    violations = axe_violations(page)
    if violations:
        problems.append(format_axe(violations, where=f"{name} "))
    problems += layout_problems(page, where=f"{name} ")
    return problems


def fill_contact(page, message="Kan vi boka en egen chefsdag i mars?"):
    page.get_by_label("Namn").fill("Maria Sjöberg")
    page.get_by_label("E-post").fill("maria.sjoberg@kramfors.se")
    page.get_by_label("Organisation").fill("Kramfors kommun")
    page.get_by_label("Ärende").select_option("Fråga om en utbildning")
    page.get_by_label("Meddelande").fill(message)


@across_viewports
def test_contact_form_error_state_and_thank_you_page_are_accessible(forms_site, quick, page, viewport):
    label = "phone" if viewport["width"] < 600 else "desktop"
    documents, problems = {}, []
    before = FormPageSubmission.objects.count()

    page.goto(CONTACT)
    assert page.locator("h1").inner_text() == "Kontakta oss"
    problems += problems_on(page, "contact form", documents)
    screenshot(page, f"forms-contact-{label}")

    page.get_by_role("button", name="Skicka").click()
    page.wait_for_selector(".error-summary")
    assert page.evaluate("() => document.activeElement.classList.contains('error-summary')")
    summary = page.locator(".error-summary")
    assert summary.get_by_role("link", name="Namn: Det här fältet är obligatoriskt").count() == 1
    assert summary.get_by_role("link", name="Ärende: Det här fältet är obligatoriskt").count() == 1
    problems += problems_on(page, "contact form with errors", documents)
    screenshot(page, f"forms-contact-errors-{label}")
    summary.get_by_role("link").first.click()
    assert page.evaluate("() => document.activeElement.id") == "id_namn"

    fill_contact(page)
    page.get_by_role("button", name="Skicka").click()
    page.wait_for_selector(".form-thanks")
    assert "Tack! Vi har tagit emot det du skickade." in page.locator(".form-thanks").inner_text()
    problems += problems_on(page, "thank-you page", documents)
    screenshot(page, f"forms-contact-thanks-{label}")

    problems += html_errors(documents)
    assert_no_csp_violations(page)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
    assert FormPageSubmission.objects.count() == before + 1


@across_viewports
def test_solution_form_with_an_attachment_is_accessible(solution_form, quick, page, viewport, tmp_path):
    label = "phone" if viewport["width"] < 600 else "desktop"
    documents, problems = {}, []
    page.goto(solution_form.url)
    file_input = page.get_by_label("Bilaga")
    assert file_input.get_attribute("accept") == ".pdf,.docx,.pptx,.xlsx,.odt,.odp,.ods"
    problems += problems_on(page, "solution form", documents)
    screenshot(page, f"forms-solution-{label}")

    fake = tmp_path / "forslag.pdf"
    fake.write_text("<!DOCTYPE html><html><body>inte en pdf</body></html>")
    page.get_by_label("Företag").fill("Lärverkstan Norr AB")
    page.get_by_label("Kontaktperson").fill("Sofia Ek")
    page.get_by_label("E-post").fill("sofia.ek@larverkstan-norr.se")
    page.get_by_label("Vilken del av utmaningen gäller lösningen?").select_option("Planering av chefsdagar")
    page.get_by_label("Beskrivning av lösningen").fill("Ett planeringsstöd för chefsdagar.")
    file_input.set_input_files(str(fake))
    page.get_by_role("button", name="Skicka").click()
    page.wait_for_selector(".error-summary")
    assert "Filens innehåll stämmer inte med filtypen (.pdf)." in page.locator(".error-summary").inner_text()
    problems += problems_on(page, "solution form, wrong file", documents)
    screenshot(page, f"forms-solution-wrong-file-{label}")

    good = tmp_path / "planeringsstod.pdf"
    good.write_bytes(small_pdf(["Planeringsstöd"]))
    page.get_by_label("Bilaga").set_input_files(str(good))
    page.get_by_role("button", name="Skicka").click()
    page.wait_for_selector(".form-thanks")
    problems += problems_on(page, "solution thank-you page", documents)

    problems += html_errors(documents)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems)
    newest = FormPageSubmission.objects.filter(page=solution_form).order_by("-pk").first()
    assert newest.attachment_name == "planeringsstod.pdf"


def test_the_contact_form_works_without_javascript(forms_site, quick, new_page):
    page = new_page(java_script_enabled=False)
    before = FormPageSubmission.objects.count()
    page.goto(CONTACT)
    page.get_by_role("button", name="Skicka").click()
    page.wait_for_selector(".error-summary")
    fill_contact(page, message="Skickat utan JavaScript.")
    page.get_by_role("button", name="Skicka").click()
    page.wait_for_selector(".form-thanks")
    assert FormPageSubmission.objects.count() == before + 1
    assert FormPageSubmission.objects.order_by("-pk").first().form_data["meddelande"] == "Skickat utan JavaScript."


def test_the_honeypot_is_out_of_sight_and_out_of_the_tab_order(forms_site, page):
    page.goto(CONTACT)
    honeypot = page.locator("input[name=kl_website]")
    box = honeypot.bounding_box()
    assert box is None or box["x"] + box["width"] <= 0 or box["width"] <= 1
    assert page.get_by_role("textbox", name="Lämna tomt").count() == 0  # aria-hidden: not in the accessibility tree
    page.get_by_label("Namn").focus()
    reached = []
    for _ in range(12):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.name || document.activeElement.tagName"))
    assert "kl_website" not in reached, reached
