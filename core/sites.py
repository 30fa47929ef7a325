"""Wagtail's site root paths kept in memory per process.

Every page link (`page.url`) needs the list of sites and their root paths. Wagtail keeps that list in the
shared cache and reads it once per page object, so a page listing ten modules made ten round trips to Redis
and unpickled the list ten times. The list changes only when a site or a page's path changes, and both bump
the shared content version (core.versions), so each process keeps it for that version instead. The same
holds for the paths of pages behind a view restriction, which Wagtail's `public()` reads on every call.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import PageViewRestriction, Site

from . import versions

_kept = versions.Kept(versions.CONTENT, 2)


def site_root_paths():
    return _kept.get("site_root_paths", Site.get_site_root_paths)


def restricted_paths():
    """Tree paths of the pages with a view restriction (their descendants are restricted too)."""
    return _kept.get(
        "restricted_paths", lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    )


def public(pages):
    """Wagtail's `pages.public()`, without its query for the view restrictions on every call."""
    paths = restricted_paths()
    if not paths:
        return pages
    return pages.exclude(reduce(or_, (Q(path__startswith=path) for path in paths)))


class KeptSiteRootPathsMixin:
    """For page models: their links read the site root paths from this process's memory."""

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        paths = site_root_paths()
        # Wagtail's redirect code (a page moved or renamed) reads the list back from this attribute.
        (cache_object or self)._wagtail_cached_site_root_paths = paths
        return paths
