"""Webcast fixtures: the index, the "Våga vara digital!" series, and webcasts placed on the clock."""

import datetime

import pytest
from django.utils import timezone

from core.pagetree import ensure_child_page
from webcasts.models import WebcastIndexPage, WebcastPage, WebcastSeriesPage


@pytest.fixture
def webcast_index(home_page):
    page, _ = ensure_child_page(home_page, WebcastIndexPage, "webbsandningar", title="Webbsändningar")
    return page


@pytest.fixture
def series(webcast_index):
    page, _ = ensure_child_page(
        webcast_index,
        WebcastSeriesPage,
        "vaga-vara-digital",
        title="Våga vara digital!",
        counties=["C"],
        target_groups=["fortroendevald", "ledande", "chef"],
    )
    return page


@pytest.fixture
def webcast_factory(series):
    """A published webcast starting `starts_in` from now (negative: already started), lasting `minutes`."""
    counter = {"n": 0}

    def make(starts_in=datetime.timedelta(days=7), minutes=60, parent=None, **fields):
        counter["n"] += 1
        starts_at = timezone.now() + starts_in
        fields.setdefault("title", f"Avsnitt {counter['n']}")
        page, _ = ensure_child_page(
            parent or series,
            WebcastPage,
            fields.pop("slug", f"avsnitt-{counter['n']}"),
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(minutes=minutes),
            **fields,
        )
        return page

    return make


@pytest.fixture
def webcast(webcast_factory):
    """An upcoming webcast a week from now."""
    return webcast_factory(title="Digital ledning i praktiken")


@pytest.fixture
def live_webcast(webcast_factory):
    """A webcast that started ten minutes ago and runs for another fifty."""
    return webcast_factory(starts_in=-datetime.timedelta(minutes=10), title="Direkt: AI i offentlig sektor")
