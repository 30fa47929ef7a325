"""Findings of the independent review of the public forms: field order, and odd input that must never give a 500."""

import pytest
from django.test import Client

from home import demo_forms, submissions
from home.models import FormPageSubmission

from .formtools import answers, make_form, pdf_upload, post, token

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_page(home_page):
    return make_form(home_page)


@pytest.fixture
def attachment_form(home_page):
    return make_form(home_page, slug="skicka-forslag", allow_attachment=True)


@pytest.fixture
def strict_client():
    """A client that answers a server error with its status (500) rather than raising it in the test."""
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "overrides",
    [
        {"namn": "Maria\x00Sjöberg"},
        {"meddelande": "Hej\x00"},
        {"e_post": "maria\x00@kramfors.se"},
        {"arende": "\x00"},
        {"namn": ["Maria", "Erik"]},
        {"arende": "Finns inte"},
        {"namn": "x" * 1_000_000},
        {"kl_form_token": ["a", "b"]},
        {"kl_form_token": "\x00" * 10},
        {"kl_website": ["", "x"]},
    ],
)
def test_odd_values_never_give_a_500(strict_client, form_page, overrides):
    payload = {**answers(), "kl_form_token": token(form_page), "kl_website": ""}
    payload.update(overrides)
    response = strict_client.post(form_page.url, payload)
    assert response.status_code in (200, 400), response.status_code


def test_non_utf8_body_is_not_a_500(strict_client, form_page):
    body = b"namn=Maria%FF%FE&meddelande=%C3%28&kl_form_token=%FF"
    response = strict_client.generic("POST", form_page.url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (200, 400)
    assert FormPageSubmission.objects.count() == 0


@pytest.mark.parametrize("name", ["förslag\x00.pdf", "a" * 400 + ".pdf", "..\\..\\etc\\passwd.pdf", "\r\nX: y.pdf"])
def test_odd_file_names_are_stored_safely_or_refused(strict_client, attachment_form, name):
    upload = pdf_upload(name)
    response = post(strict_client, attachment_form, {**answers(), submissions.ATTACHMENT: upload})
    assert response.status_code in (200, 400), response.status_code
    for row in FormPageSubmission.objects.all():
        assert "\x00" not in row.attachment_name and "/" not in row.attachment_name
        assert len(row.attachment_name) <= 200


def test_two_files_in_one_post(strict_client, attachment_form):
    files = [pdf_upload("a.pdf"), pdf_upload("b.pdf")]
    response = post(strict_client, attachment_form, {**answers(), submissions.ATTACHMENT: files})
    assert response.status_code in (200, 400)
    assert FormPageSubmission.objects.count() <= 1


def test_the_demo_forms_keep_their_fields_in_order(home_page, client):
    demo_forms.seed(home_page)
    contact = home_page.get_children().get(slug="kontakt").specific
    assert [f.label for f in contact.get_form_fields()] == ["Namn", "E-post", "Organisation", "Ärende", "Meddelande"]
    assert [f.sort_order for f in contact.form_fields.all()] == [0, 1, 2, 3, 4]
    proposal = demo_forms.ensure_solution_proposal_form(home_page)
    assert [f.sort_order for f in proposal.form_fields.all()] == list(range(6))


def test_the_form_page_and_its_post_have_a_bounded_number_of_queries(client, form_page, django_assert_max_num_queries):
    client.get(form_page.url)
    with django_assert_max_num_queries(6):  # 4 today
        assert client.get(form_page.url).status_code == 200
    with django_assert_max_num_queries(16):  # 14 today, with the page lock and the lookup for a second post
        assert post(client, form_page).status_code == 200


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'--x\r\nContent-Disposition: form-data; name="namn"\r\n\r\nMaria', "multipart/form-data; boundary=x"),
        (b"whatever", "multipart/form-data"),
        (b'{"namn": "Maria"}', "application/json"),
    ],
)
def test_broken_or_foreign_bodies_are_not_a_500(strict_client, form_page, body, content_type):
    response = strict_client.generic("POST", form_page.url, body, content_type=content_type)
    assert response.status_code in (200, 400)
    assert FormPageSubmission.objects.count() == 0
