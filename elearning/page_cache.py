"""Live e-modules kept in memory per process.

Loading a module costs more than the rest of its step page: a sixty-column page query, its view
restrictions and the parse of its StreamField. Modules change rarely, so each process keeps the ones it
has served, tagged with the shared content version (core.versions). Any change that could make a kept
copy wrong bumps that version: publishing, unpublishing, saving, moving or deleting a page, or changing
a view restriction. The process that made the change serves the new module on its next request, every
other process within VERSION_POLL_SECONDS, and a cleared cache only costs a reload.
"""

from core import versions

MAX_MODULES = 256

_kept = versions.Kept(versions.CONTENT, MAX_MODULES)


def current_version():
    return versions.current(versions.CONTENT)


def live_module(module_id, load):
    """(module, view restrictions) for a live module, or None. `load(module_id)` reads the database."""

    def build():
        loaded = load(module_id)
        if loaded is not None:
            loaded[0].structure  # noqa: B018  (parse the steps once, while filling the cache)
        return loaded

    return _kept.get(module_id, build)
