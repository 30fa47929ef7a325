"""Live interaction during a broadcast: questions (Q&A) with votes, and polls.

Polls are defined by the editor in the page's `polls` StreamField; votes and the open/closed state
are keyed to the poll block's and option's stable ids.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

QUESTION_MAX_LENGTH = 1000


class QuestionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    VISIBLE = "visible", _("Shown")
    HIDDEN = "hidden", _("Hidden")


class QuestionQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(status=QuestionStatus.VISIBLE)


class Question(models.Model):
    webcast = models.ForeignKey("webcasts.WebcastPage", on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webcast_questions", verbose_name=_("asked by")
    )
    text = models.TextField(_("question"), max_length=QUESTION_MAX_LENGTH)
    anonymous = models.BooleanField(
        _("anonymous to other viewers"), default=False, help_text=_("The moderators still see who asked.")
    )
    status = models.CharField(_("status"), max_length=10, choices=QuestionStatus.choices)
    pinned = models.BooleanField(_("being answered now"), default=False)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    vote_count = models.PositiveIntegerField(_("votes"), default=0)  # kept with QuestionVote in one transaction
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-vote_count", "created_at"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["webcast"], condition=Q(pinned=True), name="one_pinned_question"),
        ]
        indexes = [models.Index(fields=["webcast", "status"])]

    def __str__(self):
        return self.text[:60]


class QuestionVote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["question", "user"], name="one_vote_per_question")]

    def __str__(self):
        return f"{self.user_id} – {self.question_id}"


class PollStatus(models.TextChoices):
    DRAFT = "draft", _("Not opened yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class PollState(models.Model):
    """Whether a poll (a block of the page's `polls`) is open. No row: not opened yet."""

    webcast = models.ForeignKey("webcasts.WebcastPage", on_delete=models.CASCADE, related_name="poll_states")
    poll_id = models.CharField(max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=PollStatus.choices, default=PollStatus.DRAFT)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["webcast", "poll_id"], name="one_state_per_poll")]

    def __str__(self):
        return f"{self.poll_id} {self.status}"


class PollVote(models.Model):
    webcast = models.ForeignKey("webcasts.WebcastPage", on_delete=models.CASCADE, related_name="poll_votes")
    poll_id = models.CharField(max_length=64)
    option_id = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["webcast", "poll_id", "user"], name="one_vote_per_poll")]
        indexes = [models.Index(fields=["webcast", "poll_id", "option_id"])]

    def __str__(self):
        return f"{self.user_id} – {self.poll_id}: {self.option_id}"
