"""Moderation is kept in the audit trail: who pinned, hid or restored which question, who opened a poll."""

import datetime

import pytest
from django.utils import translation
from wagtail.models import PageLogEntry

from core.audit import FORMATTERS
from webcasts import live
from webcasts.models import PollStatus

pytestmark = pytest.mark.django_db

POLLS = [("poll", {"question": "Hur digital är din förvaltning?", "options": ["Mycket", "Lite"]})]


@pytest.fixture
def on_air(webcast_factory, administrator):
    page = webcast_factory(starts_in=-datetime.timedelta(minutes=5), polls=POLLS)
    return page


def test_moderation_and_polls_are_logged_once_per_change(on_air, administrator, learner):
    question, _ = live.ask(on_air, learner, "Hur kommer vi igång?")
    live.moderate(on_air, administrator, question.pk, live.Action.HIDE)
    live.moderate(on_air, administrator, question.pk, live.Action.HIDE)  # no change: not logged again
    live.moderate(on_air, administrator, question.pk, live.Action.RESTORE)
    poll_id = on_air.polls[0].id
    live.set_poll_status(on_air, administrator, poll_id, PollStatus.OPEN)
    entries = list(PageLogEntry.objects.filter(page=on_air, action__startswith="webcast.").order_by("pk"))
    assert [(e.action, e.data.get("done") or e.data.get("status")) for e in entries] == [
        ("webcast.moderated", "hide"),
        ("webcast.moderated", "restore"),
        ("webcast.poll", "open"),
    ]
    assert all(entry.user_id == administrator.pk for entry in entries)
    assert all(learner.email not in str(entry.data) for entry in entries)  # the asker is not in the trail
    with translation.override("sv"):
        sentences = [FORMATTERS[e.action]().describe(e.data, on_air.title) for e in entries]
    assert sentences[0] == f"Fråga {question.pk} i {on_air.title}: dolde"
    assert sentences[2] == f"Öppnade en omröstning i {on_air.title}"
