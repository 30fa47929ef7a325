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
