"""Which streaming services a webcast may embed: an allow-list of hosts (settings.WEBCAST_EMBED_HOSTS).

The player itself is loaded only when the viewer presses play (see the webcast page template), so
nothing reaches the streaming service before then.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def allowed_hosts():
    return tuple(host.lower() for host in getattr(settings, "WEBCAST_EMBED_HOSTS", ()))


def is_allowed(url):
    parts = urlsplit(url or "")
    return parts.scheme == "https" and (parts.hostname or "").lower() in allowed_hosts()


def validate_embed_url(url):
    if url and not is_allowed(url):
        raise ValidationError(
            _("Use an https embed address from an approved streaming service: %(hosts)s.")
            % {"hosts": ", ".join(allowed_hosts())},
            code="host_not_allowed",
        )
