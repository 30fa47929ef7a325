"""The participant's assignment page, the shared assignments, and who may download a file."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from programmes import assignments
from programmes.models import BookingStatus, FeedbackDecision, Submission, SubmissionVersion
from tests.factories import UserFactory

from .upload_samples import DISGUISED, EXE, GOOD, PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(cohort):
    cohort.assignment_title = "Digital förändring i min förvaltning"
    cohort.assignment_instructions = "<p>Beskriv en förändring i din förvaltning.</p>"
    cohort.save()
    return cohort


@pytest.fixture
def participant(assigned, make_participant):
    return make_participant(assigned, first_name="Anna", last_name="Lindqvist")


def page(cohort):
    return reverse("programme_assignment", args=[cohort.pk])


def stored_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "assignments"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_the_page_shows_instructions_and_a_form(client, assigned, participant):
    client.force_login(participant)
    response = client.get(page(assigned))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Beskriv en förändring" in html
    assert 'enctype="multipart/form-data"' in html
    assert 'accept=".pdf,.docx,.odt,.txt,.png,.jpg,.jpeg"' in html


def test_submitting_a_file_through_the_form(client, assigned, participant):
    client.force_login(participant)
    response = client.post(page(assigned), {"text": "Se bilagan.", "file": upload("rapport.pdf", PDF)}, follow=True)
    assert response.status_code == 200
    version = SubmissionVersion.objects.get()
    assert version.number == 1 and version.original_name == "rapport.pdf"
    html = response.content.decode()
    assert reverse("programme_assignment_file", args=[version.pk]) in html
    assert "Se bilagan." in html


@pytest.mark.parametrize("name", ["program.pdf", "sida.pdf", "arkiv.docx"])
def test_a_disguised_file_gets_a_form_error_and_nothing_is_stored(client, assigned, participant, name):
    client.force_login(participant)
    before = stored_files()
    response = client.post(page(assigned), {"text": "Hej", "file": upload(name, DISGUISED[name])})
    assert response.status_code == 400
    assert "does not match its type" in response.content.decode() or "stämmer inte" in response.content.decode()
    assert not Submission.objects.exists()
    assert stored_files() == before


def test_a_wrong_type_gets_a_form_error(client, assigned, participant):
    client.force_login(participant)
    response = client.post(page(assigned), {"file": upload("program.exe", EXE)})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]
    assert not SubmissionVersion.objects.exists()


def test_too_large_gets_a_clear_form_error(client, assigned, participant, settings):
    settings.PROGRAMME_ASSIGNMENT_MAX_BYTES = 1000
    client.force_login(participant)
    before = stored_files()
    response = client.post(page(assigned), {"file": upload("stor.pdf", PDF + b"0" * 2000)})
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors["file"])
    assert "1000" in errors.replace("\xa0", "") or "KB" in errors or "kB" in errors
    assert not SubmissionVersion.objects.exists()
    assert stored_files() == before


def test_empty_form_is_refused(client, assigned, participant):
    client.force_login(participant)
    response = client.post(page(assigned), {"text": " "})
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_after_approval_the_form_is_gone_and_a_post_is_409(client, assigned, participant, teacher):
    assignments.submit(participant, assigned, text="Klar")
    assignments.give_feedback(teacher, Submission.objects.get(), FeedbackDecision.APPROVED, "Bra")
    client.force_login(participant)
    html = client.get(page(assigned)).content.decode()
    assert 'enctype="multipart/form-data"' not in html
    assert "Bra" in html  # the feedback is shown
    response = client.post(page(assigned), {"text": "En till"})
    assert response.status_code == 409
    assert SubmissionVersion.objects.count() == 1


@pytest.mark.parametrize("status", [BookingStatus.WAITING, BookingStatus.CANCELLED, None])
def test_not_booked_gets_404(client, assigned, make_participant, status):
    person = make_participant(assigned, status=status) if status else UserFactory()
    client.force_login(person)
    assert client.get(page(assigned)).status_code == 404
    assert client.post(page(assigned), {"text": "Hej"}).status_code == 404
    assert not Submission.objects.exists()


def test_a_cohort_without_assignment_is_404(client, cohort, make_participant):
    person = make_participant(cohort)
    client.force_login(person)
    assert client.get(page(cohort)).status_code == 404


# --- Who may download a file ----------------------------------------------------------------------


@pytest.fixture
def version(assigned, participant):
    return assignments.submit(participant, assigned, text="Bilaga", upload=upload("Min rapport (slutlig).pdf", PDF))


def download(client, user, version):
    client.force_login(user)
    return client.get(reverse("programme_assignment_file", args=[version.pk]))


def test_the_owner_downloads_as_attachment(client, version, participant):
    response = download(client, participant, version)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "Min_rapport_slutlig.pdf" in disposition
    assert "no-store" in response.get("Cache-Control", "") or "no-cache" in response.get("Cache-Control", "")


def test_the_teacher_downloads(client, version, teacher):
    assert download(client, teacher, version).status_code == 200


def test_a_fellow_participant_only_when_approved_and_shared(client, version, assigned, make_participant, teacher):
    fellow = make_participant(assigned)
    assert download(client, fellow, version).status_code == 404  # not approved, not shared
    assignments.give_feedback(teacher, version.submission, FeedbackDecision.APPROVED)
    assert download(client, fellow, version).status_code == 404  # approved, not shared
    assignments.set_sharing(teacher, assigned, True)
    assert download(client, fellow, version).status_code == 200


def test_never_to_others(client, version, assigned, make_participant, teacher, cohort_factory, manager, facilitator):
    assignments.give_feedback(teacher, version.submission, FeedbackDecision.APPROVED)
    assignments.set_sharing(teacher, assigned, True)
    waiting = make_participant(assigned, status=BookingStatus.WAITING)
    other_teacher = UserFactory(email="annan@example.se")
    other_cohort = cohort_factory(title="Hösten 2027", teachers=[other_teacher], share_approved_assignments=True)
    other_participant = make_participant(other_cohort)
    for outsider in (waiting, other_teacher, other_participant, manager, facilitator, UserFactory()):
        assert download(client, outsider, version).status_code == 404, outsider
    client.logout()
    response = client.get(reverse("programme_assignment_file", args=[version.pk]))
    assert response.status_code == 302


def test_a_version_without_a_file_is_404(client, assigned, participant):
    textual = assignments.submit(participant, assigned, text="Bara text")
    assert download(client, participant, textual).status_code == 404


@pytest.mark.parametrize("name", sorted(GOOD))
def test_each_type_is_served_with_its_checked_type(client, assigned, participant, name):
    version = assignments.submit(participant, assigned, upload=upload(name, GOOD[name], "text/html"))
    response = download(client, participant, version)
    assert response.status_code == 200
    assert "html" not in response["Content-Type"]


# --- Shared assignments ---------------------------------------------------------------------------


def test_shared_page_lists_approved_assignments_of_others(
    client, assigned, version, participant, make_participant, teacher
):
    fellow = make_participant(assigned, first_name="Bo", last_name="Berg")
    shared = reverse("programme_shared_assignments", args=[assigned.pk])
    client.force_login(fellow)
    assert client.get(shared).status_code == 404  # not shared yet
    assignments.set_sharing(teacher, assigned, True)
    html = client.get(shared).content.decode()
    assert "Anna Lindqvist" not in html  # not approved yet
    assignments.give_feedback(teacher, version.submission, FeedbackDecision.APPROVED)
    html = client.get(shared).content.decode()
    assert "Anna Lindqvist" in html
    assert reverse("programme_assignment_file", args=[version.pk]) in html


def test_shared_page_is_404_for_the_not_booked(client, assigned, teacher, make_participant):
    assignments.set_sharing(teacher, assigned, True)
    waiting = make_participant(assigned, status=BookingStatus.WAITING)
    client.force_login(waiting)
    assert client.get(reverse("programme_shared_assignments", args=[assigned.pk])).status_code == 404
