from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import admin_views as core_admin_views
from core import routing as core_routing
from search import views as search_views

urlpatterns = [
    # Wagtail's own login form would skip allauth's rate limits and second factor: send it to allauth's.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login",
    ),
    # Wagtail's bulk actions behind a check that the person may act on at least one chosen object.
    path(
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        core_admin_views.bulk_action,
        name="wagtail_bulk_action",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("allauth.urls")),
    path("konto/", include("accounts.urls")),
    path("sok/", search_views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("", include("home.urls")),
    path("", include("dashboard.urls")),
    path("", include("elearning.urls")),
    path("webbsandning/", include("webcasts.urls")),
    path("mognad/", include("maturity.urls")),
    path("", include("workshops.urls")),
    path("inforande/", include("rollout.urls")),
    path("program/", include("programmes.urls")),
    path("rackvidd/", include("reach.urls")),
    path("", include("core.urls")),
]

if settings.BENCHMARK_VIEWS:
    from core.views import bench_bare, bench_bare_anonymous

    urlpatterns.insert(0, path("bench/bare/", bench_bare))
    urlpatterns.insert(0, path("bench/bare-anonym/", bench_bare_anonymous))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving, its routing kept in memory per process (core/routing.py), under the name of
# Wagtail's own serve view, which it replaces.
urlpatterns += [
    path("", include(wagtail_urls.urlpatterns[:-1])),  # its password and login forms under /_util/
    re_path(wagtail_urls.serve_pattern, core_routing.serve, name="wagtail_serve"),
]
