"""Views of webcasts: register, cancel, the .ics of one webcast, and a manager registering people.

Plain forms and POST-redirect-GET with a message; every change goes through `webcasts.booking`.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts import scoping
from accounts.models import Department, TargetGroup
from core.calendar import CONTENT_TYPE
from core.sites import public

from .. import booking
from ..audience import audience_of
from ..calendar import webcast_ics
from ..exceptions import NotYourRegistration, RegistrationError
from ..models import Registration, WebcastPage

MAX_PEOPLE = 500


def _webcast(pk):
    return get_object_or_404(public(WebcastPage.objects.live()), pk=pk)


def _back(request, webcast):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect((webcast.url or "/") + "#anmalan")


def _say_outcome(request, outcome):
    registration = outcome.registration
    if outcome.registered:
        if outcome.changed:
            messages.success(
                request, _("You are registered. A confirmation with a calendar file is on its way to your e-mail.")
            )
        else:
            messages.info(request, _("You were already registered: nothing changed."))
        return
    position = booking.queue_position(registration)
    if outcome.changed:
        messages.warning(
            request,
            _("The webcast is fully booked: you are on the waiting list, number %(position)s in the queue.")
            % {"position": position},
        )
    else:
        messages.info(
            request,
            _("You were already on the waiting list (number %(position)s): nothing changed.") % {"position": position},
        )


@login_required
@require_http_methods(["GET", "POST"])
def register(request, pk):
    webcast = _webcast(pk)
    if request.method == "GET":  # back from the login page: show the page, change nothing
        return _back(request, webcast)
    try:
        outcome = booking.register(request.user, webcast)
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        _say_outcome(request, outcome)
    return _back(request, webcast)


@login_required
@require_http_methods(["GET", "POST"])
def cancel(request, pk):
    webcast = _webcast(pk)
    if request.method == "GET":
        return _back(request, webcast)
    try:
        outcome = booking.cancel(user=request.user, webcast=webcast, by=request.user)
    except NotYourRegistration:
        messages.info(request, _("You were not registered for this webcast: nothing changed."))
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        if outcome.changed:
            messages.success(request, _("Your registration is cancelled."))
        else:
            messages.info(request, _("Your registration was already cancelled: nothing changed."))
    return _back(request, webcast)


@login_required
@require_http_methods(["POST"])
def cancel_registration(request, registration_id):
    """Cancel one registration by its id: one's own, or (a manager) one of one's organisation's people."""
    registration = get_object_or_404(
        Registration.objects.visible_to(request.user).select_related("user", "webcast"), pk=registration_id
    )
    try:
        outcome = booking.cancel(registration, by=request.user)
    except NotYourRegistration:
        raise Http404 from None
    except RegistrationError as error:
        messages.error(request, error.message)
    else:
        if outcome.changed:
            messages.success(
                request,
                _("The registration of %(person)s is cancelled.") % {"person": registration.user},
            )
        else:
            messages.info(request, _("The registration was already cancelled: nothing changed."))
    return _back(request, registration.webcast)


def ics(request, pk):
    """The webcast as a calendar file (PUBLISH), for "Add to calendar". Public like the page itself."""
    webcast = _webcast(pk)
    response = HttpResponse(webcast_ics(webcast), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="webbsandning-{webcast.pk}.ics"'
    return response


# --- A manager registers people of their own organisation ---------------------------------------


class PeopleFilterForm(forms.Form):
    department = forms.TypedChoiceField(label=gettext_lazy("Department"), required=False, coerce=int, empty_value=None)
    target_group = forms.ChoiceField(label=gettext_lazy("Target group"), required=False)

    def __init__(self, data=None, *, departments=(), **kwargs):
        super().__init__(data, **kwargs)
        departments = list(departments)
        # An administrator sees every organisation's departments: name the organisation where they differ.
        several = len({d.organisation_id for d in departments}) > 1
        self.fields["department"].choices = [("", gettext_lazy("All departments"))] + [
            (d.pk, f"{d.name} – {d.organisation}" if several else d.name) for d in departments
        ]
        self.fields["target_group"].choices = [("", gettext_lazy("All target groups")), *TargetGroup.choices]


def _candidates(manager):
    """People the manager may register: those they see by name (accounts.scoping), still working."""
    people = scoping.users_visible_to(manager).filter(is_active=True, left_on__isnull=True)
    if manager.organisation_id is not None:
        people = people.filter(organisation_id=manager.organisation_id)
    return people.select_related("organisation", "department")


@login_required
@require_http_methods(["GET", "POST"])
def register_people(request, pk):
    if not scoping.can_view_reports(request.user):
        raise Http404
    webcast = _webcast(pk)
    departments = Department.objects.filter(scoping.organisation_filter(request.user)).select_related("organisation")
    if request.method == "POST":
        ids = []
        for value in request.POST.getlist("people"):
            if value.isdigit():
                ids.append(int(value))
        if not ids:
            messages.error(request, _("Choose at least one person to register."))
            return redirect(request.get_full_path())
        # Others' ids are not looked up at all: the report says "not found or not yours".
        people = list(_candidates(request.user).filter(pk__in=ids[:MAX_PEOPLE]))
        try:
            report = booking.bulk_register(request.user, webcast, people)
        except RegistrationError as error:
            messages.error(request, error.message)
            return redirect(request.get_full_path())
        unknown = len(set(ids[:MAX_PEOPLE]) - {p.pk for p in people})
        return render(
            request,
            "webcasts/register_people_done.html",
            {"webcast": webcast, "report": report, "unknown": unknown},
        )
    form = PeopleFilterForm(request.GET or None, departments=departments)
    people = _candidates(request.user)
    if form.is_bound and form.is_valid():
        if form.cleaned_data.get("department"):
            people = people.filter(department_id=form.cleaned_data["department"])
        if form.cleaned_data.get("target_group"):
            people = people.filter(target_group=form.cleaned_data["target_group"])
    people = list(people.order_by("last_name", "first_name", "email")[: MAX_PEOPLE + 1])
    too_many = len(people) > MAX_PEOPLE
    people = people[:MAX_PEOPLE]
    statuses = dict(
        Registration.objects.filter(webcast=webcast, user__in=[p.pk for p in people])
        .active()
        .values_list("user_id", "status")
    )
    audience = audience_of(webcast)
    rows = [{"person": p, "status": statuses.get(p.pk), "invited": audience.invites(p, p.organisation)} for p in people]
    figures = booking.figures(webcast)
    return render(
        request,
        "webcasts/register_people.html",
        {
            "webcast": webcast,
            "form": form,
            "rows": rows,
            "too_many": too_many,
            "max_people": MAX_PEOPLE,
            "figures": figures,
            "places_left": None if webcast.capacity is None else max(webcast.capacity - figures["registered"], 0),
        },
    )


urlpatterns = [
    path("<int:pk>/anmal/", register, name="webcast_register"),
    path("<int:pk>/avanmal/", cancel, name="webcast_cancel"),
    path("<int:pk>/kalender.ics", ics, name="webcast_ics"),
    path("<int:pk>/anmal-personer/", register_people, name="webcast_register_people"),
    path("anmalan/<int:registration_id>/avanmal/", cancel_registration, name="webcast_registration_cancel"),
]
