"""Workshop rules of who may see what, built on accounts.scoping through the model querysets.

A manager manages their organisation's workshops; a facilitator sees the groups they lead;
an administrator all. Anything else answers 404, so that other organisations' workshops do not leak.
"""

from django.http import Http404

from accounts import scoping

from .models import Workshop, WorkshopGroup


def manages(user, workshop):
    return scoping.can_manage_organisation(user, workshop.organisation_id)


def facilitated_groups(user, workshop):
    return WorkshopGroup.objects.filter(workshop=workshop, facilitator=user)


def workshop_for_viewer(user, workshop_id):
    """The workshop if the user manages it or facilitates a group in it; else 404."""
    workshop = Workshop.objects.visible_to(user).select_related("organisation").filter(pk=workshop_id).first()
    if workshop is None:
        raise Http404
    return workshop


def group_for_viewer(user, workshop, group_id):
    group = (
        WorkshopGroup.objects.visible_to(user)
        .select_related("facilitator")
        .filter(pk=group_id, workshop=workshop)
        .first()
    )
    if group is None:
        raise Http404
    return group


def visible_groups(user, workshop):
    return (
        WorkshopGroup.objects.visible_to(user).filter(workshop=workshop).select_related("facilitator").order_by("name")
    )
