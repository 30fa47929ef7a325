"""A participant's programmes in "My data": export, and erasure with the account (files gone from storage)."""

import json

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from core import personal_data
from core.storage import private_storage
from programmes import certificates
from programmes.models import (
    Booking,
    BookingMail,
    BookingMailKind,
    Certificate,
    Feedback,
    FeedbackDecision,
    SessionAttendance,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)
from tests.factories import PASSWORD


@pytest.fixture
def record(cohort, make_participant, teacher):
    """A participant with attendance, two versions (a revision, then approved) with files, and a certificate."""
    person = make_participant(cohort, first_name="Linnea", last_name="Sandberg")
    for session in cohort.sessions.all()[:4]:
        SessionAttendance.objects.create(session=session, user=person, present=True, marked_by=teacher)
    submission = Submission.objects.create(
        cohort=cohort, user=person, status=SubmissionStatus.APPROVED, approved_at=timezone.now()
    )
    for number, decision in [(1, FeedbackDecision.REVISION), (2, FeedbackDecision.APPROVED)]:
        version = SubmissionVersion(
            submission=submission,
            number=number,
            text=f"Min plan, version {number}",
            original_name=f"plan-v{number}.pdf",
            content_type="application/pdf",
            size=9,
        )
        version.file.save("ignored.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
        version.save()
        Feedback.objects.create(
            submission=submission, version=version, teacher=teacher, decision=decision, text=f"Återkoppling {number}"
        )
    certificate = Certificate.objects.create(
        cohort=cohort,
        user=person,
        code=certificates.new_code(),
        name="Linnea Sandberg",
        programme_title=cohort.programme.title,
        cohort_title=cohort.title,
        starts_on=cohort.starts_on,
        ends_on=cohort.ends_on,
    )
    certificate.pdf.save("intyg.pdf", ContentFile(b"%PDF-1.4\n"))
    BookingMail.objects.create(cohort=cohort, user=person, kind=BookingMailKind.CONFIRMATION)
    files = [v.file.name for v in SubmissionVersion.objects.filter(submission=submission)] + [certificate.pdf.name]
    return {"person": person, "certificate": certificate, "files": files}


def test_export_holds_bookings_attendance_assignments_and_certificates(record, cohort):
    data = personal_data.export_all(record["person"])["programmes"]
    json.dumps(data, default=str)  # serialisable as the My data file
    assert [b["cohort"] for b in data["bookings"]] == [cohort.title]
    assert data["bookings"][0]["status"] == "Bokad"
    assert len(data["attendance"]) == 4 and all(a["present"] for a in data["attendance"])
    (assignment,) = data["home_assignments"]
    assert [v["text"] for v in assignment["versions"]] == ["Min plan, version 1", "Min plan, version 2"]
    assert [v["file_name"] for v in assignment["versions"]] == ["plan-v1.pdf", "plan-v2.pdf"]
    assert [f["text"] for f in assignment["feedback"]] == ["Återkoppling 1", "Återkoppling 2"]
    assert assignment["feedback"][0]["teacher"] == "Karin Kursledare"
    assert data["certificates"][0]["code"] == record["certificate"].code
    assert len(data["mails"]) == 1


def test_my_data_download_includes_programmes(client, record):
    client.force_login(record["person"])
    response = client.get(reverse("my_data_export"))
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["programmes"]["certificates"][0]["code"] == record["certificate"].code
    page = client.get(reverse("my_data")).content.decode()
    assert "Ledarprogram: bokningar, närvaro, hemuppgifter och intyg" in page


def test_erasure_removes_rows_and_files(record, cohort, django_capture_on_commit_callbacks, teacher):
    person = record["person"]
    for name in record["files"]:
        assert private_storage().exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.erase_all(person)
    assert not Booking.objects.filter(user=person).exists()
    assert not SessionAttendance.objects.filter(user=person).exists()
    assert not Submission.objects.filter(user=person).exists()
    assert not SubmissionVersion.objects.filter(submission__user=person).exists()
    assert not Feedback.objects.filter(submission__cohort=cohort).exists()
    assert not BookingMail.objects.filter(user=person).exists()
    assert not Certificate.objects.filter(user=person).exists()
    for name in record["files"]:
        assert not private_storage().exists(name)
    # The verification code no longer confirms anything.
    assert certificates.verify(record["certificate"].code) is None
    # Others' rows are untouched: the teacher still teaches the cohort.
    assert cohort.teachers.filter(pk=teacher.pk).exists()


def test_a_rolled_back_erasure_keeps_the_files(record, django_capture_on_commit_callbacks):
    class Stop(Exception):
        pass

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Stop), transaction.atomic():
        personal_data.erase_all(record["person"])
        raise Stop
    assert Submission.objects.filter(user=record["person"]).exists()
    for name in record["files"]:
        assert private_storage().exists(name)


def test_deleting_the_account_erases_the_programme_records(client, record, django_capture_on_commit_callbacks):
    person = record["person"]
    client.force_login(person)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("delete_account"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert not Certificate.objects.filter(code=record["certificate"].code).exists()
    for name in record["files"]:
        assert not private_storage().exists(name)


def test_an_erased_place_goes_to_the_first_on_the_waiting_list(cohort, make_participant):
    from programmes.models import BookingStatus

    booked = [make_participant(cohort) for _ in range(cohort.capacity)]
    waiting = make_participant(cohort, status=BookingStatus.WAITING)
    personal_data.erase_all(booked[0])
    assert Booking.objects.get(cohort=cohort, user=waiting).status == BookingStatus.BOOKED
    assert BookingMail.objects.filter(user=waiting, kind=BookingMailKind.PROMOTED).exists()
