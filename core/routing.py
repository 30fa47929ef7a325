"""Wagtail page routing kept in memory per process.

Wagtail finds the page for a URL by walking the tree from the site's root: two queries a level (the
child, then its specific model), so a module four levels deep costs ten queries and about a third of
its page's time before any view code runs. The route of a path depends only on the pages' slugs, their
live state and the site, never on the person asking, and every change to those bumps the shared content
version (core.versions). So each process keeps the route per host and path for that version, and the
page object and the site with it (Site.find_for_request is another query, with a costly CASE per
request), the way elearning.page_cache keeps modules for the step page.

Only what Wagtail's own routing returned is kept (a live page), and only for GET and HEAD. Wagtail's
before_serve_page hooks (view restrictions, passwords) still run on every request.
"""

from wagtail import views as wagtail_views
from wagtail.models import Page

from . import versions

MAX_ROUTES = 512

_kept = versions.Kept(versions.CONTENT, MAX_ROUTES)


def serve(request, path):
    """Wagtail's serve view, with the route taken from this process's memory when it has it."""
    if request.method in ("GET", "HEAD"):
        key = (request.get_host(), path)
        kept = _kept.get(key, lambda: _route(request, path))
        if kept is not None:
            request._wagtail_route_for_request, request._wagtail_site = kept
    return wagtail_views.serve(request, path)


def _route(request, path):
    """(route, site) as Wagtail finds them; the site is what Site.find_for_request would query again."""
    route = Page.route_for_request(request, path)
    if route is None:
        return None  # not kept: a 404 must not fill the memory with made-up paths
    page, args, kwargs = route
    return (page, tuple(args), dict(kwargs)), getattr(request, "_wagtail_site", None)


def forget():
    """Tests: drop every kept route."""
    _kept.clear()
