"""robots.txt; sitemap.xml is Wagtail's own (wagtail.contrib.sitemaps, routed in config/urls.py).

Everyone may crawl the public pages. Kept out: the admin and the accounts; the personal areas (My
learning, workshops, maturity rounds, rollout plans, reach, the programmes' bookings and teaching, the
e-module steps); the endpoints that only take a post or a token (page feedback, webcast actions,
calendar feeds, the language switch); and the site's own search results, which search engines advise
against indexing. robots.txt is advice, not access control: the personal areas are behind a login.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

DISALLOWED = (
    "/admin/",
    "/konto/",
    "/mitt-larande/",
    "/kalender/",
    "/e-modul/",
    "/workshoppar/",
    "/mognad/",
    "/inforande/",
    "/program/",
    "/rackvidd/",
    "/webbsandning/",
    "/sidfeedback/",
    "/i18n/",
    "/_util/",
    "/sok/",  # search results: search engines advise against indexing a site's own result pages
    "/bench/",
)


@require_GET
@cache_control(max_age=60 * 60 * 24, public=True)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in DISALLOWED), "", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
