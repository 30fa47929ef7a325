"""The live part of a webcast page, as an inclusion tag (owned by the live work)."""

from django import template

register = template.Library()


@register.inclusion_tag("webcasts/includes/live.html", takes_context=True)
def webcast_live(context, page):
    return {"page": page, "request": context.get("request")}
