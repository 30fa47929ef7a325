"""Rollout plans (the target-group checklist): ordered phases, their people, activities and messages.

Above `workshops`, beside `dashboard`: a phase gathers e-modules, workshops and webcasts, and its
progress is read from each domain's own records (see `rollout.progress`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from core.outbox import LoggedMail, MailStatus


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Plans the user may read: their own organisation's (administrators: all).

        A plan is the organisation's internal planning (its departments, its people's progress), so
        programme owners and editors, who see figures across organisations, do not read other plans.
        """
        return self.filter(scoping.organisation_filter(user))

    def managed_by(self, user):
        """Plans the user may change: their own organisation's (administrators: all)."""
        return self.filter(scoping.organisation_filter(user))


class RolloutPlan(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="rollout_plans"
    )
    title = models.CharField(_("title"), max_length=200)
    goal = models.TextField(_("goal"), blank=True)
    # Answers to the target-group checklist that the phases themselves do not hold.
    target_groups_note = models.TextField(
        _("which target groups there are"),
        blank=True,
        help_text=_("For example which roles and units count as their own target group."),
    )
    clustering = models.TextField(
        _("should target groups be clustered?"),
        blank=True,
        help_text=_("Which groups are trained together, and why."),
    )
    order_rationale = models.TextField(_("why this order?"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "title"]
        verbose_name = _("rollout plan")
        verbose_name_plural = _("rollout plans")

    def __str__(self):
        return self.title


class Phase(models.Model):
    """One step of a plan: who (target groups, departments or a saved selection), what, when, and who helps
    roll out to the next phase."""

    plan = models.ForeignKey(RolloutPlan, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    target_groups = models.JSONField(_("target groups"), default=list, blank=True)
    departments = models.ManyToManyField("accounts.Department", verbose_name=_("departments"), blank=True)
    selection = models.ForeignKey(
        "accounts.Selection", verbose_name=_("saved selection"), on_delete=models.SET_NULL, null=True, blank=True
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    modules = models.ManyToManyField("elearning.ModulePage", verbose_name=_("e-modules"), blank=True, related_name="+")
    workshops = models.ManyToManyField("workshops.Workshop", verbose_name=_("workshops"), blank=True, related_name="+")
    webcasts = models.ManyToManyField("webcasts.WebcastPage", verbose_name=_("webcasts"), blank=True, related_name="+")
    resource_group = models.CharField(
        _("helps roll out to the next phase"),
        max_length=300,
        blank=True,
        help_text=_("The group of this phase that supports the next one, e.g. the managers as ambassadors."),
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="phase_position_unique")]

    def __str__(self):
        return self.name


class Sender(models.TextChoices):
    MUNICIPAL_DIRECTOR = "kommundirektor", _("Municipal director")
    HR = "hr", _("HR")
    DEPARTMENT_HEAD = "forvaltningschef", _("Head of department")
    MANAGER = "chef", _("Nearest manager")
    DIGITALISATION_LEAD = "digitalisering", _("Digitalisation lead")
    COMMUNICATIONS = "kommunikation", _("Communications")
    OTHER = "annan", _("Other")


class Channel(models.TextChoices):
    EMAIL = "epost", _("E-mail")
    INTRANET = "intranat", _("Intranet")
    TEAM_MEETING = "apt", _("Workplace meeting (APT)")
    MANAGERS_DAY = "chefsdag", _("Managers' day")
    LETTER = "brev", _("Letter from management")
    OTHER = "annan", _("Other")


class CommunicationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    READY = "ready", _("Ready to send")
    DONE = "done", _("Sent")


class CommunicationItem(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="communications")
    message = models.TextField(_("message"))
    sender = models.CharField(_("sender"), max_length=20, choices=Sender.choices)
    sender_name = models.CharField(_("sender's name"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CommunicationStatus.choices, default=CommunicationStatus.PLANNED
    )

    class Meta:
        ordering = ["phase", "date", "pk"]
        verbose_name = _("communication item")
        verbose_name_plural = _("communication items")

    def __str__(self):
        return self.message[:60]


PhaseMailStatus = MailStatus


class PhaseMail(LoggedMail):
    """The invitation sent to one person when their phase starts: the log, and the guard against a second."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="mails")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rollout_mails")

    class Meta(LoggedMail.Meta):
        verbose_name = _("phase invitation")
        verbose_name_plural = _("phase invitations")
        constraints = [models.UniqueConstraint(fields=["phase", "user"], name="one_phase_invitation")]

    def __str__(self):
        return f"{self.phase} – {self.user}"
