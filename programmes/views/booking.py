"""Views of programme booking: book, cancel, a manager booking people, the bookings list, the .ics, mine.

Plain forms and POST-redirect-GET with a message; every change goes through `programmes.booking`.
A refused change (deadline passed, not your organisation) answers a short page with the message and
its status code (409, 403); something outside the person's view is a 404.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import scoping
from accounts.models import Department
from core import audit
from core.calendar import CONTENT_TYPE
from core.exports import FORMATS, export_response
from core.sites import public

from .. import access, selectors
from .. import booking as rules
from ..calendar import cohort_ics
from ..exceptions import NotFound, ProgrammeError
from ..forms import ids_from
from ..models import Booking, BookingStatus, Cohort, ProgrammePage

MAX_PEOPLE = 500


def _cohort(pk):
    pages = public(ProgrammePage.objects.live()).values("pk")
    return get_object_or_404(Cohort.objects.select_related("programme").filter(programme__in=Subquery(pages)), pk=pk)


def _page_url(cohort):
    return f"{cohort.programme.url or '/'}#omgang-{cohort.pk}"


def _back(request, default):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


def _problem(request, error, cohort=None, back=None):
    """The refusal as a page with its status code: the message and the way back."""
    if isinstance(error, NotFound):
        raise Http404(str(error.message))
    return render(
        request,
        "programmes/booking/problem.html",
        {"message": error.message, "cohort": cohort, "back": back or (_page_url(cohort) if cohort else "/")},
        status=error.status,
    )


def _say(request, outcome):
    if outcome.booked and outcome.changed:
        messages.success(request, outcome.message)
    elif outcome.waiting and outcome.changed:
        messages.warning(request, outcome.message)
    else:
        messages.info(request, outcome.message)


@login_required
@require_http_methods(["GET", "POST"])
def book(request, pk):
    cohort = _cohort(pk)
    if request.method == "GET":  # back from the login page: show the page, change nothing
        return _back(request, _page_url(cohort))
    try:
        outcome = rules.book(request.user, cohort)
    except ProgrammeError as error:
        return _problem(request, error, cohort)
    _say(request, outcome)
    return _back(request, _page_url(cohort))


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk):
    cohort = _cohort(pk)
    if request.method == "GET":
        return _back(request, _page_url(cohort))
    try:
        outcome = rules.cancel(user=request.user, cohort=cohort, by=request.user)
    except NotFound:
        messages.info(request, _("You had no booking in this cohort: nothing changed."))
    except ProgrammeError as error:
        return _problem(request, error, cohort)
    else:
        if outcome.changed:
            messages.success(request, _("Your booking is cancelled."))
        else:
            messages.info(request, _("Your booking was already cancelled: nothing changed."))
    return _back(request, _page_url(cohort))


@login_required
@require_POST
def cancel_booking(request, booking_id):
    """Cancel one booking by its id: one's own, or (a manager) one of one's organisation's people."""
    found = get_object_or_404(
        Booking.objects.filter(scoping.people_filter(request.user, "user")).select_related("user", "cohort__programme"),
        pk=booking_id,
    )
    try:
        outcome = rules.cancel(found, by=request.user)
    except ProgrammeError as error:
        return _problem(request, error, found.cohort, back=reverse("programme_bookings"))
    if outcome.changed:
        messages.success(
            request,
            _("The booking of %(person)s is cancelled.") % {"person": found.user.get_full_name() or found.user.email},
        )
    else:
        messages.info(request, _("The booking was already cancelled: nothing changed."))
    return _back(request, reverse("programme_bookings"))


@login_required
@require_GET
def cohort_calendar(request, pk):
    """The cohort's sessions as a calendar file, for a person with a booked place (or who teaches it)."""
    cohort = _cohort(pk)
    if not access.is_participant(request.user, cohort) and not access.teaches(request.user, cohort):
        raise Http404
    response = HttpResponse(cohort_ics(cohort), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="ledarprogram-{cohort.pk}.ics"'
    return response


@login_required
@require_GET
def mine(request):
    views = selectors.my_bookings(request.user)
    for view in views:
        try:
            view.extra["participant_url"] = reverse("programme_participant_cohort", args=[view.cohort.pk])
        except NoReverseMatch:
            view.extra["participant_url"] = ""
    return render(request, "programmes/booking/mine.html", {"cohorts": views})


# --- A manager books people of their own organisation ---------------------------------------------


class PeopleFilterForm(forms.Form):
    department = forms.TypedChoiceField(label=gettext_lazy("Department"), required=False, coerce=int, empty_value=None)

    def __init__(self, data=None, *, departments=(), **kwargs):
        super().__init__(data, **kwargs)
        departments = list(departments)
        several = len({d.organisation_id for d in departments}) > 1
        self.fields["department"].choices = [("", gettext_lazy("All departments"))] + [
            (d.pk, f"{d.name} – {d.organisation}" if several else d.name) for d in departments
        ]


def _candidates(manager):
    """People the manager may book: those they see by name (accounts.scoping), still working."""
    people = scoping.users_visible_to(manager).filter(is_active=True, left_on__isnull=True)
    if manager.organisation_id is not None:
        people = people.filter(organisation_id=manager.organisation_id)
    return people.select_related("organisation", "department")


@login_required
@require_http_methods(["GET", "POST"])
def book_people(request, pk):
    if not scoping.can_view_reports(request.user):
        raise Http404
    cohort = _cohort(pk)
    if request.method == "POST":
        ids = ids_from(request.POST.getlist("people"), MAX_PEOPLE)
        if not ids:
            messages.error(request, _("Choose at least one person to book."))
            return redirect(request.get_full_path())
        # Others' ids are not looked up at all: the report says "not found or not yours".
        people = list(_candidates(request.user).filter(pk__in=ids).order_by("last_name", "first_name", "email"))
        try:
            report = rules.bulk_book(request.user, cohort, people)
        except ProgrammeError as error:
            return _problem(request, error, cohort)
        unknown = len(set(ids) - {p.pk for p in people})
        status = 403 if unknown and not people else 200
        return render(
            request,
            "programmes/booking/book_people_done.html",
            {"cohort": cohort, "report": report, "unknown": unknown},
            status=status,
        )
    departments = Department.objects.filter(scoping.organisation_filter(request.user)).select_related("organisation")
    form = PeopleFilterForm(request.GET or None, departments=departments)
    people = _candidates(request.user)
    if form.is_bound and form.is_valid() and form.cleaned_data.get("department"):
        people = people.filter(department_id=form.cleaned_data["department"])
    people = list(people.order_by("last_name", "first_name", "email")[: MAX_PEOPLE + 1])
    too_many = len(people) > MAX_PEOPLE
    people = people[:MAX_PEOPLE]
    statuses = dict(
        Booking.objects.filter(cohort=cohort, user__in=[p.pk for p in people]).active().values_list("user_id", "status")
    )
    figures = rules.figures(cohort)
    return render(
        request,
        "programmes/booking/book_people.html",
        {
            "cohort": cohort,
            "form": form,
            "rows": [{"person": p, "status": statuses.get(p.pk)} for p in people],
            "too_many": too_many,
            "max_people": MAX_PEOPLE,
            "figures": figures,
            "booking_open": rules.booking_open(cohort),
            "page_url": _page_url(cohort),
        },
    )


# --- The manager's list of their organisation's bookings ------------------------------------------


class BookingsFilterForm(forms.Form):
    cohort = forms.TypedChoiceField(label=gettext_lazy("Cohort"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False)

    def __init__(self, data=None, *, cohorts=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["cohort"].choices = [("", gettext_lazy("All cohorts"))] + [(c.pk, str(c)) for c in cohorts]
        self.fields["status"].choices = [("", gettext_lazy("Booked and waiting")), *BookingStatus.choices]


def _status_label(booking):
    if booking.status == BookingStatus.WAITING:
        return _("Waiting list, number %(position)s") % {"position": rules.queue_position(booking)}
    if booking.status == BookingStatus.CANCELLED:
        return _("Booking cancelled")
    return _("Booked")


def _export_rows(bookings):
    yield [
        _("Name"),
        _("E-mail"),
        _("Organisation"),
        _("Department"),
        _("Programme"),
        _("Cohort"),
        _("Starts"),
        _("Status"),
        _("Booked"),
        _("Booked by"),
    ]
    for b in bookings:
        yield [
            b.user.get_full_name(),
            b.user.email,
            str(b.user.organisation or ""),
            b.user.department.name if b.user.department else "",
            b.cohort.programme.title,
            b.cohort.title,
            b.cohort.starts_on,
            _status_label(b),
            b.created_at,
            (b.booked_by.get_full_name() or b.booked_by.email) if b.booked_by else "",
        ]


@login_required
@require_GET
def bookings(request):
    """The bookings of the manager's organisation across cohorts, by name (an administrator: all)."""
    if not scoping.can_view_reports(request.user):
        raise Http404
    visible = Booking.objects.filter(scoping.people_filter(request.user, "user"))
    cohorts = Cohort.objects.filter(pk__in=visible.values("cohort_id")).select_related("programme")
    form = BookingsFilterForm(request.GET or None, cohorts=cohorts)
    selected = rules.with_queue_positions(visible).select_related(
        "user__organisation", "user__department", "cohort__programme", "booked_by"
    )
    if form.is_bound and form.is_valid():
        if form.cleaned_data.get("cohort"):
            selected = selected.filter(cohort_id=form.cleaned_data["cohort"])
        if form.cleaned_data.get("status"):
            selected = selected.filter(status=form.cleaned_data["status"])
        else:
            selected = selected.active()
    else:
        selected = selected.active()
    selected = selected.order_by("user__last_name", "user__first_name", "user__email", "cohort__starts_on")
    fmt = request.GET.get("format")
    if fmt:
        rows = list(_export_rows(selected))
        if fmt in FORMATS:
            audit.log(
                "report.exported",
                f"programmes.Booking ({fmt})",
                actor=request.user,
                report="programmes.Booking",
                format=fmt,
                count=len(rows) - 1,
            )
        return export_response(fmt, f"ledarprogram-bokningar-{timezone.localdate():%Y-%m-%d}", rows[0], rows[1:])
    query = request.GET.copy()
    query.pop("format", None)
    rows = [
        {
            "booking": b,
            "status": _status_label(b),
            "can_cancel": rules.may_cancel(b, request.user),
        }
        for b in selected
    ]
    return render(request, "programmes/booking/bookings.html", {"form": form, "rows": rows, "query": query.urlencode()})


urlpatterns = [
    path("omgang/<int:pk>/boka/", book, name="programme_book"),
    path("omgang/<int:pk>/avboka/", cancel, name="programme_cancel"),
    path("omgang/<int:pk>/boka-personer/", book_people, name="programme_book_people"),
    path("omgang/<int:pk>/kalender.ics", cohort_calendar, name="programme_cohort_ics"),
    path("bokning/<int:booking_id>/avboka/", cancel_booking, name="programme_booking_cancel"),
    path("bokningar/", bookings, name="programme_bookings"),
    path("mina-program/", mine, name="programme_mine"),
]
