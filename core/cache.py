"""The shared cache as an optimisation: pages keep working when Redis is down.

Everything that reads the cache (Wagtail's site-root lookup, allauth's rate limits, core.versions) treats
an answer from it as a shortcut it can rebuild. So `ResilientRedisCache` turns "Redis unreachable" into
"not in the cache": a get returns its default, a set stores nothing, incr finds no key (ValueError, as
for any missing key). Three things keep an outage cheap and quiet:

- short socket timeouts (0.25 s): a Redis that stops answering costs a request a quarter of a second at
  most, not redis-py's 5 s default;
- a circuit breaker per process: after a failure Redis is left alone for RETRY_AFTER seconds, then one
  call tries it again; meanwhile no request waits on it;
- one warning per WARN_EVERY seconds, not one per call.

Login limiting cannot be "not in the cache": allauth counts attempts in cache entries guarded by a cache
lock (`cache.add`), so a cache that stores nothing would count nothing, and a lock that is never taken
would refuse every login after a one-second wait. The keys in LOCAL_FALLBACK_PREFIXES (allauth's rate
limits and their locks, and TOTP codes already used) therefore go to this process's memory while Redis is
down: limits keep working, counted per server process instead of for the whole site (with 4 gunicorn
workers, an account is locked after at most 4 x 5 failures instead of 5), and the counts start again
from zero when Redis returns. The README's configuration section says the same.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis import exceptions as redis_errors

logger = logging.getLogger(__name__)

# Unreachable, timed out, or (during a failover) a replica that refuses writes: Redis is not usable now.
# Anything else (a bad value, a programming error) is not an outage and is raised as usual.
UNAVAILABLE = (redis_errors.ConnectionError, redis_errors.TimeoutError, redis_errors.ReadOnlyError)


class _Circuit:
    """Per process and per Redis location (each thread has its own cache object, so this is shared)."""

    def __init__(self, name):
        self.name = name
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0
        self.last_warning = float("-inf")
        self.failures = 0  # since the last warning

    def allows_call(self, retry_after):
        """True when Redis is up, or when it is time for one caller to try it again."""
        if not self.down:
            return True
        now = time.monotonic()
        with self.lock:
            if now < self.retry_at:
                return False
            self.retry_at = now + retry_after  # this caller probes; the others keep skipping meanwhile
            return True

    def failed(self, error, retry_after, warn_every):
        now = time.monotonic()
        with self.lock:
            self.down = True
            self.retry_at = now + retry_after
            self.failures += 1
            if now - self.last_warning < warn_every:
                return
            self.last_warning, failures, self.failures = now, self.failures, 0
        logger.warning(
            "Shared cache %s unavailable (%s): serving without it, rate limits counted per process, "
            "next try in %s s (%d failure(s) since the last warning)",
            self.name,
            error,
            retry_after,
            failures,
        )

    def succeeded(self):
        if not self.down:  # the common case: no lock
            return
        with self.lock:
            was_down, self.down, self.retry_at = self.down, False, 0.0
        if was_down:
            logger.warning("Shared cache %s reachable again", self.name)


_circuits = {}
_circuits_lock = threading.Lock()


def _circuit_for(name):
    with _circuits_lock:
        return _circuits.setdefault(name, _Circuit(name))


def reset_circuits():
    """Forget every outage seen by this process (for tests)."""
    with _circuits_lock:
        _circuits.clear()


def _safe_name(servers):
    """host:port of each server, for log lines: never a password from the URL."""
    names = []
    for url in servers:
        parts = urlsplit(url)
        names.append(f"{parts.hostname}:{parts.port or 6379}" if parts.hostname else parts.scheme or "redis")
    return ",".join(names)


class ResilientRedisCache(RedisCache):
    """Django's Redis cache that answers "not cached" instead of raising while Redis is unavailable."""

    RETRY_AFTER = 5.0  # seconds Redis is skipped after a failure
    WARN_EVERY = 60.0  # seconds between two warnings about the same outage
    # Keys whose counting must go on while Redis is down (see the module docstring): allauth's rate limits
    # (and their ":lock" keys) and allauth.mfa's record of TOTP codes already used.
    LOCAL_FALLBACK_PREFIXES = ("allauth:rl:", "allauth.mfa.totp.used?")
    # Overridable per cache in OPTIONS; the rest of OPTIONS goes to redis-py's connection pool as usual.
    DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.25}

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**self.DEFAULT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        name = _safe_name(self._servers)
        self._circuit = _circuit_for(name)
        # One LocMem store per process and location, shared by all threads' cache objects.
        self._local = LocMemCache(
            "resilient-redis-fallback:" + ",".join(self._servers),
            {
                "TIMEOUT": self.default_timeout,
                "KEY_PREFIX": self.key_prefix,
                "VERSION": self.version,
                "KEY_FUNCTION": self.key_func,
                "OPTIONS": {"MAX_ENTRIES": 10000},
            },
        )

    @property
    def available(self):
        """False while the circuit is open (Redis failed less than RETRY_AFTER seconds ago)."""
        return not self._circuit.down

    def _is_local(self, key):
        return isinstance(key, str) and key.startswith(self.LOCAL_FALLBACK_PREFIXES)

    def _call(self, operation, fallback):
        if self._circuit.allows_call(self.RETRY_AFTER):
            try:
                result = operation()
            except UNAVAILABLE as error:
                self._circuit.failed(error, self.RETRY_AFTER, self.WARN_EVERY)
            else:
                self._circuit.succeeded()
                return result
        return fallback()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version),
            lambda: self._local.add(key, value, timeout, version) if self._is_local(key) else False,
        )

    def get(self, key, default=None, version=None):
        return self._call(
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            lambda: self._local.get(key, default, version) if self._is_local(key) else default,
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version),
            lambda: self._local.set(key, value, timeout, version) if self._is_local(key) else None,
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version),
            lambda: self._local.touch(key, timeout, version) if self._is_local(key) else False,
        )

    def delete(self, key, version=None):
        return self._call(
            lambda: super(ResilientRedisCache, self).delete(key, version),
            lambda: self._local.delete(key, version) if self._is_local(key) else False,
        )

    def has_key(self, key, version=None):
        return self._call(
            lambda: super(ResilientRedisCache, self).has_key(key, version),
            lambda: self._local.has_key(key, version) if self._is_local(key) else False,
        )

    def incr(self, key, delta=1, version=None):
        """Raises ValueError for a key not in the cache, as every backend does; while Redis is down no key
        is (except the local ones)."""

        def fallback():
            if self._is_local(key):
                return self._local.incr(key, delta, version)
            raise ValueError(f"Key {key!r} not found (shared cache unavailable).")

        return self._call(lambda: super(ResilientRedisCache, self).incr(key, delta, version), fallback)

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._call(
            lambda: super(ResilientRedisCache, self).get_many(keys, version),
            lambda: self._local.get_many([key for key in keys if self._is_local(key)], version),
        )

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        """Returns the keys that could not be stored, as Django's contract says."""

        def fallback():
            self._local.set_many({k: v for k, v in data.items() if self._is_local(k)}, timeout, version)
            return [key for key in data if not self._is_local(key)]

        return self._call(lambda: super(ResilientRedisCache, self).set_many(data, timeout, version), fallback)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call(
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            lambda: self._local.delete_many([key for key in keys if self._is_local(key)], version),
        )

    def clear(self):
        """Clears the local fallback too, so nothing counted during an outage survives a clear."""
        self._local.clear()
        return self._call(lambda: super(ResilientRedisCache, self).clear(), lambda: False)
