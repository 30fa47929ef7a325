"""What each learner has done in each module. Keyed to StreamField block ids, never positions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import scoping


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")


class ModuleProgressQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def for_modules(self, modules):
        return self.filter(module__in=modules)

    def completed(self):
        return self.filter(completed_at__isnull=False)

    def with_figures_for(self, user):
        """Rows that may count in the user's aggregate figures (accounts.scoping); never shown per person."""
        return self.filter(scoping.figures_filter(user, "user__organisation_id"))


class AnswerQuerySet(models.QuerySet):
    def with_figures_for(self, user):
        return self.filter(scoping.figures_filter(user, "attempt__user__organisation_id"))


class ModuleProgress(models.Model):
    """One row per learner and module: the summary reports and My learning read.

    When a person deletes their account the row stays without a user: an anonymous count.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="module_progress"
    )
    module = models.ForeignKey("elearning.ModulePage", on_delete=models.CASCADE, related_name="progress")
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last activity"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    best_score = models.PositiveSmallIntegerField(_("best score (per cent)"), null=True, blank=True)
    attempts_used = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_step_id = models.CharField(max_length=64, blank=True)

    objects = ModuleProgressQuerySet.as_manager()

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [models.UniqueConstraint(fields=["user", "module"], name="progress_one_per_user_module")]
        indexes = [models.Index(fields=["module", "completed_at"]), models.Index(fields=["user", "updated_at"])]

    def __str__(self):
        return f"{self.user} – {self.module_id}"

    @property
    def status(self):
        return ProgressStatus.COMPLETED if self.completed_at else ProgressStatus.IN_PROGRESS

    def get_status_display(self):
        return ProgressStatus(self.status).label


class Attempt(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    module = models.ForeignKey("elearning.ModulePage", on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    score_points = models.PositiveIntegerField(null=True, blank=True)
    max_points = models.PositiveIntegerField(null=True, blank=True)
    percent = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["user", "module", "number"], name="attempt_number_unique"),
            models.UniqueConstraint(
                fields=["user", "module"], condition=Q(finished_at__isnull=True), name="attempt_one_open_per_module"
            ),
        ]
        indexes = [models.Index(fields=["module", "finished_at"])]

    def __str__(self):
        return f"{self.user} – {self.module_id} #{self.number}"

    @property
    def is_open(self):
        return self.finished_at is None


class Answer(models.Model):
    """A learner's answer to one quiz question in one attempt. The first try is the one graded."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question_id = models.CharField(max_length=64)
    first_selected = models.JSONField(default=list)
    first_correct = models.BooleanField()
    points = models.PositiveSmallIntegerField(default=0)
    selected = models.JSONField(default=list)
    correct = models.BooleanField()
    tries = models.PositiveSmallIntegerField(default=1)
    answered_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["attempt", "question_id"], name="answer_one_per_question")]

    def __str__(self):
        return f"{self.attempt} – {self.question_id}"

    @property
    def shown_state(self):
        """Everything about this answer that its question's markup shows (see quiz_question.html)."""
        return (tuple(self.selected), self.correct, self.tries, self.first_correct)


class StepVisit(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="step_visits")
    module = models.ForeignKey("elearning.ModulePage", on_delete=models.CASCADE, related_name="step_visits")
    step_id = models.CharField(max_length=64)
    visited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "module", "step_id"], name="visit_once_per_step")]

    def __str__(self):
        return f"{self.user_id} – {self.step_id}"


class Reflection(models.Model):
    """A free-text reflection: private unless the learner shares it with their workshop group."""

    MAX_LENGTH = 5000

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    module = models.ForeignKey("elearning.ModulePage", on_delete=models.CASCADE, related_name="reflections")
    question_id = models.CharField(max_length=64)
    text = models.TextField(_("your reflection"), max_length=MAX_LENGTH)
    shared = models.BooleanField(_("share with my workshop group"), default=False)
    show_name = models.BooleanField(_("show my name with it"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "module", "question_id"], name="reflection_one_per_question")
        ]
        indexes = [models.Index(fields=["module", "question_id", "shared"])]

    def __str__(self):
        return f"{self.user} – {self.question_id}"
