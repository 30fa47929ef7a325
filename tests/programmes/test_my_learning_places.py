"""My learning lists my places in leadership programmes that have not ended, with a link to "Min omgång"."""

import datetime

from django.urls import reverse
from django.utils import timezone

from programmes.models import BookingStatus


def test_my_learning_links_to_my_cohort_and_shows_the_queue(client, cohort_factory, make_participant):
    spring = cohort_factory(title="Våren 2027")
    autumn = cohort_factory(title="Hösten 2027", starts_in_days=200)
    learner = make_participant(spring)
    autumn.bookings.create(user=learner, status=BookingStatus.WAITING, waiting_since=timezone.now())
    client.force_login(learner)
    html = client.get(reverse("my_learning")).content.decode()
    assert "Mina ledarprogram" in html
    assert reverse("programme_participant_cohort", args=[spring.pk]) in html
    autumn_entry = html.split("Hösten 2027", 1)[1].split("</li>", 1)[0]
    assert "I kö" in autumn_entry


def test_ended_and_cancelled_places_are_not_listed(client, cohort_factory, make_participant):
    old = cohort_factory(title="Våren 2025", starts_in_days=-400)
    old.ends_on = timezone.localdate() - datetime.timedelta(days=300)
    old.save(update_fields=["ends_on"])
    cancelled = cohort_factory(title="Hösten 2027")
    learner = make_participant(old)
    cancelled.bookings.create(user=learner, status=BookingStatus.CANCELLED)
    client.force_login(learner)
    html = client.get(reverse("my_learning")).content.decode()
    assert "Mina ledarprogram" not in html


def test_my_learning_reads_places_in_one_query(client, cohort_factory, make_participant):
    learner = make_participant(cohort_factory(title="Omgång 0"))
    client.force_login(learner)
    client.get(reverse("my_learning"))

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("my_learning")).status_code == 200
        return len(queries)

    few = count()
    for n in range(1, 8):
        cohort_factory(title=f"Omgång {n}").bookings.create(user=learner, status=BookingStatus.BOOKED)
    assert count() == few


def test_a_recently_finished_cohort_stays_with_a_link_to_the_certificate(client, cohort_factory, make_participant):
    spring = cohort_factory(title="Våren 2026", starts_in_days=-120)
    spring.ends_on = timezone.localdate() - datetime.timedelta(days=30)
    spring.save(update_fields=["ends_on"])
    learner = make_participant(spring)
    client.force_login(learner)
    html = client.get(reverse("my_learning")).content.decode()
    entry = html.split("Våren 2026", 1)[1].split("</li>", 1)[0]
    assert "Avslutat" in entry
    assert reverse("programme_participant_cohort", args=[spring.pk]) in html
