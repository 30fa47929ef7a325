"""The home assignment: a participant hands in versions, a teacher gives feedback on the latest one.

- `submit`: only a booked participant, text and/or one file (checked by `programmes.files`); each call
  adds a version (number + 1) and sets the submission to "submitted". Refused once approved (409).
- `give_feedback`: only a teacher of the cohort (else NotTeacher, nothing stored); approve, ask for a
  revision, or comment, always on the latest version. Approving may complete the cohort: the
  certificate is issued by `programmes.certificates.issue_if_complete`.
- `set_sharing`: a teacher lets participants read each other's approved assignments.

Versions and feedback are never changed afterwards: the history stays what was read.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import audit

from . import access, files
from .exceptions import NotTeacher, ProgrammeError
from .models import Cohort, Feedback, FeedbackDecision, Submission, SubmissionStatus, SubmissionVersion


class NoAssignment(ProgrammeError):
    status = 404
    message = _("This cohort has no home assignment.")


class NotParticipant(ProgrammeError):
    status = 403
    message = _("Only participants with a booked place can hand in the home assignment.")


class EmptySubmission(ProgrammeError):
    status = 400
    message = _("Write a text or attach a file.")


class AlreadyApproved(ProgrammeError):
    status = 409
    message = _("The home assignment is already approved: no new version can be handed in.")


class CannotSendBack(ProgrammeError):
    status = 409
    message = _("The home assignment is already approved: it cannot be sent back.")


class NotLatestVersion(ProgrammeError):
    status = 409
    message = _("A newer version was handed in meanwhile: read it before giving feedback.")


class FeedbackNeedsText(ProgrammeError):
    status = 400
    message = _("Write what the participant should revise, or your comment.")


def submit(user, cohort, *, text="", upload=None, now=None):
    """Hand in a new version. Returns the SubmissionVersion; nothing is stored when anything is refused."""
    if not cohort.assignment_title:
        raise NoAssignment
    if not access.is_participant(user, cohort):
        raise NotParticipant
    text = (text or "").strip()
    checked = files.check_upload(upload) if upload else None  # raises InvalidFile before anything is stored
    if not text and checked is None:
        raise EmptySubmission
    with transaction.atomic():
        Submission.objects.bulk_create([Submission(cohort=cohort, user=user)], ignore_conflicts=True)
        submission = Submission.objects.select_for_update().get(cohort=cohort, user=user)
        if submission.status == SubmissionStatus.APPROVED:
            raise AlreadyApproved
        number = (submission.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = SubmissionVersion(submission=submission, number=number, text=text)
        stored = None
        try:
            if checked is not None:
                version.original_name = checked.original_name
                version.content_type = checked.content_type
                version.size = checked.size
                version.file.save(f"{number}.bin", upload, save=False)
                stored = version.file.name
            version.save()
            submission.status = SubmissionStatus.SUBMITTED
            submission.save(update_fields=["status", "updated_at"])
            audit.log(
                "programme.assignment_submitted",
                f"version {number}",
                actor=user,
                obj=cohort,
                person=user.email,
                version=number,
            )
        except Exception:
            if stored:
                version.file.storage.delete(stored)
            raise
    return version


def latest_version(submission):
    return submission.versions.order_by("-number").first()


def give_feedback(teacher, submission, decision, text="", *, version_id=None, now=None):
    """The teacher's feedback on the latest version. Returns the Feedback, or None for a repeated approval.

    `version_id`: the version the teacher read; if a newer one came in meanwhile, NotLatestVersion (409).
    """
    cohort = submission.cohort
    if not access.teaches(teacher, cohort):
        raise NotTeacher
    if decision not in FeedbackDecision.values:
        raise ProgrammeError(gettext("Choose a decision."))
    text = (text or "").strip()
    if decision != FeedbackDecision.APPROVED and not text:
        raise FeedbackNeedsText
    now = now or timezone.now()
    with transaction.atomic():
        locked = Submission.objects.select_for_update().get(pk=submission.pk)
        version = latest_version(locked)
        if version is None:
            raise ProgrammeError(gettext("Nothing has been handed in yet."))
        if version_id is not None and int(version_id) != version.pk:
            raise NotLatestVersion
        if locked.status == SubmissionStatus.APPROVED and decision != FeedbackDecision.COMMENT:
            if decision == FeedbackDecision.APPROVED:
                return None  # approved already: a second click changes nothing
            raise CannotSendBack
        feedback = Feedback.objects.create(
            submission=locked, version=version, teacher=teacher, decision=decision, text=text
        )
        if decision == FeedbackDecision.APPROVED:
            locked.status = SubmissionStatus.APPROVED
            locked.approved_at = now
        elif decision == FeedbackDecision.REVISION:
            locked.status = SubmissionStatus.REVISION
        locked.save(update_fields=["status", "approved_at", "updated_at"])
        audit.log(
            "programme.assignment_feedback",
            f"{decision} version {version.number}",
            actor=teacher,
            obj=cohort,
            person=locked.user.email,
            decision=decision,
            version=version.number,
        )
    submission.status, submission.approved_at = locked.status, locked.approved_at
    if decision == FeedbackDecision.APPROVED:
        from .certificates import issue_if_complete

        issue_if_complete(locked.user, cohort, now=now)
    return feedback


def set_sharing(teacher, cohort, share):
    """Whether participants may read each other's approved assignments. Returns True when it changed."""
    if not access.teaches(teacher, cohort):
        raise NotTeacher
    share = bool(share)
    with transaction.atomic():
        changed = (
            Cohort.objects.filter(pk=cohort.pk)
            .exclude(share_approved_assignments=share)
            .update(share_approved_assignments=share)
        )
        if changed:
            audit.log("programme.assignments_shared", f"shared={share}", actor=teacher, obj=cohort, shared=share)
    cohort.share_approved_assignments = share
    return bool(changed)


def history(submission):
    """The versions, oldest first, each with its feedback (two queries)."""
    versions = list(submission.versions.order_by("number"))
    by_version = {}
    for item in Feedback.objects.filter(submission=submission).select_related("teacher").order_by("created_at", "pk"):
        by_version.setdefault(item.version_id, []).append(item)
    for version in versions:
        version.feedback_given = by_version.get(version.pk, [])
    return versions


# --- The audit trail's sentences -------------------------------------------------------------------------

DECISION_WORDS = {
    FeedbackDecision.APPROVED: _("approved"),
    FeedbackDecision.REVISION: _("asked for a revision of"),
    FeedbackDecision.COMMENT: _("commented on"),
}


@audit.action("programme.assignment_submitted", _("Programme: home assignment handed in"))
class AssignmentSubmitted(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Handed in version %(version)s of the home assignment in %(cohort)s") % {
            "version": data.get("version") or "?",
            "cohort": label,
        }


@audit.action("programme.assignment_feedback", _("Programme: feedback on a home assignment"))
class AssignmentFeedback(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("%(what)s version %(version)s of the home assignment of %(person)s in %(cohort)s") % {
            "what": str(DECISION_WORDS.get(data.get("decision"), data.get("decision") or "")).capitalize(),
            "version": data.get("version") or "?",
            "person": data.get("person") or gettext("someone"),
            "cohort": label,
        }


@audit.action("programme.assignments_shared", _("Programme: sharing of approved assignments"))
class AssignmentsShared(audit.AuditFormatter):
    def describe(self, data, label):
        if data.get("shared"):
            return gettext("Let the participants of %(cohort)s read each other's approved assignments") % {
                "cohort": label
            }
        return gettext("Stopped sharing approved assignments in %(cohort)s") % {"cohort": label}
