"""The shared live snapshot: ETag/304, one cache entry for every viewer, rebuilt at most once a second."""

# ruff: noqa: F811  (the fixtures come from test_live)

import datetime
import itertools
import json
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.cache import reset_circuits
from webcasts import live, snapshot
from webcasts.models import PollStatus

from .test_live import POLLS, moderator, on_air  # noqa: F401  (fixtures)


def url(page):
    return reverse("webcast_live_json", args=[page.pk])


def webcast_queries(ctx):
    return [q["sql"] for q in ctx.captured_queries if "webcasts_" in q["sql"] or "wagtailcore_page" in q["sql"]]


def test_etag_and_304(client, on_air, learner, settings):
    settings.WEBCAST_LIVE_THROTTLE_SECONDS = 0
    client.force_login(learner)
    first = client.get(url(on_air))
    assert first.status_code == 200 and first["Content-Type"] == "application/json"
    etag = first["ETag"]
    assert etag.startswith('"') and "private" in first["Cache-Control"] and "max-age=2" in first["Cache-Control"]
    data = json.loads(first.content)
    assert data["open"] is True and data["questions"] == [] and data["pinned"] is None
    again = client.get(url(on_air), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    live.ask(on_air, learner, "Ny fråga")
    changed = client.get(url(on_air), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert json.loads(changed.content)["version"] > data["version"]


def test_one_shared_entry_and_no_query_on_a_cache_hit(client, on_air, learner, other_learner, manager):
    live.ask(on_air, manager, "Delad fråga")
    bodies = []
    for person in (learner, other_learner):
        client.force_login(person)
        client.get(url(on_air))
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(on_air))
        assert response.status_code == 200
        assert webcast_queries(ctx) == []
        assert len(ctx.captured_queries) <= 2  # the session and the user, nothing else
        bodies.append((response.content, response["ETag"]))
    assert bodies[0] == bodies[1]


def test_rebuilt_at_most_once_a_second_under_many_writes(on_air, learner, moderator, roles, organisation, monkeypatch):
    from tests.factories import UserFactory

    builds = []
    real_build = snapshot.build

    def counting_build(webcast, writes=0):
        builds.append(time.monotonic())
        return real_build(webcast, writes)

    monkeypatch.setattr(snapshot, "build", counting_build)
    question, _ = live.ask(on_air, learner, "Populär fråga")
    voters = [UserFactory(organisation=organisation) for _ in range(40)]
    builds.clear()
    started = time.monotonic()
    for voter in voters:
        live.vote_question(on_air, voter, question.pk)
        snapshot.get(on_air.pk)  # and a viewer polls after every write
    elapsed = time.monotonic() - started
    assert len(builds) <= int(elapsed) + 1, (len(builds), elapsed)
    # Once the second has passed, the next poll sees every vote.
    time.sleep(1.05)
    data = json.loads(snapshot.get(on_air.pk)["body"])
    assert data["questions"][0]["votes"] == 40
    gaps = [b - a for a, b in itertools.pairwise(builds)]
    assert all(gap >= 0.95 for gap in gaps), gaps


def test_the_clock_makes_the_snapshot_stale_at_the_end(webcast_factory, learner, settings):
    page = webcast_factory(starts_in=-datetime.timedelta(minutes=59, seconds=58.5))
    assert json.loads(snapshot.get(page.pk)["body"])["open"] is True
    time.sleep(1.6)
    data = json.loads(snapshot.get(page.pk)["body"])
    assert data["open"] is False and data["state"] == "ended"


def test_the_cache_down_still_answers_from_a_fresh_build(client, on_air, learner, moderator, settings):
    reset_circuits()
    settings.CACHES = {"default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    try:
        client.force_login(learner)
        question, _ = live.ask(on_air, learner, "Fungerar det utan cache?")
        live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
        response = client.get(url(on_air))
        assert response.status_code == 200
        data = json.loads(response.content)
        assert [q["id"] for q in data["questions"]] == [question.pk] and data["polls"][0]["id"] == "poll-ai"
        assert client.get(url(on_air), HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
        assert client.get(on_air.url).status_code == 200
    finally:
        reset_circuits()


def test_signed_out_unknown_and_unpublished(client, on_air, learner):
    response = client.get(url(on_air))
    assert response.status_code == 403 and json.loads(response.content)["message"]
    client.force_login(learner)
    assert client.get(reverse("webcast_live_json", args=[on_air.pk + 1000])).status_code == 404
    assert client.get(url(on_air)).status_code == 200  # cached from here
    on_air.unpublish()  # forgets the cached snapshot
    assert client.get(url(on_air)).status_code == 404


def test_a_build_is_bounded_in_queries(on_air, moderator, roles, organisation, django_assert_max_num_queries):
    from tests.factories import UserFactory

    people = [UserFactory(organisation=organisation) for _ in range(25)]
    for n, person in enumerate(people):
        live.ask(on_air, person, f"Fråga {n}", anonymous=n % 2 == 0)
    live.set_poll_status(on_air, moderator, "poll-digital", PollStatus.OPEN)
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    with django_assert_max_num_queries(4):
        data = snapshot.build_data(on_air)
    assert len(data["questions"]) == 25 and len(data["polls"]) == 2
    assert sum(1 for q in data["questions"] if q["author"] is None) == 13


def test_a_publish_reaches_the_snapshot_at_once(client, on_air, learner, moderator):
    live.set_poll_status(on_air, moderator, "poll-ai", PollStatus.OPEN)
    assert snapshot_of_question(on_air) == "Använder ni AI i handläggningen?"
    on_air.polls[1].value["question"] = "Använder ni AI i ärenden?"
    revision = on_air.save_revision()
    revision.publish()
    assert snapshot_of_question(on_air) == "Använder ni AI i ärenden?"


def snapshot_of_question(page):
    return json.loads(snapshot.get(page.pk)["body"])["polls"][0]["question"]


@pytest.mark.parametrize("header", ['W/"x"', '"nope", "other"'])
def test_a_stale_or_foreign_etag_gets_the_body(client, on_air, learner, header):
    client.force_login(learner)
    response = client.get(url(on_air), HTTP_IF_NONE_MATCH=header)
    assert response.status_code == 200 and response.content
