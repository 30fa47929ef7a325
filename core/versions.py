"""Version counters shared by all server processes, for things kept in process memory.

A process keeps what every page needs and what rarely changes (live modules, footer links, the header's
role links) in its own memory, tagged with the version of the source it was built from. A change to the
source bumps the counter in the shared cache (Redis in production); the process that made the change
sees the new version at once, the others at their next poll. Processes read all counters in one round
trip, at most once every VERSION_POLL_SECONDS (1 s in production, 0 = on every read in tests), so a
page costs no cache round trip between polls and a change reaches every server within that time.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

CONTENT = "content"  # pages, their view restrictions, sites and site settings
ROLES = "roles"  # group memberships and group permissions
NAMES = (CONTENT, ROLES)

_snapshot = {}
_read_at = [float("-inf")]
_lock = threading.Lock()


def _key(name):
    return f"versions:{name}"


def _refresh():
    keys = [_key(name) for name in NAMES]
    found = cache.get_many(keys)
    missing = [key for key in keys if key not in found]
    if missing:
        # Nanoseconds since the epoch: larger than any number an evicted counter reached by bumps.
        for key in missing:
            cache.add(key, time.time_ns(), None)
        found.update(cache.get_many(missing))
    _snapshot.update({name: found[_key(name)] for name in NAMES})
    _read_at[0] = time.monotonic()


def current(name):
    """The version of `name` as this process knows it, polled from the shared cache when due."""
    with _lock:
        if time.monotonic() - _read_at[0] >= getattr(settings, "VERSION_POLL_SECONDS", 1.0) or name not in _snapshot:
            _refresh()
        return _snapshot[name]


def bump(name):
    """Make everything built from `name` stale, in every process."""
    try:
        value = cache.incr(_key(name))
    except ValueError:  # not in the cache (cleared or evicted): a fresh, larger version
        value = time.time_ns()
        cache.set(_key(name), value, None)
    with _lock:
        _snapshot[name] = value


def forget_snapshot():
    """For tests that clear the shared cache: read the counters again on the next call."""
    with _lock:
        _snapshot.clear()
        _read_at[0] = float("-inf")


class Kept:
    """A bounded in-memory map whose entries are only valid for the version they were built with."""

    def __init__(self, name, size):
        self.name, self.size, self._items, self._lock = name, size, OrderedDict(), threading.Lock()

    def get(self, key, build, *, tag=None):
        """The kept value for `key`, or `build()` kept for the current version (and `tag`, if given)."""
        version = (current(self.name), tag)
        with self._lock:
            kept = self._items.get(key)
            if kept is not None and kept[0] == version:
                self._items.move_to_end(key)
                return kept[1]
        value = build()
        if value is not None:
            with self._lock:
                self._items[key] = (version, value)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value

    def clear(self):
        with self._lock:
            self._items.clear()
