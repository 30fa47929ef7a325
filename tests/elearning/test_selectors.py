"""The step page's one-query read of progress and attempts gives what the ORM would, on either database."""

import pytest
from django.utils import timezone

from elearning import selectors, services
from elearning.models import Attempt, ModuleProgress

from .conftest import correct_ids

pytestmark = pytest.mark.django_db


def fields(instance):
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_nothing_yet(learner, module):
    assert selectors.progress_and_attempts(learner, module) == (None, None, None)


def test_an_open_attempt_is_the_latest_and_values_match_the_orm(learner, module, django_assert_num_queries):
    question = module.structure.quiz_questions[0]
    services.record_visit(learner, module, module.structure.steps[0])
    services.answer_question(learner, module, question.id, correct_ids(question), 0)
    with django_assert_num_queries(1):
        progress, open_attempt, latest = selectors.progress_and_attempts(learner, module)
    assert fields(progress) == fields(ModuleProgress.objects.get(user=learner, module=module))
    assert open_attempt == latest == Attempt.objects.get(user=learner, module=module)
    assert fields(latest) == fields(Attempt.objects.get(pk=latest.pk))
    assert timezone.is_aware(latest.started_at) and latest.passed is None


def test_a_finished_attempt_is_shown_but_not_open(learner, other_learner, module):
    for number in (1, 2):
        Attempt.objects.create(
            user=learner,
            module=module,
            number=number,
            finished_at=timezone.now(),
            percent=40 * number,
            passed=number == 2,
        )
    Attempt.objects.create(user=other_learner, module=module, number=3)  # someone else's: never read
    progress, open_attempt, latest = selectors.progress_and_attempts(learner, module)
    assert progress is None and open_attempt is None
    assert latest.number == 2 and latest.passed is True and latest.percent == 80
