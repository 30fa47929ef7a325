"""Bring the default Wagtail Site's address in line with the settings (run after migrate on each deploy)."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from home.setup import ensure_site, site_address


class Command(BaseCommand):
    help = (
        "Set the default site's hostname and port from SITE_HOSTNAME / SITE_PORT (in production derived from "
        "WAGTAILADMIN_BASE_URL), making the site and its home page if they are missing. sitemap.xml, canonical "
        "links and og:url are built from it. Idempotent: run it after 'migrate' on every deploy."
    )

    def handle(self, *args, **options):
        hostname, port = site_address()
        if Site.objects.filter(hostname=hostname, port=port, is_default_site=False).exists():
            raise CommandError(
                f"Another site already has {hostname}:{port}. Remove it or change its address in the admin first."
            )
        ensure_site()
        site = Site.objects.get(is_default_site=True)
        self.stdout.write(f"Default site: {site.root_url}/")
