"""The cohort form of the Wagtail admin: choices limited to what fits, and the dates checked against each other.

- Teachers: only people with the teacher role (kursledare), shown as "Name (organisation)", and whoever
  teaches the cohort already (so that a teacher who lost the role is not dropped silently by a save).
  Teachers are staff-like people the programme hires; an editor seeing their names here is accepted.
- Self-study e-modules: live ModulePages (and those chosen already).
- Dates: ends on or after it starts; the last days to book and to cancel not after the end; each
  session inside the cohort's dates and ending after it starts.
- Places: at least one, and never fewer than the places already booked.
Errors are shown on the fields they concern.
"""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminModelForm

from accounts.roles import TEACHER
from elearning.models import ModulePage

from .models import BookingStatus


def teacher_label(user):
    name = user.get_full_name() or user.email
    organisation = user.organisation.name if user.organisation_id else _("no organisation")
    return f"{name} ({organisation})"


def teacher_choices(current_ids=()):
    """Active people with the teacher role, and whoever teaches the cohort already."""
    User = get_user_model()
    teachers = User.objects.filter(is_active=True, groups__role__code=TEACHER).values("pk")
    return (
        (User.objects.filter(pk__in=teachers) | User.objects.filter(pk__in=[pk for pk in current_ids if pk]))
        .select_related("organisation")
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


def module_choices(current_ids=()):
    return (ModulePage.objects.live() | ModulePage.objects.filter(pk__in=list(current_ids))).order_by("path")


def _checkboxes(field):
    field.widget = forms.CheckboxSelectMultiple()
    field.widget.choices = field.choices


def _day(value):
    return date_format(value, "j F Y")


class CohortAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        has_pk = self.instance.pk is not None
        if "teachers" in self.fields:
            current = list(self.instance.teachers.values_list("pk", flat=True)) if has_pk else []
            field = self.fields["teachers"]
            field.queryset = teacher_choices(current)
            field.label_from_instance = teacher_label
            field.help_text = _("People with the teacher role (kursledare). An administrator gives the role.")
            _checkboxes(field)
        if "modules" in self.fields:
            current = list(self.instance.modules.values_list("pk", flat=True)) if has_pk else []
            field = self.fields["modules"]
            field.queryset = module_choices(current)
            field.help_text = _("Published e-modules that participants take between the sessions.")
            _checkboxes(field)

    def booked_places(self):
        if self.instance.pk is None:
            return 0
        return self.instance.bookings.filter(status=BookingStatus.BOOKED).count()

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The cohort cannot end before it starts."))
        if ends_on:
            for name in ("booking_deadline", "cancellation_deadline"):
                day = cleaned.get(name)
                if day and day > ends_on:
                    self.add_error(
                        name, _("This day must not be after the cohort ends (%(day)s).") % {"day": _day(ends_on)}
                    )
        capacity = cleaned.get("capacity")
        if capacity is not None:
            booked = self.booked_places()
            if capacity < 1:
                self.add_error("capacity", _("A cohort needs at least one place."))
            elif capacity < booked:
                self.add_error(
                    "capacity",
                    ngettext(
                        "%(count)d place is already booked: the cohort cannot have fewer places.",
                        "%(count)d places are already booked: the cohort cannot have fewer places.",
                        booked,
                    )
                    % {"count": booked},
                )
        due = cleaned.get("assignment_due")
        if due and starts_on and due < starts_on:
            self.add_error("assignment_due", _("The home assignment cannot be due before the cohort starts."))
        return cleaned

    def is_valid(self):
        valid = super().is_valid()
        return self._sessions_are_valid() and valid

    def _sessions_are_valid(self):
        """Each session (not marked for deletion) ends after it starts and lies within the cohort's dates."""
        formset = self.formsets.get("sessions")
        cleaned = getattr(self, "cleaned_data", {})
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if formset is None:
            return True
        valid = True
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
            if starts_at and ends_at and ends_at <= starts_at:
                form.add_error("ends_at", _("The session must end after it starts."))
                valid = False
            if starts_at and starts_on and ends_on and not (starts_on <= _local_day(starts_at) <= ends_on):
                form.add_error(
                    "starts_at",
                    _("The session must be within the cohort's dates (%(starts)s – %(ends)s).")
                    % {"starts": _day(starts_on), "ends": _day(ends_on)},
                )
                valid = False
            elif ends_at and starts_on and ends_on and _local_day(ends_at) > ends_on:
                form.add_error(
                    "ends_at",
                    _("The session must be within the cohort's dates (%(starts)s – %(ends)s).")
                    % {"starts": _day(starts_on), "ends": _day(ends_on)},
                )
                valid = False
        return valid


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()
