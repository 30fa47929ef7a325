"""Cohorts (omgångar) in the Wagtail admin: a ModelViewSet under the menu "Leadership programmes".

Who: editors (programmes.apps gives their role add/change/delete/view_cohort) and administrators.
The listing shows programme, title, dates and booked places against capacity; it names no person.
The form (programmes.admin_forms) offers teachers among the people with the teacher role: teachers are
staff-like people the programme hires, so their names in that chooser are accepted for editors.
Bookings, attendance, assignments and certificates are not in this admin: editors hold no permission
on them (they belong to the teacher's and the participant's screens).

Saving a cohort whose sessions changed (the calendar SEQUENCE moved, programmes.calendar) mails each
booked participant the new sessions (a CHANGED mail with the .ics, programmes.tasks), while the cohort
has not ended; raising the places moves people up from the waiting list (programmes.booking).

A cohort with active bookings or with certificates is not deleted: the delete screen answers with a
message instead (Certificate.cohort is PROTECT; deleting booked places would drop people silently).
"""

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, ProtectedError, Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from . import booking
from .admin_forms import CohortAdminForm
from .calendar import CALENDAR_FIELDS
from .models import BookingMailKind, BookingStatus, Cohort, Session

register_permission_policy(Cohort)


def _day(value):
    return date_format(value, "j F Y") if value else ""


def _dates(cohort):
    return f"{_day(cohort.starts_on)} – {_day(cohort.ends_on)}"


def _places(cohort):
    booked = getattr(cohort, "booked_count", None)
    waiting = getattr(cohort, "waiting_count", 0) or 0
    text = _("%(booked)d of %(capacity)d booked") % {"booked": booked or 0, "capacity": cohort.capacity}
    if waiting:
        text += ", " + _("%(count)d waiting") % {"count": waiting}
    return text


class CohortIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("programme")
            .annotate(
                booked_count=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
                waiting_count=Count("bookings", filter=Q(bookings__status=BookingStatus.WAITING)),
            )
        )


def in_use_message(cohort):
    """Why a cohort cannot be deleted, or None when it can."""
    active = cohort.bookings.exclude(status=BookingStatus.CANCELLED).count()
    certificates = cohort.certificates.count()
    if certificates:
        return _(
            "“%(cohort)s” cannot be deleted: %(count)d certificates have been issued for it, and they must stay "
            "verifiable."
        ) % {"cohort": cohort, "count": certificates}
    if active:
        return _(
            "“%(cohort)s” cannot be deleted: %(count)d people have booked a place or are on its waiting list. "
            "Change the dates or the sessions instead, or ask an administrator to cancel the bookings first."
        ) % {"cohort": cohort, "count": active}
    return None


class CohortDeleteView(generic.DeleteView):
    # get/post run after the permission check (dispatch): only someone who may delete learns why not.
    def get(self, request, *args, **kwargs):
        return self._refuse_if_in_use() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self._refuse_if_in_use() or super().post(request, *args, **kwargs)

    def _refuse_if_in_use(self):
        message = in_use_message(self.object)
        if message:
            messages.error(self.request, message)
            return redirect(self.index_url_name)
        return None

    def delete_action(self):
        try:
            super().delete_action()
        except ProtectedError as error:  # a certificate issued between the check and the delete
            raise CohortInUse from error

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except CohortInUse:
            messages.error(self.request, in_use_message(self.object) or _("The cohort is in use."))
            return redirect(self.index_url_name)


class CohortInUse(Exception):
    pass


def _calendar_snapshot(cohort_id):
    """What calendars hold of the cohort's sessions (programmes.calendar.CALENDAR_FIELDS), to compare."""
    rows = Session.objects.filter(cohort_id=cohort_id).values_list("pk", *CALENDAR_FIELDS)
    return sorted(rows, key=lambda row: row[0])


class CohortEditView(generic.EditView):
    """After a save: changed sessions reach the booked participants' calendars; new places go to the queue."""

    def save_instance(self):
        before = _calendar_snapshot(self.object.pk)
        sequence = Cohort.objects.filter(pk=self.object.pk).values_list("ical_sequence", flat=True).first()
        with transaction.atomic():
            cohort = super().save_instance()
            promoted = booking.fill_free_places(cohort, actor=self.request.user)
            if _calendar_snapshot(cohort.pk) != before:
                # programmes.calendar's signals bump SEQUENCE when connected; make sure it moved once.
                Cohort.objects.filter(pk=cohort.pk, ical_sequence__lte=sequence).update(ical_sequence=sequence + 1)
                cohort.ical_sequence = Cohort.objects.values_list("ical_sequence", flat=True).get(pk=cohort.pk)
                if cohort.ends_on >= timezone.localdate():
                    self._mail_changed_sessions(cohort, skip={b.pk for b in promoted})
        return cohort

    def _mail_changed_sessions(self, cohort, skip):
        # Someone just moved up gets the PROMOTED mail with the new sessions already.
        for place in cohort.bookings.booked().exclude(pk__in=skip).select_related("user"):
            booking.queue_mail(cohort, place.user, BookingMailKind.CHANGED, by=self.request.user)


class CohortViewSet(ModelViewSet):
    model = Cohort
    name = "cohorts"
    url_prefix = "ledarprogram/omgangar"
    icon = "date"
    menu_label = gettext_lazy("Cohorts")
    menu_order = 100
    index_view_class = CohortIndexView
    edit_view_class = CohortEditView
    delete_view_class = CohortDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        Column("programme", label=gettext_lazy("Programme"), sort_key="programme__title"),
        Column("title", label=gettext_lazy("Cohort"), sort_key="title"),
        Column("dates", label=gettext_lazy("Dates"), accessor=_dates, sort_key="starts_on"),
        Column("places", label=gettext_lazy("Places"), accessor=_places, sort_key="booked_count"),
    ]
    list_filter = ["programme"]
    search_fields = ["title", "programme__title"]
    search_backend_name = None  # plain database lookups over the title and the programme's title
    ordering = ["-starts_on"]
    edit_handler = ObjectList(Cohort.panels, base_form_class=CohortAdminForm)


class ProgrammesAdminGroup(ViewSetGroup):
    menu_label = gettext_lazy("Leadership programmes")
    menu_icon = "group"
    menu_order = 230
    items = (CohortViewSet,)


@hooks.register("register_admin_viewset")
def register_programme_admin():
    return ProgrammesAdminGroup()
