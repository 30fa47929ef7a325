from django import template

from accounts import scoping
from core import versions

register = template.Library()

# Per process: user id -> the header's role links, for the current roles version (core.versions), which
# any change of group memberships or group permissions bumps.
_kept = versions.Kept(versions.ROLES, 10_000)


def nav_roles(user):
    """What the header shows a person. Only links use this; every view checks roles and permissions
    itself, uncached."""
    if not getattr(user, "is_authenticated", False):
        return {"workshops": False, "admin": False, "organisation": False, "people": False, "teaching": False}

    def build():
        return {
            "workshops": scoping.is_manager(user) or scoping.is_facilitator(user) or scoping.is_administrator(user),
            "admin": user.has_perm("wagtailadmin.access_admin"),
            "organisation": scoping.can_view_figures(user),
            "people": scoping.can_view_reports(user),
            "teaching": scoping.is_teacher(user) or scoping.is_administrator(user),
        }

    # The user's own columns that the roles read are part of the key, so saving a user needs no bump.
    return _kept.get(user.pk, build, tag=(user.is_superuser, user.is_active, user.organisation_id is not None))


@register.filter
def follows_workshops(user):
    """Managers, facilitators and administrators get a link to the workshops they follow."""
    return nav_roles(user)["workshops"]


@register.filter
def uses_admin(user):
    """Only people who may use the Wagtail admin get its user bar (it costs two permission queries)."""
    return nav_roles(user)["admin"]


@register.filter
def follows_organisation(user):
    """Managers, programme owners, editors and administrators get links to maturity and rollout plans."""
    return nav_roles(user)["organisation"]


@register.filter
def follows_people(user):
    """Managers and administrators get a link to their organisation's rollout plans."""
    return nav_roles(user)["people"]


@register.filter
def teaches(user):
    """Teachers (kursledare) and administrators get a link to the cohorts they teach."""
    return nav_roles(user)["teaching"]
