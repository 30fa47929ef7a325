"""What a home-assignment file may be: its type checked by content, not by name, and its size (OWASP ASVS 12.1, 12.2).

PDF, DOCX, ODT, TXT, PNG and JPEG. Documents are checked by `core.uploads` (the inside of the zip-based
formats too), images here, so that a zip (or anything else) renamed .docx,
an .exe or an HTML page renamed .pdf, is refused. The content type we store and serve is the one of the
checked type, never the one the browser sent.
"""

from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from core.uploads import file_matches_extension

from .exceptions import InvalidFile

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain; charset=utf-8",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
ACCEPT = ",".join(f".{extension}" for extension in CONTENT_TYPES)
IMAGE_SIGNATURES = {
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
HEAD_BYTES = 512


class WrongType(InvalidFile):
    """Not one of the allowed types (by its name)."""


class DisguisedType(InvalidFile):
    """Named as an allowed type, but its content is something else."""


class TooLarge(InvalidFile):
    pass


class EmptyFile(InvalidFile):
    pass


@dataclass(frozen=True)
class CheckedFile:
    extension: str
    content_type: str
    original_name: str
    size: int


def max_bytes():
    return getattr(settings, "PROGRAMME_ASSIGNMENT_MAX_BYTES", DEFAULT_MAX_BYTES)


def clean_name(name):
    """The participant's file name without any folder part, for display and for the download's name."""
    name = PureWindowsPath(PurePosixPath(name or "").name).name.strip()
    return name[-255:]


def extension_of(name):
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def content_matches(upload, head, extension):
    if extension in IMAGE_SIGNATURES:
        return head.startswith(IMAGE_SIGNATURES[extension])
    return file_matches_extension(upload, extension)


def check_upload(upload):
    """A CheckedFile for an acceptable upload; raises InvalidFile (with a message for the form) otherwise."""
    name = clean_name(getattr(upload, "name", ""))
    extension = extension_of(name)
    if extension not in CONTENT_TYPES:
        raise WrongType(
            _(
                "Files of this type cannot be handed in. Use PDF, Word (DOCX), OpenDocument text (ODT), text (TXT), PNG or JPEG."
            )
        )
    size = upload.size or 0
    if size == 0:
        raise EmptyFile(_("The file is empty."))
    if size > max_bytes():
        raise TooLarge(
            _("The file is too large (%(size)s): at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())}
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    matches = content_matches(upload, head, extension)
    upload.seek(0)
    if not matches:
        raise DisguisedType(
            _("The file's content does not match its type (.%(ext)s). Save it again as a real .%(ext)s file.")
            % {"ext": extension}
        )
    return CheckedFile(extension=extension, content_type=CONTENT_TYPES[extension], original_name=name, size=size)


def download_name(version):
    """A safe file name for the download: the participant's own name cleaned, or a neutral one."""
    extension = extension_of(version.original_name) or "bin"
    stem = version.original_name.rsplit(".", 1)[0] if "." in version.original_name else version.original_name
    try:
        stem = get_valid_filename(stem)
    except SuspiciousFileOperation:  # "", "." and ".."
        stem = ""
    stem = stem[:100] or f"hemuppgift-{version.submission_id}-v{version.number}"
    return f"{stem}.{extension}"
