"""The programme page: cohorts in order, how full each is, the viewer's own place, forms; constant queries."""

import datetime
import re

import pytest
from django.utils import timezone

from programmes import booking
from programmes.models import Booking, BookingStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def fill(cohort, organisation, count):
    for _ in range(count):
        booking.book(UserFactory(organisation=organisation), cohort)


def test_anonymous_sees_cohorts_dates_sessions_teachers_and_a_login_link(client, programme_page, cohort):
    response = client.get(programme_page.url)
    assert response.status_code == 200
    page = text(response)
    assert "Chefsprogram för välfärdens digitalisering" in page
    assert "Våren 2027" in page and "0 % bokat" in page
    assert "Karin Kursledare" in page and "5 träffar" in page and "Träff 1" in page
    deadline = cohort.booking_deadline
    months = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
              "november", "december"]  # fmt: skip
    assert f"Sista dag att boka {deadline.day} {months[deadline.month - 1]} {deadline.year}" in page
    assert "Logga in för att boka" in page
    assert 'action="/program/omgang/' not in response.content.decode()


def test_half_booked_and_fully_booked_cohorts(client, learner, programme_page, cohort_factory, organisation):
    half = cohort_factory(title="Hösten 2027", starts_in_days=60)
    full = cohort_factory(title="Våren 2028", starts_in_days=120)
    fill(half, organisation, 2)
    fill(full, organisation, 4)
    client.force_login(learner)
    page = text(client.get(programme_page.url))
    assert "50 % bokat" in page
    assert "Fullbokat – ställ dig i kö" in page
    assert "Ställ mig i kö" in page and "Boka plats" in page


def test_order_upcoming_and_running_first_finished_last(client, programme_page, cohort_factory):
    today = timezone.localdate()
    cohort_factory(
        title="Avslutad omgång", starts_in_days=-200, sessions=1, booking_deadline=today - datetime.timedelta(days=210)
    )
    cohort_factory(title="Senare omgång", starts_in_days=90, sessions=1)
    cohort_factory(
        title="Pågående omgång", starts_in_days=-7, sessions=2, booking_deadline=today - datetime.timedelta(days=10)
    )
    page = text(client.get(programme_page.url))
    assert page.index("Pågående omgång") < page.index("Senare omgång") < page.index("Avslutad omgång")
    assert "Pågår" in page and "Avslutad" in page and "Bokningen är stängd." in page


def test_viewer_sees_own_status_booked_queue_cancelled(client, programme_page, cohort_factory, learner, organisation):
    booked = cohort_factory(title="Bokad omgång")
    queued = cohort_factory(title="Köad omgång", starts_in_days=40)
    cancelled = cohort_factory(title="Avbokad omgång", starts_in_days=50)
    booking.book(learner, booked)
    fill(queued, organisation, 4)
    booking.book(UserFactory(organisation=organisation), queued)
    booking.book(learner, queued)
    booking.book(learner, cancelled)
    booking.cancel(user=learner, cohort=cancelled)
    client.force_login(learner)
    response = client.get(programme_page.url)
    html, page = response.content.decode(), text(response)
    assert "Du har en plats." in page
    assert "Du står som nummer 2 i kön." in page
    assert "Du har avbokat din plats." in page
    assert f'action="/program/omgang/{booked.pk}/avboka/"' in html
    assert f'action="/program/omgang/{queued.pk}/avboka/"' in html and "Lämna kön" in page
    assert f'action="/program/omgang/{cancelled.pk}/boka/"' in html
    assert f'href="/program/omgang/{booked.pk}/kalender.ics"' in html
    assert "csrfmiddlewaretoken" in html
    assert "Boka medarbetare" not in page


def test_manager_sees_book_employees_link(client, programme_page, cohort, manager):
    client.force_login(manager)
    html = client.get(programme_page.url).content.decode()
    assert "Boka medarbetare" in html
    assert f'href="/program/omgang/{cohort.pk}/boka-personer/"' in html
    assert 'href="/program/bokningar/"' in html


def test_query_count_is_constant_in_cohorts_and_bookings(
    client, programme_page, cohort_factory, learner, organisation, django_assert_max_num_queries
):
    def cohorts_with_bookings(count, offset):
        for n in range(count):
            cohort = cohort_factory(title=f"Omgång {offset + n}", starts_in_days=30 + offset + n, sessions=3)
            fill(cohort, organisation, 5)  # four booked, one waiting
            booking.book(learner, cohort)  # the viewer waits in each

    client.force_login(learner)
    client.get(programme_page.url)
    cohorts_with_bookings(2, 0)  # a booking changes the page: the next request renders it anew
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(programme_page.url).status_code == 200
    cohorts_with_bookings(10, 10)
    with django_assert_max_num_queries(len(few)):
        response = client.get(programme_page.url)
    assert text(response).count("Du står som nummer 2 i kön.") == 12
    assert Booking.objects.filter(user=learner, status=BookingStatus.WAITING).count() == 12


def test_programme_page_context_queries(
    programme_page, cohort_factory, learner, organisation, django_assert_num_queries
):
    from programmes.selectors import programme_page_context

    for n in range(8):
        cohort = cohort_factory(title=f"Omgång {n}", starts_in_days=30 + n, sessions=2)
        fill(cohort, organisation, 3)
        booking.book(learner, cohort)
    learner.refresh_from_db()
    from accounts import scoping

    scoping.role_codes(learner)  # read once per request
    with django_assert_num_queries(5):  # cohorts, sessions, teachers, figures, own bookings
        context = programme_page_context(programme_page, learner)
    assert len(context["cohorts"]) == 8
    assert all(item.booked for item in context["cohorts"])
