"""Workshops (a chefsdag), their small groups, memberships and reminder log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from accounts import scoping

from . import calendar


class WorkshopQuerySet(models.QuerySet):
    """Who may see which workshop is asked of accounts.scoping; facilitating a group adds that workshop."""

    def for_organisation(self, organisation_id):
        return self.filter(organisation_id=organisation_id)

    def managed_by(self, user):
        """Workshops whose people the user may manage: their organisation's (manager), all (administrator)."""
        return self.filter(scoping.organisation_filter(user))

    def visible_to(self, user):
        """Managed workshops, and those in which the user leads a group."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        led = WorkshopGroup.objects.filter(facilitator=user).values("workshop_id")
        return self.filter(scoping.organisation_filter(user) | models.Q(pk__in=led))

    def with_figures_for(self, user):
        """Workshops that may count in the user's aggregate figures (programme owners, editors too)."""
        return self.filter(scoping.figures_filter(user))

    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now()).order_by("starts_at")

    def for_member(self, user):
        return self.filter(memberships__user=user).distinct()


class Workshop(ClusterableModel):
    title = models.CharField(_("title"), max_length=200)
    organisation = models.ForeignKey(
        # PROTECT: deleting an organisation must not silently take its workshops and their history with it.
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="workshops",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    required_modules = ParentalManyToManyField(
        "elearning.ModulePage", verbose_name=_("modules to finish before the day"), blank=True, related_name="workshops"
    )
    required_webcasts = ParentalManyToManyField(
        "webcasts.WebcastPage",
        verbose_name=_("webcasts to attend before the day"),
        blank=True,
        related_name="workshops",
        help_text=_("Live or as a recording. They count in readiness like the modules."),
    )
    facilitators = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("facilitators"), blank=True, related_name="facilitated_workshops"
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("automatic reminder (days before)"), default=3, help_text=_("0 turns the automatic reminder off.")
    )
    auto_reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    # Bumped whenever a calendar should see a change (time, place, title): iCalendar SEQUENCE.
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = WorkshopQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
        FieldPanel("description"),
        FieldPanel("required_modules"),
        FieldPanel("required_webcasts"),
        FieldPanel("facilitators"),
        MultiFieldPanel([FieldPanel("reminder_days_before")], heading=_("Reminders")),
    ]

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        indexes = [models.Index(fields=["organisation", "starts_at"])]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%Y-%m-%d})"

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The workshop must end after it starts.")})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        calendar.remember(instance)
        return instance

    def save(self, *args, **kwargs):
        # A change of title, time or place bumps the iCalendar SEQUENCE (workshops/calendar.py; no query).
        if "update_fields" in kwargs:
            kwargs["update_fields"] = calendar.bump_if_changed(self, kwargs["update_fields"])
        else:
            calendar.bump_if_changed(self)
        super().save(*args, **kwargs)
        calendar.remember(self)

    def days_left(self, today=None):
        today = today or timezone.localdate()
        return (timezone.localtime(self.starts_at).date() - today).days


class WorkshopGroupQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Groups of managed workshops, and groups the user leads."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(scoping.organisation_filter(user, "workshop__organisation_id") | models.Q(facilitator=user))

    def managed_by(self, user):
        return self.filter(scoping.organisation_filter(user, "workshop__organisation_id"))


class WorkshopGroup(models.Model):
    workshop = models.ForeignKey(Workshop, verbose_name=_("workshop"), on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=100, help_text=_("For example “Bord 3”"))
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="facilitated_groups",
    )
    room = models.CharField(_("room or table"), max_length=100, blank=True)

    objects = WorkshopGroupQuerySet.as_manager()

    panels = [FieldPanel("workshop"), FieldPanel("name"), FieldPanel("facilitator"), FieldPanel("room")]

    class Meta:
        ordering = ["workshop", "name"]
        verbose_name = _("workshop group")
        verbose_name_plural = _("workshop groups")
        constraints = [models.UniqueConstraint(fields=["workshop", "name"], name="group_name_unique_per_workshop")]

    def __str__(self):
        return f"{self.name} – {self.workshop.title}"


class MembershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Members the user may see by name: of managed workshops, or of the groups the user leads."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            scoping.organisation_filter(user, "workshop__organisation_id") | models.Q(group__facilitator=user)
        )

    def active(self):
        """People who have not left: only they count in readiness, reminders and proposals."""
        return self.filter(user__is_active=True)


class Membership(models.Model):
    """A person in one group of a workshop. The workshop column makes "one group per workshop" a constraint."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="memberships")
    group = models.ForeignKey(WorkshopGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_memberships")
    added_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [models.UniqueConstraint(fields=["workshop", "user"], name="one_group_per_workshop")]
        indexes = [models.Index(fields=["group", "user"])]

    def __str__(self):
        return f"{self.user} – {self.group}"


class ReminderStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")


class ReminderQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(scoping.organisation_filter(user, "workshop__organisation_id"))


class Reminder(models.Model):
    """One reminder to one person on one day. The constraint stops a second one the same day."""

    workshop = models.ForeignKey(
        Workshop, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("workshop")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="workshop_reminders",
        verbose_name=_("person"),
    )
    sent_on = models.DateField(_("day"))
    status = models.CharField(_("status"), max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("requested by"),
    )
    automatic = models.BooleanField(_("automatic"), default=False)
    message = models.TextField(_("message"), blank=True, help_text=_("The sender's own words, added to the e-mail."))
    tries = models.PositiveSmallIntegerField(_("tries"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = ReminderQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [models.UniqueConstraint(fields=["workshop", "user", "sent_on"], name="one_reminder_per_day")]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.user} {self.sent_on} {self.status}"
