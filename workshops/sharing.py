"""Where a shared reflection goes: the one rule behind the promise on the step page and the facilitator kit.

A reflection a learner shares on a module is read in the kit of their group (workshops.kit) in every
workshop that requires the module and in which they count (readiness.counted_memberships: active, and of
the workshop's organisation). Both sides ask `reaching_memberships`:

- the kit lists the shared reflections of the group's members it reaches (`shared_reflections`);
- the step page offers sharing only while such a workshop is still ahead (it starts today or later), and
  names the next one (`audience`, registered with elearning.sharing in WorkshopsConfig.ready()).

A group need not have its facilitator named yet: the kit is there for whoever leads the group on the day.
"""

import datetime

from django.utils import timezone

from elearning.models import Reflection
from elearning.sharing import Audience

from .readiness import counted_memberships


def reaching_memberships(module_ids):
    """Memberships through which a shared reflection on one of these modules reaches a group's kit."""
    return counted_memberships().filter(workshop__required_modules__in=module_ids)


def audience(user, module, today=None):
    """The next workshop (today or later) whose kit would show the user's shared reflection on `module`. One query.

    None if there is none: sharing would reach nobody, so it is neither offered nor stored.
    """
    if not module.live:
        return None  # the kit lists live modules only
    today = today or timezone.localdate()
    start_of_today = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    membership = (
        reaching_memberships([module.pk])
        .filter(user=user, workshop__starts_at__gte=start_of_today)
        .select_related("workshop")
        .order_by("workshop__starts_at", "workshop_id")
        .first()
    )
    if membership is None:
        return None
    return Audience(title=membership.workshop.title, starts_at=membership.workshop.starts_at)


def shared_reflections(workshop, group, module_ids, user_ids):
    """The shared reflections in one group's kit: of `user_ids` (the members the viewer may see) on `module_ids`
    (the workshop's required modules), limited to the members the rule reaches. One query."""
    reached = reaching_memberships(module_ids).filter(workshop=workshop, group=group).values("user_id")
    return (
        Reflection.objects.filter(shared=True, module_id__in=module_ids, user_id__in=user_ids)
        .filter(user_id__in=reached)
        .select_related("user")
        .order_by("updated_at")
    )
