"""What can go wrong when changing a rollout plan: the views turn each into a clear message."""


class RolloutError(Exception):
    """Base class: the change was refused and nothing was stored."""


class NoPeople(RolloutError):
    """The phase covers nobody (no active person matches its target groups, departments or selection)."""


class CannotMove(RolloutError):
    """The phase is already first (or last) and cannot move further that way."""
