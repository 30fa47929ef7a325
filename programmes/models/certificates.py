"""Certificates: issued when a participant completes a cohort, rendered as a PDF by a task, verifiable by code.

What the certificate says (name, programme, dates) is kept as it was when issued: a later change of
name or of the cohort's dates does not rewrite a document someone may already have printed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage


class CertificateStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed, will be retried")


def certificate_path(instance, filename):
    return f"certificates/{instance.cohort_id}/{instance.code}.pdf"


class Certificate(models.Model):
    cohort = models.ForeignKey("programmes.Cohort", on_delete=models.PROTECT, related_name="certificates")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=300)
    programme_title = models.CharField(_("programme"), max_length=255)
    cohort_title = models.CharField(_("cohort"), max_length=120)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CertificateStatus.choices, default=CertificateStatus.PENDING
    )
    pdf = models.FileField(storage=private_storage, upload_to=certificate_path, blank=True)
    tries = models.PositiveSmallIntegerField(default=0)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_reason = models.CharField(_("reason"), max_length=300, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="one_certificate_per_cohort"),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revoked_reason=""), name="revoked_certificate_has_reason"
            ),
        ]

    def __str__(self):
        return self.code

    @property
    def revoked(self):
        return self.revoked_at is not None
