"""The roll call (programmes.attendance.mark_roll_call) and its phone-friendly page."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from programmes.attendance import mark_roll_call
from programmes.exceptions import NotTeacher
from programmes.models import BookingStatus, Certificate, SessionAttendance
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(cohort):
    return cohort.sessions.order_by("starts_at").first()


def rows(session):
    return dict(SessionAttendance.objects.filter(session=session).values_list("user_id", "present"))


def test_every_participant_gets_a_row_present_or_absent(session, cohort, teacher, make_participant):
    anna, bo, cecilia = (make_participant(cohort) for _ in range(3))
    result = mark_roll_call(teacher, session, [anna.pk, cecilia.pk])
    assert rows(session) == {anna.pk: True, bo.pk: False, cecilia.pk: True}
    assert (result.present, result.absent, result.changed) == (2, 1, 3)
    assert SessionAttendance.objects.get(session=session, user=anna).marked_by == teacher


def test_marking_again_is_idempotent_and_can_correct(session, cohort, teacher, make_participant):
    anna, bo = make_participant(cohort), make_participant(cohort)
    mark_roll_call(teacher, session, [anna.pk])
    again = mark_roll_call(teacher, session, [anna.pk])
    assert again.changed == 0
    assert SessionAttendance.objects.filter(session=session).count() == 2
    corrected = mark_roll_call(teacher, session, [bo.pk])
    assert corrected.changed == 2
    assert rows(session) == {anna.pk: False, bo.pk: True}


def test_only_booked_participants_are_stored(session, cohort, teacher, make_participant, cohort_factory):
    booked = make_participant(cohort)
    waiting = make_participant(cohort, status=BookingStatus.WAITING)
    cancelled = make_participant(cohort, status=BookingStatus.CANCELLED)
    stranger = UserFactory()
    mark_roll_call(teacher, session, [booked.pk, waiting.pk, cancelled.pk, stranger.pk])
    assert rows(session) == {booked.pk: True}


def test_a_non_teacher_stores_nothing(session, cohort, make_participant, facilitator):
    person = make_participant(cohort)
    for outsider in (person, facilitator):
        with pytest.raises(NotTeacher) as raised:
            mark_roll_call(outsider, session, [person.pk])
        assert raised.value.status == 403
    assert not SessionAttendance.objects.exists()


def test_another_cohorts_teacher_stores_nothing(session, cohort, cohort_factory, make_participant, roles):
    other_teacher = UserFactory(email="annan.kursledare@example.se")
    cohort_factory(title="Hösten 2027", teachers=[other_teacher])
    person = make_participant(cohort)
    with pytest.raises(NotTeacher):
        mark_roll_call(other_teacher, session, [person.pk])
    assert not SessionAttendance.objects.exists()


def test_the_roll_call_is_audited(session, cohort, teacher, make_participant):
    person = make_participant(cohort)
    mark_roll_call(teacher, session, [person.pk])
    mark_roll_call(teacher, session, [person.pk])  # unchanged: no second entry
    entries = ModelLogEntry.objects.filter(action="programme.roll_call")
    assert entries.count() == 1
    assert entries.get().user_id == teacher.pk


def test_the_fourth_session_issues_the_certificate(cohort, teacher, make_participant):
    person = make_participant(cohort)
    for session in cohort.sessions.order_by("starts_at")[:3]:
        mark_roll_call(teacher, session, [person.pk])
    assert not Certificate.objects.filter(user=person).exists()
    mark_roll_call(teacher, cohort.sessions.order_by("starts_at")[3], [person.pk])
    assert Certificate.objects.filter(user=person, cohort=cohort).exists()


# --- The page ------------------------------------------------------------------------------------


def url(cohort, session):
    return reverse("programme_roll_call", args=[cohort.pk, session.pk])


def test_the_page_lists_participants_with_labelled_checkboxes(client, session, cohort, teacher, make_participant):
    anna = make_participant(cohort, first_name="Anna", last_name="Lindqvist")
    make_participant(cohort, status=BookingStatus.WAITING, first_name="Kö", last_name="Person")
    mark_roll_call(teacher, session, [anna.pk])
    client.force_login(teacher)
    response = client.get(url(cohort, session))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<label for="present-{anna.pk}">Anna Lindqvist' in html
    assert f'id="present-{anna.pk}" checked' in html
    assert "Kö Person" not in html
    assert 'href="?alla=1"' in html  # "Mark all" works without JavaScript


def test_mark_all_without_javascript_ticks_every_box_but_saves_nothing(
    client, session, cohort, teacher, make_participant
):
    people = [make_participant(cohort) for _ in range(3)]
    client.force_login(teacher)
    html = client.get(url(cohort, session) + "?alla=1").content.decode()
    assert all(f'id="present-{p.pk}" checked' in html for p in people)
    assert not SessionAttendance.objects.exists()


def test_posting_saves_and_redirects(client, session, cohort, teacher, make_participant):
    anna, bo = make_participant(cohort), make_participant(cohort)
    client.force_login(teacher)
    response = client.post(url(cohort, session), {"present": [str(anna.pk), "x"]}, follow=True)
    assert response.redirect_chain[-1][0] == url(cohort, session)
    assert rows(session) == {anna.pk: True, bo.pk: False}
    assert "1" in str(next(iter(response.context["messages"])))


@pytest.mark.parametrize("who", ["participant", "other_teacher", "facilitator"])
def test_others_get_404_and_nothing_is_stored(
    client, session, cohort, make_participant, cohort_factory, facilitator, who
):
    person = make_participant(cohort)
    if who == "participant":
        visitor = person
    elif who == "other_teacher":
        visitor = UserFactory(email="annan@example.se")
        cohort_factory(title="Hösten 2027", teachers=[visitor])
    else:
        visitor = facilitator
    client.force_login(visitor)
    assert client.get(url(cohort, session)).status_code == 404
    assert client.post(url(cohort, session), {"present": [person.pk]}).status_code == 404
    assert not SessionAttendance.objects.exists()


def test_a_session_of_another_cohort_is_404(client, cohort, cohort_factory, teacher):
    other = cohort_factory(title="Hösten 2027")
    client.force_login(teacher)
    assert client.get(url(cohort, other.sessions.first())).status_code == 404


def test_anonymous_is_sent_to_login(client, session, cohort):
    response = client.get(url(cohort, session))
    assert response.status_code == 302 and "login" in response["Location"]


def test_roll_call_queries_are_constant(
    client, session, cohort, teacher, make_participant, django_assert_max_num_queries
):
    people = [make_participant(cohort) for _ in range(40)]
    mark_roll_call(teacher, session, [p.pk for p in people[::2]])
    client.force_login(teacher)
    client.get(url(cohort, session))  # warm the site and session caches
    with django_assert_max_num_queries(14):
        response = client.get(url(cohort, session))
    assert response.content.decode().count('name="present"') == 40
    with django_assert_max_num_queries(25):
        client.post(url(cohort, session), {"present": [p.pk for p in people]})
