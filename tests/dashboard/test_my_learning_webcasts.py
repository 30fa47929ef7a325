"""My learning follows the one readiness rule: a workshop's required webcast must be attended too."""

import datetime

import pytest
from django.urls import reverse

from tests.builders import complete, workshop_member
from webcasts.attendance import LIVE, record_beat
from webcasts.models import Registration
from workshops.selectors import upcoming_for_member

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def required_webcast(webcast_factory):
    return webcast_factory(starts_in=-datetime.timedelta(days=2), title="Våga leda digitalt")


@pytest.fixture
def member(learner, module, required_webcast):
    workshop = workshop_member(learner, module)
    workshop.required_webcasts.set([required_webcast])
    workshop.save()
    complete(learner, module)
    return workshop


def attend(webcast, user):
    for n in range(webcast.attendance_minutes + 1):
        record_beat(webcast, user, LIVE, now=webcast.starts_at + n * MINUTE)


def test_not_ready_until_the_required_webcast_is_attended(member, learner, required_webcast, client):
    [item] = upcoming_for_member(learner)
    assert [entry["status"] for entry in item["webcasts"]] == ["not_registered"]
    assert item["ready"] is False
    client.force_login(learner)
    page = client.get(reverse("my_learning")).content.decode()
    assert "Våga leda digitalt" in page
    assert "Inte anmäld" in page
    assert "Du är redo för workshoppen" not in page

    Registration.objects.create(webcast=required_webcast, user=learner)
    [item] = upcoming_for_member(learner)
    assert [entry["status"] for entry in item["webcasts"]] == ["registered"]
    assert item["ready"] is False

    attend(required_webcast, learner)
    [item] = upcoming_for_member(learner)
    assert [entry["status"] for entry in item["webcasts"]] == ["attended"]
    assert item["ready"] is True
    page = client.get(reverse("my_learning")).content.decode()
    assert "Deltog" in page


def test_an_unpublished_webcast_is_not_required(member, learner, required_webcast):
    required_webcast.unpublish()
    [item] = upcoming_for_member(learner)
    assert item["webcasts"] == []
    assert item["ready"] is True


def test_queries_do_not_grow_with_webcasts(member, learner, webcast_factory, django_assert_max_num_queries):
    workshop = member
    workshop.required_webcasts.add(*[webcast_factory(title=f"Extra {n}") for n in range(6)])
    workshop.save()
    # memberships, modules, progress, webcasts, their statuses; the site root paths once per process
    with django_assert_max_num_queries(6):
        [item] = upcoming_for_member(learner)
        assert len(item["webcasts"]) == 7
        assert all(entry["webcast"].url for entry in item["webcasts"])
