"""Who may see whom: the one access layer. Every view, report, export and admin screen asks this module.

- A learner sees their own rows.
- A facilitator sees the people of the groups they lead (workshops adds that rule on top of this
  module, through `Membership.objects.visible_to`, which calls `people_filter` here).
- A manager sees the people of their own organisation, and may manage them (mark as left).
- A programme owner sees figures across organisations but names only in their own organisation.
- An editor sees content and platform-wide figures, but no person.
- An administrator sees everyone.

Domain apps never repeat these tests: they express their rules as queryset methods
(`Workshop.objects.visible_to(user)`) that call `organisation_filter`/`people_filter` here.
Objects outside a person's scope answer 404, so that their existence does not leak.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q

from .roles import ADMINISTRATOR, EDITOR, FACILITATOR, MANAGER, PROGRAMME_OWNER, TEACHER

ALL = "all"  # a scope that covers every organisation
# Match every row. Not Q(): an empty Q vanishes when OR-ed (Q() | Q(x) is Q(x)), which would narrow "all".
EVERYTHING = Q(pk__isnull=False)
NOTHING = Q(pk__in=[])


def role_codes(user):
    """The person's role codes, read once per request (kept on the user object)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    codes = getattr(user, "_role_codes_cache", None)
    if codes is None:
        from .models import Role

        codes = frozenset(Role.objects.filter(group__user=user).values_list("code", flat=True))
        user._role_codes_cache = codes
    return codes


def forget_roles(user):
    """After a change of the person's groups within one request."""
    user.__dict__.pop("_role_codes_cache", None)


def is_administrator(user):
    return (bool(getattr(user, "is_superuser", False)) and bool(getattr(user, "is_active", False))) or (
        ADMINISTRATOR in role_codes(user)
    )


def is_manager(user):
    """A manager of an organisation. Without an organisation the role gives no one to manage."""
    return MANAGER in role_codes(user) and user.organisation_id is not None


def is_editor(user):
    return EDITOR in role_codes(user)


def is_facilitator(user):
    return FACILITATOR in role_codes(user)


def is_programme_owner(user):
    return PROGRAMME_OWNER in role_codes(user)


def is_teacher(user):
    """A teacher (kursledare) of leadership programmes. Which participants they see is the programmes
    app's rule on top of this one: only those of the cohorts they teach (`Booking.objects.visible_to`)."""
    return TEACHER in role_codes(user)


@dataclass(frozen=True)
class Scope:
    """Organisations whose people the viewer may see by name, and those whose figures they may see.

    Each is ALL, or a frozenset of organisation ids (possibly empty).
    """

    people: object
    figures: object

    @property
    def any_people(self):
        return self.people == ALL or bool(self.people)

    @property
    def any_figures(self):
        return self.figures == ALL or bool(self.figures)


def scope_of(user):
    if not getattr(user, "is_authenticated", False):
        return Scope(frozenset(), frozenset())
    if is_administrator(user):
        return Scope(ALL, ALL)
    own = frozenset([user.organisation_id]) if user.organisation_id is not None else frozenset()
    people = own if is_manager(user) else frozenset()
    # Programme owners and editors: platform-wide aggregates, never names.
    figures = ALL if is_programme_owner(user) or is_editor(user) else people
    return Scope(people, figures)


def _ids_filter(ids, path):
    if ids == ALL:
        return EVERYTHING
    if not ids:
        return NOTHING
    if len(ids) == 1:
        return Q(**{path: next(iter(ids))})
    return Q(**{f"{path}__in": sorted(ids)})


def organisation_filter(user, path="organisation_id"):
    """A Q for rows owned by organisations whose people the viewer may see by name (managers, admins)."""
    return _ids_filter(scope_of(user).people, path)


def figures_filter(user, path="organisation_id"):
    """A Q for rows that may count in the viewer's aggregate figures (never shown per person)."""
    return _ids_filter(scope_of(user).figures, path)


def people_filter(user, path=""):
    """A Q for people (User rows, or rows about a person at `path`) the viewer may see by name.

    Facilitators' groups are added by workshops on top of this (it knows the groups).
    """
    prefix = f"{path}__" if path else ""
    if not getattr(user, "is_authenticated", False):
        return NOTHING
    scope = scope_of(user)
    if scope.people == ALL:
        return EVERYTHING
    own = Q(**{f"{prefix}pk" if prefix else "pk": user.pk})
    if scope.people:
        return own | _ids_filter(scope.people, f"{prefix}organisation_id")
    return own


def can_view_reports(user):
    """Reports about the people of an organisation (names): managers and administrators."""
    return scope_of(user).any_people


def can_view_figures(user):
    """Aggregate figures without names: also programme owners and editors."""
    return scope_of(user).any_figures


def organisations_visible_to(user):
    """Organisations whose people the user may report on by name."""
    from .models import Organisation

    return Organisation.objects.filter(organisation_filter(user, "pk"))


def organisations_with_figures_for(user):
    """Organisations the user may see aggregate figures for."""
    from .models import Organisation

    return Organisation.objects.filter(figures_filter(user, "pk"))


def users_visible_to(user):
    """People whose records the user may see: everyone (admin), their organisation (manager), themselves."""
    User = get_user_model()
    if not getattr(user, "is_authenticated", False):
        return User.objects.none()
    return User.objects.filter(people_filter(user))


def can_see_user(viewer, person):
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.pk == person.pk:
        return True
    return can_manage_organisation(viewer, person.organisation_id)


def can_manage_organisation(user, organisation_id):
    """The same rule as `organisation_filter`, for one organisation already loaded."""
    scope = scope_of(user)
    return scope.people == ALL or (organisation_id is not None and organisation_id in scope.people)


def can_manage_person(viewer, person):
    """Mark as left, reactivate: a manager of the person's organisation, or an administrator. Never oneself."""
    if viewer.pk == person.pk:
        return False
    return can_manage_organisation(viewer, person.organisation_id)
