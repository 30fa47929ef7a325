"""Uploaded documents are checked by content, not only by name, and by size (OWASP ASVS 12.1.1, 12.2.1).

`content_matches_extension(head, ext)` looks at the first bytes only. `file_matches_extension(upload, ext)`
is the whole rule: for the zip-based Office and OpenDocument formats it also opens the archive, so that any
zip renamed .docx (or .xlsx, .odt …) is refused. Every upload path (documents in the admin, form attachments,
home assignments) calls it.
"""

import zipfile

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
# What the archive of each zip-based format must hold: Office Open XML its main part, OpenDocument a first,
# uncompressed "mimetype" entry naming the format.
OOXML_MAIN_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
ODF_MIMETYPE_OFFSET = 30 + len(b"mimetype")  # the local file header is 30 bytes, then the entry's name
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


def _archive_names(upload):
    try:
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist()), archive.testzip() is None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return set(), False


def file_matches_extension(upload, extension):
    """True when the whole upload is what its extension says. Leaves the file position where it was."""
    extension = extension.lower()
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        head = upload.read(512)
        if not content_matches_extension(head, extension):
            return False
        if extension in ODF_MIMETYPES:
            expected = ODF_MIMETYPES[extension]
            if head[ODF_MIMETYPE_OFFSET : ODF_MIMETYPE_OFFSET + len(expected)] != expected:
                return False
            upload.seek(0)
            names, intact = _archive_names(upload)
            return intact and "content.xml" in names
        if extension in OOXML_MAIN_PART:
            upload.seek(0)
            names, intact = _archive_names(upload)
            return intact and "[Content_Types].xml" in names and OOXML_MAIN_PART[extension] in names
        return True
    finally:
        upload.seek(position)


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or not hasattr(uploaded, "read"):
            return uploaded
        if uploaded.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 50 MB)."))
        extension = uploaded.name.rsplit(".", 1)[-1] if "." in uploaded.name else ""
        if not file_matches_extension(uploaded, extension):
            raise forms.ValidationError(
                _("The file's content does not match its type (.%(ext)s).") % {"ext": extension}
            )
        return uploaded
