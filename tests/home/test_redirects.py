"""Redirects when a page moves (Wagtail's wagtail.contrib.redirects): made automatically when an editor
changes a slug or moves a page in the admin, and editable by editors in the admin."""

import pytest
from django.conf import settings
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from core.pagetree import ensure_child_page
from home.models import ContentPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    about, _ = ensure_child_page(home_page, ContentPage, "om", title="Om oss", intro="Vilka vi är.")
    contact, _ = ensure_child_page(about, ContentPage, "kontakt", title="Kontakt", intro="Skriv till oss.")
    news, _ = ensure_child_page(home_page, ContentPage, "aktuellt", title="Aktuellt")
    return {"about": about, "contact": contact, "news": news}


def publish_with(client, page, capture, **changes):
    """Post Wagtail's edit form for a content page, as an editor's "Publish" does.

    Wagtail sends page_slug_changed (which makes the redirects) once the transaction commits: `capture` is
    pytest-django's django_capture_on_commit_callbacks, which runs those callbacks.
    """
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body": streamfield([]),
        "last_reviewed": "",
        "seo_title": "",
        "search_description": "",
        "social_image": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
        **changes,
    }
    with capture(execute=True):
        return client.post(
            reverse("wagtailadmin_pages:edit", args=[page.pk]),
            {**nested_form_data(data), "action-publish": "publish"},
        )


def test_automatic_redirects_are_on():
    assert getattr(settings, "WAGTAILREDIRECTS_AUTO_CREATE", True) is True


def test_a_new_slug_redirects_the_old_address(client, editor, pages, django_capture_on_commit_callbacks):
    assert client.get("/om/kontakt/").status_code == 200  # the route is kept in memory now (core.routing)
    client.force_login(editor)
    response = publish_with(client, pages["contact"], django_capture_on_commit_callbacks, slug="kontakta-oss")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ContentPage.objects.get(pk=pages["contact"].pk).url == "/om/kontakta-oss/"
    redirect = Redirect.objects.get(old_path="/om/kontakt")
    assert redirect.automatically_created and redirect.is_permanent
    client.logout()
    response = client.get("/om/kontakt/")
    assert response.status_code == 301
    assert response["Location"] == "/om/kontakta-oss/"
    assert client.get(response["Location"]).status_code == 200


def test_a_new_parent_slug_redirects_its_children_too(client, editor, pages, django_capture_on_commit_callbacks):
    client.force_login(editor)
    publish_with(client, pages["about"], django_capture_on_commit_callbacks, slug="om-kompetenslyft")
    client.logout()
    assert client.get("/om/").status_code == 301
    response = client.get("/om/kontakt/")
    assert response.status_code == 301 and response["Location"] == "/om-kompetenslyft/kontakt/"


def test_moving_a_page_redirects_the_old_address(client, editor, pages):
    client.force_login(editor)
    contact, news = pages["contact"], pages["news"]
    response = client.post(reverse("wagtailadmin_pages:move_confirm", args=[contact.pk, news.pk]))
    assert response.status_code == 302
    assert ContentPage.objects.get(pk=contact.pk).url == "/aktuellt/kontakt/"
    client.logout()
    response = client.get("/om/kontakt/")
    assert response.status_code == 301 and response["Location"] == "/aktuellt/kontakt/"


def test_an_editor_lists_and_adds_redirects_in_the_admin(client, editor, pages, django_capture_on_commit_callbacks):
    client.force_login(editor)
    publish_with(client, pages["contact"], django_capture_on_commit_callbacks, slug="kontakta-oss")
    listing = client.get(reverse("wagtailredirects:index"))
    assert listing.status_code == 200
    assert "/om/kontakt" in listing.content.decode()
    response = client.post(
        reverse("wagtailredirects:add"),
        {
            "old_path": "/gamla-sidan/om-projektet/",
            "site": Site.objects.get(is_default_site=True).pk,
            "is_permanent": "on",
            "redirect_page": pages["about"].pk,
            "redirect_page_route_path": "",
            "redirect_link": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    response = client.get("/gamla-sidan/om-projektet/")
    assert response.status_code == 301 and response["Location"] == "/om/"


def test_learners_cannot_edit_redirects(client, learner):
    client.force_login(learner)
    assert client.get(reverse("wagtailredirects:index")).status_code == 302  # no admin access: to log in
