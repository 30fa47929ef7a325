from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from core.uploads import content_matches_extension


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
