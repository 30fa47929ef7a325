"""Demo promoted search results: what editors recommend for common searches ("Rekommenderat").

Each search points to demo pages found by slug (the first slug that exists wins; a slug ending in "*" is
a prefix). Missing pages are skipped, so this runs after the pages exist and does not fail without them.
Running it again changes nothing.
"""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

# search words -> [(slug candidates, description or "")], in the order shown
PROMOTIONS = {
    "chefsdag": [
        (["planeringsstod-chefsdag", "*chefsdag*"], "Härnösands planeringsstöd: så förbereder ni chefsdagen."),
        (["checklista-malgrupper-och-kommunikation"], ""),
    ],
    "ledarprogram": [
        (["chefsprogram-for-valfardens-digitalisering"], "Nästa omgång av chefsprogrammet: datum, pris och bokning."),
        (["ledarprogram"], ""),
    ],
    "mognad": [
        (["nulagesmatning-digital-mognad", "*mognad*"], "Sundsvalls nulägesmätning av digital mognad."),
        (["mognadsmatning-i-alla-forvaltningar"], ""),
        (["digitalkompetens-fas-1"], "Utmaningen där kommunerna delar hur de mäter och höjer sin digitala mognad."),
    ],
}


def _find(slugs):
    pages = Page.objects.live()
    for slug in slugs:
        if slug.startswith("*") and slug.endswith("*"):
            page = pages.filter(slug__contains=slug.strip("*")).order_by("path").first()
        elif slug.endswith("*"):
            page = pages.filter(slug__startswith=slug[:-1]).order_by("path").first()
        else:
            page = pages.filter(slug=slug).order_by("path").first()
        if page is not None:
            return page
    return None


def seed():
    """Promotions for the demo's common searches; returns {search words: [pages]}."""
    made = {}
    for words, items in PROMOTIONS.items():
        query = Query.get(words)
        pages = []
        for order, (slugs, description) in enumerate(items):
            page = _find(slugs)
            if page is None or page in pages:
                continue
            SearchPromotion.objects.get_or_create(
                query=query, page=page, defaults={"sort_order": order, "description": description}
            )
            pages.append(page)
        made[words] = pages
    return made
