"""A small fixed-window limit per client address, counted in the shared cache.

Used by the calendar feed (30 unknown tokens per address in 10 minutes, then 429), the public certificate
check (30 lookups per address in 10 minutes), the public forms (home.formguard) and page feedback
(home.feedback). Every one of them keys on `client_address()`, and nothing else reads REMOTE_ADDR.

With the ResilientRedisCache an outage means "not counted" (the page stays up, unlimited meanwhile).

The client's address: REMOTE_ADDR when TRUSTED_PROXY_COUNT is 0 (the default: gunicorn faces the clients).
Behind N reverse proxies of our own (TRUSTED_PROXY_COUNT=N) REMOTE_ADDR is the nearest proxy, shared by
every visitor, so the address is the N-th entry from the right of X-Forwarded-For: each of our proxies
appends the address it was reached from, so the right-most N entries are ours to trust, and anything
further left is whatever the client sent (forgeable). A header that is missing, shorter than N entries or
whose entry is not an IP address falls back to REMOTE_ADDR. allauth's login limits read the same setting
(ALLAUTH_TRUSTED_PROXY_COUNT in config/settings/base.py).
"""

import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _


def client_address(request):
    """The address a limit counts: see the module docstring for the trusted proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted <= 0 or not forwarded.strip():
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    if len(entries) < trusted:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-trusted]))
    except ValueError:
        return remote


@dataclass(frozen=True)
class Limit:
    """`allowed` events per address in `window` seconds; the next one answers 429."""

    name: str
    allowed: int
    window: int

    def key(self, request):
        return f"ratelimit:{self.name}:{client_address(request)}"

    def exceeded(self, request):
        return (cache.get(self.key(request)) or 0) >= self.allowed

    def count(self, request):
        """One more event for the request's address (the window starts at the first one)."""
        key = self.key(request)
        if not cache.add(key, 1, self.window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, self.window)


def too_many(limit):
    """The answer once the limit is reached: 429 with a plain sentence, and when to come back."""
    response = HttpResponse(
        _("Too many attempts. Try again later."), status=429, content_type="text/plain; charset=utf-8"
    )
    response["Retry-After"] = str(limit.window)
    return response
