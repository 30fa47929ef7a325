"""Small files for the home-assignment tests: real ones of each allowed type, and disguised ones."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40
TXT = "Min reflektion om digital ledning: å, ä, ö.\n".encode()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def odt():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.js", "alert(1)")
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


GOOD = {
    "rapport.pdf": PDF,
    "rapport.docx": docx(),
    "rapport.odt": odt(),
    "rapport.txt": TXT,
    "skiss.png": PNG,
    "foto.jpg": JPEG,
    "foto.JPEG": JPEG,
}
DISGUISED = {
    "program.pdf": EXE,  # an .exe renamed .pdf
    "sida.pdf": HTML,  # an HTML page renamed .pdf
    "sida.txt": HTML,
    "arkiv.docx": plain_zip(),  # a zip that is no Word document
    "arkiv.odt": plain_zip(),
    "bild.png": JPEG,
    "bild.jpg": PNG,
    "program.txt": EXE,
}
WRONG_TYPE = {
    "program.exe": EXE,
    "sida.html": HTML,
    "bild.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    "utan-typ": PDF,
}
