"""Modules taken in order: a locked step cannot be answered, reflected on or skipped on the way to finishing,
whether through the step page, a form post without JavaScript, the in-place answer of elearning.js or the
services directly; and nothing is stored when it is refused."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from elearning import services
from elearning.exceptions import ModuleIncomplete, StepLocked
from elearning.models import Answer, Attempt, ModuleProgress, Reflection, StepVisit
from elearning.models.pages import CompletionRule

from .conftest import correct_ids

pytestmark = pytest.mark.django_db

LOCKED = "Ta stegen i ordning: gör klart steg 1, Steg ett, först."


@pytest.fixture
def ordered(module_factory):
    return module_factory(slug="i-ordning", sequential=True)


def step_url(module, number):
    return reverse("module_step", args=[module.pk, number])


def answer_url(module, number, question):
    return reverse("module_answer", args=[module.pk, number, question.id])


def reflect_url(module, number, question):
    return reverse("module_reflect", args=[module.pk, number, question.id])


def quiz_on(module, number):
    return module.structure.step(number).quiz_questions[0]


def nothing_stored_for(user):
    return not Answer.objects.filter(attempt__user=user).exists() and not Attempt.objects.filter(user=user).exists()


def test_the_service_refuses_an_answer_on_a_locked_step_and_stores_nothing(learner, ordered):
    question = quiz_on(ordered, 2)
    with pytest.raises(StepLocked) as error:
        services.answer_question(learner, ordered, question.id, correct_ids(question), 0)
    assert error.value.blocking_step.number == 1 and error.value.status == 409
    assert nothing_stored_for(learner) and not ModuleProgress.objects.filter(user=learner).exists()


def test_a_visited_step_with_its_question_unanswered_still_locks_the_next(learner, ordered):
    services.record_visit(learner, ordered, ordered.structure.step(1))
    with pytest.raises(StepLocked):
        services.answer_question(learner, ordered, quiz_on(ordered, 2).id, correct_ids(quiz_on(ordered, 2)), 0)
    first = quiz_on(ordered, 1)
    services.answer_question(learner, ordered, first.id, correct_ids(first), 0)
    services.answer_question(learner, ordered, quiz_on(ordered, 2).id, correct_ids(quiz_on(ordered, 2)), 0)
    assert Answer.objects.filter(attempt__user=learner).count() == 2


def test_the_rule_follows_the_completion_rule(learner, ordered):
    """When visiting is all a module asks, a visited step opens the next one without its quiz."""
    ordered.completion_rule = CompletionRule.VISITED
    services.record_visit(learner, ordered, ordered.structure.step(1))
    question = quiz_on(ordered, 2)
    answer, _question = services.answer_question(learner, ordered, question.id, correct_ids(question), 0)
    assert answer.pk is not None
    with pytest.raises(StepLocked) as error:  # step 2 is not visited yet
        services.answer_question(learner, ordered, quiz_on(ordered, 3).id, correct_ids(quiz_on(ordered, 3)), 0)
    assert error.value.blocking_step.number == 2


def test_a_module_without_order_asks_nothing(learner, module, django_assert_num_queries):
    with django_assert_num_queries(0):
        services.ensure_step_open(learner, module, 3)
    question = quiz_on(module, 3)
    services.answer_question(learner, module, question.id, correct_ids(question), 0)
    assert Answer.objects.filter(question_id=question.id).exists()


def test_in_place_answer_on_a_locked_step_is_409_with_the_reason(client, learner, ordered):
    client.force_login(learner)
    client.get(step_url(ordered, 1))
    question = quiz_on(ordered, 2)
    response = client.post(
        answer_url(ordered, 2, question), {"option": correct_ids(question), "seq": 0}, HTTP_X_REQUESTED_WITH="fetch"
    )
    # elearning.js shows a failed response's text in the question's error line.
    assert response.status_code == 409 and response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == LOCKED
    assert nothing_stored_for(learner)


def test_form_answer_on_a_locked_step_goes_to_the_step_to_finish(client, learner, ordered):
    client.force_login(learner)
    question = quiz_on(ordered, 3)
    response = client.post(answer_url(ordered, 3, question), {"option": correct_ids(question), "seq": 0})
    assert response.status_code == 302 and response.url == step_url(ordered, 1)
    assert [str(message) for message in get_messages(response.wsgi_request)] == [LOCKED]
    assert nothing_stored_for(learner)


def test_the_rule_follows_the_question_not_the_url(client, learner, ordered):
    """A step-2 question posted through step 1's address is still on step 2."""
    client.force_login(learner)
    client.get(step_url(ordered, 1))
    question = quiz_on(ordered, 2)
    response = client.post(
        answer_url(ordered, 1, question), {"option": correct_ids(question), "seq": 0}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 409 and nothing_stored_for(learner)


def test_an_invalid_answer_on_a_locked_step_does_not_show_the_step(client, learner, ordered):
    client.force_login(learner)
    response = client.post(answer_url(ordered, 2, quiz_on(ordered, 2)), {"seq": 0})
    assert response.status_code == 302 and response.url == step_url(ordered, 1)
    response = client.post(reverse("module_answer", args=[ordered.pk, 3, "no-such-question"]), {"seq": 0})
    assert response.status_code == 302 and response.url == step_url(ordered, 1)
    assert nothing_stored_for(learner) and not StepVisit.objects.filter(user=learner).exists()


def test_reflection_on_a_locked_step_is_refused_and_not_stored(client, learner, ordered):
    question = ordered.structure.reflection_questions[0]
    assert question.step_number == 2
    with pytest.raises(StepLocked):
        services.save_reflection(learner, ordered, question.id, "Min tanke")
    assert not ModuleProgress.objects.filter(user=learner).exists()
    client.force_login(learner)
    prefix = f"r-{question.id}"
    response = client.post(reflect_url(ordered, 2, question), {f"{prefix}-text": "Min tanke"})
    assert response.status_code == 302 and response.url == step_url(ordered, 1)
    assert [str(message) for message in get_messages(response.wsgi_request)] == [LOCKED]
    # An empty (invalid) reflection does not show the locked step either.
    response = client.post(reflect_url(ordered, 2, question), {f"{prefix}-text": ""})
    assert response.status_code == 302 and response.url == step_url(ordered, 1)
    assert not Reflection.objects.exists()


def test_finishing_before_the_steps_are_done_is_refused(client, learner, ordered):
    first = quiz_on(ordered, 1)
    services.record_visit(learner, ordered, ordered.structure.step(1))
    services.answer_question(learner, ordered, first.id, correct_ids(first), 0)
    with pytest.raises(ModuleIncomplete) as error:
        services.finish_attempt(learner, ordered)
    assert [step.number for step in error.value.missing_steps] == [2, 3]
    client.force_login(learner)
    response = client.post(reverse("module_finish", args=[ordered.pk]), {"attempt": 1})
    assert response.status_code == 409 and "Steg två" in response.content.decode()
    assert ModuleProgress.objects.get(user=learner).completed_at is None
    assert Attempt.objects.get(user=learner).is_open


def test_the_whole_module_in_order_through_the_views(client, learner, ordered):
    client.force_login(learner)
    reflection = ordered.structure.reflection_questions[0]
    for step in ordered.structure.steps:
        assert client.get(step_url(ordered, step.number)).status_code == 200
        for question in step.quiz_questions:
            response = client.post(
                answer_url(ordered, step.number, question),
                {"option": correct_ids(question), "seq": 0},
                HTTP_X_REQUESTED_WITH="fetch",
            )
            assert response.status_code == 200 and "feedback--correct" in response.content.decode()
        if step.number == reflection.step_number:
            response = client.post(reflect_url(ordered, step.number, reflection), {f"r-{reflection.id}-text": "Klart"})
            assert response.status_code == 302 and response.url.startswith(step_url(ordered, step.number))
    response = client.post(reverse("module_finish", args=[ordered.pk]), {"attempt": 1})
    assert response.status_code == 302
    progress = ModuleProgress.objects.get(user=learner, module=ordered)
    assert progress.completed_at is not None and progress.best_score == 100
    assert Reflection.objects.get(user=learner).text == "Klart"


def test_a_retake_opens_the_steps_in_order_again(learner, ordered):
    """After a finished attempt the new one starts empty, so step 2 waits for step 1's answer again."""
    for step in ordered.structure.steps:
        services.record_visit(learner, ordered, step)
        for question in step.quiz_questions:
            services.answer_question(learner, ordered, question.id, correct_ids(question), 0)
    services.finish_attempt(learner, ordered)
    services.start_attempt(learner, ordered)
    with pytest.raises(StepLocked):
        services.answer_question(learner, ordered, quiz_on(ordered, 2).id, correct_ids(quiz_on(ordered, 2)), 0)
    assert not Answer.objects.filter(attempt__number=2).exists()
