from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse


def test_database_unreachable_gives_plain_503(client, home_page):
    with mock.patch(
        "wagtail.models.Site.find_for_request", side_effect=OperationalError("could not connect to server")
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert "tillfälligt otillgänglig" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_csrf_is_enforced(learner, home_page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/konto/login/", {"login": learner.email, "password": "x"})
    assert response.status_code == 403


# Personal pages: no shared cache and no browser disk cache may keep them.


@pytest.mark.parametrize("name", ["profile", "my_data", "my_data_export"])
def test_a_learners_own_pages_are_private_and_not_stored(client, learner, home_page, name):
    client.force_login(learner)
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_readiness_page_is_private_and_not_stored(client, manager, workshop, home_page):
    client.force_login(manager)
    response = client.get(reverse("workshop_readiness", args=[workshop.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    export = client.get(reverse("workshop_readiness", args=[workshop.pk]) + "?format=xlsx")
    assert export["Cache-Control"] == "no-store"  # the export's own header (core.exports), kept as it is


def test_facilitator_kit_is_private_and_not_stored(client, facilitator, workshop, group, home_page):
    client.force_login(facilitator)
    response = client.get(reverse("facilitator_kit", args=[workshop.pk, group.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_a_signed_in_persons_view_of_a_public_page_is_private_too(client, learner, home_page):
    """The header shows their name: the same URL must not be served to the next person from a cache."""
    client.force_login(learner)
    assert client.get("/")["Cache-Control"] == "private, no-store"


def test_anonymous_public_pages_are_left_alone(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    assert "Cache-Control" not in response


def test_a_cache_control_set_by_the_view_is_kept(client, learner, db):
    client.force_login(learner)
    response = client.get("/healthz")  # never_cache: its own, stricter header
    assert "no-store" in response["Cache-Control"]
    assert "must-revalidate" in response["Cache-Control"]
