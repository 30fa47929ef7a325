"""Page routes and site root paths kept per process (core/routing.py, core/sites.py): fewer queries, and
never a stale page, a stale link, or a page served past its view restriction."""

import pytest
from django.urls import resolve, reverse
from wagtail.models import PageViewRestriction, Site

from core import routing, sites
from core.pagetree import ensure_child_page
from home.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home_page):
    page, _ = ensure_child_page(home_page, ContentPage, "om", title="Om Kompetenslyft", intro="Vilka vi är.")
    child, _ = ensure_child_page(page, ContentPage, "kontakt", title="Kontakt", intro="Skriv till oss.")
    return child


def test_a_page_seen_before_costs_fewer_queries(client, about, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        response = client.get("/om/kontakt/")
    assert response.status_code == 200
    assert "Skriv till oss." in response.content.decode()
    # Walking the tree costs two queries a level and the site one more; a kept route costs none of them.
    with django_assert_max_num_queries(len(first.captured_queries) - 5):
        again = client.get("/om/kontakt/")
    assert again.status_code == 200
    assert "Skriv till oss." in again.content.decode()


def test_an_unpublished_page_is_gone_at_once(client, about):
    assert client.get("/om/kontakt/").status_code == 200
    about.unpublish()
    assert client.get("/om/kontakt/").status_code == 404


def test_a_new_slug_moves_the_page_and_its_links(client, about):
    assert client.get("/om/kontakt/").status_code == 200
    about.slug = "kontakta-oss"
    about.save_revision().publish()
    assert client.get("/om/kontakt/").status_code == 404
    assert client.get("/om/kontakta-oss/").status_code == 200
    assert ContentPage.objects.get(pk=about.pk).url == "/om/kontakta-oss/"


def test_a_view_restriction_holds_for_a_kept_route(client, about, learner):
    client.force_login(learner)
    assert client.get("/om/kontakt/").status_code == 200  # the route is kept now
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    client.logout()
    response = client.get("/om/kontakt/")
    assert response.status_code == 302
    assert "/login/" in response["Location"] or "/konto/" in response["Location"]


def test_unknown_paths_are_not_kept(client, about):
    routing.forget()
    for n in range(20):
        assert client.get(f"/finns-inte-{n}/").status_code == 404
    assert client.get("/om/kontakt/").status_code == 200
    assert len(routing._kept._items) == 1


def test_posts_are_routed_by_wagtail_each_time(client, about):
    routing.forget()
    client.post("/om/kontakt/")
    assert len(routing._kept._items) == 0


def test_wagtails_own_forms_under_util_still_resolve():
    assert resolve("/_util/login/").url_name == "wagtailcore_login"
    assert reverse("wagtail_serve", args=["om/"]) == "/om/"


def test_site_root_paths_follow_a_changed_site(about):
    assert ContentPage.objects.get(pk=about.pk).get_url() == "/om/kontakt/"
    site = Site.objects.get(is_default_site=True)
    other = Site.objects.create(hostname="annan.example", port=80, root_page=site.root_page, is_default_site=False)
    paths = sites.site_root_paths()
    assert {p.site_id for p in paths} == {site.pk, other.pk}
    other.delete()
    assert {p.site_id for p in sites.site_root_paths()} == {site.pk}


def test_every_page_object_reads_the_same_kept_site_root_paths(about, home_page):
    """Two page objects loaded apart share one list: no round trip to the cache per page link."""
    first, second = ContentPage.objects.get(pk=about.pk), ContentPage.objects.get(pk=about.get_parent().pk)
    assert first._get_site_root_paths() is second._get_site_root_paths()
    assert first.url == "/om/kontakt/" and second.url == "/om/"


def test_public_without_its_query_matches_wagtails_public(about, home_page, django_assert_num_queries):
    parent = about.get_parent()
    pages = ContentPage.objects.live()
    assert set(sites.public(pages)) == set(pages.public()) == {parent.specific, about}
    PageViewRestriction.objects.create(page=parent, restriction_type=PageViewRestriction.LOGIN)
    # The restricted page and everything under it drop out, as with Wagtail's own public().
    assert set(sites.public(pages)) == set(pages.public()) == set()
    sites.public(pages).count()
    with django_assert_num_queries(1):  # the count itself; the restricted paths are kept
        sites.public(pages).count()
