"""The footer's links, cached: every page shows them, and looking them up costs six queries.

The cache holds (label, url) pairs per language; any change that could alter them (the footer setting,
publishing, unpublishing, moving or deleting a page) drops the cached copy.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Site

TIMEOUT = 60 * 60


def _key(language):
    return f"home:footer:{language}"


def forget(**kwargs):
    """Signal receiver: drop the cached footer in every language."""
    cache.delete_many([_key(code) for code, _name in settings.LANGUAGES])


def footer_links():
    """[(label, url)] for the default site's footer, plus the contact address, in the active language."""
    key = _key(get_language())
    links = cache.get(key)
    if links is None:
        links = _build()
        cache.set(key, links, TIMEOUT)
    return links


def _build():
    from .models import SiteFooter

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {"pages": [], "contact_email": ""}
    footer = SiteFooter.for_site(site)
    pages = []
    for label, page in (
        (_("Accessibility statement"), footer.accessibility_page),
        (_("Personal data and cookies"), footer.privacy_page),
        (_("About Kompetenslyft"), footer.about_page),
    ):
        if page is not None and page.live:
            pages.append((label, page.get_url(current_site=site)))
    return {"pages": pages, "contact_email": footer.contact_email}
