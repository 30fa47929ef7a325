"""The registration part of a webcast page, as an inclusion tag (owned by the registration work).

A fixed number of queries whatever the number of registrations: the figures (one), the visitor's
own registration (one), their place in the queue (one, only when waiting), and whether they are
invited (one or two).
"""

from django import template

from accounts import scoping

from .. import booking
from ..audience import audience_of
from ..models import Registration, RegistrationStatus
from ..schedule import State, registration_open, state

register = template.Library()


@register.inclusion_tag("webcasts/includes/registration.html", takes_context=True)
def webcast_registration(context, page):
    request = context.get("request")
    user = getattr(request, "user", None)
    signed_in = bool(getattr(user, "is_authenticated", False))
    figures = booking.figures(page)
    places_left = None if page.capacity is None else max(page.capacity - figures["registered"], 0)
    registration = position = None
    invited = False
    if signed_in:
        registration = (
            Registration.objects.filter(webcast=page, user=user).exclude(status=RegistrationStatus.CANCELLED).first()
        )
        position = booking.queue_position(registration)
        invited = registration is not None or audience_of(page).invites(user)
    current = state(page)
    return {
        "page": page,
        "request": request,
        "signed_in": signed_in,
        "state": current,
        "open": registration_open(page),
        "cancelled": current == State.CANCELLED,
        "figures": figures,
        "places_left": places_left,
        "full": places_left == 0,
        "registration": registration,
        "registered": registration is not None and registration.status == RegistrationStatus.REGISTERED,
        "waiting": registration is not None and registration.status == RegistrationStatus.WAITING,
        "position": position,
        "invited": invited,
        "can_register_people": signed_in and scoping.can_view_reports(user),
        "login_next": request.get_full_path() if request is not None else page.url,
    }
