"""The teacher's pages: the cohorts I teach, one cohort's overview, the review of a home assignment."""

import pytest
from django.urls import reverse
from django.utils import timezone

from elearning.models import ModuleProgress
from programmes import assignments
from programmes.attendance import mark_roll_call
from programmes.models import Feedback, FeedbackDecision, Submission, SubmissionStatus
from tests.factories import UserFactory

from .upload_samples import PDF, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(cohort, modules):
    cohort.assignment_title = "Digital förändring i min förvaltning"
    cohort.modules.set(modules)
    cohort.save()
    return cohort


@pytest.fixture
def other_teacher(roles):
    return UserFactory(email="annan.kursledare@example.se", first_name="Olle", last_name="Annan")


@pytest.fixture
def other_cohort(cohort_factory, other_teacher):
    return cohort_factory(title="Hösten 2027", teachers=[other_teacher])


def test_the_list_shows_only_my_cohorts(client, cohort, other_cohort, teacher, make_participant):
    make_participant(cohort)
    client.force_login(teacher)
    response = client.get(reverse("programme_teaching"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("programme_teaching_cohort", args=[cohort.pk]) in html
    assert reverse("programme_teaching_cohort", args=[other_cohort.pk]) not in html


def test_someone_teaching_nothing_gets_404(client, learner):
    """The list is for teachers (the role, or named on a cohort) and administrators only."""
    client.force_login(learner)
    assert client.get(reverse("programme_teaching")).status_code == 404


def test_a_teacher_without_cohorts_sees_an_empty_list(client, teacher):
    from programmes.models import Cohort

    Cohort.teachers.through.objects.filter(user=teacher).delete()
    client.force_login(teacher)
    response = client.get(reverse("programme_teaching"))
    assert response.status_code == 200
    assert list(response.context["cohorts"]) == []


def test_another_teachers_cohort_is_404(client, cohort, other_cohort, teacher, make_participant):
    client.force_login(teacher)
    assert client.get(reverse("programme_teaching_cohort", args=[other_cohort.pk])).status_code == 404
    assert client.post(reverse("programme_teaching_cohort", args=[other_cohort.pk]), {"share": "on"}).status_code == 404
    other_cohort.refresh_from_db()
    assert not other_cohort.share_approved_assignments


def test_the_overview_shows_completion_per_person(client, assigned, teacher, make_participant, modules):
    done = make_participant(assigned, first_name="Anna", last_name="Klar")
    halfway = make_participant(assigned, first_name="Bo", last_name="Halvvägs")
    for session in assigned.sessions.all()[:4]:
        mark_roll_call(teacher, session, [done.pk, halfway.pk])
    for module in modules:
        ModuleProgress.objects.create(user=done, module=module, completed_at=timezone.now())
    assignments.submit(done, assigned, text="Klar")
    assignments.submit(halfway, assigned, text="Utkast")
    assignments.give_feedback(teacher, Submission.objects.get(user=done), FeedbackDecision.APPROVED)
    client.force_login(teacher)
    response = client.get(reverse("programme_teaching_cohort", args=[assigned.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    completions = {person.pk: completion for person, completion in response.context["rows"]}
    assert completions[done.pk].complete and not completions[halfway.pk].complete
    assert response.context["complete_count"] == 1
    assert 'data-figure="complete">1<' in html
    # sessions link to the roll call, the waiting submission to its review
    assert reverse("programme_roll_call", args=[assigned.pk, assigned.sessions.first().pk]) in html
    waiting = Submission.objects.get(user=halfway)
    assert reverse("programme_review", args=[waiting.pk]) in html
    assert reverse("programme_review", args=[Submission.objects.get(user=done).pk]) not in html
    assert reverse("programme_cohort_certificates", args=[assigned.pk]) in html


def test_the_overview_queries_are_constant(
    client, assigned, teacher, make_participant, modules, django_assert_max_num_queries
):
    people = [make_participant(assigned) for _ in range(40)]
    for number, session in enumerate(assigned.sessions.all()):
        mark_roll_call(teacher, session, [p.pk for p in people[number::2]])
    for person in people[::3]:
        assignments.submit(person, assigned, text="Utkast")
    client.force_login(teacher)
    url = reverse("programme_teaching_cohort", args=[assigned.pk])
    client.get(url)
    with django_assert_max_num_queries(20):
        response = client.get(url)
    assert len(response.context["rows"]) == 40


def test_the_teacher_toggles_sharing(client, assigned, teacher):
    client.force_login(teacher)
    url = reverse("programme_teaching_cohort", args=[assigned.pk])
    response = client.post(url, {"share": "on"})
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.share_approved_assignments
    client.post(url, {})
    assigned.refresh_from_db()
    assert not assigned.share_approved_assignments


# --- Review ---------------------------------------------------------------------------------------


@pytest.fixture
def submission(assigned, make_participant):
    person = make_participant(assigned, first_name="Anna", last_name="Lindqvist")
    assignments.submit(person, assigned, text="Version ett", upload=upload("rapport.pdf", PDF))
    return Submission.objects.get()


def review(submission):
    return reverse("programme_review", args=[submission.pk])


def test_the_review_page_shows_versions_files_and_the_form(client, submission, teacher):
    client.force_login(teacher)
    response = client.get(review(submission))
    assert response.status_code == 200
    html = response.content.decode()
    version = submission.versions.get()
    assert reverse("programme_assignment_file", args=[version.pk]) in html
    assert 'type="radio" name="decision"' in html
    assert "Version ett" in html


def test_the_teacher_approves_through_the_form(client, submission, teacher):
    client.force_login(teacher)
    version = submission.versions.get()
    response = client.post(review(submission), {"decision": "approved", "text": "", "version": version.pk})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED


def test_a_revision_without_text_is_a_form_error(client, submission, teacher):
    client.force_login(teacher)
    version = submission.versions.get()
    response = client.post(review(submission), {"decision": "revision", "text": " ", "version": version.pk})
    assert response.status_code == 400
    assert not Feedback.objects.exists()


def test_a_stale_version_is_409(client, submission, teacher):
    client.force_login(teacher)
    old = submission.versions.get()
    assignments.submit(submission.user, submission.cohort, text="Version två")
    response = client.post(review(submission), {"decision": "approved", "version": old.pk})
    assert response.status_code == 409
    assert not Feedback.objects.exists()


def test_the_participant_cannot_approve_their_own(client, submission):
    client.force_login(submission.user)
    version = submission.versions.get()
    response = client.post(review(submission), {"decision": "approved", "version": version.pk})
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert not Feedback.objects.exists()


def test_others_get_404_and_nothing_is_stored(
    client, submission, other_teacher, other_cohort, make_participant, manager
):
    fellow = make_participant(submission.cohort)
    for outsider in (other_teacher, fellow, manager):
        client.force_login(outsider)
        version = submission.versions.get()
        assert client.get(review(submission)).status_code == 404
        assert client.post(review(submission), {"decision": "approved", "version": version.pk}).status_code == 404
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert not Feedback.objects.exists()
