"""Digital maturity: the instrument (edited in the admin, with revisions), measurement rounds, answers.

A round is tied to the instrument revision that was live when it opened, and answers are keyed to
statement block ids: editing the instrument never changes a past round's questions or results.
Answers are about people: they are never shown per person to anyone but the respondent, and every
figure built from them goes through `core.anonymity` (see `maturity.results`).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, RevisionMixin

from accounts import scoping
from core.outbox import LoggedMail, MailStatus

from .blocks import DimensionBlock

DONT_KNOW = 0  # "Vet inte": stored, shown to the respondent, never part of a score
SCALE_MIN, SCALE_MAX = 1, 6


class ScaleValue(models.IntegerChoices):
    """The labelled agreement scale: six steps, plus "don't know"."""

    DISAGREE_FULLY = 1, _("Strongly disagree")
    DISAGREE = 2, _("Disagree")
    DISAGREE_PARTLY = 3, _("Partly disagree")
    AGREE_PARTLY = 4, _("Partly agree")
    AGREE = 5, _("Agree")
    AGREE_FULLY = 6, _("Strongly agree")
    DONT_KNOW = 0, _("Don't know")


class Instrument(DraftStateMixin, RevisionMixin, models.Model):
    """A maturity survey. A snippet with drafts and revisions; rounds use the revision that was live."""

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Shown to respondents first."))
    body = StreamField([("dimension", DimensionBlock())], verbose_name=_("dimensions"), use_json_field=True)
    # Wagtail's recommended relation, so that deleting the survey deletes its revisions (rounds protect it).
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="maturity_instrument")

    panels = [FieldPanel("title"), FieldPanel("introduction"), FieldPanel("body")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("maturity survey")
        verbose_name_plural = _("maturity surveys")
        # Declared here (Wagtail would add it after migrate) so that the role migration can grant it.
        permissions = [("publish_instrument", "Can publish maturity survey")]

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        return self._revisions


class RoundKind(models.TextChoices):
    BASELINE = "baseline", _("Baseline (0-mätning)")
    FOLLOW_UP = "follow_up", _("Follow-up")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone in the organisation")
    DEPARTMENTS = "departments", _("Chosen departments")
    TARGET_GROUPS = "target_groups", _("Chosen target groups")
    SELECTION = "selection", _("A saved selection")


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Rounds of organisations whose figures the user may see (managers: their own; owners: all)."""
        return self.filter(scoping.figures_filter(user))

    def managed_by(self, user):
        """Rounds the user may open, invite to, remind and close: their own organisation's (admins: all)."""
        return self.filter(scoping.organisation_filter(user))

    def opened(self):
        return self.filter(opened_at__isnull=False)

    def open_on(self, day=None):
        day = day or timezone.localdate()
        return self.opened().filter(closed_at__isnull=True, closes_on__gte=day)


class Round(models.Model):
    """One measurement of one organisation: a baseline, then follow-ups (e.g. yearly)."""

    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="maturity_rounds",
    )
    instrument = models.ForeignKey(
        Instrument, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="rounds"
    )
    # The version answered: set when the round opens, never changed afterwards.
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=RoundKind.choices, default=RoundKind.BASELINE)
    audience = models.CharField(_("respondents"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    departments = models.ManyToManyField("accounts.Department", verbose_name=_("departments"), blank=True)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    selection = models.ForeignKey(
        "accounts.Selection", verbose_name=_("saved selection"), on_delete=models.SET_NULL, null=True, blank=True
    )
    closes_on = models.DateField(_("closing date"), help_text=_("The last day answers can be given or changed."))
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("closed early"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "-closes_on", "-pk"]
        verbose_name = _("maturity round")
        verbose_name_plural = _("maturity rounds")
        indexes = [models.Index(fields=["organisation", "closes_on"])]

    def __str__(self):
        return self.title

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opened_at is not None and self.closed_at is None and self.closes_on >= day

    def is_closed(self, day=None):
        day = day or timezone.localdate()
        return self.closed_at is not None or (self.opened_at is not None and self.closes_on < day)


class RespondentQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def not_submitted(self):
        return self.filter(submitted_at__isnull=True)

    def for_user(self, user):
        return self.filter(user=user)


class Respondent(models.Model):
    """A person invited to a round. Department and target group are kept as they were at the invitation,
    so that breakdowns of a past round do not move when people change jobs."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="respondents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="maturity_invitations")
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_group = models.CharField(max_length=20, blank=True)
    invited_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RespondentQuerySet.as_manager()

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondents")
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="one_respondent_per_round")]
        indexes = [models.Index(fields=["round", "submitted_at"]), models.Index(fields=["round", "department"])]

    def __str__(self):
        return f"{self.round} – {self.user}"


class Answer(models.Model):
    """One respondent's answer to one statement (keyed by the statement's block id)."""

    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answers")  # for aggregation
    statement = models.CharField(max_length=64)
    value = models.PositiveSmallIntegerField(choices=ScaleValue.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["respondent", "statement"], name="one_answer_per_statement"),
            models.CheckConstraint(
                condition=Q(value__gte=DONT_KNOW) & Q(value__lte=SCALE_MAX), name="answer_value_on_scale"
            ),
        ]
        indexes = [models.Index(fields=["round", "statement"])]

    def __str__(self):
        return f"{self.statement}: {self.value}"


class SurveyMailKind(models.TextChoices):
    INVITATION = "invitation", _("Invitation")
    REMINDER = "reminder", _("Reminder")


SurveyMailStatus = MailStatus


class SurveyMail(LoggedMail):
    """One mail to one respondent: the log, and the guard against a second invitation or a second
    reminder on the same day (constraints)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="mails")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="survey_mails")
    kind = models.CharField(_("kind"), max_length=20, choices=SurveyMailKind.choices)
    sent_on = models.DateField(_("day"), default=timezone.localdate)

    class Meta(LoggedMail.Meta):
        verbose_name = _("survey mail")
        verbose_name_plural = _("survey mails")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user"], condition=Q(kind="invitation"), name="one_survey_invitation"
            ),
            models.UniqueConstraint(
                fields=["round", "user", "sent_on"], condition=Q(kind="reminder"), name="one_survey_reminder_a_day"
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.user}"
