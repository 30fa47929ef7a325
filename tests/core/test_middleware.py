from unittest import mock

from django.db import OperationalError


def test_database_unreachable_gives_plain_503(client, home_page):
    with mock.patch(
        "wagtail.models.Site.find_for_request", side_effect=OperationalError("could not connect to server")
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert "tillfälligt otillgänglig" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_healthz(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_csrf_is_enforced(learner, home_page):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/konto/login/", {"login": learner.email, "password": "x"})
    assert response.status_code == 403
