"""The personal calendar feed: a secret address, only its hash stored, no session needed."""

import datetime
import hashlib
import re

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from dashboard.models import CalendarFeed
from tests.factories import UserFactory
from webcasts import booking
from workshops.models import Membership

FEED_PAGE = "/mitt-larande/kalender/"


def make_feed(client, user):
    client.force_login(user)
    response = client.post(FEED_PAGE, {"action": "create"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'value="(http://testserver/kalender/([A-Za-z0-9_-]+)\.ics)"', html)
    assert match, "the address is shown once after it is made"
    assert f'href="webcal://testserver/kalender/{match.group(2)}.ics"' in html
    return match.group(2)


@pytest.fixture
def open_webcast(webcast_factory):
    return webcast_factory(title="Digital ledning", counties=["Y"])


def test_only_the_hash_is_stored_and_the_address_is_shown_once(client, learner):
    token = make_feed(client, learner)
    feed = CalendarFeed.objects.get(user=learner)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(CalendarFeed.objects.values().get())
    html = client.get(FEED_PAGE).content.decode()
    assert token not in html  # shown once, never again
    assert "Skapa en ny adress" in html


def test_feed_needs_no_session_and_holds_webcasts_and_workshops(client, learner, open_webcast, workshop, group):
    booking.register(learner, open_webcast)
    Membership.objects.create(workshop=workshop, group=group, user=learner)
    token = make_feed(client, learner)
    anonymous = Client()
    response = anonymous.get(f"/kalender/{token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "sessionid" not in response.cookies
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["METHOD"]) == "PUBLISH"
    uids = {str(event["UID"]) for event in calendar.events}
    assert uids == {f"webcast-{open_webcast.pk}@testserver", f"workshop-{workshop.pk}@testserver"}
    assert calendar.walk("VTIMEZONE")
    assert CalendarFeed.objects.get(user=learner).last_read_at is not None


def test_cancelled_registration_and_waiting_place_are_not_in_the_feed(client, learner, organisation, webcast_factory):
    full = webcast_factory(counties=["Y"], capacity=1)
    booking.register(UserFactory(organisation=organisation), full)
    booking.register(learner, full)  # waiting
    left = webcast_factory(counties=["Y"])
    booking.register(learner, left)
    booking.cancel(user=learner, webcast=left)
    token = make_feed(client, learner)
    calendar = Calendar.from_ical(Client().get(f"/kalender/{token}.ics").content)
    assert calendar.events == []


def test_cancelled_webcast_shows_as_cancelled(client, learner, open_webcast):
    booking.register(learner, open_webcast)
    open_webcast.cancelled = True
    open_webcast.save_revision().publish()
    token = make_feed(client, learner)
    event = Calendar.from_ical(Client().get(f"/kalender/{token}.ics").content).events[0]
    assert str(event["STATUS"]) == "CANCELLED" and event["SEQUENCE"] == 1


def test_regenerate_invalidates_the_old_address(client, learner):
    old = make_feed(client, learner)
    response = client.post(FEED_PAGE, {"action": "regenerate"}, follow=True)
    new = re.search(r"/kalender/([A-Za-z0-9_-]+)\.ics", response.content.decode()).group(1)
    assert new != old
    assert Client().get(f"/kalender/{old}.ics").status_code == 404
    assert Client().get(f"/kalender/{new}.ics").status_code == 200
    assert CalendarFeed.objects.count() == 1


def test_revoke(client, learner):
    token = make_feed(client, learner)
    response = client.post(FEED_PAGE, {"action": "revoke"}, follow=True)
    assert "avstängt" in response.content.decode()
    assert not CalendarFeed.objects.exists()
    assert Client().get(f"/kalender/{token}.ics").status_code == 404
    response = client.post(FEED_PAGE, {"action": "revoke"}, follow=True)  # again: nothing to do, no error
    assert response.status_code == 200


def test_unknown_or_guessed_tokens_answer_404_and_then_429(client, learner):
    make_feed(client, learner)
    anonymous = Client()
    for guess in ("x", "A" * 43, "../../etc/passwd", "a" * 500):
        assert anonymous.get(f"/kalender/{guess}.ics").status_code == 404
    for _ in range(30):
        anonymous.get("/kalender/guess.ics")
    assert anonymous.get("/kalender/another-guess.ics").status_code == 429


def test_a_person_who_left_has_no_feed(client, learner):
    token = make_feed(client, learner)
    learner.is_active = False
    learner.save()
    assert Client().get(f"/kalender/{token}.ics").status_code == 404


def test_bad_action_is_400_and_get_is_safe(client, learner):
    client.force_login(learner)
    assert client.post(FEED_PAGE, {"action": "delete-everything"}).status_code == 400
    assert client.get(FEED_PAGE).status_code == 200
    assert not CalendarFeed.objects.exists()


def test_feed_page_needs_login(client):
    response = client.get(FEED_PAGE)
    assert response.status_code == 302 and "/konto/" in response["Location"]


def test_feed_query_bound(client, learner, organisation, webcast_factory, django_assert_max_num_queries):
    for n in range(12):
        booking.register(learner, webcast_factory(counties=["Y"], starts_in=datetime.timedelta(days=n + 1)))
    token = make_feed(client, learner)
    anonymous = Client()
    anonymous.get(f"/kalender/{token}.ics")
    # Feed by hash (with the person), last read, webcasts, workshops.
    with django_assert_max_num_queries(5):
        response = anonymous.get(f"/kalender/{token}.ics")
    assert len(Calendar.from_ical(response.content).events) == 12


def test_my_learning_lists_my_webcasts(client, learner, open_webcast, webcast_factory, django_assert_max_num_queries):
    booking.register(learner, open_webcast)
    client.force_login(learner)
    html = client.get(reverse("my_learning")).content.decode()
    assert "Mina webbsändningar" in html and open_webcast.title in html
    assert FEED_PAGE in html
    other = webcast_factory(counties=["Y"], title="Andra sändningen")
    booking.register(learner, other)  # the kept list is read again after a change
    html = client.get(reverse("my_learning")).content.decode()
    assert "Andra sändningen" in html
    booking.cancel(user=learner, webcast=other)
    html = client.get(reverse("my_learning")).content.decode()
    assert "Andra sändningen" not in html


def test_my_learning_webcasts_cost_no_query_when_kept(client, learner, webcast_factory, django_assert_num_queries):
    from webcasts.selectors import upcoming_for

    for n in range(10):
        booking.register(learner, webcast_factory(counties=["Y"], starts_in=datetime.timedelta(days=n + 1)))
    assert len(upcoming_for(learner)) == 10
    with django_assert_num_queries(0):
        assert len(upcoming_for(learner)) == 10
