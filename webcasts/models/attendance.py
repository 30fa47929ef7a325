"""Attendance: time a person had the live page open, and how much of the recording they watched.

Whether that counts as attended is one rule, `webcasts.attendance`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import scoping


class AttendanceQuerySet(models.QuerySet):
    def attended(self):
        return self.filter(attended_at__isnull=False)

    def visible_to(self, user):
        return self.filter(scoping.people_filter(user, "user"))

    def with_figures_for(self, user):
        return self.filter(scoping.figures_filter(user, "user__organisation_id"))


class Attendance(models.Model):
    webcast = models.ForeignKey(
        "webcasts.WebcastPage", on_delete=models.CASCADE, related_name="attendances", verbose_name=_("webcast")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webcast_attendances", verbose_name=_("person")
    )
    live_seconds = models.PositiveIntegerField(_("seconds live"), default=0)
    recording_seconds = models.PositiveIntegerField(_("seconds of the recording"), default=0)
    last_heartbeat_at = models.DateTimeField(null=True, blank=True)
    first_seen_at = models.DateTimeField(auto_now_add=True)
    attended_at = models.DateTimeField(_("attended"), null=True, blank=True, db_index=True)
    via_recording = models.BooleanField(_("through the recording"), default=False)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["webcast", "user"], name="one_attendance_per_webcast")]

    def __str__(self):
        return f"{self.user_id} – {self.webcast_id}"
