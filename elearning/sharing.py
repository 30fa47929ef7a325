"""Who would read a reflection the learner shares: asked of the apps above elearning.

elearning may not import workshops, yet only workshops knows whose kit a shared reflection reaches.
So the apps above register a provider in their AppConfig.ready() (workshops.apps registers
workshops.sharing.audience), and elearning asks `sharing_audience(user, module)`:

- the step page offers "share with my group" only when there is an audience, naming it;
- services.save_reflection stores `shared=True` only when there is one, whatever was posted.

A provider is `provider(user, module) -> Audience | None` and runs at most one query.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Audience:
    """Where a shared reflection will be read: the next event (a workshop) and when it starts."""

    title: str
    starts_at: datetime


_providers: list[Callable] = []


def register(provider):
    """Add a provider (idempotent: ready() may run more than once in tests)."""
    if provider not in _providers:
        _providers.append(provider)


def sharing_audience(user, module):
    """The first audience a provider names for the user's shared reflections on `module`, or None.

    None when nobody would read them: then sharing is not offered and not stored.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    for provider in _providers:
        audience = provider(user, module)
        if audience is not None:
            return audience
    return None
