"""The attendance part of a webcast page, as an inclusion tag (owned by the attendance work)."""

from django import template

register = template.Library()


@register.inclusion_tag("webcasts/includes/attendance.html", takes_context=True)
def webcast_attendance(context, page):
    return {"page": page, "request": context.get("request")}
