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


# --- the privacy-friendly player ----------------------------------------------------------------------
# Nothing from the streaming service is in the page until the viewer presses play: no iframe, no script,
# no address in an attribute. Without JavaScript, "Spela upp" is a link to the same page with ?spela=1,
# which renders the iframe; with JavaScript (static/js/webcast-player.js) the click fetches that page and
# swaps its player in. A chapter link adds t=<seconds>; the start time is written the way each service
# reads it. The script applies the same rules to an iframe already playing (keep both in step).

SERVICE_NAMES = {
    "www.youtube-nocookie.com": "YouTube",
    "www.youtube.com": "YouTube",
    "player.vimeo.com": "Vimeo",
    "video.screen9.com": "Screen9",
    "play.qbrick.com": "Qbrick",
    "play.video.uu.se": "Uppsala universitet",
}
PLAY_PARAM = "spela"
TIME_PARAM = "t"
MAX_START_SECONDS = 24 * 60 * 60


def host_of(url):
    return (urlsplit(url or "").hostname or "").lower()


def service_name(url):
    """How a viewer knows the service: "YouTube", "Vimeo"; an unknown host by its name."""
    host = host_of(url)
    return SERVICE_NAMES.get(host, host)


def start_seconds(value):
    """A start time from the query string: whole seconds within a day, anything else 0."""
    try:
        seconds = int(str(value or "0").strip())
    except ValueError:
        return 0
    return seconds if 0 <= seconds <= MAX_START_SECONDS else 0


def player_src(url, seconds=0, autoplay=True):
    """The embed address that starts at `seconds`: YouTube reads start=, Vimeo #t=<n>s, others t=."""
    from urllib.parse import parse_qsl, urlencode, urlunsplit

    parts = urlsplit(url)
    host = host_of(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("autoplay", "start", "t")]
    fragment = parts.fragment
    if autoplay:
        query.append(("autoplay", "1"))
    if "youtube" in host:
        if seconds:
            query.append(("start", str(seconds)))
    elif host == "player.vimeo.com":
        fragment = f"t={seconds}s" if seconds else ""
    elif seconds:
        query.append(("t", str(seconds)))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), fragment))


def frame_policy(policy, url):
    """A Content-Security-Policy that also lets the page frame this one streaming host (and nothing else)."""
    host = host_of(url)
    if not host or not is_allowed(url):
        return policy
    return policy.replace("frame-src 'self'", f"frame-src 'self' https://{host}", 1)


class Player:
    """The player of a webcast page in its current state: the live stream while live, the recording after."""

    def __init__(self, url, kind, requested=False, start=0):
        self.url = url if is_allowed(url) else ""
        self.kind = kind  # "live" or "recording"
        self.requested = bool(self.url) and requested
        self.start = start if kind == "recording" else 0
        self.host = host_of(self.url)
        self.service = service_name(self.url)

    @classmethod
    def for_webcast(cls, webcast, state, query):
        from .schedule import State

        if state == State.LIVE:
            url, kind = webcast.stream_url, "live"
        elif state == State.RECORDING:
            url, kind = webcast.recording_url, "recording"
        else:
            return None
        requested = (query.get(PLAY_PARAM) or "") == "1"
        return cls(url, kind, requested, start_seconds(query.get(TIME_PARAM)))

    @property
    def available(self):
        return bool(self.url)

    @property
    def src(self):
        """The iframe's address: only ever put in the page once the viewer has pressed play."""
        return player_src(self.url, self.start) if self.requested else ""

    def play_query(self, seconds=0):
        return f"?{PLAY_PARAM}=1" + (f"&{TIME_PARAM}={seconds}" if seconds else "")
