"""Uploaded documents are checked by content, not only by name, and by size (OWASP ASVS 12.1.1, 12.2.1)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024  # videos are the largest legitimate documents

ZIP = (b"PK\x03\x04",)
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "docx": ZIP,
    "xlsx": ZIP,
    "pptx": ZIP,
    "odt": ZIP,
    "ods": ZIP,
    "odp": ZIP,
    "webm": (b"\x1a\x45\xdf\xa3",),
    "vtt": (b"WEBVTT", b"\xef\xbb\xbfWEBVTT"),
}
TEXT_TYPES = {"txt", "csv"}
LOOKS_LIKE_MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")


def content_matches_extension(head, extension):
    extension = extension.lower()
    if extension == "mp4":
        return head[4:8] == b"ftyp"
    if extension in TEXT_TYPES:
        if b"\x00" in head:
            return False
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        return not stripped.startswith(LOOKS_LIKE_MARKUP)
    signatures = SIGNATURES.get(extension)
    return bool(signatures) and head.startswith(signatures)


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or not hasattr(uploaded, "read"):
            return uploaded
        if uploaded.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 50 MB)."))
        extension = uploaded.name.rsplit(".", 1)[-1] if "." in uploaded.name else ""
        position = uploaded.tell() if hasattr(uploaded, "tell") else 0
        head = uploaded.read(512)
        uploaded.seek(position)
        if not content_matches_extension(head, extension):
            raise forms.ValidationError(
                _("The file's content does not match its type (.%(ext)s).") % {"ext": extension}
            )
        return uploaded
