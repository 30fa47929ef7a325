"""The webcast fixtures, for the pages that gather from webcasts (My learning, the calendar feed)."""

from tests.webcasts.conftest import series, webcast_factory, webcast_index  # noqa: F401
