"""A cohort (omgång) of a programme and its teacher-led sessions."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from core.blocks import RICH_TEXT_FEATURES


class CohortQuerySet(models.QuerySet):
    def taught_by(self, user):
        """The cohorts a person teaches (kursledare): all a teacher ever sees of participants."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(teachers=user)


class Cohort(ClusterableModel):
    programme = models.ForeignKey(
        "programmes.ProgrammePage", on_delete=models.CASCADE, related_name="cohorts", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=120, help_text=_("E.g. “Våren 2027”."))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    capacity = models.PositiveIntegerField(_("places"))
    booking_deadline = models.DateField(_("last day to book"))
    cancellation_deadline = models.DateField(_("last day to cancel"))
    teachers = ParentalManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="taught_cohorts", verbose_name=_("teachers")
    )
    modules = ParentalManyToManyField(
        "elearning.ModulePage", blank=True, related_name="+", verbose_name=_("self-study e-modules")
    )
    assignment_title = models.CharField(_("home assignment"), max_length=200, blank=True)
    assignment_instructions = RichTextField(_("instructions"), blank=True, features=RICH_TEXT_FEATURES)
    assignment_due = models.DateField(_("due date"), null=True, blank=True)
    share_approved_assignments = models.BooleanField(
        _("participants may read each other's approved assignments"), default=False
    )
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    panels = [
        FieldPanel("programme"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("booking_deadline"), FieldPanel("cancellation_deadline")]),
        FieldPanel("teachers"),
        FieldPanel("modules"),
        InlinePanel("sessions", heading=_("Sessions"), label=_("Session")),
        MultiFieldPanel(
            [
                FieldPanel("assignment_title"),
                FieldPanel("assignment_instructions"),
                FieldPanel("assignment_due"),
                FieldPanel("share_approved_assignments"),
            ],
            heading=_("Home assignment"),
        ),
    ]

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="cohort_ends_after_start"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="cohort_has_places"),
        ]

    def __str__(self):
        return f"{self.programme.title} – {self.title}" if self.programme_id else self.title


class Session(Orderable):
    """One teacher-led session: a time, a place or an online link, and an agenda."""

    cohort = ParentalKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("place"),
        FieldPanel("online_url"),
        FieldPanel("agenda"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start")]
        indexes = [models.Index(fields=["starts_at"])]

    def __str__(self):
        return self.title
