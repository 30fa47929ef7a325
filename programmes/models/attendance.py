"""Who was at which session, as the teacher marked it at the roll call."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionAttendance(models.Model):
    session = models.ForeignKey("programmes.Session", on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_attendance")
    present = models.BooleanField(_("present"), default=False)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked"), auto_now=True)

    class Meta:
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendance")
        constraints = [models.UniqueConstraint(fields=["session", "user"], name="one_attendance_per_session")]

    def __str__(self):
        return f"{self.user_id} @ {self.session_id}: {self.present}"
