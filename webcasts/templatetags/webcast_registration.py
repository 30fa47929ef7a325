"""The registration part of a webcast page, as an inclusion tag (owned by the registration work)."""

from django import template

register = template.Library()


@register.inclusion_tag("webcasts/includes/registration.html", takes_context=True)
def webcast_registration(context, page):
    return {"page": page, "request": context.get("request")}
