"""The one completion rule (programmes.completion): sessions, self-study modules, the approved assignment."""

import pytest
from django.utils import timezone

from elearning.models import ModuleProgress
from programmes.completion import completion_for_cohort, completion_of
from programmes.models import BookingStatus, Session, SessionAttendance, Submission, SubmissionStatus

pytestmark = pytest.mark.django_db


def attend(user, cohort, count, present=True):
    for session in Session.objects.filter(cohort=cohort).order_by("starts_at")[:count]:
        SessionAttendance.objects.update_or_create(session=session, user=user, defaults={"present": present})


def complete_modules(user, modules, completed=True):
    for module in modules:
        ModuleProgress.objects.update_or_create(
            user=user, module=module, defaults={"completed_at": timezone.now() if completed else None}
        )


def approve(user, cohort, status=SubmissionStatus.APPROVED):
    Submission.objects.update_or_create(cohort=cohort, user=user, defaults={"status": status})


@pytest.fixture
def full_cohort(cohort, modules):
    cohort.modules.set(modules)
    cohort.assignment_title = "Digital förändring i min förvaltning"
    cohort.save()
    return cohort


def test_everything_done_completes(full_cohort, modules, make_participant):
    person = make_participant(full_cohort)
    attend(person, full_cohort, 4)
    complete_modules(person, modules)
    approve(person, full_cohort)
    result = completion_of(person, full_cohort)
    assert result.complete
    assert result.missing == []
    assert (result.sessions_attended, result.sessions_required) == (4, 4)
    assert (result.modules_done, result.modules_total) == (2, 2)
    assert result.assignment_status == SubmissionStatus.APPROVED


def test_one_session_short_is_not_complete(full_cohort, modules, make_participant):
    person = make_participant(full_cohort)
    attend(person, full_cohort, 3)
    complete_modules(person, modules)
    approve(person, full_cohort)
    result = completion_of(person, full_cohort)
    assert not result.complete
    assert result.sessions_attended == 3
    assert len(result.missing) == 1 and "4" in result.missing[0]


def test_absent_rows_do_not_count(full_cohort, modules, make_participant):
    person = make_participant(full_cohort)
    attend(person, full_cohort, 5, present=False)
    attend(person, full_cohort, 3)
    assert completion_of(person, full_cohort).sessions_attended == 3


def test_a_module_in_progress_is_not_done(full_cohort, modules, make_participant):
    person = make_participant(full_cohort)
    attend(person, full_cohort, 5)
    complete_modules(person, modules[:1])
    complete_modules(person, modules[1:], completed=False)
    approve(person, full_cohort)
    result = completion_of(person, full_cohort)
    assert not result.complete
    assert (result.modules_done, result.modules_total) == (1, 2)


def test_progress_in_a_module_outside_the_cohort_does_not_count(full_cohort, modules, module_factory, make_participant):
    other = module_factory(slug="annan-modul")
    person = make_participant(full_cohort)
    complete_modules(person, [modules[0], other])
    assert completion_of(person, full_cohort).modules_done == 1


@pytest.mark.parametrize(
    "status", [None, SubmissionStatus.SUBMITTED, SubmissionStatus.REVISION], ids=["none", "submitted", "revision"]
)
def test_the_assignment_must_be_approved(full_cohort, modules, make_participant, status):
    person = make_participant(full_cohort)
    attend(person, full_cohort, 5)
    complete_modules(person, modules)
    if status:
        approve(person, full_cohort, status)
    result = completion_of(person, full_cohort)
    assert not result.complete
    assert result.assignment_status == (status or "")
    assert len(result.missing) == 1


def test_no_assignment_and_no_modules_means_sessions_only(cohort, make_participant):
    person = make_participant(cohort)
    attend(person, cohort, 4)
    result = completion_of(person, cohort)
    assert result.complete
    assert result.assignment_status is None and not result.assignment_required
    assert result.modules_total == 0


def test_required_sessions_capped_at_the_sessions_held(cohort_factory, make_participant, programme_page):
    programme_page.sessions_required = 8
    programme_page.save()
    short = cohort_factory(title="Kort omgång", sessions=3)
    person = make_participant(short)
    attend(person, short, 3)
    result = completion_of(person, short)
    assert result.sessions_required == 3
    assert result.complete


def test_without_a_booked_place_nothing_is_complete(cohort, make_participant):
    person = make_participant(cohort, status=BookingStatus.WAITING)
    attend(person, cohort, 5)
    result = completion_of(person, cohort)
    assert not result.complete
    assert result.booked is False
    assert person.pk not in completion_for_cohort(cohort)


def test_attendance_in_another_cohort_does_not_count(cohort, cohort_factory, make_participant):
    person = make_participant(cohort)
    other = cohort_factory(title="Hösten 2027")
    attend(person, other, 5)
    assert completion_of(person, cohort).sessions_attended == 0


def test_cohort_figures_match_one_by_one_in_fixed_queries(
    full_cohort, modules, make_participant, django_assert_max_num_queries
):
    people = [make_participant(full_cohort) for _ in range(40)]
    for number, person in enumerate(people):
        attend(person, full_cohort, number % 6)
        complete_modules(person, modules[: number % 3])
        if number % 2:
            approve(person, full_cohort)
    full_cohort.refresh_from_db()
    with django_assert_max_num_queries(7):
        result = completion_for_cohort(full_cohort)
    assert set(result) == {person.pk for person in people}
    for person in people:
        assert result[person.pk] == completion_of(person, full_cohort)
    assert sum(1 for c in result.values() if c.complete) == sum(
        1 for n in range(40) if n % 6 >= 4 and n % 3 == 2 and n % 2
    )
