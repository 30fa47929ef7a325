"""Workshop fixtures live in tests/conftest.py; `complete` in tests/builders.py."""

from tests.builders import complete

__all__ = ["complete"]
