"""robots.txt (built by the SEO helper); sitemap.xml is Wagtail's, routed in config/urls.py."""

from django.http import HttpResponse


def robots_txt(request):
    return HttpResponse("User-agent: *\n", content_type="text/plain; charset=utf-8")
