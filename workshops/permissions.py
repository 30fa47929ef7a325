"""Who may see which workshop data, on top of accounts.scoping.

Managers see their organisation's workshops; facilitators their own groups; administrators all.
Anything else answers 404, so that other organisations' workshops do not leak.
"""

from django.http import Http404

from accounts import scoping

from .models import Workshop, WorkshopGroup


def manages(user, workshop):
    return scoping.is_administrator(user) or (
        scoping.is_manager(user) and user.organisation_id == workshop.organisation_id
    )


def facilitated_groups(user, workshop):
    return WorkshopGroup.objects.filter(workshop=workshop, facilitator=user)


def workshop_for_viewer(user, workshop_id):
    """The workshop if the user manages it or facilitates a group in it; else 404."""
    workshop = Workshop.objects.select_related("organisation").filter(pk=workshop_id).first()
    if workshop is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if manages(user, workshop) or facilitated_groups(user, workshop).exists():
        return workshop
    raise Http404


def group_for_viewer(user, workshop, group_id):
    group = WorkshopGroup.objects.select_related("facilitator").filter(pk=group_id, workshop=workshop).first()
    if group is None:
        raise Http404
    if manages(user, workshop) or group.facilitator_id == user.pk:
        return group
    raise Http404


def visible_groups(user, workshop):
    groups = WorkshopGroup.objects.filter(workshop=workshop).select_related("facilitator").order_by("name")
    if manages(user, workshop):
        return groups
    return groups.filter(facilitator=user)
