"""State changes for people: roles, joining an organisation, leaving it."""

from django.db import transaction
from django.utils import timezone

from . import scoping
from .exceptions import NotAllowed
from .models import EmailDomain
from .roles import LEARNER, group_for


def add_default_role(user):
    user.groups.add(group_for(LEARNER))
    scoping.forget_roles(user)


def add_role(user, code):
    user.groups.add(group_for(code))
    scoping.forget_roles(user)


def join_organisation_of_verified_address(user, email):
    """A verified address whose domain an organisation owns joins the person to it (if they have none).

    Only verified: otherwise anyone could sign up as x@harnosand.se and appear in Härnösand's lists.
    """
    if user.organisation_id is not None or (user.email or "").lower() != (email or "").lower():
        return False
    organisation = EmailDomain.objects.organisation_for_email(email)
    if organisation is None:
        return False
    user.organisation = organisation
    user.save(update_fields=["organisation"])
    return True


@transaction.atomic
def mark_left(person, *, actor):
    """The person has left the organisation: they can no longer log in and drop out of readiness,
    reminders and group proposals; their history (progress, attempts, memberships) stays."""
    if not scoping.can_manage_person(actor, person):
        raise NotAllowed
    if not person.is_active:
        return False
    person.is_active = False
    person.left_on = timezone.localdate()
    person.save(update_fields=["is_active", "left_on"])
    return True


@transaction.atomic
def reactivate(person, *, actor):
    if not scoping.can_manage_person(actor, person):
        raise NotAllowed
    if person.is_active:
        return False
    person.is_active = True
    person.left_on = None
    person.save(update_fields=["is_active", "left_on"])
    return True
