"""The footer's links, kept in memory: every page shows them, and looking them up costs six queries.

Each process keeps the (label, url) pairs per language for the shared content version (core.versions),
which any change that could alter them bumps: the footer setting, a site, publishing, unpublishing,
moving or deleting a page.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Site

from core import versions

_kept = versions.Kept(versions.CONTENT, 16)


def forget(created=False, **kwargs):
    """Signal receiver: the footer setting changed. A new, empty setting (created on the first read)
    changes no link, and bumping then would make the footer just built stale at once."""
    if not created:
        versions.bump(versions.CONTENT)


def footer_links():
    """[(label, url)] for the default site's footer, plus the contact address, in the active language."""
    return _kept.get(get_language(), _build)


def _build():
    from .models import SiteFooter

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return {"pages": [], "contact_email": "", "privacy_url": ""}
    footer = SiteFooter.for_site(site)
    privacy = footer.privacy_page
    pages = []
    for label, page in (
        (_("Accessibility statement"), footer.accessibility_page),
        (_("Personal data and cookies"), footer.privacy_page),
        (_("About Kompetenslyft"), footer.about_page),
    ):
        if page is not None and page.live:
            pages.append((label, page.get_url(current_site=site)))
    privacy_url = privacy.get_url(current_site=site) if privacy is not None and privacy.live else ""
    return {"pages": pages, "contact_email": footer.contact_email, "privacy_url": privacy_url or ""}


def privacy_url():
    """The address of the privacy page in the footer, or "": forms and the page feedback link to it too."""
    return footer_links()["privacy_url"]
