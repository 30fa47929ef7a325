"""Live e-modules kept in memory per process.

Loading a module costs more than the rest of its step page: a sixty-column page query, its view
restrictions and the parse of its StreamField. Modules change rarely, so each process keeps the ones it
has served. A version number in the shared cache (Redis in production) is bumped on any change that
could make a kept copy wrong: publishing, unpublishing, saving, moving or deleting a page, or changing a
view restriction. Every process checks the version on each request, so no server ever serves a stale
module, and a cleared cache only costs a reload.
"""

import threading
import time
from collections import OrderedDict

from django.core.cache import cache

VERSION_KEY = "elearning:pages-version"
MAX_MODULES = 256

_kept = OrderedDict()  # module id -> (version, module, view restrictions)
_lock = threading.Lock()


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # Nanoseconds since the epoch: larger than any number an earlier, evicted version reached by bumps.
        cache.add(VERSION_KEY, time.time_ns(), None)
        version = cache.get(VERSION_KEY)
    return version


def bump(**kwargs):
    """Signal receiver: every kept module becomes stale, in every process."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (cleared or evicted): a fresh, larger version
        cache.set(VERSION_KEY, time.time_ns(), None)


def bump_on_page_save(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        bump()


def live_module(module_id, load):
    """(module, view restrictions) for a live module, or None. `load(module_id)` reads the database."""
    version = current_version()
    with _lock:
        kept = _kept.get(module_id)
        if kept is not None and kept[0] == version:
            _kept.move_to_end(module_id)
            return kept[1], kept[2]
    loaded = load(module_id)
    if loaded is None:
        return None
    module, restrictions = loaded
    module.structure  # noqa: B018  (parse the steps once, while filling the cache)
    with _lock:
        _kept[module_id] = (version, module, restrictions)
        _kept.move_to_end(module_id)
        while len(_kept) > MAX_MODULES:
            _kept.popitem(last=False)
    return module, restrictions


def forget_all():
    with _lock:
        _kept.clear()
