"""Who may see whose personal data. Every view, report and export asks this module.

A learner sees their own rows, a facilitator their groups' (see workshops), a manager their
organisation's, an administrator everything. Objects outside a person's scope answer 404 so
that their existence does not leak.
"""

from django.contrib.auth import get_user_model

from .roles import ADMINISTRATOR, EDITOR, FACILITATOR, MANAGER


def _group_names(user):
    if not getattr(user, "is_authenticated", False):
        return set()
    cache = getattr(user, "_role_names_cache", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names_cache = cache
    return cache


def is_administrator(user):
    return bool(getattr(user, "is_superuser", False)) or ADMINISTRATOR in _group_names(user)


def is_manager(user):
    return MANAGER in _group_names(user) and user.organisation_id is not None


def is_editor(user):
    return EDITOR in _group_names(user)


def is_facilitator(user):
    return FACILITATOR in _group_names(user)


def can_view_reports(user):
    return is_administrator(user) or is_manager(user)


def organisations_visible_to(user):
    """Organisations whose people the user may report on."""
    from .models import Organisation

    if is_administrator(user):
        return Organisation.objects.all()
    if is_manager(user):
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.none()


def users_visible_to(user):
    """People whose records the user may see: everyone (admin), their organisation (manager), themselves."""
    User = get_user_model()
    if not getattr(user, "is_authenticated", False):
        return User.objects.none()
    if is_administrator(user):
        return User.objects.all()
    if is_manager(user):
        return User.objects.filter(organisation_id=user.organisation_id)
    return User.objects.filter(pk=user.pk)


def can_see_user(viewer, person):
    if viewer.pk == person.pk or is_administrator(viewer):
        return True
    return is_manager(viewer) and person.organisation_id == viewer.organisation_id
