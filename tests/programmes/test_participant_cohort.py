""" "Min omgång": the participant's own cohort page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from elearning.models import ModuleProgress
from programmes import assignments
from programmes.attendance import mark_roll_call
from programmes.models import BookingStatus, Certificate, CertificateStatus, FeedbackDecision, Submission
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(cohort, modules):
    cohort.assignment_title = "Digital förändring i min förvaltning"
    cohort.modules.set(modules)
    cohort.save()
    return cohort


def url(cohort):
    return reverse("programme_participant_cohort", args=[cohort.pk])


def test_the_page_shows_sessions_modules_assignment_and_checklist(client, assigned, teacher, make_participant, modules):
    person = make_participant(assigned)
    sessions = list(assigned.sessions.order_by("starts_at"))
    mark_roll_call(teacher, sessions[0], [person.pk])
    mark_roll_call(teacher, sessions[1], [])
    ModuleProgress.objects.create(user=person, module=modules[0], completed_at=timezone.now())
    client.force_login(person)
    response = client.get(url(assigned))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('data-present="yes"') == 1
    assert html.count('data-present="no"') == 1
    assert html.count('data-present="unmarked"') == 3
    assert 'data-status="completed"' in html and 'data-status="not_started"' in html
    assert reverse("programme_assignment", args=[assigned.pk]) in html
    assert html.count('data-done="no"') == 3  # sessions, modules, assignment
    assert "data-certificate" not in html
    assert not response.context["completion"].complete


def test_a_completed_participant_sees_the_certificate_link(client, assigned, teacher, make_participant, modules):
    person = make_participant(assigned)
    for session in assigned.sessions.all()[:4]:
        mark_roll_call(teacher, session, [person.pk])
    for module in modules:
        ModuleProgress.objects.create(user=person, module=module, completed_at=timezone.now())
    assignments.submit(person, assigned, text="Klar")
    assignments.give_feedback(teacher, Submission.objects.get(), FeedbackDecision.APPROVED)
    certificate = Certificate.objects.get(user=person)
    Certificate.objects.filter(pk=certificate.pk).update(status=CertificateStatus.READY)
    client.force_login(person)
    html = client.get(url(assigned)).content.decode()
    assert 'data-complete="yes"' in html
    assert reverse("programme_certificate_download", args=[certificate.pk]) in html


def test_a_certificate_being_prepared_has_no_link_yet(client, cohort, teacher, make_participant):
    person = make_participant(cohort)
    for session in cohort.sessions.all()[:4]:
        mark_roll_call(teacher, session, [person.pk])
    certificate = Certificate.objects.get(user=person)
    Certificate.objects.filter(pk=certificate.pk).update(status=CertificateStatus.PENDING)
    client.force_login(person)
    html = client.get(url(cohort)).content.decode()
    assert "data-certificate" in html
    assert reverse("programme_certificate_download", args=[certificate.pk]) not in html


@pytest.mark.parametrize("status", [BookingStatus.WAITING, BookingStatus.CANCELLED])
def test_without_a_booked_place_it_is_404(client, cohort, make_participant, status):
    client.force_login(make_participant(cohort, status=status))
    assert client.get(url(cohort)).status_code == 404


def test_strangers_and_teachers_get_404(client, cohort, teacher, make_participant):
    make_participant(cohort)
    for visitor in (UserFactory(), teacher):
        client.force_login(visitor)
        assert client.get(url(cohort)).status_code == 404


def test_queries_are_bounded(client, assigned, make_participant, django_assert_max_num_queries):
    people = [make_participant(assigned) for _ in range(20)]
    client.force_login(people[0])
    client.get(url(assigned))
    with django_assert_max_num_queries(25):
        assert client.get(url(assigned)).status_code == 200
