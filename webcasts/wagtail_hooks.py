"""Admin registrations of webcasts. Each part keeps its hooks in a module of its own."""

from . import hooks_live, hooks_reports  # noqa: F401  (they register hooks when imported)
