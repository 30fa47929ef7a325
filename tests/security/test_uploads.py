import io
import zipfile

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core.uploads import content_matches_extension, file_matches_extension
from home.submissions import check_attachment


def _upload(client, name, content):
    return client.post(
        reverse("wagtaildocs:add"), {"title": name, "file": SimpleUploadedFile(name, content), "collection": 1}
    )


def test_renamed_html_is_refused(client, administrator):
    client.force_login(administrator)
    response = _upload(client, "rapport.pdf", b"<html><script>alert(1)</script></html>")
    assert response.status_code == 200
    assert not get_document_model().objects.exists()


def test_real_pdf_is_accepted(client, administrator):
    client.force_login(administrator)
    response = _upload(client, "rapport.pdf", b"%PDF-1.7\n%fake but well-formed header\n")
    assert response.status_code == 302
    assert get_document_model().objects.count() == 1


def test_html_extension_is_refused(client, administrator):
    client.force_login(administrator)
    _upload(client, "sida.html", b"<html></html>")
    assert not get_document_model().objects.exists()


def test_csv_with_markup_refused():
    assert content_matches_extension(b"e-post\nanna@harnosand.se\n", "csv")
    assert not content_matches_extension(b"<svg onload=alert(1)>", "csv")
    assert not content_matches_extension(b"PK\x03\x04 not really", "pdf")


def test_svg_image_with_script_is_refused(client, administrator):
    client.force_login(administrator)
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    client.post(reverse("wagtailimages:add"), {"title": "x", "file": SimpleUploadedFile("x.svg", svg), "collection": 1})
    assert not get_image_model().objects.exists()


def test_oversize_image_refused(client, administrator, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 100
    client.force_login(administrator)
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        + b"\x00" * 200
    )
    client.post(reverse("wagtailimages:add"), {"title": "x", "file": SimpleUploadedFile("x.png", png), "collection": 1})
    assert not get_image_model().objects.exists()


# --- zip-based formats: the archive is opened, not only its first bytes ----------------------------------


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in entries:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return buffer.getvalue()


def _office(extension):
    main = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
    if extension in main:
        return _zip([("[Content_Types].xml", "<Types/>"), (main[extension], "<x/>")])
    kind = {"odt": "text", "ods": "spreadsheet", "odp": "presentation"}[extension]
    return _zip([("mimetype", f"application/vnd.oasis.opendocument.{kind}"), ("content.xml", "<x/>")])


OFFICE = ["docx", "xlsx", "pptx", "odt", "ods", "odp"]


@pytest.mark.parametrize("extension", OFFICE)
def test_a_real_office_file_passes_and_any_other_zip_is_refused(extension):
    assert file_matches_extension(io.BytesIO(_office(extension)), extension)
    assert not file_matches_extension(io.BytesIO(_zip([("payload.js", "alert(1)")])), extension)
    assert not file_matches_extension(io.BytesIO(b"PK\x03\x04" + b"\x00" * 2000), extension)  # zeros after the magic
    truncated = _office(extension)[:-40]
    assert not file_matches_extension(io.BytesIO(truncated), extension)


def test_a_spreadsheet_is_not_a_text_document():
    assert not file_matches_extension(io.BytesIO(_office("xlsx")), "docx")
    assert not file_matches_extension(io.BytesIO(_office("ods")), "odt")


def test_the_check_leaves_the_file_where_it_was():
    upload = io.BytesIO(_office("docx"))
    upload.seek(7)
    file_matches_extension(upload, "docx")
    assert upload.tell() == 7


def test_the_admin_refuses_a_zip_named_docx_and_takes_a_real_one(client, administrator):
    client.force_login(administrator)
    _upload(client, "arkiv.docx", _zip([("payload.js", "alert(1)")]))
    assert not get_document_model().objects.exists()
    assert _upload(client, "rapport.docx", _office("docx")).status_code == 302
    assert get_document_model().objects.count() == 1


@pytest.mark.parametrize("extension", OFFICE)
def test_a_form_attachment_is_checked_inside_too(extension):
    check_attachment(SimpleUploadedFile(f"losning.{extension}", _office(extension)))
    with pytest.raises(forms.ValidationError) as refused:
        check_attachment(SimpleUploadedFile(f"losning.{extension}", b"PK\x03\x04" + b"\x00" * 500))
    assert refused.value.code == "file_content"
