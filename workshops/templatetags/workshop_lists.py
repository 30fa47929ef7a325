"""Workshop lists for templates of lower apps (the home page), which must not import workshops in Python."""

from django import template

from workshops.models import Workshop

register = template.Library()

MAX_UPCOMING = 5


@register.simple_tag
def my_upcoming_workshops(user):
    """The person's own upcoming workshops (where they are a member), soonest first. One query; none if anonymous."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Workshop.objects.for_member(user).upcoming()[:MAX_UPCOMING])
