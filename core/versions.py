"""Version counters shared by all server processes, for things kept in process memory.

A process keeps what every page needs and what rarely changes (live modules, footer links, the header's
role links, rendered fragments) in its own memory, tagged with the version of the source it was built
from. A change to the source bumps the counter in the shared cache (Redis in production): at once, and
again when the transaction commits, so that nothing built from the rows before the commit outlives it.
Processes read all counters in one round trip, at most once every VERSION_POLL_SECONDS (1 s in
production, 0 = on every read in tests), so a page costs no cache round trip between polls and a change
reaches every server within that time; the process that made the change reads them again at once.

A request sees one set of versions from start to end (pinned at request_started), so a fragment built
from a module loaded early in the request is never stored under a version bumped halfway through it.
Nothing is kept longer than KEPT_MAX_AGE_SECONDS, whatever the versions say: a bound on anything a
signal does not catch. If the shared cache cannot be read, each poll makes up a new version: things are
then kept for one poll interval at most, and pages keep working.
"""

import contextvars
import logging
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

CONTENT = "content"  # pages, their view restrictions, documents, images, sites and site settings
ROLES = "roles"  # group memberships and group permissions
NAMES = (CONTENT, ROLES)

_snapshot = {}
_read_at = [float("-inf")]
_lock = threading.Lock()
_pinned = contextvars.ContextVar("kompetenslyft_versions_pinned", default=None)


def _key(name):
    return f"versions:{name}"


def _read_shared():
    """{name: version} from the shared cache; made up (a new value each time) for what it cannot give."""
    keys = [_key(name) for name in NAMES]
    try:
        found = cache.get_many(keys)
        missing = [key for key in keys if key not in found]
        if missing:
            # Nanoseconds since the epoch: larger than any number an evicted counter reached by bumps.
            for key in missing:
                cache.add(key, time.time_ns(), None)
            found.update(cache.get_many(missing))
    except Exception:  # any cache client error: pages must not fail on it
        logger.warning("Version counters unreadable; in-memory copies last one poll", exc_info=True)
        found = {}
    return {name: found.get(_key(name)) or time.time_ns() for name in NAMES}


def _polled():
    now = time.monotonic()
    with _lock:
        due = now - _read_at[0] >= getattr(settings, "VERSION_POLL_SECONDS", 1.0) or len(_snapshot) < len(NAMES)
        if not due:
            return dict(_snapshot)
        _read_at[0] = now  # this thread polls; others use the snapshot meanwhile
    fresh = _read_shared()  # network I/O outside the lock
    with _lock:
        _snapshot.update(fresh)
        return dict(_snapshot)


def current(name):
    """The version of `name` for this request (pinned), or as this process knows it, polled when due."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned[name]
    return _polled()[name]


def pin(**kwargs):
    """request_started receiver: one set of versions for the whole request."""
    _pinned.set(_polled())


def unpin(**kwargs):
    """request_finished receiver."""
    _pinned.set(None)


def _bump_shared(name):
    try:
        cache.incr(_key(name))
    except ValueError:  # not in the cache (cleared or evicted): a fresh, larger version
        cache.set(_key(name), time.time_ns(), None)
    except Exception:  # the next poll makes up a new version anyway
        logger.warning("Could not bump version %s", name, exc_info=True)
    forget_snapshot()  # this process reads the counters again on its next read


def bump(name):
    """Make everything built from `name` stale, in every process: now, and again at commit."""
    _bump_shared(name)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump_shared(name), robust=True)


def forget_snapshot():
    """Read the counters again on the next read (after a bump, or in tests that clear the cache)."""
    with _lock:
        _read_at[0] = float("-inf")


class Kept:
    """A bounded in-memory map whose entries are only valid for the version they were built with."""

    def __init__(self, name, size):
        self.name, self.size, self._items, self._lock = name, size, OrderedDict(), threading.Lock()

    def get(self, key, build, *, tag=None):
        """The kept value for `key`, or `build()` kept for the current version (and `tag`, if given)."""
        version = (current(self.name), tag)
        now = time.monotonic()
        max_age = getattr(settings, "KEPT_MAX_AGE_SECONDS", 300)
        with self._lock:
            kept = self._items.get(key)
            if kept is not None and kept[0] == version and now - kept[1] < max_age:
                self._items.move_to_end(key)
                return kept[2]
        value = build()
        if value is not None:
            with self._lock:
                self._items[key] = (version, now, value)
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value

    def clear(self):
        with self._lock:
            self._items.clear()
