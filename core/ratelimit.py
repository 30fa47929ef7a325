"""A small fixed-window limit per client address, counted in the shared cache.

Used by the calendar feed (30 unknown tokens per address in 10 minutes, then 429) and the public
certificate check (30 lookups per address in 10 minutes).

With the ResilientRedisCache an outage means "not counted" (the page stays up, unlimited meanwhile).
The address is REMOTE_ADDR, as for the feed: behind a proxy it must be set to the client's address.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _


def client_address(request):
    return request.META.get("REMOTE_ADDR", "")


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
