"""A form posted twice at the same moment (a double click) stores one submission. Needs PostgreSQL (row locks)."""

import pytest
from django.db import connection
from django.test import Client

from home.models import FormPageSubmission
from tests.concurrency import run_parallel

from .formtools import make_form, post, token

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs this on it"),
]


def test_parallel_posts_of_one_rendered_form_store_one_submission(home_page):
    page = make_form(home_page)
    same_token = token(page)
    statuses = []

    def send():
        statuses.append(post(Client(), page, form_token=same_token).status_code)

    errors = run_parallel([send] * 4)
    assert errors == []
    assert statuses == [200, 200, 200, 200]
    assert FormPageSubmission.objects.filter(page=page).count() == 1


def test_parallel_posts_of_different_renderings_store_each(home_page):
    page = make_form(home_page)
    tokens = [token(page) for _ in range(3)]
    errors = run_parallel([lambda t=t: post(Client(), page, form_token=t) for t in tokens])
    assert errors == []
    assert FormPageSubmission.objects.filter(page=page).count() == 3
