"""Places in a cohort (with a waiting list) and the log of mails sent about them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from core.outbox import LoggedMail


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class BookingQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=BookingStatus.CANCELLED)

    def booked(self):
        return self.filter(status=BookingStatus.BOOKED)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=BookingStatus.WAITING).order_by("waiting_since", "pk")

    def visible_to(self, user):
        """Bookings of people the user may see by name (accounts.scoping), and of the cohorts they teach."""
        return self.filter(scoping.people_filter(user, "user") | Q(cohort__teachers=user.pk or 0)).distinct()

    def with_figures_for(self, user):
        return self.filter(scoping.figures_filter(user, "user__organisation_id"))


class Booking(models.Model):
    """One person's place (or place in the queue) in one cohort; booking again after cancelling reuses it."""

    cohort = models.ForeignKey(
        "programmes.Cohort", on_delete=models.CASCADE, related_name="bookings", verbose_name=_("cohort")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_bookings", verbose_name=_("person")
    )
    status = models.CharField(_("status"), max_length=12, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("booked by"),
    )
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)
    waiting_since = models.DateTimeField(_("on the waiting list since"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="one_booking_per_cohort"),
            models.CheckConstraint(
                condition=~Q(status=BookingStatus.WAITING) | Q(waiting_since__isnull=False),
                name="booking_waiting_has_a_place_in_the_queue",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "status"]), models.Index(fields=["status", "user"])]

    def __str__(self):
        return f"{self.user} – {self.cohort_id} ({self.status})"


class BookingMailKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirmation")
    WAITING = "waiting", _("On the waiting list")
    PROMOTED = "promoted", _("Moved up from the waiting list")
    CANCELLED = "cancelled", _("Cancellation")
    CHANGED = "changed", _("Changed sessions")
    CERTIFICATE = "certificate", _("Certificate ready")


class BookingMail(LoggedMail):
    """One mail to one person about their place in a cohort (sent by `programmes.tasks`)."""

    cohort = models.ForeignKey("programmes.Cohort", on_delete=models.CASCADE, related_name="mails")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="programme_mails")
    kind = models.CharField(_("kind"), max_length=20, choices=BookingMailKind.choices)
    sequence = models.PositiveIntegerField(_("calendar version"), default=0)

    class Meta(LoggedMail.Meta):
        verbose_name = _("programme mail")
        verbose_name_plural = _("programme mails")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.user_id} {self.kind} {self.status}"
