"""The booking views: POST forms with CSRF, messages, status codes for refusals, the manager's screens."""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import ModelLogEntry

from programmes import booking
from programmes.models import Booking, BookingStatus
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_url_names():
    assert reverse("programme_book", args=[1]) == "/program/omgang/1/boka/"
    assert reverse("programme_cancel", args=[1]) == "/program/omgang/1/avboka/"
    assert reverse("programme_book_people", args=[1]) == "/program/omgang/1/boka-personer/"
    assert reverse("programme_booking_cancel", args=[1]) == "/program/bokning/1/avboka/"
    assert reverse("programme_bookings") == "/program/bokningar/"
    assert reverse("programme_cohort_ics", args=[1]) == "/program/omgang/1/kalender.ics"
    assert reverse("programme_mine") == "/program/mina-program/"


def test_book_and_cancel_through_the_page(client, learner, cohort, programme_page):
    client.force_login(learner)
    response = client.post(reverse("programme_book", args=[cohort.pk]), follow=True)
    assert response.redirect_chain[0][0] == f"{programme_page.url}#omgang-{cohort.pk}"
    assert any("Du har en plats" in m for m in messages_of(response))
    assert "Du har en plats." in response.content.decode()
    again = client.post(reverse("programme_book", args=[cohort.pk]), follow=True)
    assert any("Du har redan en plats" in m for m in messages_of(again))
    assert Booking.objects.filter(user=learner).count() == 1
    cancelled = client.post(reverse("programme_cancel", args=[cohort.pk]), follow=True)
    assert any("Din bokning är avbokad" in m for m in messages_of(cancelled))
    assert Booking.objects.get(user=learner).status == BookingStatus.CANCELLED


def test_csrf_is_required(learner, cohort):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(reverse("programme_book", args=[cohort.pk])).status_code == 403
    assert not Booking.objects.exists()


def test_get_changes_nothing_and_anonymous_goes_to_login(client, learner, cohort):
    response = client.post(reverse("programme_book", args=[cohort.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(learner)
    assert client.get(reverse("programme_book", args=[cohort.pk])).status_code == 302
    assert not Booking.objects.exists()


def test_full_cohort_puts_the_learner_in_the_queue(client, learner, cohort, organisation):
    for _ in range(4):
        booking.book(UserFactory(organisation=organisation), cohort)
    client.force_login(learner)
    response = client.post(reverse("programme_book", args=[cohort.pk]), follow=True)
    assert any("fullbokad" in m and "nummer 1" in m for m in messages_of(response))
    assert Booking.objects.get(user=learner).status == BookingStatus.WAITING


def test_booking_after_the_deadline_is_409_with_text(client, learner, cohort):
    cohort.booking_deadline = timezone.localdate() - datetime.timedelta(days=1)
    cohort.save()
    client.force_login(learner)
    response = client.post(reverse("programme_book", args=[cohort.pk]))
    assert response.status_code == 409
    assert "Sista dag att boka har passerat" in response.content.decode() or "stängd" in response.content.decode()
    assert not Booking.objects.exists()


def test_cancel_after_the_deadline_is_409(client, learner, cohort):
    booking.book(learner, cohort)
    cohort.cancellation_deadline = timezone.localdate() - datetime.timedelta(days=1)
    cohort.save()
    client.force_login(learner)
    response = client.post(reverse("programme_cancel", args=[cohort.pk]))
    assert response.status_code == 409
    assert "avboka" in response.content.decode().lower()
    assert Booking.objects.get(user=learner).status == BookingStatus.BOOKED


def test_unknown_or_unpublished_cohort_is_404(client, learner, cohort):
    client.force_login(learner)
    assert client.post(reverse("programme_book", args=[cohort.pk + 1000])).status_code == 404
    cohort.programme.unpublish()
    assert client.post(reverse("programme_book", args=[cohort.pk])).status_code == 404


def test_manager_books_people_of_own_organisation(client, manager, cohort, organisation, other_organisation):
    department = DepartmentFactory(organisation=organisation, name="Socialförvaltningen")
    mine = [UserFactory(organisation=organisation, department=department) for _ in range(5)]
    other_department = UserFactory(organisation=organisation)
    stranger = UserFactory(organisation=other_organisation, first_name="Främling")
    client.force_login(manager)
    url = reverse("programme_book_people", args=[cohort.pk])
    page = client.get(url, {"department": department.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert all(f'value="{p.pk}"' in html for p in mine)
    assert f'value="{other_department.pk}"' not in html and "Främling" not in html
    response = client.post(url, {"people": [p.pk for p in mine] + [stranger.pk]})
    assert response.status_code == 200
    outcomes = [row.outcome for row in response.context["report"].rows]
    assert outcomes.count("booked") == 4 and outcomes.count("waiting") == 1
    assert response.context["unknown"] == 1
    assert not Booking.objects.filter(user=stranger).exists()
    assert set(Booking.objects.filter(status="booked").values_list("booked_by", flat=True)) == {manager.pk}


def test_only_strangers_chosen_is_403_and_nothing_stored(client, manager, cohort, other_organisation):
    stranger = UserFactory(organisation=other_organisation)
    client.force_login(manager)
    response = client.post(reverse("programme_book_people", args=[cohort.pk]), {"people": [stranger.pk]})
    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_book_people_after_the_deadline_is_409(client, manager, cohort, organisation):
    person = UserFactory(organisation=organisation)
    cohort.booking_deadline = timezone.localdate() - datetime.timedelta(days=1)
    cohort.save()
    client.force_login(manager)
    response = client.post(reverse("programme_book_people", args=[cohort.pk]), {"people": [person.pk]})
    assert response.status_code == 409
    assert not Booking.objects.exists()


def test_book_people_is_for_managers(client, learner, cohort):
    client.force_login(learner)
    assert client.get(reverse("programme_book_people", args=[cohort.pk])).status_code == 404


def test_bookings_list_by_name_for_managers_and_export(
    client, manager, cohort_factory, organisation, other_organisation
):
    first, second = cohort_factory(title="Våren 2027"), cohort_factory(title="Hösten 2027", starts_in_days=90)
    anna = UserFactory(organisation=organisation, first_name="Anna", last_name="Andersson")
    bo = UserFactory(organisation=organisation, first_name="Bo", last_name="Berg")
    stranger = UserFactory(organisation=other_organisation, first_name="Sven", last_name="Sundsvall")
    booking.book(bo, first)
    booking.book(anna, second, by=manager)
    booking.book(stranger, first)
    client.force_login(manager)
    response = client.get(reverse("programme_bookings"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Anna Andersson") < html.index("Bo Berg")
    assert "Sundsvall" not in html
    export = client.get(reverse("programme_bookings"), {"format": "csv"})
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[0] for row in rows[1:]] == ["Anna Andersson", "Bo Berg"]
    assert rows[1][9] == manager.get_full_name()
    xlsx = client.get(reverse("programme_bookings"), {"format": "xlsx"})
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
    assert ModelLogEntry.objects.filter(action="report.exported", user_id=manager.pk).count() == 2
    assert client.get(reverse("programme_bookings"), {"format": "pdf"}).status_code == 400


def test_administrator_sees_every_booking(client, administrator, cohort, organisation, other_organisation):
    booking.book(UserFactory(organisation=organisation, last_name="Härnösandsson"), cohort)
    booking.book(UserFactory(organisation=other_organisation, last_name="Sundsvallsson"), cohort)
    client.force_login(administrator)
    html = client.get(reverse("programme_bookings")).content.decode()
    assert "Härnösandsson" in html and "Sundsvallsson" in html


def test_bookings_list_is_not_for_learners(client, learner):
    client.force_login(learner)
    assert client.get(reverse("programme_bookings")).status_code == 404


def test_manager_cancels_for_own_person_but_not_for_others(client, manager, other_manager, cohort, organisation):
    person = UserFactory(organisation=organisation)
    queued_next = UserFactory(organisation=organisation)
    for _ in range(3):
        booking.book(UserFactory(organisation=organisation), cohort)
    held = booking.book(person, cohort).booking
    booking.book(queued_next, cohort)
    client.force_login(other_manager)
    assert client.post(reverse("programme_booking_cancel", args=[held.pk])).status_code == 404
    client.force_login(manager)
    response = client.post(reverse("programme_booking_cancel", args=[held.pk]), follow=True)
    assert any("är avbokad" in m for m in messages_of(response))
    assert Booking.objects.get(pk=held.pk).status == BookingStatus.CANCELLED
    assert Booking.objects.get(user=queued_next).status == BookingStatus.BOOKED


def test_teacher_cannot_cancel_a_participant(client, teacher, cohort, make_participant):
    person = make_participant(cohort)
    held = Booking.objects.get(user=person)
    client.force_login(teacher)
    assert client.post(reverse("programme_booking_cancel", args=[held.pk])).status_code == 404
    assert Booking.objects.get(pk=held.pk).status == BookingStatus.BOOKED


def test_cohort_ics_for_a_booked_participant_only(client, learner, other_learner, cohort):
    booking.book(learner, cohort)
    client.force_login(other_learner)
    assert client.get(reverse("programme_cohort_ics", args=[cohort.pk])).status_code == 404
    client.force_login(learner)
    response = client.get(reverse("programme_cohort_ics", args=[cohort.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert len(calendar.events) == 5


def test_my_programmes(client, learner, cohort_factory, organisation):
    booked = cohort_factory(title="Bokad omgång")
    queued = cohort_factory(title="Köad omgång", starts_in_days=40, capacity=1)
    booking.book(learner, booked)
    booking.book(UserFactory(organisation=organisation), queued)
    booking.book(learner, queued)
    client.force_login(learner)
    response = client.get(reverse("programme_mine"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bokad omgång" in html and "Köad omgång" in html
    assert "I kö, nummer 1" in html and "Nästa träff:" in html and "Träff 1" in html
    assert html.index("Bokad omgång") < html.index("Köad omgång")


def test_my_programmes_needs_login(client):
    assert client.get(reverse("programme_mine")).status_code == 302
