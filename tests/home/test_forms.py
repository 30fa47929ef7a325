"""Public forms (home.FormPage): rendering, the spam guard, bad input, double posts, the mail after commit."""

import logging
import re
import smtplib

import pytest
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client

from core.pagetree import ensure_child_page
from home import formguard, submissions
from home.models import ContentPage, FormPageSubmission, SiteFooter

from .formtools import answers, make_form, pdf_upload, post, token

pytestmark = pytest.mark.django_db


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture
def form_page(home_page):
    return make_form(home_page)


@pytest.fixture
def attachment_form(home_page):
    return make_form(home_page, slug="skicka-forslag", allow_attachment=True, retention_days=730)


@pytest.fixture
def privacy_page(home_page):
    page, _ = ensure_child_page(home_page, ContentPage, "personuppgifter", title="Personuppgifter")
    footer = SiteFooter.for_site(home_page.get_site())
    footer.privacy_page = page
    footer.save()
    return page


def stored():
    return FormPageSubmission.objects.count()


def private_files(settings):
    folder = settings.PRIVATE_MEDIA_ROOT / "forms"
    return {path for path in folder.rglob("*") if path.is_file()} if folder.exists() else set()


def text(response):
    return response.content.decode()


# --- Rendering ---------------------------------------------------------------------------------------


def test_the_form_page_shows_labels_required_note_privacy_and_a_hidden_honeypot(client, form_page, privacy_page):
    response = client.get(form_page.url)
    html = text(response)
    assert response.status_code == 200
    for label in ("Namn", "E-post", "Ärende", "Meddelande"):
        assert f">{label}</label>" in html or f">{label} <" in html
    assert 'Organisation <span class="field__optional">(valfritt)</span>' in html
    assert "Fyll i alla fält som inte är märkta (valfritt)." in html
    assert "Rättslig grund: allmänt intresse." in html
    assert "Det du skickar raderas automatiskt efter 365 dagar." in html
    assert f'href="{privacy_page.url}"' in html
    honeypot = re.search(r'<div class="form-honeypot" aria-hidden="true">.*?</div>', html, re.S).group(0)
    assert "Lämna tomt" in honeypot
    assert 'tabindex="-1"' in honeypot and 'autocomplete="off"' in honeypot
    assert f'name="{formguard.HONEYPOT}"' in honeypot
    assert 'type="hidden" name="kl_form_token"' in html
    assert 'maxlength="5000"' in html and 'maxlength="255"' in html
    assert "css/forms.css" in html
    assert "no-store" in response["Cache-Control"]  # one token per rendering: no shared cache may keep it
    assert "enctype" not in html  # no file field, no multipart


def test_without_a_privacy_page_the_notice_stands_alone(client, form_page):
    html = text(client.get(form_page.url))
    assert "Rättslig grund: allmänt intresse." in html
    assert "Läs hur vi hanterar personuppgifter" not in html


def test_the_thank_you_page_links_the_privacy_page_too(client, form_page, privacy_page):
    html = text(post(client, form_page))
    assert "Tack! Vi har tagit emot det du skickade." in html
    assert f'<a href="{privacy_page.url}">Läs hur vi hanterar personuppgifter</a>' in html


def test_the_privacy_link_is_the_footers_kept_link(client, form_page, privacy_page, django_assert_num_queries):
    """One lookup for the footer, the form and the page feedback (home.footer), none once kept."""
    from home import feedback, footer

    assert footer.privacy_url() == feedback.privacy_url() == privacy_page.url
    with django_assert_num_queries(0):
        footer.privacy_url()
    privacy_page.unpublish()
    assert footer.privacy_url() == ""  # unpublishing bumps the content version
    assert "Läs hur vi hanterar personuppgifter" not in text(client.get(form_page.url))


def test_each_rendering_gets_its_own_token(client, form_page):
    first = re.search(r'name="kl_form_token" value="([^"]+)"', text(client.get(form_page.url))).group(1)
    second = re.search(r'name="kl_form_token" value="([^"]+)"', text(client.get(form_page.url))).group(1)
    assert first != second
    assert formguard.read(first).page_id == form_page.pk


def test_the_attachment_field_names_types_and_size(client, attachment_form):
    html = text(client.get(attachment_form.url))
    assert 'enctype="multipart/form-data"' in html
    assert 'type="file"' in html and 'accept=".pdf,.docx,.pptx,.xlsx,.odt,.odp,.ods"' in html
    assert "Högst 10 MB." in html
    assert "Bilaga" in html


# --- A good submission and its mail --------------------------------------------------------------------


def test_a_submission_is_stored_and_the_mail_goes_only_after_commit(
    client, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post(client, form_page)
        assert mail.outbox == []  # nothing is sent inside the transaction
    assert response.status_code == 200
    assert "Tack! Vi har tagit emot det du skickade." in text(response)
    assert "Vi svarar inom tre arbetsdagar." in text(response)
    assert "no-store" in response["Cache-Control"]
    submission = FormPageSubmission.objects.get()
    data = submission.get_data()
    assert data["namn"] == "Maria Sjöberg" and data["arende"] == "Fråga om en utbildning"
    assert formguard.HONEYPOT not in submission.form_data and formguard.TOKEN not in submission.form_data
    assert submissions.TOKEN_KEY not in data  # the nonce is not shown in lists or exports
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_the_notification_mail_lists_the_answers_and_links_the_admin(
    client, form_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(client, form_page, answers(meddelande="Hej & tack!\nRad två."))
    message = mail.outbox[0]
    assert message.to == ["kontakt@kompetenslyft.se"]
    assert message.reply_to == ["maria.sjoberg@kramfors.se"]
    assert message.subject == "Nytt svar i formuläret: Frågor till oss"
    assert "Någon har skickat formuläret ”Frågor till oss”." in message.body
    assert "Namn:\nMaria Sjöberg" in message.body
    assert "Meddelande:\nHej & tack!\nRad två." in message.body  # plain text, not HTML-escaped
    assert f"http://testserver/admin/forms/submissions/{form_page.pk}/" in message.body
    assert "Svaret raderas automatiskt efter 365 dagar." in message.body
    assert "bilaga" not in message.body.lower()
    assert message.attachments == []


def test_the_editor_chosen_subject_and_several_recipients(home_page, client, django_capture_on_commit_callbacks):
    page = make_form(
        home_page, slug="tva", subject="Ny fråga från webben", to_address="a@kompetenslyft.se, b@kompetenslyft.se"
    )
    with django_capture_on_commit_callbacks(execute=True):
        post(client, page)
    assert mail.outbox[0].subject == "Ny fråga från webben"
    assert mail.outbox[0].to == ["a@kompetenslyft.se", "b@kompetenslyft.se"]


def test_a_form_without_recipients_stores_and_sends_nothing(home_page, client, django_capture_on_commit_callbacks):
    page = make_form(home_page, slug="utan-mottagare", to_address="")
    with django_capture_on_commit_callbacks(execute=True):
        assert post(client, page).status_code == 200
    assert stored() == 1 and mail.outbox == []


def test_a_broken_mail_server_still_gives_the_thank_you_page_and_logs_the_error(
    client, form_page, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    with caplog.at_level(logging.ERROR, logger="home.submissions"), django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_page)
    assert response.status_code == 200
    assert "Tack! Vi har tagit emot det du skickade." in text(response)
    assert stored() == 1
    assert any("could not be sent" in record.getMessage() for record in caplog.records)


def test_wagtails_own_synchronous_mail_is_switched_off(form_page):
    with pytest.raises(NotImplementedError):
        form_page.send_mail(None)


# --- Posted twice ----------------------------------------------------------------------------------------


def test_the_same_rendered_form_posted_twice_stores_one_submission(
    client, form_page, django_capture_on_commit_callbacks
):
    same_token = token(form_page)
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, form_page, form_token=same_token)
        second = post(client, form_page, form_token=same_token)
    assert first.status_code == second.status_code == 200
    assert "Tack! Vi har tagit emot det du skickade." in text(second)
    assert stored() == 1
    assert len(mail.outbox) == 1


def test_posted_twice_with_changed_answers_is_a_409_that_keeps_the_answers(client, form_page):
    same_token = token(form_page)
    post(client, form_page, form_token=same_token)
    response = post(client, form_page, answers(meddelande="Ett annat meddelande."), form_token=same_token)
    assert response.status_code == 409
    html = text(response)
    assert "Du har redan skickat formuläret med andra svar." in html
    assert "Ett annat meddelande." in html
    assert stored() == 1
    fresh = re.search(r'name="kl_form_token" value="([^"]+)"', html).group(1)
    assert formguard.read(fresh).nonce != formguard.read(same_token).nonce
    # Sending the 409 form again stores the changed answers as a new submission.
    again = post(client, form_page, answers(meddelande="Ett annat meddelande."), form_token=fresh)
    assert again.status_code == 200
    assert stored() == 2


# --- Empty, too long, wrong file --------------------------------------------------------------------------


def test_an_empty_form_gives_errors_linked_from_the_summary_and_stores_nothing(client, form_page):
    response = post(client, form_page, {})
    html = text(response)
    assert response.status_code == 200
    assert 'class="error-summary"' in html
    for name in ("namn", "e_post", "arende", "meddelande"):
        assert f'href="#id_{name}"' in html
    assert 'href="#id_organisation"' not in html  # optional
    assert stored() == 0


def test_a_post_without_anything_at_all_is_refused(client, form_page):
    response = client.post(form_page.url, {})
    assert response.status_code == 400
    assert stored() == 0


def test_a_100000_character_field_is_a_form_error(client, form_page):
    response = post(client, form_page, answers(meddelande="a" * 100_000))
    assert response.status_code == 200
    assert "har som mest 5000 tecken (den har 100000)" in text(response)
    assert stored() == 0
    response = post(client, form_page, answers(namn="b" * 100_000))
    assert "har som mest 255 tecken (den har 100000)" in text(response)
    assert stored() == 0


def test_a_100000_character_field_from_a_browser_is_never_stored_cut(client, form_page):
    post(client, form_page, answers(meddelande="x" * 5000))
    assert len(FormPageSubmission.objects.get().form_data["meddelande"]) == 5000


def test_a_pdf_that_is_really_html_is_refused_and_nothing_is_stored(client, attachment_form, settings):
    fake = SimpleUploadedFile("forslag.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>")
    before = private_files(settings)
    response = post(client, attachment_form, {**answers(), submissions.ATTACHMENT: fake})
    assert response.status_code == 200
    assert "Filens innehåll stämmer inte med filtypen (.pdf)." in text(response)
    assert stored() == 0
    assert private_files(settings) == before


@pytest.mark.parametrize("name", ["program.exe", "bild.svg", "utan-filandelse"])
def test_other_file_types_are_refused(client, attachment_form, name):
    upload = SimpleUploadedFile(name, b"MZ\x90\x00")
    response = post(client, attachment_form, {**answers(), submissions.ATTACHMENT: upload})
    assert "Välj en fil i formatet PDF, Word, PowerPoint, Excel eller OpenDocument." in text(response)
    assert stored() == 0


def test_a_file_over_10_mb_is_refused(client, attachment_form):
    big = SimpleUploadedFile("stor.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    response = post(client, attachment_form, {**answers(), submissions.ATTACHMENT: big})
    assert "Filen är för stor. Den får vara högst 10 MB." in text(response)
    assert stored() == 0


def test_a_good_attachment_is_stored_privately_and_named_in_the_mail_without_the_file(
    client, attachment_form, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, attachment_form, {**answers(), submissions.ATTACHMENT: pdf_upload("Vårt förslag.pdf")})
    assert response.status_code == 200
    submission = FormPageSubmission.objects.get()
    assert submission.attachment_name == "Vårt förslag.pdf"
    assert submission.attachment.name.startswith("forms/") and "förslag" not in submission.attachment.name
    path = settings.PRIVATE_MEDIA_ROOT / submission.attachment.name
    assert path.read_bytes().startswith(b"%PDF-")
    assert submission.get_data()[submissions.ATTACHMENT] == "Vårt förslag.pdf"
    message = mail.outbox[0]
    assert "En bilaga skickades med: Vårt förslag.pdf." in message.body
    assert message.attachments == []
    assert "%PDF" not in message.body


def test_a_file_posted_to_a_form_without_attachments_is_ignored(client, form_page):
    post(client, form_page, {**answers(), submissions.ATTACHMENT: pdf_upload()})
    submission = FormPageSubmission.objects.get()
    assert not submission.attachment and submission.attachment_name == ""


def test_when_the_row_cannot_be_written_the_file_is_removed_again(client, attachment_form, settings, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database went away")

    before = private_files(settings)
    monkeypatch.setattr(FormPageSubmission, "save", broken_save)
    client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        post(client, attachment_form, {**answers(), submissions.ATTACHMENT: pdf_upload()})
    assert private_files(settings) == before
    assert stored() == 0


# --- Bots --------------------------------------------------------------------------------------------------


GENERIC = "Formuläret kunde inte skickas."


def test_a_filled_honeypot_is_refused_without_saying_why(client, form_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_page, honeypot="https://spam.example")
    html = text(response)
    assert response.status_code == 400
    assert GENERIC in html
    assert "Lämna tomt" not in re.sub(r'<div class="form-honeypot".*?</div>', "", html, flags=re.S)
    assert "snabbt" not in html
    assert stored() == 0 and mail.outbox == []


def test_under_two_seconds_is_refused_with_a_request_to_try_again(client, form_page):
    response = post(client, form_page, age=0.5)
    assert response.status_code == 200
    assert "Formuläret skickades mycket snabbt efter att sidan öppnades." in text(response)
    assert "Maria Sjöberg" in text(response)  # the answers are kept
    assert stored() == 0


def test_the_minimum_time_is_a_setting(client, form_page, settings):
    settings.FORM_MIN_FILL_SECONDS = 10
    assert post(client, form_page, age=5).status_code == 200
    assert stored() == 0
    assert post(client, form_page, age=11).status_code == 200
    assert stored() == 1


@pytest.mark.parametrize("kind", ["tampered", "missing", "garbage", "other page", "from the future"])
def test_a_bad_token_is_refused_as_a_bot(client, home_page, form_page, kind):
    good = token(form_page)
    other = make_form(home_page, slug="annat-formular")
    bad = {
        "tampered": good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB"),
        "missing": "",
        "garbage": "x" * 600,
        "other page": token(other),
        "from the future": signing.dumps({"p": form_page.pk, "t": 9_999_999_999, "n": "abc"}, salt=formguard.SALT),
    }[kind]
    response = post(client, form_page, form_token=bad)
    assert response.status_code == 400
    assert GENERIC in text(response)
    assert stored() == 0


def test_a_form_left_open_for_more_than_a_day_gets_a_fresh_token(client, form_page):
    old = token(form_page, age=2 * 24 * 3600)
    response = post(client, form_page, form_token=old)
    html = text(response)
    assert "Formuläret har varit öppet länge." in html
    assert stored() == 0
    fresh = re.search(r'name="kl_form_token" value="([^"]+)"', html).group(1)
    assert fresh != old
    assert formguard.read(fresh) is not None


def test_past_the_rate_limit_the_page_answers_429_in_swedish(client, form_page, django_capture_on_commit_callbacks):
    for number in range(5):
        assert post(client, form_page, answers(meddelande=f"Fråga {number}")).status_code == 200
    assert stored() == 5
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, form_page, answers(meddelande="Den sjätte"))
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    html = text(response)
    assert "Du har skickat många formulär på kort tid. Vänta 10 minuter och försök igen." in html
    assert "Den sjätte" in html  # the answers are kept, to copy or send later
    assert stored() == 5
    assert mail.outbox == []
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert post(other, form_page).status_code == 200


def test_bot_refusals_count_towards_the_rate_limit(client, form_page):
    for _ in range(5):
        assert post(client, form_page, honeypot="spam").status_code == 400
    assert post(client, form_page).status_code == 429
    assert stored() == 0


def test_the_form_needs_the_csrf_token(form_page):
    csrf_client = Client(enforce_csrf_checks=True)
    assert post(csrf_client, form_page).status_code == 403
    assert stored() == 0


def test_the_rate_limit_is_configurable(client, form_page, settings):
    settings.FORM_RATE_LIMIT = 1
    settings.FORM_RATE_WINDOW = 120
    assert post(client, form_page).status_code == 200
    response = post(client, form_page, answers(meddelande="Två"))
    assert response.status_code == 429
    assert "Vänta 2 minuter" in text(response)
