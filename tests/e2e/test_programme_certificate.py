"""The certificate in a real browser: the participant downloads the PDF from "Min omgång" (opened with pypdf
and its text checked), and the public verification pages pass axe and the Nu Html Checker at 1280 and 390 px."""

import re

import pytest
from pypdf import PdfReader

from programmes import certificates
from programmes.models import CertificateStatus, SessionAttendance
from tests.factories import PASSWORD
from tests.programmes.conftest import cohort, make_participant, programme_page, teacher  # noqa: F401  (fixtures)

from .conftest import across_viewports, login
from .fixtures import screenshot
from .test_accessibility_learning import Checks

PROGRAMME = "Chefsprogram för välfärdens digitalisering"


@pytest.fixture
def certificate(site, cohort, make_participant):  # noqa: F811
    """Åsa Öberg has attended four of the five sessions: complete, and her certificate is rendered."""
    person = make_participant(cohort, first_name="Åsa", last_name="Öberg", email="asa.oberg@eskilstuna.se")
    for session in cohort.sessions.order_by("starts_at")[:4]:
        SessionAttendance.objects.create(session=session, user=person, present=True)
    issued = certificates.issue_if_complete(person, cohort)  # autocommit: the render task runs at once
    issued.refresh_from_db()
    assert issued.status == CertificateStatus.READY
    return issued


def test_the_participant_downloads_the_certificate(page, live_server, certificate):
    login(page, live_server, certificate.user.email, PASSWORD)
    page.goto(f"/program/omgang/{certificate.cohort_id}/")
    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("intyg", re.IGNORECASE)).click()
    download = info.value
    assert download.suggested_filename == f"intyg-{certificate.code}.pdf"
    reader = PdfReader(download.path())
    text = " ".join(reader.pages[0].extract_text().split())
    for expected in ("Intyg", "Åsa Öberg", PROGRAMME, certificate.code):
        assert expected in text


@across_viewports
def test_the_public_verification_pages(new_page, certificate, viewport):
    checks = Checks(new_page)
    name = "phone" if viewport["width"] < 500 else "desktop"
    page = new_page()
    checks.visit(page, "verify form", "/program/intyg/kontrollera/")
    page.get_by_label("Kontrollkod").fill(certificate.code.lower().replace("-", " "))
    page.get_by_role("button", name="Kontrollera").click()
    page.wait_for_url(f"**/program/intyg/kontrollera/{certificate.code}/")
    main = page.inner_text("main")
    assert "Giltigt" in main and "Åsa Öberg" in main and PROGRAMME in main
    assert "@" not in main
    checks.visit(page, "verified", f"/program/intyg/kontrollera/{certificate.code}/")
    screenshot(page, f"certificate-verified-{name}")
    checks.visit(page, "unknown code", "/program/intyg/kontrollera/KL-2222-3333/", status=404)
    assert "Inget intyg med den koden" in page.inner_text("main")
    page.goto("/program/intyg/kontrollera/?kod=hej")
    assert "Det är ingen kontrollkod" in page.inner_text("main")
    checks.check(page, "malformed code")
    checks.assert_ok()
