import pytest
from django.utils import timezone

from elearning import services
from elearning.exceptions import (
    AttemptLimitReached,
    InvalidAnswer,
    ModuleIncomplete,
    NoOpenAttempt,
    StaleAnswer,
    UnknownQuestion,
)
from elearning.models import Answer, Attempt, ModulePage, ModuleProgress, Reflection, StepVisit
from tests.builders import workshop_member

from .conftest import correct_ids, wrong_ids


def visit_all(user, module):
    for step in module.structure.steps:
        services.record_visit(user, module, step)


def answer_all(user, module, right=True):
    for question in module.structure.quiz_questions:
        services.answer_question(user, module, question.id, correct_ids(question) if right else wrong_ids(question), 0)


def test_first_answer_starts_attempt_and_is_graded(learner, module):
    question = module.structure.quiz_questions[0]
    answer, _ = services.answer_question(learner, module, question.id, correct_ids(question), 0)
    assert answer.first_correct and answer.points == 1 and answer.tries == 1
    assert Attempt.objects.get(user=learner, module=module).number == 1


def test_retry_is_practice_and_does_not_change_points(learner, module):
    question = module.structure.quiz_questions[0]
    services.answer_question(learner, module, question.id, wrong_ids(question), 0)
    answer, _ = services.answer_question(learner, module, question.id, correct_ids(question), 1)
    assert answer.correct and not answer.first_correct
    assert answer.points == 0 and answer.tries == 2


def test_double_submit_is_idempotent(learner, module):
    question = module.structure.quiz_questions[0]
    services.answer_question(learner, module, question.id, wrong_ids(question), 0)
    answer, _ = services.answer_question(learner, module, question.id, wrong_ids(question), 0)
    assert answer.tries == 1
    assert Answer.objects.count() == 1


def test_stale_submission_is_refused(learner, module):
    question = module.structure.quiz_questions[0]
    services.answer_question(learner, module, question.id, wrong_ids(question), 0)
    services.answer_question(learner, module, question.id, correct_ids(question), 1)
    with pytest.raises(StaleAnswer):
        services.answer_question(learner, module, question.id, wrong_ids(question), 0)
    with pytest.raises(StaleAnswer):
        services.answer_question(
            learner, module, module.structure.quiz_questions[1].id, correct_ids(module.structure.quiz_questions[1]), 3
        )
    assert Answer.objects.get(question_id=question.id).correct


def test_unknown_question_and_foreign_option(learner, module):
    with pytest.raises(UnknownQuestion):
        services.answer_question(learner, module, "no-such-block", ["x"], 0)
    reflection = module.structure.reflection_questions[0]
    with pytest.raises(UnknownQuestion):
        services.answer_question(learner, module, reflection.id, ["x"], 0)
    question = module.structure.quiz_questions[0]
    other = module.structure.quiz_questions[1]
    with pytest.raises(InvalidAnswer):
        services.answer_question(learner, module, question.id, correct_ids(other), 0)
    assert not Answer.objects.exists() and not Attempt.objects.exists()


def test_finish_requires_every_step(learner, module):
    answer_all(learner, module)
    services.record_visit(learner, module, module.structure.steps[0])
    with pytest.raises(ModuleIncomplete) as error:
        services.finish_attempt(learner, module)
    assert [s.title for s in error.value.missing_steps] == ["Steg två", "Steg tre"]
    assert ModuleProgress.objects.get(user=learner).completed_at is None


def test_completion_is_recorded_once_with_time(learner, module):
    visit_all(learner, module)
    answer_all(learner, module)
    attempt = services.finish_attempt(learner, module, attempt_number=1)
    assert attempt.passed and attempt.percent == 100
    progress = ModuleProgress.objects.get(user=learner, module=module)
    first_completed = progress.completed_at
    assert first_completed is not None and progress.best_score == 100
    # Finishing again (double click) returns the same graded attempt.
    assert services.finish_attempt(learner, module, attempt_number=1).pk == attempt.pk
    services.start_attempt(learner, module)
    answer_all(learner, module, right=False)
    second = services.finish_attempt(learner, module)
    assert not second.passed and second.percent == 0
    progress.refresh_from_db()
    assert progress.completed_at == first_completed and progress.best_score == 100
    assert Attempt.objects.filter(user=learner).count() == 2  # history kept


def test_failed_then_passed_best_score_counts(learner, module):
    visit_all(learner, module)
    answer_all(learner, module, right=False)
    assert not services.finish_attempt(learner, module).passed
    assert ModuleProgress.objects.get(user=learner).completed_at is None
    with pytest.raises(NoOpenAttempt):  # answering does not reopen a finished attempt
        question = module.structure.quiz_questions[0]
        services.answer_question(learner, module, question.id, correct_ids(question), 0)
    services.start_attempt(learner, module)
    answer_all(learner, module)
    assert services.finish_attempt(learner, module).passed
    progress = ModuleProgress.objects.get(user=learner)
    assert progress.completed_at and progress.best_score == 100 and progress.attempts_used == 2


def test_attempt_limit(learner, module_factory):
    module = module_factory(slug="tva-forsok", max_attempts=2)
    visit_all(learner, module)
    for _ in range(2):
        services.start_attempt(learner, module)
        answer_all(learner, module, right=False)
        services.finish_attempt(learner, module)
    with pytest.raises(AttemptLimitReached):
        services.start_attempt(learner, module)
    assert Attempt.objects.filter(user=learner).count() == 2


def test_start_attempt_returns_the_open_one(learner, module):
    first = services.start_attempt(learner, module)
    assert services.start_attempt(learner, module).pk == first.pk


def test_completion_survives_revision(learner, module):
    visit_all(learner, module)
    answer_all(learner, module)
    services.finish_attempt(learner, module)
    completed_at = ModuleProgress.objects.get(user=learner).completed_at
    # An editor removes a question and adds a step, then publishes.
    page = ModulePage.objects.get(pk=module.pk)
    data = page.steps.raw_data
    removed = data[0]["value"]["content"].pop(1)["id"]
    data.append({"type": "step", "value": {"title": "Nytt steg", "content": []}})
    page.steps = data
    page.save_revision().publish()
    page = ModulePage.objects.get(pk=module.pk)
    assert removed not in page.structure.questions
    assert ModuleProgress.objects.get(user=learner).completed_at == completed_at


def test_reflection_is_saved_and_updated(learner, module):
    workshop_member(learner, module)  # shared only when it reaches a kit (tests/elearning/test_reflection_sharing)
    question = module.structure.reflection_questions[0]
    services.save_reflection(learner, module, question.id, "Första tanken", shared=False, show_name=True)
    reflection = services.save_reflection(learner, module, question.id, "Ny tanke", shared=True, show_name=True)
    assert Reflection.objects.count() == 1
    assert reflection.text == "Ny tanke" and reflection.shared and reflection.show_name
    # Showing the name only makes sense when shared.
    assert not services.save_reflection(learner, module, question.id, "x", shared=False, show_name=True).show_name


def test_visits_are_idempotent(learner, module):
    step = module.structure.steps[0]
    services.record_visit(learner, module, step)
    services.record_visit(learner, module, step)
    assert learner.step_visits.count() == 1
    assert ModuleProgress.objects.get(user=learner).last_step_id == step.id


def test_erasure_keeps_anonymous_completion(learner, module):
    from core import personal_data

    visit_all(learner, module)
    answer_all(learner, module)
    services.finish_attempt(learner, module)
    exported = personal_data.export_all(learner)
    assert exported["elearning"]["progress"][0]["best_score"] == 100
    personal_data.erase_all(learner)
    learner.delete()
    progress = ModuleProgress.objects.get(module=module)
    assert progress.user is None and progress.completed_at <= timezone.now()
    assert not Answer.objects.exists() and not Attempt.objects.exists()


def test_reloading_the_current_step_writes_nothing_but_moving_on_records(learner, module, django_assert_num_queries):
    first, second = module.structure.steps[:2]
    services.record_visit(learner, module, first)
    progress = ModuleProgress.objects.get(user=learner, module=module)
    with django_assert_num_queries(0):
        services.record_visit(learner, module, first, progress)
    services.record_visit(learner, module, second, progress)
    progress.refresh_from_db()
    assert progress.last_step_id == second.id
    assert set(StepVisit.objects.filter(user=learner, module=module).values_list("step_id", flat=True)) == {
        first.id,
        second.id,
    }
