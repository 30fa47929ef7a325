"""Concurrent submissions store one result. Needs PostgreSQL (real row locks); CI runs it there."""

import pytest
from django.db import connection

from elearning import services
from elearning.models import Answer, Attempt, ModuleProgress, StepVisit
from tests.concurrency import run_parallel as run_all

from .conftest import correct_ids

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs this on it"),
]


def run_parallel(func, count=2):
    return run_all([func] * count)


def test_parallel_same_answer_stores_one(learner, module):
    question = module.structure.quiz_questions[0]
    errors = run_parallel(lambda: services.answer_question(learner, module, question.id, correct_ids(question), 0), 4)
    assert errors == []
    assert Attempt.objects.filter(user=learner).count() == 1
    answer = Answer.objects.get()
    assert answer.tries == 1 and answer.points == 1


def test_parallel_visits_and_finish_give_one_grade(learner, module):
    errors = run_parallel(lambda: [services.record_visit(learner, module, s) for s in module.structure.steps], 3)
    assert errors == []
    assert StepVisit.objects.filter(user=learner).count() == len(module.structure.steps)
    assert ModuleProgress.objects.filter(user=learner).count() == 1
    for question in module.structure.quiz_questions:
        services.answer_question(learner, module, question.id, correct_ids(question), 0)
    errors = run_parallel(lambda: services.finish_attempt(learner, module, attempt_number=1), 3)
    assert errors == []
    attempt = Attempt.objects.get(user=learner)
    assert attempt.percent == 100 and attempt.finished_at
    assert ModuleProgress.objects.get(user=learner).completed_at is not None


def test_parallel_start_attempt_opens_one(learner, module):
    errors = run_parallel(lambda: services.start_attempt(learner, module), 4)
    assert errors == []
    assert Attempt.objects.filter(user=learner).count() == 1
