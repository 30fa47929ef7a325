"""The home assignment: one submission per participant and cohort, its versions and the teacher's feedback.

Files are stored privately (`core.storage.private_storage`) and served only by
`programmes.views.assignments.file`, after `programmes.access` has said yes.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, waiting for feedback")
    REVISION = "revision", _("Revision requested")
    APPROVED = "approved", _("Approved")


class Submission(models.Model):
    cohort = models.ForeignKey("programmes.Cohort", on_delete=models.CASCADE, related_name="submissions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignment_submissions")
    status = models.CharField(
        _("status"), max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.SUBMITTED
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("home assignment")
        verbose_name_plural = _("home assignments")
        constraints = [models.UniqueConstraint(fields=["cohort", "user"], name="one_submission_per_cohort")]
        indexes = [models.Index(fields=["cohort", "status"])]

    def __str__(self):
        return f"{self.user_id} – {self.cohort_id} ({self.status})"


def version_path(instance, filename):
    # The stored name never uses the participant's file name (kept in original_name).
    return f"assignments/{instance.submission.cohort_id}/{instance.submission_id}/{instance.number}.bin"


class SubmissionVersion(models.Model):
    """One version as handed in: never changed afterwards, so the history stays what was read."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), storage=private_storage, upload_to=version_path, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("handed in"), auto_now_add=True)

    class Meta:
        ordering = ["submission", "number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="one_version_number")]

    def __str__(self):
        return f"{self.submission_id} v{self.number}"


class FeedbackDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REVISION = "revision", _("Revision requested")
    COMMENT = "comment", _("Comment")


class Feedback(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="feedback")
    version = models.ForeignKey(SubmissionVersion, on_delete=models.CASCADE, related_name="feedback")
    teacher = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(_("decision"), max_length=12, choices=FeedbackDecision.choices)
    text = models.TextField(_("feedback"), blank=True)
    created_at = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"{self.submission_id}: {self.decision}"
