"""Shared version counters: a process sees its own changes at once and other processes' changes within
VERSION_POLL_SECONDS, and never builds on a counter the cache has lost."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from core import versions

COUNTER = "versions:" + versions.CONTENT


@pytest.fixture(autouse=True)
def _fresh_snapshot():
    versions.forget_snapshot()
    yield
    versions.forget_snapshot()


def built(kept, key, value):
    return kept.get(key, lambda: value)


def test_a_kept_value_is_built_once_per_version():
    kept = versions.Kept(versions.CONTENT, 4)
    assert built(kept, "a", 1) == 1
    assert built(kept, "a", 2) == 1  # kept
    versions.bump(versions.CONTENT)
    assert built(kept, "a", 3) == 3  # this process bumped: stale at once


@override_settings(VERSION_POLL_SECONDS=60)
def test_another_process_bump_is_seen_at_the_next_poll(monkeypatch):
    kept = versions.Kept(versions.CONTENT, 4)
    assert built(kept, "a", 1) == 1
    cache.incr(COUNTER)  # another server process changed a page
    assert built(kept, "a", 2) == 1  # not polled yet: one round trip per interval, not per read
    monkeypatch.setattr(versions, "_read_at", [float("-inf")])  # the interval has passed
    assert built(kept, "a", 3) == 3


def test_a_lost_counter_starts_again_above_every_bumped_value():
    before = versions.current(versions.CONTENT)
    for _ in range(3):
        versions.bump(versions.CONTENT)
    cache.delete(COUNTER)  # evicted, or Redis restarted
    versions.forget_snapshot()
    assert versions.current(versions.CONTENT) > before + 3


def test_a_tag_keeps_apart_values_built_from_different_inputs():
    kept = versions.Kept(versions.ROLES, 4)
    assert kept.get(1, lambda: "admin", tag=True) == "admin"
    assert kept.get(1, lambda: "learner", tag=False) == "learner"


def test_the_oldest_entry_goes_when_full_and_nothing_is_kept_for_none():
    kept = versions.Kept(versions.CONTENT, 2)
    for key in "abc":
        built(kept, key, key.upper())
    assert built(kept, "a", "new") == "new"  # "a" was dropped for "c"
    assert built(kept, "c", "new") == "C"
    assert kept.get("none", lambda: None) is None
    assert built(kept, "none", "now") == "now"


@pytest.mark.django_db
def test_a_bump_inside_a_transaction_is_repeated_at_commit(django_capture_on_commit_callbacks):
    """Another process may rebuild from the old rows between the first bump and the commit; the second
    bump makes what it kept stale."""
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        versions.bump(versions.ROLES)
        during = versions.current(versions.ROLES)
    assert len(callbacks) == 1
    assert versions.current(versions.ROLES) != during


def test_an_unreadable_cache_makes_up_a_version_each_poll(monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(cache, "get_many", broken)
    kept = versions.Kept(versions.CONTENT, 4)
    assert built(kept, "a", 1) == 1
    assert built(kept, "a", 2) == 2  # nothing outlives a poll (0 s in tests), and nothing fails


def test_nothing_is_kept_longer_than_the_maximum_age(settings):
    kept = versions.Kept(versions.CONTENT, 4)
    assert built(kept, "a", 1) == 1
    settings.KEPT_MAX_AGE_SECONDS = 0
    assert built(kept, "a", 2) == 2


@pytest.mark.django_db
def test_replacing_a_document_or_an_image_bumps_content():
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    before = versions.current(versions.CONTENT)
    get_document_model().objects.create(title="Handlingsplan", file=ContentFile(b"%PDF-1.4", name="plan.pdf"))
    assert versions.current(versions.CONTENT) != before


@pytest.mark.django_db
def test_a_cache_that_keeps_nothing_breaks_no_page(client, home_page, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 200


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_membership_committed_later_is_seen_by_the_header(learner):
    """Wagtail's user edit view saves memberships inside a transaction: a page rendered for the person by
    another connection before the commit must not keep the old roles after it. Needs two connections."""
    import threading

    from django.db import connection, transaction

    from accounts.roles import FACILITATOR, group_for
    from accounts.templatetags import roles as role_tags

    if connection.vendor != "postgresql":
        pytest.skip("needs two real connections: PostgreSQL; CI runs this on it")
    User = type(learner)
    assert role_tags.nav_roles(User.objects.get(pk=learner.pk))["workshops"] is False

    def other_request():
        try:
            role_tags.nav_roles(User.objects.get(pk=learner.pk))
        finally:
            connection.close()

    with transaction.atomic():
        learner.groups.add(group_for(FACILITATOR))
        thread = threading.Thread(target=other_request)
        thread.start()
        thread.join()
    assert role_tags.nav_roles(User.objects.get(pk=learner.pk))["workshops"] is True
