from django import template

from accounts import scoping

register = template.Library()


@register.filter
def follows_workshops(user):
    """Managers, facilitators and administrators get a link to the workshops they follow."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (scoping.is_manager(user) or scoping.is_facilitator(user) or scoping.is_administrator(user))
    )
