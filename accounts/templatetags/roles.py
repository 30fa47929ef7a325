from django import template
from django.core.cache import cache

from accounts import scoping

register = template.Library()

NAV_TIMEOUT = 300


def nav_key(user_id):
    return f"accounts:nav-roles:{user_id}"


def nav_roles(user):
    """What the header shows a person, cached per person and dropped when their groups change
    (accounts.apps). Only links use this; every view checks roles and permissions itself, uncached."""
    if not getattr(user, "is_authenticated", False):
        return {"workshops": False, "admin": False}
    key = nav_key(user.pk)
    roles = cache.get(key)
    if roles is None:
        roles = {
            "workshops": scoping.is_manager(user) or scoping.is_facilitator(user) or scoping.is_administrator(user),
            "admin": user.has_perm("wagtailadmin.access_admin"),
        }
        cache.set(key, roles, NAV_TIMEOUT)
    return roles


@register.filter
def follows_workshops(user):
    """Managers, facilitators and administrators get a link to the workshops they follow."""
    return nav_roles(user)["workshops"]


@register.filter
def uses_admin(user):
    """Only people who may use the Wagtail admin get its user bar (it costs two permission queries)."""
    return nav_roles(user)["admin"]


def forget_nav_roles(sender, instance, action, reverse, pk_set, **kwargs):
    """m2m_changed receiver for User.groups, from either side."""
    if not action.startswith("post_"):
        return
    user_ids = (pk_set or []) if reverse else [instance.pk]
    if reverse and action == "post_clear":
        user_ids = []  # the group's members are unknown after a clear; the timeout bounds the staleness
    cache.delete_many([nav_key(user_id) for user_id in user_ids])
