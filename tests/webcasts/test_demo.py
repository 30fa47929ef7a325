"""The webcast demo: the series "Våga vara digital!" with a past, a live and an upcoming episode."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from webcasts import live as live_rules
from webcasts.embeds import is_allowed
from webcasts.models import (
    Attendance,
    PollState,
    PollStatus,
    PollVote,
    Question,
    QuestionVote,
    Registration,
    RegistrationStatus,
    WebcastIndexPage,
    WebcastPage,
    WebcastSeriesPage,
)
from webcasts.schedule import State

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=StringIO())


def _page(slug):
    return WebcastPage.objects.get(slug=slug)


def test_series_and_index(seeded):
    index = WebcastIndexPage.objects.get()
    assert index.title == "Webbsändningar" and index.live
    series = WebcastSeriesPage.objects.get()
    assert series.title == "Våga vara digital!" and series.get_parent().pk == index.pk
    assert series.counties == ["C"] and series.reach_target == 3000
    assert set(series.target_groups) == {"fortroendevald", "ledande", "chef"}
    assert WebcastPage.objects.child_of(series).count() == 3


def test_past_episode_has_a_recording_chapters_and_transcript(seeded):
    past = _page("digital-samhallsbyggnadsprocess")
    assert past.state == State.RECORDING and is_allowed(past.recording_url) and past.recording_minutes
    assert 5 <= past.chapters.count() <= 8
    assert past.transcript.count("<p>") >= 5
    assert past.related_modules.exists() and past.presenters.count() >= 2
    assert Attendance.objects.filter(webcast=past, via_recording=True, attended_at__isnull=False).exists()
    assert Attendance.objects.filter(webcast=past, via_recording=False, attended_at__isnull=False).exists()


def test_live_episode_is_live_and_moves_with_each_run(seeded):
    live = _page("leda-digital-forandring-direkt")
    assert live.state == State.LIVE and is_allowed(live.stream_url)
    first = live.starts_at
    call_command("seed_demo", stdout=StringIO())
    live.refresh_from_db()
    assert live.state == State.LIVE and live.starts_at > first
    assert datetime.timedelta(minutes=14) <= timezone.now() - live.starts_at <= datetime.timedelta(minutes=16)
    assert live.ends_at - timezone.now() > datetime.timedelta(hours=1, minutes=55)


def test_live_episode_has_questions_votes_and_an_open_poll_with_answers(seeded):
    live = _page("leda-digital-forandring-direkt")
    questions = list(Question.objects.filter(webcast=live))
    assert len(questions) >= 3
    assert sum(q.pinned for q in questions) == 1 and any(q.anonymous for q in questions)
    for question in questions:
        assert question.vote_count == QuestionVote.objects.filter(question=question).count()
    assert max(q.vote_count for q in questions) > 1
    (poll, *_others) = live_rules.polls_of(live)
    assert PollState.objects.get(webcast=live, poll_id=poll.id).status == PollStatus.OPEN
    votes = PollVote.objects.filter(webcast=live, poll_id=poll.id)
    assert votes.count() >= 10
    assert set(votes.values_list("option_id", flat=True)) <= {option.id for option in poll.options}


def test_upcoming_episode_is_full_with_a_waiting_list(seeded):
    upcoming = _page("data-som-resurs")
    assert upcoming.state == State.UPCOMING and upcoming.capacity
    registrations = Registration.objects.filter(webcast=upcoming)
    assert registrations.filter(status=RegistrationStatus.REGISTERED).count() == upcoming.capacity
    waiting = registrations.filter(status=RegistrationStatus.WAITING)
    assert waiting.count() >= 2 and all(r.waiting_since for r in waiting)


def test_the_chefsdag_requires_the_past_webcast_and_readiness_reads_right(seeded):
    from workshops.models import Workshop
    from workshops.readiness import WEBCAST, workshop_readiness

    workshop = Workshop.objects.get(title="Chefsdag: Leda digital utveckling")
    past = _page("digital-samhallsbyggnadsprocess")
    assert list(workshop.required_webcasts.all()) == [past]
    result = workshop_readiness(workshop)
    statuses = {row.cells[-1].status for row in result.rows}
    assert result.activities[-1].kind == WEBCAST and statuses == {"attended", "registered"}
    assert 0 < result.ready_count < result.total


def test_a_second_run_adds_nothing(seeded):
    counts = [
        model.objects.count()
        for model in (WebcastPage, Registration, Attendance, Question, QuestionVote, PollVote, PollState)
    ]
    call_command("seed_demo", stdout=StringIO())
    assert counts == [
        model.objects.count()
        for model in (WebcastPage, Registration, Attendance, Question, QuestionVote, PollVote, PollState)
    ]


def test_the_reach_report_has_figures_for_the_demo(seeded):
    from accounts.models import User
    from webcasts import reports

    owner = User.objects.get(email="programagare@lansstyrelsen.se")
    result = reports.reach(owner, series=WebcastSeriesPage.objects.get())
    assert result.total.people >= 20 and result.targets[0].reached >= 20
    county = next(b for b in result.breakdowns if b.key == "county")
    assert any(row.key == "C" and not row.hidden for row in county.rows)
