"""The shared cache is an optimisation (core.cache): with Redis down pages answer, login limits keep counting
(per process), and a request pays no Redis timeout while the circuit is open. With Redis up the backend is
Django's RedisCache. Uses the real Redis on 127.0.0.1:6379 (running here and in CI), a closed port, and
small local TCP servers that hang or can be switched off."""

import contextlib
import logging
import socket
import threading
import time
import uuid

import pytest
import redis
from django.urls import reverse

from core import cache as resilient_cache
from core import versions
from core.cache import ResilientRedisCache
from core.templatetags import kept
from tests.factories import PASSWORD

REDIS_URL = "redis://127.0.0.1:6379/9"
CLOSED = "redis://127.0.0.1:1/0"  # port 1: nothing listens, connections are refused at once
BACKEND = "core.cache.ResilientRedisCache"


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Circuits, version snapshots and kept fragments live per process: each test starts without them."""

    def forget():
        resilient_cache.reset_circuits()
        versions.forget_snapshot()
        kept.forget_all()

    forget()
    yield
    forget()


def make_cache(location, **attributes):
    # A key prefix of its own: other test runs may use the same Redis at the same time.
    backend = ResilientRedisCache(location, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    for name, value in attributes.items():
        setattr(backend, name, value)
    return backend


@pytest.fixture
def raw_redis():
    client = redis.Redis.from_url(REDIS_URL)
    yield client
    client.close()


class Hanging:
    """Accepts connections and never answers: a Redis host that has stopped responding."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.url = f"redis://127.0.0.1:{self.server.getsockname()[1]}/0"

    def close(self):
        self.server.close()


class Switchable:
    """A TCP proxy in front of the real Redis that can be switched off and on: an outage and a recovery."""

    def __init__(self):
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        self.url = f"redis://127.0.0.1:{self.server.getsockname()[1]}/9"
        self.up, self.connections, self.sockets, self.lock = True, 0, [], threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
                if not self.up:
                    client.close()
                    continue
                upstream = socket.create_connection(("127.0.0.1", 6379))
                self.sockets += [client, upstream]
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def switch_off(self):
        with self.lock:
            self.up = False
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            self.sockets = []

    def switch_on(self):
        with self.lock:
            self.up = True

    def close(self):
        self.switch_off()
        self.server.close()


@pytest.fixture
def hanging():
    server = Hanging()
    yield server
    server.close()


@pytest.fixture
def switchable():
    proxy = Switchable()
    yield proxy
    proxy.close()


# With Redis up: Django's RedisCache, unchanged.


def test_with_redis_up_every_operation_reaches_redis(raw_redis):
    cache = make_cache(REDIS_URL)
    cache.set("a", {"x": 1}, 30)
    assert cache.get("a") == {"x": 1}
    assert raw_redis.exists(cache.make_key("a"))  # in Redis itself, not in some local copy
    assert cache.add("a", "other") is False
    assert cache.add("b", 5) is True
    assert cache.incr("b", 2) == 7
    assert cache.get_many(["a", "b", "missing"]) == {"a": {"x": 1}, "b": 7}
    assert cache.set_many({"c": 1, "d": 2}) == []
    assert cache.has_key("c") and cache.touch("c", 60)
    assert cache.delete("c") is True and not cache.has_key("c")
    cache.delete_many(["a", "b", "d"])
    assert cache.get_many(["a", "b", "d"]) == {}
    assert cache.get_or_set("e", lambda: "made") == "made"
    assert cache.available
    cache.delete("e")


def test_with_redis_up_incr_of_a_missing_key_raises_as_always():
    with pytest.raises(ValueError):
        make_cache(REDIS_URL).incr("never-set")


def test_with_redis_up_rate_limit_keys_are_shared_through_redis(raw_redis):
    """Counted for the whole site, not per process, as long as Redis answers."""
    cache = make_cache(REDIS_URL)
    assert cache.add("allauth:rl:allauth.account:login:lock", True, 10) is True
    assert raw_redis.exists(cache.make_key("allauth:rl:allauth.account:login:lock"))
    assert make_cache(REDIS_URL, key_prefix=cache.key_prefix).add("allauth:rl:allauth.account:login:lock", 1) is False
    cache.delete("allauth:rl:allauth.account:login:lock")


def test_version_counters_work_through_it_with_redis_up(settings):
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": REDIS_URL, "KEY_PREFIX": uuid.uuid4().hex}}
    before = versions.current(versions.CONTENT)
    versions.bump(versions.CONTENT)  # incr of an existing counter
    assert versions.current(versions.CONTENT) == before + 1
    assert versions.current(versions.CONTENT) == before + 1  # stable between changes: things are kept
    from django.core.cache import cache

    cache.delete("versions:" + versions.CONTENT)  # evicted: incr raises ValueError, bump sets a new one
    versions.bump(versions.CONTENT)
    assert versions.current(versions.CONTENT) > before + 1
    cache.delete_many(["versions:" + name for name in versions.NAMES])


# With Redis down: misses, quickly, and rate limits per process.


def test_with_redis_down_every_operation_is_a_miss_and_nothing_raises():
    cache = make_cache(CLOSED)
    assert cache.get("a", "default") == "default"
    assert cache.set("a", 1) is None
    assert cache.add("a", 1) is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # the keys not stored, as Django's contract says
    assert cache.delete_many(["a", "b"]) is None
    assert cache.has_key("a") is False
    assert cache.touch("a") is False
    assert cache.delete("a") is False
    assert cache.get_or_set("a", "computed") == "computed"
    assert cache.clear() is False
    with pytest.raises(ValueError):  # "not in the cache", which callers (core.versions) already handle
        cache.incr("a")
    with pytest.raises(ValueError):
        cache.decr("a")
    assert not cache.available


def test_with_redis_down_rate_limits_and_their_locks_count_in_process_memory():
    cache = make_cache(CLOSED)
    lock = "allauth:rl:allauth.account:login_failed:5/300.0/key:abc:lock"
    assert cache.add(lock, True, 10) is True
    assert cache.add(lock, True, 10) is False  # the lock is held: allauth's critical section works
    assert cache.delete(lock) is True
    cache.set("allauth:rl:allauth.account:login_failed:5/300.0/key:abc", [1.0, 2.0], 300)
    assert cache.get("allauth:rl:allauth.account:login_failed:5/300.0/key:abc") == [1.0, 2.0]
    # A TOTP code is accepted once (allauth.mfa marks it used with add).
    assert cache.add("allauth.mfa.totp.used?user=1&code=123456", "y", 30) is True
    assert cache.add("allauth.mfa.totp.used?user=1&code=123456", "y", 30) is False
    cache.clear()  # clears the local copies too
    assert cache.get("allauth:rl:allauth.account:login_failed:5/300.0/key:abc") is None


def test_a_hanging_redis_costs_one_short_timeout_then_nothing_until_the_retry(hanging):
    cache = make_cache(hanging.url)
    started = time.monotonic()
    assert cache.get("a", "default") == "default"
    assert time.monotonic() - started < 1.5  # 0.25 s timeouts, not redis-py's 5 s
    started = time.monotonic()
    for _ in range(50):  # circuit open: no request waits on Redis
        assert cache.get("a") is None
        cache.set("a", 1)
    assert time.monotonic() - started < 0.2


def test_each_outage_is_logged_once_not_per_call(caplog):
    cache = make_cache(CLOSED, RETRY_AFTER=0)  # every call tries Redis again
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        for _ in range(20):
            cache.get("a")
    warnings = [record for record in caplog.records if record.name == "core.cache"]
    assert len(warnings) == 1
    assert "127.0.0.1:1 unavailable" in warnings[0].getMessage()


def test_the_log_never_shows_a_password_from_the_url(caplog):
    cache = ResilientRedisCache("redis://:hemligt@127.0.0.1:1/0", {})
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        cache.get("a")
    assert caplog.records and "hemligt" not in caplog.text


def test_redis_coming_back_is_used_again_after_the_retry_interval(switchable, caplog):
    cache = make_cache(switchable.url, RETRY_AFTER=0.3)
    cache.set("a", "before", 60)
    assert cache.get("a") == "before"
    switchable.switch_off()
    assert cache.get("a") is None  # the pooled connection breaks: a miss, the circuit opens
    assert not cache.available
    switchable.switch_on()
    connections = switchable.connections
    assert cache.get("a") is None  # within the interval Redis is not even asked
    assert switchable.connections == connections
    time.sleep(0.35)
    with caplog.at_level(logging.WARNING, logger="core.cache"):
        assert cache.get("a") == "before"  # one call tries again, and the data is still there
    assert cache.available
    assert "reachable again" in caplog.text
    cache.delete("a")


def test_version_counters_degrade_with_redis_down(settings):
    """core.versions says so: each poll makes up a new version, nothing is kept longer than a poll."""
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": CLOSED}}
    built = versions.Kept(versions.CONTENT, 4)
    assert built.get("a", lambda: 1) == 1
    assert built.get("a", lambda: 2) == 2  # tests poll on every read: nothing outlives a poll
    versions.bump(versions.CONTENT)  # incr finds nothing, set stores nothing: no error
    assert versions.current(versions.CONTENT) > 0


# The whole site with Redis pointed at a closed port.


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": CLOSED}}
    from django.core.cache import cache

    cache.clear()  # the per-process fallback copies of earlier tests
    return cache


def test_pages_answer_with_redis_down(client, redis_down, home_page, learner, module):
    from home.models import ContentPage

    about = home_page.add_child(instance=ContentPage(title="Om Kompetenslyft", slug="om", intro="Om oss."))
    for _ in range(2):  # the second time with the circuit open
        assert client.get("/").status_code == 200
        assert client.get(about.url).status_code == 200
        assert client.get(reverse("account_login")).status_code == 200
        assert client.get("/sok/", {"q": "kompetenslyft"}).status_code == 200
    response = client.post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 302  # logged in through allauth's rate-limited path
    assert client.get(f"/e-modul/{module.pk}/steg/1/").status_code == 200
    assert client.get(f"/e-modul/{module.pk}/steg/2/").status_code == 200
    assert client.get(reverse("my_learning")).status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "degraded"
    assert health.json()["checks"]["cache"]["state"] == "down"


def test_failed_logins_are_still_limited_per_process_with_redis_down(client, redis_down, home_page, learner, settings):
    """allauth cannot count in Redis: it counts in this process's memory instead of failing open."""
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/5m/key"}
    url = reverse("account_login")
    for _ in range(3):
        response = client.post(url, {"login": learner.email, "password": "fel-lösenord"})
        assert response.status_code == 200
        assert "För många" not in response.content.decode()
    response = client.post(url, {"login": learner.email, "password": PASSWORD})
    assert response.status_code == 200  # the right password too: the account is locked for now
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_hanging_redis_does_not_make_every_request_slow(client, settings, hanging, home_page):
    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": hanging.url}}
    assert client.get("/").status_code == 200  # pays one timeout
    started = time.monotonic()
    for _ in range(5):
        assert client.get("/").status_code == 200
    assert time.monotonic() - started < 5 * 0.25  # less than one timeout per request


def test_a_real_test_server_with_redis_on_a_closed_port_keeps_answering(
    live_server, settings, home_page, learner, module
):
    """The same through a real HTTP server thread (its own cache connections, its own request cycle)."""
    import http.cookiejar
    import re
    import urllib.error
    import urllib.parse
    import urllib.request

    settings.CACHES = {"default": {"BACKEND": BACKEND, "LOCATION": CLOSED}}
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def fetch(path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(live_server.url + path, data=body, headers={"Referer": live_server.url})  # noqa: S310
        try:
            with opener.open(request, timeout=20) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    assert fetch("/")[0] == 200
    status, login_page = fetch("/konto/login/")
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    status, _ = fetch("/konto/login/", {"csrfmiddlewaretoken": token, "login": learner.email, "password": PASSWORD})
    assert status == 200  # followed the redirect after a successful login
    assert any(cookie.name == "sessionid" for cookie in jar)
    assert fetch(f"/e-modul/{module.pk}/steg/1/")[0] == 200
    status, health = fetch("/healthz")
    assert status == 200 and '"degraded"' in health
