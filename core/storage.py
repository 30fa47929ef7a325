"""Private files (home assignments, certificates): outside MEDIA_ROOT, never served by the web server.

A view hands them out after the access rules said yes (django.http.FileResponse), so a guessed
URL leads nowhere. PRIVATE_MEDIA_ROOT is set by environment variable in production.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage():
    """A callable, so that migrations name it rather than a machine's path."""
    # A base URL that nothing serves: `.url` of a private file must never point into MEDIA_URL.
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url="/private-not-served/")
