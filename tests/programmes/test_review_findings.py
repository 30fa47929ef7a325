"""Findings of the independent review of issue 17 (programmes): odd input and leaks, each a regression test."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from programmes import assignments
from programmes.models import Booking, Session, SessionAttendance, Submission, SubmissionVersion

pytestmark = pytest.mark.django_db


def test_roll_call_with_a_non_ascii_digit_is_not_a_500(client, cohort, teacher, make_participant):
    anna = make_participant(cohort)
    session = Session.objects.filter(cohort=cohort).first()
    client.force_login(teacher)
    url = reverse("programme_roll_call", args=[cohort.pk, session.pk])
    response = client.post(url, {"present": ["²", str(anna.pk), "9" * 30]})
    assert response.status_code == 302
    assert SessionAttendance.objects.get(session=session, user=anna).present


def test_book_people_with_a_non_ascii_digit_is_not_a_500(client, manager, cohort, organisation, make_participant):
    client.force_login(manager)
    url = reverse("programme_book_people", args=[cohort.pk])
    response = client.post(url, {"people": ["²", "9" * 30]})
    assert response.status_code == 302  # "Choose at least one person to book."
    assert not Booking.objects.filter(cohort=cohort).exists()


def test_review_with_odd_version_ids_is_not_a_500(client, cohort, teacher, make_participant):
    cohort.assignment_title = "Uppgift"
    cohort.save()
    anna = make_participant(cohort)
    version = assignments.submit(anna, cohort, text="Mitt svar")
    client.force_login(teacher)
    url = reverse("programme_review", args=[version.submission.pk])
    for odd in ("x", "9" * 30, "-1", ""):
        response = client.post(url, {"decision": "approved", "version": odd})
        assert response.status_code in (400, 409), odd
    assert Submission.objects.get(pk=version.submission.pk).status == "submitted"


def test_odd_certificate_codes_are_404(client):
    for code in ("KL-0000-0000", "x" * 500, "%00", "KL-7QX4-M9PA"):
        response = client.get(reverse("programme_verify_code", args=[code]))
        assert response.status_code == 404, code
    response = client.get(reverse("programme_verify"), {"kod": "x" * 5000})
    assert response.status_code == 200


def test_fellow_participants_read_the_approved_version_but_not_the_drafts(client, cohort, teacher, make_participant):
    from tests.programmes.upload_samples import PDF, upload

    cohort.assignment_title = "Uppgift"
    cohort.share_approved_assignments = True
    cohort.save()
    anna, bo = make_participant(cohort), make_participant(cohort)
    draft = assignments.submit(anna, cohort, text="Utkast", upload=upload("utkast.pdf", PDF))
    assignments.give_feedback(teacher, draft.submission, "revision", "Ta bort namnen på kollegorna.")
    final = assignments.submit(anna, cohort, text="Slutlig", upload=upload("slutlig.pdf", PDF))
    assignments.give_feedback(teacher, final.submission, "approved")
    client.force_login(bo)
    assert client.get(reverse("programme_assignment_file", args=[final.pk])).status_code == 200
    assert client.get(reverse("programme_assignment_file", args=[draft.pk])).status_code == 404
    client.force_login(anna)
    assert client.get(reverse("programme_assignment_file", args=[draft.pk])).status_code == 200
    client.force_login(teacher)
    assert client.get(reverse("programme_assignment_file", args=[draft.pk])).status_code == 200
    assert SubmissionVersion.objects.count() == 2


def test_a_participant_who_cancelled_is_no_longer_shared(client, cohort, make_participant):
    """Sharing is among the cohort's participants: once the author's place is cancelled, their approved
    assignment leaves the list and its file answers 404 to the others."""
    from django.urls import reverse

    from programmes.models import Booking, BookingStatus, Submission, SubmissionStatus, SubmissionVersion

    cohort.share_approved_assignments = True
    cohort.save()
    reader = make_participant(cohort)
    author = make_participant(cohort, first_name="Gunnel", last_name="Lämnade")
    submission = Submission.objects.create(cohort=cohort, user=author, status=SubmissionStatus.APPROVED)
    version = SubmissionVersion.objects.create(
        submission=submission, number=1, text="Min plan", file=ContentFile(b"%PDF-1.7\n", name="plan.pdf")
    )
    client.force_login(reader)
    url = reverse("programme_shared_assignments", args=[cohort.pk])
    assert "Lämnade" in client.get(url).content.decode()
    assert client.get(reverse("programme_assignment_file", args=[version.pk])).status_code == 200
    Booking.objects.filter(cohort=cohort, user=author).update(status=BookingStatus.CANCELLED)
    assert "Lämnade" not in client.get(url).content.decode()
    assert client.get(reverse("programme_assignment_file", args=[version.pk])).status_code == 404
