"""The default site and its home page, made idempotently.

The initial migration calls it, and so does a test fixture, because transactional tests
flush the rows that data migrations made; `manage.py sync_site` and seed_demo call it to bring
the default site's address in line with SITE_HOSTNAME / SITE_PORT (production derives them from
WAGTAILADMIN_BASE_URL), which sitemap.xml, canonical links and og:url are built from.
"""

from django.conf import settings


def site_address():
    """The default site's (hostname, port) from the settings."""
    return settings.SITE_HOSTNAME, int(settings.SITE_PORT)


def ensure_site(apps=None):
    """Replace Wagtail's placeholder root child with our HomePage and point the default site at it."""
    if apps is None:
        from django.apps import apps
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("home", "HomePage")
    Collection = apps.get_model("wagtailcore", "Collection")

    # Images and documents need the root collection (Wagtail's migration makes it; a flush removes it).
    if not Collection.objects.filter(depth=1).exists():
        Collection.objects.create(name="Root", path="0001", depth=1, numchild=0)

    hostname, port = site_address()
    existing = HomePage.objects.first()
    if existing is not None:
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": hostname, "port": port, "root_page_id": existing.pk, "site_name": "Kompetenslyft"},
        )
        return existing

    locale, _ = Locale.objects.get_or_create(language_code="sv")
    # Wagtail's own first migration makes a "Welcome" page at depth 2; remove it.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    root = Page.objects.filter(depth=1).first()
    if root is None:
        root_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
        root = Page.objects.create(
            title="Root",
            slug="root",
            content_type=root_ct,
            path="0001",
            depth=1,
            numchild=0,
            url_path="/",
            locale=locale,
        )
    home_ct, _ = ContentType.objects.get_or_create(app_label="home", model="homepage")
    siblings = Page.objects.filter(depth=2).order_by("-path").values_list("path", flat=True)
    last = siblings[0] if siblings else None
    next_number = int(last[4:8], 36) + 1 if last else 1
    path = root.path + _base36(next_number)
    home = HomePage.objects.create(
        title="Kompetenslyft",
        draft_title="Kompetenslyft",
        slug="start",
        content_type=home_ct,
        path=path,
        depth=2,
        numchild=0,
        url_path="/start/",
        locale=locale,
        live=True,
        hero_heading="Digital kompetens för hela organisationen",
        hero_text="E-moduler, workshoppar och webbsändningar för chefer, medarbetare och förtroendevalda.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname=hostname, port=port, root_page_id=home.pk, is_default_site=True, site_name="Kompetenslyft"
    )
    return home


def _base36(number):
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rem = divmod(number, 36)
        out = alphabet[rem] + out
    return out.rjust(4, "0")
