"""Registrations for a webcast (with a waiting list) and the log of mails sent about them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import scoping


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=RegistrationStatus.CANCELLED)

    def registered(self):
        return self.filter(status=RegistrationStatus.REGISTERED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=RegistrationStatus.WAITING).order_by("waiting_since", "pk")

    def visible_to(self, user):
        """Registrations of people the user may see by name (own; a manager's organisation; all for admins)."""
        return self.filter(scoping.people_filter(user, "user"))

    def with_figures_for(self, user):
        return self.filter(scoping.figures_filter(user, "user__organisation_id"))


class Registration(models.Model):
    """One person's place (or place in the queue) for one webcast. One row per person and webcast:
    registering again after cancelling reuses it, so the constraint holds "never twice"."""

    webcast = models.ForeignKey(
        "webcasts.WebcastPage", on_delete=models.CASCADE, related_name="registrations", verbose_name=_("webcast")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webcast_registrations",
        verbose_name=_("person"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["webcast", "user"], name="one_registration_per_webcast"),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.WAITING) | Q(waiting_since__isnull=False),
                name="waiting_has_a_place_in_the_queue",
            ),
        ]
        indexes = [models.Index(fields=["webcast", "status"])]

    def __str__(self):
        return f"{self.user} – {self.webcast_id} ({self.status})"


class WebcastMailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirmation")
    WAITING = "waiting", _("On the waiting list")
    PROMOTED = "promoted", _("Moved up from the waiting list")
    CANCELLED = "cancelled", _("Cancellation")
    DAY_BEFORE = "day_before", _("Reminder the day before")
    HOUR_BEFORE = "hour_before", _("Reminder one hour before")
    CHANGED = "changed", _("Changed time or cancelled webcast")


class WebcastMailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")


REMINDER_KINDS = (WebcastMailKind.DAY_BEFORE, WebcastMailKind.HOUR_BEFORE)


class WebcastMailQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(scoping.people_filter(user, "user"))


class WebcastMail(models.Model):
    """One mail to one person about one webcast: the log, and for reminders the guard against a second."""

    webcast = models.ForeignKey("webcasts.WebcastPage", on_delete=models.CASCADE, related_name="mails")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webcast_mails")
    kind = models.CharField(_("kind"), max_length=20, choices=WebcastMailKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=WebcastMailStatus.choices, default=WebcastMailStatus.QUEUED
    )
    sequence = models.PositiveIntegerField(_("calendar version"), default=0)
    tries = models.PositiveSmallIntegerField(_("tries"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = WebcastMailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webcast mail")
        verbose_name_plural = _("webcast mails")
        constraints = [
            models.UniqueConstraint(
                fields=["webcast", "user", "kind"],
                condition=Q(kind__in=["day_before", "hour_before"]),
                name="one_webcast_reminder_of_each_kind",
            )
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.status}"
