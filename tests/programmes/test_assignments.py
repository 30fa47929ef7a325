"""Home assignments: the file check by content, versions, feedback, sharing (programmes.assignments, files)."""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import ModelLogEntry

from programmes import assignments, files
from programmes.exceptions import InvalidFile, NotTeacher
from programmes.models import (
    BookingStatus,
    Certificate,
    Feedback,
    FeedbackDecision,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)
from tests.factories import UserFactory

from .upload_samples import DISGUISED, GOOD, PDF, WRONG_TYPE, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(cohort):
    cohort.assignment_title = "Digital förändring i min förvaltning"
    cohort.save()
    return cohort


@pytest.fixture
def participant(assigned, make_participant):
    return make_participant(assigned, first_name="Anna", last_name="Lindqvist")


def stored_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT) / "assignments"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


# --- The file check -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(GOOD))
def test_real_files_of_each_allowed_type_pass(name):
    checked = files.check_upload(upload(name, GOOD[name], "text/html"))
    assert checked.original_name == name
    assert checked.content_type == files.CONTENT_TYPES[name.rsplit(".", 1)[1].lower()]  # never the browser's


@pytest.mark.parametrize("name", sorted(DISGUISED))
def test_disguised_files_are_refused(name):
    with pytest.raises(files.DisguisedType):
        files.check_upload(upload(name, DISGUISED[name], "application/pdf"))


@pytest.mark.parametrize("name", sorted(WRONG_TYPE))
def test_other_types_are_refused(name):
    with pytest.raises(files.WrongType):
        files.check_upload(upload(name, WRONG_TYPE[name]))


def test_too_large_is_refused(settings):
    settings.PROGRAMME_ASSIGNMENT_MAX_BYTES = 1024
    with pytest.raises(files.TooLarge):
        files.check_upload(upload("stor.pdf", PDF + b"0" * 1024))
    assert files.check_upload(upload("liten.pdf", PDF)).size == len(PDF)


def test_the_default_limit_is_ten_megabytes():
    assert files.max_bytes() == 10 * 1024 * 1024


def test_an_empty_file_is_refused():
    with pytest.raises(files.EmptyFile):
        files.check_upload(upload("tom.pdf", b""))


def test_folder_parts_of_a_name_are_dropped():
    assert files.clean_name("C:\\Users\\anna\\rapport.pdf") == "rapport.pdf"
    assert files.clean_name("../../etc/rapport.pdf") == "rapport.pdf"


# --- Submitting -----------------------------------------------------------------------------------


def test_each_submit_adds_a_version(assigned, participant):
    first = assignments.submit(participant, assigned, text="Första utkastet")
    second = assignments.submit(participant, assigned, upload=upload("rapport.pdf", PDF))
    assert (first.number, second.number) == (1, 2)
    submission = Submission.objects.get(cohort=assigned, user=participant)
    assert submission.status == SubmissionStatus.SUBMITTED
    assert second.original_name == "rapport.pdf" and second.size == len(PDF)
    assert second.content_type == "application/pdf"
    path = Path(second.file.path)
    assert path.read_bytes() == PDF
    assert Path(settings.PRIVATE_MEDIA_ROOT) in path.parents
    assert Path(settings.MEDIA_ROOT) not in path.parents
    assert "rapport" not in path.name  # the stored name never uses the participant's


def test_a_refused_file_stores_nothing(assigned, participant):
    before = stored_files()
    for name, content in {**DISGUISED, **WRONG_TYPE}.items():
        with pytest.raises(InvalidFile):
            assignments.submit(participant, assigned, text="Med fil", upload=upload(name, content))
    assert not Submission.objects.exists()
    assert not SubmissionVersion.objects.exists()
    assert stored_files() == before


def test_too_large_stores_nothing(assigned, participant, settings):
    settings.PROGRAMME_ASSIGNMENT_MAX_BYTES = 100
    before = stored_files()
    with pytest.raises(InvalidFile):
        assignments.submit(participant, assigned, upload=upload("stor.pdf", PDF + b"0" * 200))
    assert not SubmissionVersion.objects.exists()
    assert stored_files() == before


def test_an_empty_submission_is_refused(assigned, participant):
    with pytest.raises(assignments.EmptySubmission):
        assignments.submit(participant, assigned, text="   ")
    assert not Submission.objects.exists()


@pytest.mark.parametrize("status", [BookingStatus.WAITING, BookingStatus.CANCELLED])
def test_only_booked_participants_may_submit(assigned, make_participant, status):
    person = make_participant(assigned, status=status)
    with pytest.raises(assignments.NotParticipant) as raised:
        assignments.submit(person, assigned, text="Hej")
    assert raised.value.status == 403
    with pytest.raises(assignments.NotParticipant):
        assignments.submit(UserFactory(), assigned, text="Hej")
    assert not Submission.objects.exists()


def test_a_cohort_without_assignment_refuses(cohort, make_participant):
    person = make_participant(cohort)
    with pytest.raises(assignments.NoAssignment):
        assignments.submit(person, cohort, text="Hej")


def test_submitting_after_approval_is_refused(assigned, participant, teacher):
    assignments.submit(participant, assigned, text="Klar")
    submission = Submission.objects.get()
    assignments.give_feedback(teacher, submission, FeedbackDecision.APPROVED)
    before = stored_files()
    with pytest.raises(assignments.AlreadyApproved) as raised:
        assignments.submit(participant, assigned, text="En till", upload=upload("rapport.pdf", PDF))
    assert raised.value.status == 409
    assert SubmissionVersion.objects.count() == 1
    assert stored_files() == before


def test_submit_is_audited(assigned, participant):
    assignments.submit(participant, assigned, text="Hej")
    entry = ModelLogEntry.objects.get(action="programme.assignment_submitted")
    assert entry.user_id == participant.pk


# --- Feedback -------------------------------------------------------------------------------------


@pytest.fixture
def submission(assigned, participant):
    assignments.submit(participant, assigned, text="Version ett")
    return Submission.objects.get()


def test_revision_then_new_version_then_approval(submission, assigned, participant, teacher):
    first = assignments.latest_version(submission)
    assignments.give_feedback(teacher, submission, FeedbackDecision.REVISION, "Utveckla analysen.")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.REVISION
    assignments.submit(participant, assigned, text="Version två")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    second = assignments.latest_version(submission)
    feedback = assignments.give_feedback(teacher, submission, FeedbackDecision.APPROVED, "Bra!")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED and submission.approved_at is not None
    assert feedback.version == second
    history = assignments.history(submission)
    assert [v.number for v in history] == [1, 2]
    assert [f.decision for f in history[0].feedback_given] == [FeedbackDecision.REVISION]
    assert [f.decision for f in history[1].feedback_given] == [FeedbackDecision.APPROVED]
    assert history[0].pk == first.pk and history[0].text == "Version ett"  # the history is kept


def test_a_comment_keeps_the_status(submission, teacher):
    assignments.give_feedback(teacher, submission, FeedbackDecision.COMMENT, "Intressant.")
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED


def test_revision_and_comment_need_a_text(submission, teacher):
    for decision in (FeedbackDecision.REVISION, FeedbackDecision.COMMENT):
        with pytest.raises(assignments.FeedbackNeedsText):
            assignments.give_feedback(teacher, submission, decision, "  ")
    assert not Feedback.objects.exists()


@pytest.mark.parametrize("who", ["participant", "fellow", "other_teacher", "manager"])
def test_a_non_teacher_cannot_approve(
    submission, assigned, participant, make_participant, cohort_factory, manager, who
):
    if who == "participant":
        visitor = participant
    elif who == "fellow":
        visitor = make_participant(assigned)
    elif who == "other_teacher":
        visitor = UserFactory(email="annan@example.se")
        cohort_factory(title="Hösten 2027", teachers=[visitor])
    else:
        visitor = manager
    with pytest.raises(NotTeacher) as raised:
        assignments.give_feedback(visitor, submission, FeedbackDecision.APPROVED)
    assert raised.value.status == 403
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED and submission.approved_at is None
    assert not Feedback.objects.exists()


def test_an_administrator_may_approve(submission, administrator):
    assignments.give_feedback(administrator, submission, FeedbackDecision.APPROVED)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED


def test_feedback_on_an_old_version_is_refused(submission, assigned, participant, teacher):
    old = assignments.latest_version(submission)
    assignments.submit(participant, assigned, text="Version två")
    with pytest.raises(assignments.NotLatestVersion) as raised:
        assignments.give_feedback(teacher, submission, FeedbackDecision.APPROVED, version_id=old.pk)
    assert raised.value.status == 409
    assert not Feedback.objects.exists()


def test_approving_twice_changes_nothing_and_cannot_be_sent_back(submission, teacher):
    assignments.give_feedback(teacher, submission, FeedbackDecision.APPROVED)
    assert assignments.give_feedback(teacher, submission, FeedbackDecision.APPROVED) is None
    with pytest.raises(assignments.CannotSendBack):
        assignments.give_feedback(teacher, submission, FeedbackDecision.REVISION, "Nej ändå")
    assert Feedback.objects.count() == 1
    assignments.give_feedback(teacher, submission, FeedbackDecision.COMMENT, "Ett tillägg.")
    assert Feedback.objects.count() == 2


def test_feedback_is_audited(submission, teacher):
    assignments.give_feedback(teacher, submission, FeedbackDecision.APPROVED)
    entry = ModelLogEntry.objects.get(action="programme.assignment_feedback")
    assert entry.user_id == teacher.pk and entry.data["decision"] == "approved"


def test_approval_completing_the_cohort_issues_the_certificate(submission, assigned, participant, teacher):
    for session in assigned.sessions.all()[:4]:
        session.attendance.create(user=participant, present=True)
    assert not Certificate.objects.exists()
    assignments.give_feedback(teacher, submission, FeedbackDecision.APPROVED)
    assert Certificate.objects.filter(user=participant, cohort=assigned).exists()


def test_approval_without_the_sessions_issues_nothing(submission, teacher):
    assignments.give_feedback(teacher, submission, FeedbackDecision.APPROVED)
    assert not Certificate.objects.exists()


# --- Sharing --------------------------------------------------------------------------------------


def test_only_a_teacher_toggles_sharing(assigned, teacher, participant):
    with pytest.raises(NotTeacher):
        assignments.set_sharing(participant, assigned, True)
    assigned.refresh_from_db()
    assert not assigned.share_approved_assignments
    assert assignments.set_sharing(teacher, assigned, True) is True
    assert assignments.set_sharing(teacher, assigned, True) is False
    assigned.refresh_from_db()
    assert assigned.share_approved_assignments
    assert ModelLogEntry.objects.filter(action="programme.assignments_shared").count() == 1
