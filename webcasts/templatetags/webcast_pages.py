"""Template tags of the webcast pages: the header's link to the webcast list."""

from django import template

from core import versions

register = template.Library()

# The list's address per host, kept for the content version (publishing, moving or unpublishing a page bumps
# it): the header of every page reads it, and every page type builds its own kept header.
_kept = versions.Kept(versions.CONTENT, 16)


@register.simple_tag(takes_context=True)
def webcast_index_url(context):
    """The address of the site's live, public webcast list, or "" when there is none (then no link shows).

    One query per process and content version; none after that."""
    from ..selectors import live_index

    request = context.get("request")

    def find():
        index = live_index()
        return index.get_url(request) if index else ""

    return _kept.get(("webcast_index_url", request.get_host() if request else ""), find)
