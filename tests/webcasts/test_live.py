"""Live interaction: questions, votes, moderation and polls (webcasts.live and its views)."""

import datetime
import json

import pytest
from django.db import connection
from django.urls import reverse

from tests.concurrency import run_parallel
from webcasts import live, snapshot
from webcasts.models import PollState, PollStatus, PollVote, Question, QuestionStatus, QuestionVote
from webcasts.models.pages import PollResults

JSON = {"HTTP_ACCEPT": "application/json"}
POLLS = [
    {
        "type": "poll",
        "id": "poll-digital",
        "value": {
            "question": "Hur digital är din förvaltning i dag?",
            "options": [
                {"type": "item", "id": "opt-mycket", "value": "Mycket"},
                {"type": "item", "id": "opt-delvis", "value": "Delvis"},
                {"type": "item", "id": "opt-lite", "value": "Lite"},
            ],
        },
    },
    {
        "type": "poll",
        "id": "poll-ai",
        "value": {
            "question": "Använder ni AI i handläggningen?",
            "options": [
                {"type": "item", "id": "opt-ja", "value": "Ja"},
                {"type": "item", "id": "opt-nej", "value": "Nej"},
            ],
        },
    },
]


@pytest.fixture(autouse=True)
def _no_throttle(settings):
    """Every write shows at once in these tests; test_snapshot.py tests the one-second throttle."""
    settings.WEBCAST_LIVE_THROTTLE_SECONDS = 0


@pytest.fixture
def moderator(roles, organisation):
    from tests.conftest import _verified
    from tests.factories import UserFactory

    return _verified(UserFactory(email="moderator@lansstyrelsen.se", first_name="Mona", last_name="Moderator"))


@pytest.fixture
def on_air(webcast_factory, moderator):
    """A webcast live now, with two polls and one listed moderator."""
    page = webcast_factory(starts_in=-datetime.timedelta(minutes=10), title="Direkt: AI", polls=POLLS)
    page.moderators.set([moderator])
    page.save()
    return page


def snapshot_of(page):
    entry = snapshot.get(page.pk)
    return json.loads(entry["body"])


def post(client, user, url, data=None, **extra):
    client.force_login(user)
    return client.post(url, data or {}, **extra)


# --- Asking -----------------------------------------------------------------------------------------


def test_a_question_is_shown_at_once_without_approval(client, on_air, learner):
    response = post(client, learner, reverse("webcast_ask", args=[on_air.pk]), {"text": "  Hur börjar vi?  "})
    assert response.status_code == 302 and response.url.endswith("#live")
    question = Question.objects.get()
    assert (question.text, question.status, question.author, question.anonymous) == (
        "Hur börjar vi?",
        QuestionStatus.VISIBLE,
        learner,
        False,
    )
    assert [q["text"] for q in snapshot_of(on_air)["questions"]] == ["Hur börjar vi?"]


def test_held_for_approval_until_a_moderator_approves(client, on_air, learner, moderator):
    on_air.questions_need_approval = True
    on_air.save()
    response = post(client, learner, reverse("webcast_ask", args=[on_air.pk]), {"text": "Vem äger frågan?"}, **JSON)
    assert response.status_code == 200 and "godkänt" in response.json()["message"]
    question = Question.objects.get()
    assert question.status == QuestionStatus.PENDING
    assert snapshot_of(on_air)["questions"] == []
    # The asker sees it as waiting on the page; nobody else sees it.
    page = client.get(on_air.url)
    assert "Vem äger frågan?" in page.content.decode()
    live.moderate(on_air, moderator, question.pk, live.Action.APPROVE)
    question.refresh_from_db()
    assert question.status == QuestionStatus.VISIBLE and question.moderated_by == moderator
    assert [q["id"] for q in snapshot_of(on_air)["questions"]] == [question.pk]


@pytest.mark.parametrize(("text", "words"), [("", "Skriv en fråga"), ("   ", "Skriv en fråga"), ("x" * 5000, "5000")])
def test_an_empty_or_too_long_question_is_refused_and_nothing_stored(client, on_air, learner, text, words):
    url = reverse("webcast_ask", args=[on_air.pk])
    response = post(client, learner, url, {"text": text}, **JSON)
    assert response.status_code == 400 and words in response.json()["message"]
    response = client.post(url, {"text": text}, follow=True)
    assert response.status_code == 200 and words in response.content.decode()
    assert not Question.objects.exists()


def test_a_question_of_exactly_1000_characters_is_accepted(on_air, learner):
    question, created = live.ask(on_air, learner, "å" * 1000)
    assert created and len(question.text) == 1000


def test_sending_the_same_question_twice_keeps_one(client, on_air, learner):
    url = reverse("webcast_ask", args=[on_air.pk])
    post(client, learner, url, {"text": "Samma fråga"})
    second = client.post(url, {"text": "Samma fråga"}, **JSON)
    assert second.status_code == 200 and second.json()["created"] is False
    assert Question.objects.count() == 1


@pytest.mark.parametrize(
    ("starts_in", "words"),
    [(datetime.timedelta(days=1), "när sändningen börjar"), (-datetime.timedelta(days=1), "är slut")],
)
def test_asking_outside_the_live_window_is_refused(client, webcast_factory, learner, starts_in, words):
    page = webcast_factory(starts_in=starts_in)
    response = post(client, learner, reverse("webcast_ask", args=[page.pk]), {"text": "Hallå?"}, **JSON)
    assert response.status_code == 409 and words in response.json()["message"]
    assert not Question.objects.exists()


def test_a_cancelled_webcast_takes_no_questions(webcast_factory, learner):
    page = webcast_factory(starts_in=-datetime.timedelta(minutes=5), cancelled=True)
    with pytest.raises(live.InteractionClosed):
        live.ask(page, learner, "Hallå?")


def test_someone_not_signed_in_is_sent_to_log_in(client, on_air):
    response = client.post(reverse("webcast_ask", args=[on_air.pk]), {"text": "Hej"})
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    response = client.post(reverse("webcast_ask", args=[on_air.pk]), {"text": "Hej"}, **JSON)
    assert response.status_code == 403 and response.json()["message"]
    assert not Question.objects.exists()


def test_an_unknown_or_unpublished_webcast_answers_404(client, on_air, learner):
    assert post(client, learner, reverse("webcast_ask", args=[on_air.pk + 999]), {"text": "x"}).status_code == 404
    on_air.unpublish()
    assert post(client, learner, reverse("webcast_ask", args=[on_air.pk]), {"text": "x"}).status_code == 404


# --- Votes on questions -----------------------------------------------------------------------------


def test_one_vote_per_person_and_a_second_vote_changes_nothing(client, on_air, learner, other_learner):
    question, _ = live.ask(on_air, other_learner, "Vad kostar det?")
    url = reverse("webcast_question_vote", args=[on_air.pk, question.pk])
    first = post(client, learner, url, **JSON)
    assert first.status_code == 200 and first.json()["votes"] == 1
    second = client.post(url, **JSON)
    assert second.status_code == 200 and second.json()["votes"] == 1 and "redan röstat" in second.json()["message"]
    third = client.post(url)  # a form post: back to the question on the page, no error page
    assert third.status_code == 302 and third.url.endswith(f"#q{question.pk}")
    question.refresh_from_db()
    assert question.vote_count == 1 == QuestionVote.objects.filter(question=question).count()
    assert snapshot_of(on_air)["questions"][0]["votes"] == 1


def test_questions_are_sorted_by_votes_then_time(on_air, learner, other_learner, manager):
    live.ask(on_air, learner, "Först")
    second, _ = live.ask(on_air, learner, "Sedan")
    live.vote_question(on_air, other_learner, second.pk)
    live.vote_question(on_air, manager, second.pk)
    assert [q["text"] for q in snapshot_of(on_air)["questions"]] == ["Sedan", "Först"]


def test_no_vote_on_a_pending_or_hidden_question_or_another_webcasts(
    client, on_air, webcast_factory, learner, moderator
):
    other = webcast_factory(starts_in=-datetime.timedelta(minutes=1))
    elsewhere, _ = live.ask(other, moderator, "Annan sändning")
    hidden, _ = live.ask(on_air, moderator, "Dold")
    live.moderate(on_air, moderator, hidden.pk, live.Action.HIDE)
    for question in (elsewhere, hidden):
        response = post(client, learner, reverse("webcast_question_vote", args=[on_air.pk, question.pk]), **JSON)
        assert response.status_code == 404
    assert not QuestionVote.objects.exists()


# --- Moderation -------------------------------------------------------------------------------------


def test_pinning_another_question_unpins_the_first(client, on_air, learner, moderator):
    first, _ = live.ask(on_air, learner, "Första")
    second, _ = live.ask(on_air, learner, "Andra")
    url = lambda q: reverse("webcast_moderate_question", args=[on_air.pk, q.pk])  # noqa: E731
    assert post(client, moderator, url(first), {"action": "pin"}).status_code == 302
    assert post(client, moderator, url(second), {"action": "pin"}).status_code == 302
    assert list(Question.objects.filter(pinned=True)) == [second]
    data = snapshot_of(on_air)
    assert data["pinned"]["id"] == second.pk
    # Pinning it again changes nothing; marking it answered unpins it.
    assert live.moderate(on_air, moderator, second.pk, live.Action.PIN)[1] is False
    live.moderate(on_air, moderator, second.pk, live.Action.ANSWER)
    second.refresh_from_db()
    assert not second.pinned and second.answered_at is not None
    assert snapshot_of(on_air)["pinned"] is None
    assert [q["answered"] for q in snapshot_of(on_air)["questions"] if q["id"] == second.pk] == [True]


def test_hide_and_restore(client, on_air, learner, moderator):
    question, _ = live.ask(on_air, learner, "Olämplig?")
    live.moderate(on_air, moderator, question.pk, live.Action.PIN)
    url = reverse("webcast_moderate_question", args=[on_air.pk, question.pk])
    response = post(client, moderator, url, {"action": "hide"}, **JSON)
    assert response.status_code == 200 and response.json()["changed"] is True
    question.refresh_from_db()
    assert question.status == QuestionStatus.HIDDEN and not question.pinned
    assert snapshot_of(on_air)["questions"] == [] and snapshot_of(on_air)["pinned"] is None
    with pytest.raises(live.LiveError):
        live.moderate(on_air, moderator, question.pk, live.Action.PIN)  # restore first
    client.post(url, {"action": "restore"})
    question.refresh_from_db()
    assert question.status == QuestionStatus.VISIBLE
    assert [q["id"] for q in snapshot_of(on_air)["questions"]] == [question.pk]


def test_an_unknown_action_is_refused(client, on_air, learner, moderator):
    question, _ = live.ask(on_air, learner, "Fråga")
    response = post(
        client,
        moderator,
        reverse("webcast_moderate_question", args=[on_air.pk, question.pk]),
        {"action": "delete"},
        **JSON,
    )
    assert response.status_code == 400
    assert Question.objects.filter(pk=question.pk, status=QuestionStatus.VISIBLE).exists()


@pytest.mark.parametrize("who", ["learner", "manager", "other_manager", "editor"])
def test_a_moderator_action_from_a_non_moderator_answers_404_and_changes_nothing(
    client, on_air, request, who, moderator
):
    user = request.getfixturevalue(who)
    question, _ = live.ask(on_air, moderator, "Fråga")
    for action in live.Action.ALL:
        url = reverse("webcast_moderate_question", args=[on_air.pk, question.pk])
        assert post(client, user, url, {"action": action}).status_code == 404
    assert (
        post(
            client, user, reverse("webcast_moderate_poll", args=[on_air.pk, "poll-ai"]), {"action": "open"}
        ).status_code
        == 404
    )
    for name in ("webcast_moderate", "webcast_moderate_status", "webcast_export_questions", "webcast_export_polls"):
        assert client.get(reverse(name, args=[on_air.pk])).status_code == 404
    question.refresh_from_db()
    assert (question.status, question.pinned, question.answered_at) == (QuestionStatus.VISIBLE, False, None)
    assert not PollState.objects.exists()
    with pytest.raises(live.NotModerator):
        live.moderate(on_air, user, question.pk, live.Action.HIDE)


def test_an_administrator_moderates_every_webcast(client, on_air, learner, administrator):
    question, _ = live.ask(on_air, learner, "Fråga")
    assert (
        client.force_login(administrator)
        or client.get(reverse("webcast_moderate", args=[on_air.pk])).status_code == 200
    )
    post(client, administrator, reverse("webcast_moderate_question", args=[on_air.pk, question.pk]), {"action": "pin"})
    assert Question.objects.get().pinned


def test_moderator_urls_ask_for_a_login(client, on_air):
    response = client.get(reverse("webcast_moderate", args=[on_air.pk]))
    assert response.status_code == 302 and "next=" in response.url


# --- Anonymity ----------------------------------------------------------------------------------------


def test_an_anonymous_askers_name_never_reaches_viewers_but_moderators_see_it(
    client, on_air, learner, other_learner, moderator
):
    learner.first_name, learner.last_name = "Hemliga", "Frågeställaren"
    learner.save()
    post(client, learner, reverse("webcast_ask", args=[on_air.pk]), {"text": "Anonym fråga", "anonymous": "1"})
    question = Question.objects.get()
    assert question.anonymous
    live.moderate(on_air, moderator, question.pk, live.Action.PIN)
    body = snapshot.get(on_air.pk)["body"].decode()
    assert "Anonym fråga" in body and "Hemliga" not in body and learner.email not in body
    assert '"author":null' in body
    client.force_login(other_learner)
    viewer_html = client.get(on_air.url).content.decode()
    assert "Anonym fråga" in viewer_html and "Hemliga" not in viewer_html and learner.email not in viewer_html
    client.force_login(moderator)
    moderator_html = client.get(reverse("webcast_moderate", args=[on_air.pk])).content.decode()
    assert "Hemliga Frågeställaren" in moderator_html and "anonym" in moderator_html.lower()


def test_a_named_question_shows_the_name_never_the_email(on_air, learner, other_learner):
    other_learner.first_name = other_learner.last_name = ""
    other_learner.save()
    live.ask(on_air, learner, "Med namn")
    live.ask(on_air, other_learner, "Utan namn i profilen")
    body = snapshot.get(on_air.pk)["body"].decode()
    assert learner.get_full_name() in body
    assert other_learner.email not in body and learner.email not in body


# --- Polls --------------------------------------------------------------------------------------------


def test_a_poll_cannot_be_voted_on_before_it_opens_or_after_it_closes(client, on_air, learner, moderator):
    url = reverse("webcast_poll_vote", args=[on_air.pk, "poll-digital"])
    response = post(client, learner, url, {"option": "opt-mycket"}, **JSON)
    assert response.status_code == 409 and "inte öppnats" in response.json()["message"]
    live.set_poll_status(on_air, moderator, "poll-digital", PollStatus.OPEN)
    assert client.post(url, {"option": "opt-mycket"}, **JSON).status_code == 200
    live.set_poll_status(on_air, moderator, "poll-digital", PollStatus.CLOSED)
    with pytest.raises(live.PollNotOpen):
        live.vote_poll(on_air, moderator, "poll-digital", "opt-lite")
    response = post(client, moderator, url, {"option": "opt-lite"}, follow=True)
    assert "Omröstningen är stängd" in response.content.decode()
    assert list(PollVote.objects.values_list("user", "option_id")) == [(learner.pk, "opt-mycket")]


def test_one_vote_per_poll_and_a_second_keeps_the_first(client, on_air, learner, moderator):
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    url = reverse("webcast_poll_vote", args=[on_air.pk, "poll-ai"])
    post(client, learner, url, {"option": "opt-ja"})
    again = client.post(url, {"option": "opt-nej"}, **JSON)
    assert again.status_code == 200 and again.json()["option"] == "opt-ja"
    assert list(PollVote.objects.values_list("option_id", flat=True)) == ["opt-ja"]


@pytest.mark.parametrize(
    ("poll", "option", "status"), [("poll-ai", "opt-mycket", 400), ("poll-x", "opt-ja", 404), ("poll-ai", "", 400)]
)
def test_an_unknown_poll_or_option_is_refused(client, on_air, learner, moderator, poll, option, status):
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    response = post(client, learner, reverse("webcast_poll_vote", args=[on_air.pk, poll]), {"option": option}, **JSON)
    assert response.status_code == status and response.json()["message"]
    assert not PollVote.objects.exists()


def test_open_and_close_by_form(client, on_air, moderator):
    url = reverse("webcast_moderate_poll", args=[on_air.pk, "poll-ai"])
    response = post(client, moderator, url, {"action": "close"}, **JSON)
    assert response.status_code == 409  # never opened
    assert post(client, moderator, url, {"action": "open"}).status_code == 302
    assert PollState.objects.get().status == PollStatus.OPEN
    assert [p["id"] for p in snapshot_of(on_air)["polls"]] == ["poll-ai"]
    client.post(url, {"action": "close"})
    state = PollState.objects.get()
    assert state.status == PollStatus.CLOSED and state.closed_at
    assert (
        post(
            client, moderator, reverse("webcast_moderate_poll", args=[on_air.pk, "nope"]), {"action": "open"}
        ).status_code
        == 302
    )
    assert PollState.objects.count() == 1


def _voters(count, roles, organisation):
    from tests.factories import UserFactory

    return [UserFactory(organisation=organisation) for _ in range(count)]


def test_results_after_voting_for_viewers_and_live_for_moderators(
    client, on_air, learner, moderator, roles, organisation, settings
):
    settings.ANONYMITY_MIN_GROUP = 3
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    live.vote_poll(on_air, learner, "poll-ai", "opt-ja")
    # One vote: too few for the anonymity rule for viewers; the moderator sees it.
    poll = snapshot_of(on_air)["polls"][0]
    assert poll["results"] is False and "votes" not in poll["options"][0]
    mine = snapshot.voter_poll_data(on_air, "poll-ai")
    assert mine["results"] is False and mine["too_few"] is True and "votes" not in mine["options"][0]
    client.force_login(moderator)
    status = client.get(reverse("webcast_moderate_status", args=[on_air.pk])).json()
    assert status["polls"][1]["options"][0]["votes"] == 1
    voters = _voters(3, roles, organisation)
    for voter in voters[:2]:
        live.vote_poll(on_air, voter, "poll-ai", "opt-nej")
    # The shared snapshot, which anyone signed in can read, never holds an open poll's counts: a viewer
    # who has not voted must not see them first.
    poll = snapshot_of(on_air)["polls"][0]
    assert poll["results"] is False and poll["total"] is None and "votes" not in poll["options"][0]
    assert poll["results_after"] == "vote"
    # A voter gets them as their own view: in the vote's answer and on the page.
    client.force_login(voters[2])
    answer = client.post(
        reverse("webcast_poll_vote", args=[on_air.pk, "poll-ai"]), {"option": "opt-nej"}, HTTP_ACCEPT="application/json"
    ).json()
    assert [o["votes"] for o in answer["poll_view"]["options"]] == [1, 3] and answer["poll_view"]["total"] == 4
    client.force_login(learner)
    html = client.get(on_air.url).content.decode()
    assert "75 %" in html and 'name="option"' not in html
    client.force_login(moderator)
    html = client.get(on_air.url).content.decode()
    assert 'name="option"' in html and "75 %" not in html
    # Closed: the counts are for everyone, in the shared snapshot.
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.CLOSED)
    poll = snapshot_of(on_air)["polls"][0]
    assert poll["results"] and [o["votes"] for o in poll["options"]] == [1, 3] and poll["total"] == 4


def test_results_only_after_closing_when_the_page_says_so(
    client, on_air, learner, moderator, roles, organisation, settings
):
    settings.ANONYMITY_MIN_GROUP = 1
    on_air.poll_results = PollResults.AFTER_CLOSE
    on_air.save()
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    live.vote_poll(on_air, learner, "poll-ai", "opt-ja")
    poll = snapshot_of(on_air)["polls"][0]
    assert poll["results"] is False and "votes" not in poll["options"][0]
    client.force_login(learner)
    assert "100 %" not in client.get(on_air.url).content.decode()
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.CLOSED)
    poll = snapshot_of(on_air)["polls"][0]
    assert poll["results"] and poll["options"][0]["votes"] == 1
    assert "100 %" in client.get(on_air.url).content.decode()


# --- The panel on the page ----------------------------------------------------------------------------


def test_the_panel_shows_the_pinned_question_on_top_and_every_action_as_a_form(
    client, on_air, learner, other_learner, moderator
):
    live.ask(on_air, learner, "Vanlig fråga")
    pinned, _ = live.ask(on_air, other_learner, "Besvaras nu-frågan")
    live.moderate(on_air, moderator, pinned.pk, live.Action.PIN)
    live.set_poll_status(on_air, moderator, "poll-digital", PollStatus.OPEN)
    client.force_login(learner)
    html = client.get(on_air.url).content.decode()
    assert html.index("Besvaras nu-frågan") < html.index("Vanlig fråga")
    assert reverse("webcast_ask", args=[on_air.pk]) in html
    assert reverse("webcast_poll_vote", args=[on_air.pk, "poll-digital"]) in html
    assert 'name="anonymous"' in html and "csrfmiddlewaretoken" in html
    assert reverse("webcast_moderate", args=[on_air.pk]) not in html  # not a moderator
    client.force_login(moderator)
    assert reverse("webcast_moderate", args=[on_air.pk]) in client.get(on_air.url).content.decode()


def test_sort_by_time_on_the_page(client, on_air, learner, other_learner):
    old, _ = live.ask(on_air, learner, "Äldre fråga")
    live.vote_question(on_air, other_learner, old.pk)
    live.ask(on_air, learner, "Nyare fråga")
    client.force_login(learner)
    by_votes = client.get(on_air.url).content.decode()
    by_time = client.get(on_air.url + "?fragor=tid").content.decode()
    assert by_votes.index("Äldre fråga") < by_votes.index("Nyare fråga")
    assert by_time.index("Nyare fråga") < by_time.index("Äldre fråga")


def test_the_page_says_when_questions_open_and_shows_nothing_to_someone_signed_out(client, webcast_factory, learner):
    upcoming = webcast_factory(starts_in=datetime.timedelta(hours=2))
    client.force_login(learner)
    html = client.get(upcoming.url).content.decode()
    assert 'id="live"' in html and "live-question" not in html
    client.logout()
    html = client.get(upcoming.url).content.decode()
    assert "live-question" not in html


def test_the_moderator_screen_is_bounded_in_queries(
    client, on_air, moderator, roles, organisation, django_assert_max_num_queries
):
    people = _voters(30, roles, organisation)
    for n, person in enumerate(people):
        question, _ = live.ask(on_air, person, f"Fråga nummer {n}", anonymous=n % 3 == 0)
        live.vote_question(on_air, people[0], question.pk)
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    live.moderate(on_air, moderator, question.pk, live.Action.PIN)
    client.force_login(moderator)
    client.get(reverse("webcast_moderate", args=[on_air.pk]))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("webcast_moderate", args=[on_air.pk]))
    assert response.status_code == 200 and "Fråga nummer 29" in response.content.decode()
    with django_assert_max_num_queries(12):
        assert client.get(reverse("webcast_moderate_status", args=[on_air.pk])).status_code == 200


# --- The admin's "Moderate" link ----------------------------------------------------------------------


def test_the_admin_offers_moderate_to_moderators_only(client, on_air, administrator, editor):
    moderate_url = reverse("webcast_moderate", args=[on_air.pk])
    client.force_login(administrator)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[on_air.pk]))
    assert edit.status_code == 200 and moderate_url in edit.content.decode()
    listing = client.get(reverse("wagtailadmin_explore", args=[on_air.get_parent().pk]))
    assert listing.status_code == 200 and moderate_url in listing.content.decode()
    client.force_login(editor)  # edits pages, but is not a moderator of this webcast
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[on_air.pk]))
    assert moderate_url not in edit.content.decode()


# --- In parallel (PostgreSQL: real row locks and constraints under concurrency) ------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_parallel_votes_of_one_person_count_once(on_air, learner, other_learner):
    question, _ = live.ask(on_air, other_learner, "Parallell fråga")
    errors = run_parallel([lambda: live.vote_question(on_air, learner, question.pk)] * 4)
    assert errors == []
    question.refresh_from_db()
    assert question.vote_count == 1 == QuestionVote.objects.count()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_parallel_pins_leave_one_pinned_and_parallel_poll_votes_one(on_air, learner, moderator, administrator):
    questions = [live.ask(on_air, learner, f"Fråga {n}")[0] for n in range(4)]
    pinners = [moderator, administrator, moderator, administrator]
    errors = run_parallel(
        [
            lambda q=q, who=who: live.moderate(on_air, who, q.pk, live.Action.PIN)
            for q, who in zip(questions, pinners, strict=True)
        ]
    )
    assert errors == []
    assert Question.objects.filter(pinned=True).count() == 1
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    errors = run_parallel(
        [
            lambda option=option: live.vote_poll(on_air, learner, "poll-ai", option)
            for option in ("opt-ja", "opt-nej", "opt-ja")
        ]
    )
    assert errors == []
    assert PollVote.objects.filter(user=learner).count() == 1


def test_the_live_panel_is_bounded_in_queries(
    rf, on_air, learner, moderator, roles, organisation, django_assert_max_num_queries
):
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.template import Context, Template

    people = _voters(30, roles, organisation)
    for n, person in enumerate(people):
        question, _ = live.ask(on_air, person, f"Fråga nummer {n}", anonymous=n % 4 == 0)
        live.vote_question(on_air, learner, question.pk)
    # Voted in both open polls: the voter's own view of their results costs the same for one poll or many.
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    live.vote_poll(on_air, learner, "poll-ai", "opt-ja")
    live.set_poll_status(on_air, moderator, "poll-digital", PollStatus.OPEN)
    live.vote_poll(on_air, learner, "poll-digital", "opt-lite")
    request = rf.get(on_air.url)
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = learner
    template = Template("{% load webcast_live %}{% webcast_live page %}")
    template.render(Context({"page": on_air, "request": request}))  # the snapshot is cached from here on
    with django_assert_max_num_queries(5):
        html = template.render(Context({"page": on_air, "request": request}))
    assert html.count('<li id="q') == 30 and html.count(" data-voted>") == 30
