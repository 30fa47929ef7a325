"""Attendance: the heartbeat rule (webcasts.attendance) and its beacon endpoint."""

import datetime
import json

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from webcasts import attendance
from webcasts.attendance import LIVE, MAX_BEAT_SECONDS, RECORDING, NotMeasured, record_beat
from webcasts.models import Attendance

pytestmark = pytest.mark.django_db

S = datetime.timedelta(seconds=1)


def _beats(webcast, user, kind, start, count, every):
    row = None
    for n in range(count):
        row = record_beat(webcast, user, kind, now=start + n * every)
    return row


# --- the rule ---------------------------------------------------------------------------------


def test_the_first_beat_only_starts_the_clock(live_webcast, learner):
    row = record_beat(live_webcast, learner, LIVE)
    assert row.live_seconds == 0 and row.last_heartbeat_at is not None and row.attended_at is None


def test_beats_add_the_elapsed_time(live_webcast, learner):
    start = live_webcast.starts_at + 60 * S
    row = _beats(live_webcast, learner, LIVE, start, 4, 60 * S)
    assert row.live_seconds == 180


def test_a_beat_adds_at_most_the_cap_and_a_long_gap_starts_a_new_session(live_webcast, learner):
    start = live_webcast.starts_at + 10 * S
    record_beat(live_webcast, learner, LIVE, now=start)
    row = record_beat(live_webcast, learner, LIVE, now=start + (MAX_BEAT_SECONDS - 1) * S)
    assert row.live_seconds == MAX_BEAT_SECONDS - 1
    # A beat 20 minutes later: the person was not beating in between; it counts nothing.
    row = record_beat(live_webcast, learner, LIVE, now=start + 20 * 60 * S)
    assert row.live_seconds == MAX_BEAT_SECONDS - 1


def test_a_fast_client_cannot_add_more_than_the_wall_clock(live_webcast, learner):
    start = live_webcast.starts_at + 10 * S
    # 100 beats within 10 seconds of wall-clock time.
    row = _beats(live_webcast, learner, LIVE, start, 100, datetime.timedelta(milliseconds=100))
    assert row.live_seconds <= 10
    # Beats with the same timestamp (replayed) add nothing.
    again = record_beat(live_webcast, learner, LIVE, now=row.last_heartbeat_at)
    assert again.live_seconds == row.live_seconds


def test_only_the_live_window_counts(webcast_factory, learner):
    webcast = webcast_factory(starts_in=-datetime.timedelta(minutes=30), minutes=20)  # ended ten minutes ago
    with pytest.raises(NotMeasured):
        record_beat(webcast, learner, LIVE)  # after the end (and the grace of one beat)
    upcoming = webcast_factory(starts_in=datetime.timedelta(hours=1))
    with pytest.raises(NotMeasured):
        record_beat(upcoming, learner, LIVE)
    assert not Attendance.objects.exists()  # nothing stored for beats that cannot count
    # Beats across the start and the end count only the seconds inside.
    record_beat(webcast, learner, LIVE, now=webcast.ends_at - 20 * S)
    row = record_beat(webcast, learner, LIVE, now=webcast.ends_at + 40 * S)
    assert row.live_seconds == 20


def test_a_cancelled_webcast_counts_nothing(live_webcast, learner):
    live_webcast.cancelled = True
    live_webcast.save()
    with pytest.raises(NotMeasured):
        record_beat(live_webcast, learner, LIVE)


def test_attended_once_the_threshold_is_reached_and_set_once(live_webcast, learner):
    assert live_webcast.attendance_minutes == 10
    start = live_webcast.starts_at
    row = _beats(live_webcast, learner, LIVE, start, 10, 60 * S)  # 9 minutes
    assert row.live_seconds == 540 and row.attended_at is None
    row = record_beat(live_webcast, learner, LIVE, now=start + 600 * S)
    assert row.attended_at == start + 600 * S and not row.via_recording
    later = record_beat(live_webcast, learner, LIVE, now=start + 660 * S)
    assert later.attended_at == start + 600 * S  # never moved
    assert Attendance.objects.count() == 1


def test_recording_share_counts_after_the_broadcast(webcast_factory, learner):
    webcast = webcast_factory(
        starts_in=-datetime.timedelta(days=2),
        recording_url="https://www.youtube-nocookie.com/embed/abc123",
        recording_minutes=40,
        recording_share=50,
    )
    assert attendance.recording_threshold_seconds(webcast) == 1200
    with pytest.raises(NotMeasured):
        record_beat(webcast, learner, LIVE)
    start = timezone.now() - datetime.timedelta(hours=1)
    row = _beats(webcast, learner, RECORDING, start, 20, 60 * S)  # 19 minutes
    assert row.recording_seconds == 1140 and row.attended_at is None
    row = record_beat(webcast, learner, RECORDING, now=start + 20 * 60 * S)
    assert row.attended_at is not None and row.via_recording


def test_a_recording_without_a_length_or_url_cannot_count(webcast_factory, learner):
    no_length = webcast_factory(
        starts_in=-datetime.timedelta(days=2), recording_url="https://www.youtube-nocookie.com/embed/abc123"
    )
    start = timezone.now() - datetime.timedelta(hours=2)
    row = _beats(no_length, learner, RECORDING, start, 90, 60 * S)
    assert row.recording_seconds == 89 * 60 and row.attended_at is None
    no_recording = webcast_factory(starts_in=-datetime.timedelta(days=2), recording_minutes=30)
    with pytest.raises(NotMeasured):
        record_beat(no_recording, learner, RECORDING)
    # During the broadcast, a "recording" beat does not count either.
    live = webcast_factory(
        starts_in=-datetime.timedelta(minutes=5),
        recording_url="https://www.youtube-nocookie.com/embed/abc123",
        recording_minutes=30,
    )
    with pytest.raises(NotMeasured):
        record_beat(live, learner, RECORDING)


def test_attended_ids_reads_one_query(live_webcast, learner, other_learner, django_assert_num_queries):
    start = live_webcast.starts_at
    _beats(live_webcast, learner, LIVE, start, 11, 60 * S)
    record_beat(live_webcast, other_learner, LIVE, now=start)
    with django_assert_num_queries(1):
        found = attendance.attended_ids([live_webcast.pk], [learner.pk, other_learner.pk])
    assert set(found) == {(learner.pk, live_webcast.pk)}


# --- the beacon -------------------------------------------------------------------------------


def _url(webcast):
    return reverse("webcast_heartbeat", args=[webcast.pk])


def test_beacon_records_a_beat(client, live_webcast, learner):
    client.force_login(learner)
    response = client.post(_url(live_webcast), {"kind": "live"})
    assert response.status_code == 204
    assert Attendance.objects.get(user=learner, webcast=live_webcast).last_heartbeat_at is not None
    response = client.post(_url(live_webcast), json.dumps({"kind": "live"}), content_type="application/json")
    assert response.status_code == 204


def test_beacon_is_idempotent_when_repeated(client, live_webcast, learner):
    client.force_login(learner)
    for _ in range(5):
        assert client.post(_url(live_webcast), {"kind": "live"}).status_code == 204
    row = Attendance.objects.get(user=learner, webcast=live_webcast)
    assert Attendance.objects.count() == 1 and row.live_seconds <= 5


def test_beacon_refuses_anonymous(client, live_webcast):
    response = client.post(_url(live_webcast), {"kind": "live"})
    assert response.status_code == 403 and not Attendance.objects.exists()


@pytest.mark.parametrize(
    "body,content_type",
    [
        ({"kind": "everything"}, None),
        ({}, None),
        ("{not json", "application/json"),
        ('["live"]', "application/json"),
        ('{"kind": 5}', "application/json"),
    ],
)
def test_beacon_answers_400_for_a_bad_body(client, live_webcast, learner, body, content_type):
    client.force_login(learner)
    if content_type:
        response = client.post(_url(live_webcast), body, content_type=content_type)
    else:
        response = client.post(_url(live_webcast), body)
    assert response.status_code == 400 and response.content
    assert not Attendance.objects.exists()


def test_beacon_unknown_or_unpublished_page_is_404(client, live_webcast, learner):
    client.force_login(learner)
    assert client.post(reverse("webcast_heartbeat", args=[999999]), {"kind": "live"}).status_code == 404
    live_webcast.unpublish()
    assert client.post(_url(live_webcast), {"kind": "live"}).status_code == 404


def test_beacon_outside_the_window_is_accepted_but_counts_nothing(client, webcast, learner):
    client.force_login(learner)
    assert client.post(_url(webcast), {"kind": "live"}).status_code == 204
    assert not Attendance.objects.exists()


def test_beacon_only_posts(client, live_webcast, learner):
    client.force_login(learner)
    assert client.get(_url(live_webcast)).status_code == 405


def test_beacon_requires_the_csrf_token(live_webcast, learner):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner)
    assert strict.post(_url(live_webcast), {"kind": "live"}).status_code == 403


# --- the page part ----------------------------------------------------------------------------


def test_live_page_carries_the_heartbeat_for_a_signed_in_person(client, live_webcast, learner):
    client.force_login(learner)
    html = client.get(live_webcast.url).content.decode()
    assert "data-webcast-attendance" in html and _url(live_webcast) in html
    assert "webcast-attendance.js" in html and "csrfmiddlewaretoken" in html


def test_page_has_no_heartbeat_for_anonymous_visitors(client, live_webcast):
    html = client.get(live_webcast.url).content.decode()
    assert "data-webcast-attendance" not in html


def test_page_tells_the_person_they_attended(client, live_webcast, learner):
    start = live_webcast.starts_at
    _beats(live_webcast, learner, LIVE, start, 11, 60 * S)
    client.force_login(learner)
    html = client.get(live_webcast.url).content.decode()
    assert 'data-attended="yes"' in html


# --- parallel beats (PostgreSQL: real row locks) ----------------------------------------------


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_parallel_beats_count_the_seconds_once(live_webcast, learner):
    import threading

    from django.db import connections

    now = timezone.now()
    record_beat(live_webcast, learner, LIVE, now=now - 60 * S)
    barrier, errors = threading.Barrier(4), []

    def worker():
        try:
            barrier.wait()
            record_beat(live_webcast, learner, LIVE, now=now)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    row = Attendance.objects.get(user=learner, webcast=live_webcast)
    assert row.live_seconds == 60  # not 4 x 60


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_parallel_first_beats_make_one_row(live_webcast, learner):
    import threading

    from django.db import connections

    barrier, errors = threading.Barrier(4), []

    def worker():
        try:
            barrier.wait()
            record_beat(live_webcast, learner, LIVE)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and Attendance.objects.filter(user=learner).count() == 1


def test_after_a_broadcast_without_recording_only_who_attended_sees_it(client, webcast_factory, learner, other_learner):
    ended = webcast_factory(starts_in=-datetime.timedelta(hours=3), minutes=60)
    for n in range(11):
        record_beat(ended, learner, LIVE, now=ended.starts_at + n * 60 * S)
    client.force_login(learner)
    html = client.get(ended.url).content.decode()
    assert 'data-attended="yes"' in html and "data-webcast-attendance" not in html
    client.force_login(other_learner)
    html = client.get(ended.url).content.decode()
    assert "webcast-attendance" not in html
