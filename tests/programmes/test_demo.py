"""The programme demo (programmes.demo, run by seed_demo): idempotent, and it shows what the issue asks for."""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.models import County, Organisation, User
from programmes.completion import completion_for_cohort
from programmes.models import (
    Booking,
    BookingStatus,
    Certificate,
    CertificateStatus,
    Cohort,
    Feedback,
    FeedbackDecision,
    ProgrammePage,
    SessionAttendance,
    Submission,
    SubmissionStatus,
)

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "django_tasks_database", "django_tasks_db"}
    }


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # the certificates' PDFs render after commit
        call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_the_demo_shows_programmes_and_cohorts(seeded, client):
    """One seed (it takes a while), every fact checked on it."""
    check_the_programme_page_and_its_place_in_the_tree()
    check_the_finished_spring_cohort()
    check_the_running_autumn_cohort()
    check_the_next_cohorts_full_with_a_waiting_list_and_half_booked()
    check_participants_from_two_counties_at_least()
    check_the_teacher_has_a_demo_login(seeded, client)


def test_seeding_twice_changes_nothing(seeded, django_capture_on_commit_callbacks):
    first = _counts()
    certificates = sorted(Certificate.objects.values_list("code", "status", "pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", stdout=StringIO())
    assert _counts() == first
    assert sorted(Certificate.objects.values_list("code", "status", "pdf")) == certificates


def check_the_programme_page_and_its_place_in_the_tree():
    page = ProgrammePage.objects.get(title="Chefsprogram för välfärdens digitalisering")
    parent = page.get_parent().specific
    assert parent.title == "Ledarprogram" and parent.slug != "program"
    assert page.live and page.sessions_required == 4
    assert page.target_group and page.intro and "hemuppgift" in page.body


def check_the_finished_spring_cohort():
    cohort = Cohort.objects.get(title="Våren 2026")
    assert (cohort.starts_on, cohort.ends_on) == (datetime.date(2026, 4, 2), datetime.date(2026, 6, 12))
    assert cohort.sessions.count() == 5
    assert cohort.modules.count() >= 1 and cohort.assignment_title
    assert all(t.groups.filter(role__code="teacher").exists() for t in cohort.teachers.all())
    assert cohort.teachers.filter(organisation__isnull=True).exists()  # an outside expert
    booked = Booking.objects.filter(cohort=cohort, status=BookingStatus.BOOKED)
    eskilstuna = booked.filter(user__organisation__name="Eskilstuna kommun")
    assert eskilstuna.count() == 5
    assert booked.values("user__organisation").distinct().count() >= 4
    assert SessionAttendance.objects.filter(session__cohort=cohort, present=True).count() >= 30
    approved = Submission.objects.filter(cohort=cohort, status=SubmissionStatus.APPROVED)
    assert approved.count() == 8
    revised = Submission.objects.get(cohort=cohort, user__email="mikael.rask@eskilstuna.se")
    assert revised.versions.count() == 2
    assert list(Feedback.objects.filter(submission=revised).values_list("decision", flat=True)) == [
        FeedbackDecision.REVISION,
        FeedbackDecision.APPROVED,
    ]
    completions = completion_for_cohort(cohort)
    complete = {user_id for user_id, c in completions.items() if c.complete}
    certificates = Certificate.objects.filter(cohort=cohort)
    assert set(certificates.values_list("user_id", flat=True)) == complete
    assert len(complete) == 8  # one participant attended three sessions only
    assert all(c.status == CertificateStatus.READY and c.pdf for c in certificates)
    assert all(c.issued_at.date() == datetime.date(2026, 6, 15) for c in certificates)


def check_the_running_autumn_cohort():
    cohort = Cohort.objects.get(title="Hösten 2026")
    assert cohort.starts_on == datetime.date(2026, 9, 3)
    assert cohort.bookings.filter(status=BookingStatus.BOOKED).count() == 10
    assert cohort.bookings.filter(booked_by__isnull=False).exists()  # a manager booked for their people
    assert not Certificate.objects.filter(cohort=cohort).exists()


def check_the_next_cohorts_full_with_a_waiting_list_and_half_booked():
    spring = Cohort.objects.get(title="Våren 2027")
    assert spring.bookings.filter(status=BookingStatus.BOOKED).count() == spring.capacity
    assert spring.bookings.filter(status=BookingStatus.WAITING).count() == 3
    autumn = Cohort.objects.get(title="Hösten 2027")
    assert autumn.bookings.filter(status=BookingStatus.BOOKED).count() * 2 == autumn.capacity


def check_participants_from_two_counties_at_least():
    eskilstuna = Organisation.objects.get(name="Eskilstuna kommun")
    assert eskilstuna.county == County.D
    counties = set(
        Booking.objects.filter(status=BookingStatus.BOOKED).values_list("user__organisation__county", flat=True)
    )
    assert {County.D, County.Y} <= counties


def check_the_teacher_has_a_demo_login(seeded, client):
    assert "kursledare@kompetenslyft.se" in seeded
    teacher = User.objects.get(email="kursledare@kompetenslyft.se")
    assert teacher.groups.filter(role__code="teacher").exists()
    assert client.login(email=teacher.email, password="kompetens2026")
