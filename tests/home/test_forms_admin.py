"""Form submissions in the admin: the list, XLSX/CSV export, attachments for permitted editors only, and
the retention period's bounds in the page editor."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from core.pagetree import ensure_child_page
from home import submissions
from home.models import ContentPage, FormPageSubmission

from ..factories import UserFactory
from .formtools import answers, make_form, pdf_upload, post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _site_first(home_page):
    """The home page (and its tree root) before the roles: editors get their page permissions on that root,
    which a transactional test elsewhere may have flushed."""
    return home_page


@pytest.fixture
def attachment_form(home_page):
    return make_form(home_page, slug="skicka-forslag", allow_attachment=True, retention_days=730)


@pytest.fixture
def with_file(client, attachment_form):
    """One submission with a PDF and one without, posted as a visitor would."""
    post(client, attachment_form, {**answers(), submissions.ATTACHMENT: pdf_upload("Vårt förslag.pdf")})
    post(
        client_at("192.0.2.10"),
        attachment_form,
        answers(namn="Erik Holm", meddelande='=HYPERLINK("http://evil.example")'),
    )
    return FormPageSubmission.objects.filter(page=attachment_form).order_by("submit_time", "pk")


def client_at(address):
    return Client(REMOTE_ADDR=address)


@pytest.fixture
def outsider(roles, home_page):
    """An editor with page permissions on another part of the tree only (like a municipality's editor)."""
    own, _ = ensure_child_page(home_page, ContentPage, "sundsvall", title="Sundsvall")
    group = Group.objects.create(name="Redaktör Sundsvall")
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(group=group, page=own, permission=Permission.objects.get(codename=codename))
    user = UserFactory(email="redaktor@sundsvall.se")
    user.groups.add(group)
    return user


def test_the_submissions_list_shows_the_answers_and_links_the_attachment(client, editor, attachment_form, with_file):
    client.force_login(editor)
    response = client.get(reverse("wagtailforms:list_submissions", args=[attachment_form.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Maria Sjöberg" in html and "Erik Holm" in html
    first = with_file[0]
    assert f'<a href="/admin/formular/bilaga/{first.pk}/" download>Vårt förslag.pdf</a>' in html
    assert submissions.TOKEN_KEY not in html


def test_the_submissions_list_has_a_bounded_number_of_queries(
    client, editor, attachment_form, django_assert_max_num_queries
):
    for number in range(30):
        FormPageSubmission.objects.create(page=attachment_form, form_data=answers(namn=f"Person {number}"))
    client.force_login(editor)
    url = reverse("wagtailforms:list_submissions", args=[attachment_form.pk])
    client.get(url)
    with django_assert_max_num_queries(40):
        response = client.get(url)
    assert response.status_code == 200


def test_csv_export_has_every_submission_with_formulas_neutralised(client, editor, attachment_form, with_file):
    client.force_login(editor)
    response = client.get(reverse("wagtailforms:list_submissions", args=[attachment_form.pk]) + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0] == ["Inlämningsdatum", "Namn", "E-post", "Organisation", "Ärende", "Meddelande", "Bilaga"]
    assert [row[1] for row in rows[1:]] == ["Maria Sjöberg", "Erik Holm"]
    assert rows[1][-1] == "Vårt förslag.pdf"
    assert rows[2][5] == '\'=HYPERLINK("http://evil.example")'
    assert all(submissions.TOKEN_KEY not in cell for row in rows for cell in row)


def test_xlsx_export_has_every_submission(client, editor, attachment_form, with_file):
    client.force_login(editor)
    response = client.get(reverse("wagtailforms:list_submissions", args=[attachment_form.pk]) + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0][1:] == ["Namn", "E-post", "Organisation", "Ärende", "Meddelande", "Bilaga"]
    assert [row[1] for row in rows[1:]] == ["Maria Sjöberg", "Erik Holm"]
    assert rows[2][5].startswith("'=")


def test_the_export_is_in_the_audit_log(client, editor, attachment_form, with_file):
    from wagtail.models import PageLogEntry

    client.force_login(editor)
    client.get(reverse("wagtailforms:list_submissions", args=[attachment_form.pk]) + "?export=xlsx")
    entry = PageLogEntry.objects.get(action="report.exported", page=attachment_form)
    assert entry.user == editor


def test_an_editor_with_permission_downloads_the_attachment(client, editor, with_file):
    client.force_login(editor)
    submission = with_file[0]
    response = client.get(reverse("form_attachment", args=[submission.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "V%C3%A5rt%20f%C3%B6rslag.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_attachment_is_404_for_an_editor_without_permission_on_the_form(client, outsider, with_file):
    client.force_login(outsider)
    assert client.get(reverse("form_attachment", args=[with_file[0].pk])).status_code == 404


def test_the_attachment_is_404_when_missing_or_absent(client, editor, with_file, settings):
    client.force_login(editor)
    assert client.get(reverse("form_attachment", args=[999_999])).status_code == 404
    assert client.get(reverse("form_attachment", args=[with_file[1].pk])).status_code == 404  # no file
    (settings.PRIVATE_MEDIA_ROOT / with_file[0].attachment.name).unlink()
    assert client.get(reverse("form_attachment", args=[with_file[0].pk])).status_code == 404


def test_the_attachment_needs_a_login(client, with_file):
    response = client.get(reverse("form_attachment", args=[with_file[0].pk]))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_learner_cannot_reach_the_attachment(client, learner, with_file):
    client.force_login(learner)
    assert client.get(reverse("form_attachment", args=[with_file[0].pk])).status_code in (302, 403, 404)


def test_an_editor_without_permission_on_the_form_cannot_list_or_export_its_submissions(
    client, outsider, attachment_form, with_file
):
    client.force_login(outsider)
    url = reverse("wagtailforms:list_submissions", args=[attachment_form.pk])
    # Wagtail's admin answers PermissionDenied by sending the person to the dashboard with a message.
    for query in ("", "?export=csv", "?export=xlsx"):
        response = client.get(url + query)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert b"Maria" not in response.content
    index = client.get(reverse("wagtailforms:index"))
    assert "Frågor till oss" not in index.content.decode()


def test_the_editor_sees_the_form_in_the_forms_index(client, editor, attachment_form):
    client.force_login(editor)
    assert "Frågor till oss" in client.get(reverse("wagtailforms:index")).content.decode()


# --- Retention period bounds in the page editor ----------------------------------------------------------


def edit_data(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": rich_text("<p>Skicka din fråga.</p>"),
        "thank_you_text": rich_text("<p>Tack.</p>"),
        "privacy_notice": page.privacy_notice,
        "retention_days": str(page.retention_days),
        "allow_attachment": "",
        "from_address": "",
        "to_address": page.to_address,
        "subject": "",
        "form_fields": inline_formset(
            [
                {
                    "id": field.pk,
                    "label": field.label,
                    "help_text": field.help_text,
                    "required": "on" if field.required else "",
                    "field_type": field.field_type,
                    "choices": field.choices,
                    "default_value": "",
                }
                for field in page.form_fields.all()
            ],
            initial=page.form_fields.count(),
        ),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(changes)
    return nested_form_data(data)


@pytest.mark.parametrize(("days", "ok"), [("0", False), ("5000", False), ("1", True), ("3650", True)])
def test_the_retention_period_is_between_one_day_and_ten_years(client, editor, home_page, days, ok):
    page = make_form(home_page)
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_data(page, retention_days=days))
    page.refresh_from_db()
    if ok:
        assert response.status_code == 302, response.context["form"].errors
        assert page.get_latest_revision_as_object().retention_days == int(days)
    else:
        assert response.status_code == 200
        assert "retention_days" in response.context["form"].errors
        assert page.get_latest_revision_as_object().retention_days == 365


@pytest.mark.parametrize("mode", ["form", "landing"])
def test_the_editor_previews_the_form_and_its_thank_you_page(editor, home_page, mode):
    from django.test import RequestFactory

    page = make_form(home_page)
    request = RequestFactory().get("/")
    request.user = editor
    response = page.make_preview_request(request, preview_mode=mode)
    assert response.status_code == 200
    html = response.content.decode()
    assert ("Skicka" if mode == "form" else "Vi svarar inom tre arbetsdagar.") in html


def test_the_editor_opens_the_form_page_in_the_page_editor(client, editor, attachment_form, with_file):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[attachment_form.pk]))
    assert response.status_code == 200
    assert "retention_days" in response.content.decode()
