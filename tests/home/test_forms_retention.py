"""Retention of form submissions (purge_expired and its command), the notification task, and the demo forms."""

import datetime
import io
import os
import time

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from pypdf import PdfReader

from challenges.models import ChallengePage
from core.pagetree import ensure_child_page
from core.uploads import content_matches_extension
from home import demo as home_demo
from home import demo_forms, submissions
from home.demo_forms import small_pdf
from home.models import FormPage, FormPageSubmission
from home.tasks import send_form_notification

from .formtools import answers, make_form

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def submission(page, days_ago, with_file=False):
    row = FormPageSubmission(page=page, form_data=answers(namn=f"{days_ago} dagar"))
    if with_file:
        row.attachment_name = "forslag.pdf"
        row.attachment.save(f"test-{page.pk}-{days_ago}.pdf", ContentFile(small_pdf(["x"])), save=False)
    row.save()
    FormPageSubmission.objects.filter(pk=row.pk).update(submit_time=NOW - datetime.timedelta(days=days_ago))
    return row


def storage():
    return FormPageSubmission._meta.get_field("attachment").storage


def test_purge_deletes_only_submissions_past_their_forms_retention_and_their_files(
    home_page, django_capture_on_commit_callbacks
):
    short = make_form(home_page, slug="kort", retention_days=30)
    long = make_form(home_page, slug="lang", retention_days=365, allow_attachment=True)
    old_short = submission(short, 31)
    kept_short = submission(short, 29)
    old_long = submission(long, 400, with_file=True)
    kept_long = submission(long, 200, with_file=True)
    old_file, kept_file = old_long.attachment.name, kept_long.attachment.name
    assert storage().exists(old_file)

    with django_capture_on_commit_callbacks(execute=True):
        deleted = submissions.purge_expired(now=NOW)

    assert deleted == 2
    remaining = set(FormPageSubmission.objects.values_list("pk", flat=True))
    assert remaining == {kept_short.pk, kept_long.pk}
    assert old_short.pk not in remaining and old_long.pk not in remaining
    assert not storage().exists(old_file)
    assert storage().exists(kept_file)


def test_purge_keeps_files_until_the_deletion_is_committed(home_page, django_capture_on_commit_callbacks):
    page = make_form(home_page, slug="kort", retention_days=30, allow_attachment=True)
    name = submission(page, 40, with_file=True).attachment.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submissions.purge_expired(now=NOW)
    assert storage().exists(name)  # a rolled-back purge would leave the row without its file otherwise
    for callback in callbacks:
        callback()
    assert not storage().exists(name)


def test_purge_removes_day_old_files_that_no_submission_refers_to(home_page, settings):
    orphan = storage().save("forms/2020/01/orphan.pdf", ContentFile(small_pdf(["x"])))
    fresh = storage().save("forms/2020/01/fresh.pdf", ContentFile(small_pdf(["x"])))
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(settings.PRIVATE_MEDIA_ROOT / orphan, (two_days_ago, two_days_ago))
    page = make_form(home_page, slug="lang", retention_days=365, allow_attachment=True)
    referenced = submission(page, 1, with_file=True).attachment.name
    os.utime(settings.PRIVATE_MEDIA_ROOT / referenced, (two_days_ago, two_days_ago))

    submissions.purge_expired()

    assert not storage().exists(orphan)
    assert storage().exists(fresh)  # may belong to a submission being saved right now
    assert storage().exists(referenced)


def test_the_command_reports_what_it_deleted(home_page):
    page = make_form(home_page, slug="kort", retention_days=30)
    submission(page, 31)
    submission(page, 1)
    out = io.StringIO()
    call_command("purge_form_submissions", stdout=out)
    assert "Deleted 1 form submission(s)" in out.getvalue()
    assert FormPageSubmission.objects.count() == 1


def test_the_notification_task_for_a_deleted_submission_does_nothing(home_page):
    page = make_form(home_page)
    row = submission(page, 1)
    row.delete()
    assert send_form_notification.call(row.pk) == "gone"


# --- Demo ---------------------------------------------------------------------------------------------


def test_the_demo_contact_form_has_fields_privacy_and_a_few_recent_submissions(home_page):
    contact = demo_forms.seed(home_page)["contact"]
    assert (contact.slug, contact.title, contact.retention_days) == ("kontakt", "Kontakta oss", 365)
    assert contact.to_address == "kontakt@kompetenslyft.se"
    assert [f.clean_name for f in contact.get_form_fields()] == [
        "namn",
        "e_post",
        "organisation",
        "arende",
        "meddelande",
    ]
    assert contact.get_form_fields()[3].field_type == "dropdown"
    assert "allmänt intresse" in contact.privacy_notice
    rows = list(contact.get_submissions().order_by("submit_time"))
    assert 3 <= len(rows) <= 4
    assert all(NOW - datetime.timedelta(days=60) < row.submit_time < NOW for row in rows)
    assert len({row.submit_time.date() for row in rows}) == len(rows)
    form = contact.get_form({**rows[0].form_data}, page=contact)
    form.is_valid()
    assert not {name for name in form.errors if name in rows[0].form_data}  # demo answers fit the form

    again = demo_forms.seed(home_page)["contact"]
    assert again.pk == contact.pk
    assert contact.get_submissions().count() == len(rows)
    assert FormPage.objects.filter(slug="kontakt").count() == 1


def test_the_demo_solution_form_takes_attachments_and_has_a_small_pdf(home_page, settings):
    challenge, _ = ensure_child_page(home_page, ChallengePage, "digitalkompetens-fas-1", title="Digitalkompetens fas 1")
    page = demo_forms.ensure_solution_proposal_form(challenge)
    assert (page.slug, page.title, page.allow_attachment, page.retention_days) == (
        "skicka-in-losning",
        "Skicka in din lösning",
        True,
        730,
    )
    assert page.get_parent().pk == challenge.pk
    labels = [f.label for f in page.get_form_fields()]
    assert labels[:3] == ["Företag", "Kontaktperson", "E-post"]
    assert "Beskrivning av lösningen" in labels
    with_file = page.get_submissions().exclude(attachment="").get()
    content = (settings.PRIVATE_MEDIA_ROOT / with_file.attachment.name).read_bytes()
    assert content_matches_extension(content[:512], "pdf")
    assert "Planeringsstöd för chefsdagar" in PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert page.get_submissions().count() == 2
    assert demo_forms.ensure_solution_proposal_form(challenge).pk == page.pk
    assert page.get_submissions().count() == 2


def test_the_demo_privacy_page_says_what_forms_keep(home_page, roles):
    pages = home_demo.seed()
    body = str(pages["privacy"].body)
    assert "Formulär" in body and "raderas de automatiskt" in body
    assert pages["forms"]["contact"].get_submissions().exists()


def test_the_demo_contact_page_renders(client, home_page, roles):
    home_demo.seed()
    response = client.get("/kontakt/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kontakta oss" in html and "Ärende" in html
    assert "Läs hur vi hanterar personuppgifter" in html
