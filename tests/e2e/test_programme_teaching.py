"""Teaching a cohort in a real browser: the roll call on a phone (390 px) and a desktop, with "Markera alla"
both as a link without JavaScript and in place with it; the participant's home assignment handed in as a
file through the real form, and the teacher's review. axe-core, the Nu Html Checker, the CSP and the layout
on every page."""

import pytest

from programmes.models import SessionAttendance, Submission, SubmissionVersion
from tests.factories import PASSWORD
from tests.programmes.conftest import cohort, cohort_factory, make_participant, programme_page, teacher  # noqa: F401
from tests.programmes.upload_samples import PDF

from .conftest import across_viewports, login
from .fixtures import screenshot
from .test_accessibility_learning import Checks


@pytest.fixture
def teaching_cohort(site, cohort, make_participant):  # noqa: F811
    cohort.assignment_title = "Digital förändring i min förvaltning"
    cohort.assignment_instructions = "<p>Beskriv en förändring du leder och vad du lärt dig.</p>"
    cohort.save()
    people = [
        make_participant(cohort, first_name=first, last_name=last)
        for first, last in [("Anna", "Lindqvist"), ("Bo", "Berg"), ("Cecilia", "Holm"), ("David", "Öberg")]
    ]
    return cohort, people


@across_viewports
def test_roll_call_on_phone_and_desktop(page, live_server, teacher, teaching_cohort, new_page, viewport):  # noqa: F811
    checks = Checks(new_page)
    cohort, people = teaching_cohort  # noqa: F811
    name = "phone" if viewport["width"] < 500 else "desktop"
    session = cohort.sessions.order_by("starts_at").first()
    login(page, live_server, teacher.email, PASSWORD)
    checks.visit(page, "teaching", "/program/undervisning/")
    page.get_by_role("link", name=f"{cohort.programme.title}, {cohort.title}").click()
    page.wait_for_load_state()
    checks.check(page, "teaching cohort")
    page.get_by_role("link", name=f"Närvaro: {session.title}").click()
    page.wait_for_load_state()
    checks.check(page, "roll call")
    screenshot(page, f"programme-roll-call-{name}")
    # The label is the tap target: tapping the name ticks the box.
    page.get_by_text("Anna Lindqvist").click()
    assert page.get_by_label("Anna Lindqvist").is_checked()
    page.get_by_role("button", name="Spara närvaron").click()
    page.wait_for_load_state()
    assert "1 närvarande, 3 frånvarande" in page.inner_text("main")
    checks.check(page, "roll call saved")
    # "Markera alla" with JavaScript: ticks in place, saved with the button.
    page.get_by_role("link", name="Markera alla").click()
    assert all(page.get_by_label(f"{p.first_name} {p.last_name}").is_checked() for p in people)
    page.get_by_role("button", name="Spara närvaron").click()
    page.wait_for_load_state()
    assert "4 närvarande, 0 frånvarande" in page.inner_text("main")
    assert SessionAttendance.objects.filter(session=session, present=True).count() == 4
    checks.assert_ok()


def test_mark_all_works_without_javascript(browser, live_server, teacher, teaching_cohort, new_page):  # noqa: F811
    cohort, people = teaching_cohort  # noqa: F811
    session = cohort.sessions.order_by("starts_at").first()
    page = new_page(java_script_enabled=False)
    login(page, live_server, teacher.email, PASSWORD)
    page.goto(f"/program/undervisning/omgang/{cohort.pk}/narvaro/{session.pk}/")
    page.get_by_role("link", name="Markera alla").click()
    page.wait_for_load_state()
    assert all(page.get_by_label(f"{p.first_name} {p.last_name}").is_checked() for p in people)
    assert not SessionAttendance.objects.exists()  # nothing saved until the button
    page.get_by_role("button", name="Spara närvaron").click()
    page.wait_for_load_state()
    assert SessionAttendance.objects.filter(session=session, present=True).count() == 4


@across_viewports
def test_participant_hands_in_a_file_and_teacher_reviews(
    page,
    live_server,
    teacher,  # noqa: F811
    teaching_cohort,
    new_page,
    viewport,
    tmp_path,
):
    checks = Checks(new_page)
    cohort, people = teaching_cohort  # noqa: F811
    anna = people[0]
    name = "phone" if viewport["width"] < 500 else "desktop"
    login(page, live_server, anna.email, PASSWORD)
    checks.visit(page, "my cohort", f"/program/omgang/{cohort.pk}/")
    page.get_by_role("link", name="Lämna in hemuppgiften").click()
    page.wait_for_load_state()
    checks.check(page, "assignment: empty")
    screenshot(page, f"programme-assignment-{name}")
    # A disguised file (HTML named .pdf) is refused with a form error.
    fake = tmp_path / "rapport.pdf"
    fake.write_bytes(b"<!DOCTYPE html><html><body>inte en pdf</body></html>")
    page.get_by_label("Fil").set_input_files(str(fake))
    page.get_by_role("button", name="Lämna in", exact=True).click()
    page.wait_for_load_state()
    assert "stämmer inte med filtypen" in page.inner_text("main")
    checks.check(page, "assignment: a refused file")
    assert not SubmissionVersion.objects.exists()
    real = tmp_path / "Min rapport.pdf"
    real.write_bytes(PDF)
    page.get_by_label("Ditt svar").fill("Min reflektion finns i bilagan.")
    page.get_by_label("Fil").set_input_files(str(real))
    page.get_by_role("button", name="Lämna in", exact=True).click()
    page.wait_for_load_state()
    assert "Version 1 av din hemuppgift är inlämnad" in page.inner_text("main")
    checks.check(page, "assignment: handed in")
    version = SubmissionVersion.objects.get()
    assert version.original_name == "Min rapport.pdf"
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner Min rapport.pdf").click()
    assert download.value.suggested_filename.endswith(".pdf")

    teacher_page = new_page()
    login(teacher_page, live_server, teacher.email, PASSWORD)
    submission = Submission.objects.get()
    checks.visit(teacher_page, "review", f"/program/undervisning/hemuppgift/{submission.pk}/")
    teacher_page.get_by_label("Godkänn hemuppgiften").check()
    teacher_page.get_by_label("Återkoppling till deltagaren").fill("Väl genomfört.")
    teacher_page.get_by_role("button", name="Spara återkopplingen").click()
    teacher_page.wait_for_load_state()
    checks.check(teacher_page, "review: approved")
    submission.refresh_from_db()
    assert submission.status == "approved"
    checks.visit(page, "assignment: approved", f"/program/omgang/{cohort.pk}/hemuppgift/")
    assert "Väl genomfört." in page.inner_text("main")
    checks.assert_ok()
