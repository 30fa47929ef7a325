"""The remaining programme pages in a real browser, at 1280 and 390 px: the teacher's certificates of a cohort
(with the revoke form), the approved home assignments a cohort shares, and My learning with a place in a
programme. axe-core, the Nu Html Checker, the CSP and the layout on each."""

import pytest
from django.utils import timezone

from programmes import certificates
from programmes.models import SessionAttendance, Submission, SubmissionStatus, SubmissionVersion
from tests.factories import PASSWORD
from tests.programmes.conftest import cohort, make_participant, programme_page, teacher  # noqa: F401  (fixtures)

from .conftest import across_viewports, login
from .test_accessibility_learning import Checks


@pytest.fixture
def finished_together(site, cohort, make_participant):  # noqa: F811
    """Two participants who completed the cohort, one approved assignment shared with the cohort."""
    cohort.assignment_title = "Digital förändring i min förvaltning"
    cohort.share_approved_assignments = True
    cohort.save()
    people = [
        make_participant(cohort, first_name="Åsa", last_name="Öberg"),
        make_participant(cohort, first_name="Örjan", last_name="Ek"),
    ]
    for person in people:
        for session in cohort.sessions.order_by("starts_at")[:4]:
            SessionAttendance.objects.create(session=session, user=person, present=True)
        submission = Submission.objects.create(
            cohort=cohort, user=person, status=SubmissionStatus.APPROVED, approved_at=timezone.now()
        )
        SubmissionVersion.objects.create(
            submission=submission, number=1, text=f"Så leder {person.first_name} förändringen i förvaltningen."
        )
        certificates.issue_if_complete(person, cohort)
    return cohort, people


@across_viewports
def test_teacher_certificates_and_shared_assignments(page, new_page, live_server, teacher, finished_together):  # noqa: F811
    checks = Checks(new_page)
    cohort, people = finished_together  # noqa: F811
    login(page, live_server, teacher.email, PASSWORD)
    checks.visit(page, "certificates of a cohort", f"/program/undervisning/omgang/{cohort.pk}/intyg/")
    assert "Åsa Öberg" in page.inner_text("main")

    participant = new_page()
    login(participant, live_server, people[1].email, PASSWORD)
    checks.visit(participant, "shared assignments", f"/program/omgang/{cohort.pk}/delade-uppgifter/")
    assert "Så leder Åsa" in participant.inner_text("main")
    checks.visit(participant, "my learning with a programme", "/mitt-larande/")
    assert "Mina ledarprogram" in participant.inner_text("main")
    checks.assert_ok()
