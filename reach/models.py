"""The national targets that reach is measured against, editable by programme owners."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_ORGANISATION_SHARE = 50
DEFAULT_LEADING_PERSONS = 3000


class ReachTarget(models.Model):
    """One row (pk 1): the share of organisations that have taken part, and the leading persons reached."""

    organisation_share = models.PositiveSmallIntegerField(
        _("target share of organisations (%)"),
        default=DEFAULT_ORGANISATION_SHARE,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    leading_persons = models.PositiveIntegerField(
        _("target number of leading persons reached"),
        default=DEFAULT_LEADING_PERSONS,
        validators=[MinValueValidator(1)],
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        verbose_name = _("reach target")
        verbose_name_plural = _("reach targets")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(organisation_share__gte=1, organisation_share__lte=100),
                name="target_share_is_a_percentage",
            ),
            models.CheckConstraint(condition=models.Q(leading_persons__gte=1), name="target_persons_positive"),
        ]

    def __str__(self):
        return f"{self.organisation_share} % / {self.leading_persons}"

    @classmethod
    def current(cls):
        """The targets in force (defaults until someone saves them)."""
        return cls.objects.filter(pk=1).first() or cls(pk=1)
