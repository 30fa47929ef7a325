"""Helpers for the form tests (tests/home/test_forms*.py): a form page, valid answers, a POST as a browser sends it."""

import time

from django.core.files.uploadedfile import SimpleUploadedFile

from core.pagetree import ensure_child_page
from home import formguard
from home.demo_forms import small_pdf
from home.models import FormField, FormPage

TOPICS = ["Fråga om en utbildning", "Annat"]


def make_form(parent, slug="fragor", allow_attachment=False, retention_days=365, **extra):
    fields = {
        "title": "Frågor till oss",
        "intro": "<p>Skicka din fråga.</p>",
        "privacy_notice": "Vi använder uppgifterna för att svara dig. Rättslig grund: allmänt intresse.",
        "retention_days": retention_days,
        "allow_attachment": allow_attachment,
        "to_address": "kontakt@kompetenslyft.se",
        "subject": "",
        "thank_you_text": "<p>Vi svarar inom tre arbetsdagar.</p>",
        **extra,
    }
    page, _ = ensure_child_page(
        parent,
        FormPage,
        slug,
        form_fields=[  # sort_order as the admin sets it: without it PostgreSQL may return them in any order
            FormField(label="Namn", field_type="singleline", required=True, sort_order=0),
            FormField(label="E-post", field_type="email", required=True, sort_order=1),
            FormField(label="Organisation", field_type="singleline", required=False, sort_order=2),
            FormField(label="Ärende", field_type="dropdown", required=True, choices="\n".join(TOPICS), sort_order=3),
            FormField(label="Meddelande", field_type="multiline", required=True, sort_order=4),
        ],
        **fields,
    )
    return page


def answers(**overrides):
    data = {
        "namn": "Maria Sjöberg",
        "e_post": "maria.sjoberg@kramfors.se",
        "organisation": "Kramfors kommun",
        "arende": TOPICS[0],
        "meddelande": "Kan vi boka en egen chefsdag i mars?",
    }
    data.update(overrides)
    return data


def token(page, age=5.0):
    """A token as if the form had been rendered `age` seconds ago."""
    return formguard.issue(page, now=time.time() - age)


def post(client, page, data=None, age=5.0, form_token=None, honeypot="", **extra):
    payload = answers() if data is None else dict(data)
    payload.setdefault(formguard.TOKEN, form_token if form_token is not None else token(page, age))
    payload.setdefault(formguard.HONEYPOT, honeypot)
    return client.post(page.url, payload, **extra)


def pdf_upload(name="forslag.pdf"):
    return SimpleUploadedFile(name, small_pdf(["Förslag"]), content_type="application/pdf")
