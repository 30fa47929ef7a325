"""Quiz options: shuffled per learner when the module asks for it, graded by id, and compact in the editor."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.pagetree import ensure_child_page
from core.templatetags.kept import forget_all
from elearning import page_cache, services
from elearning.building import raw_steps
from elearning.models import Answer, ModulePage
from elearning.structure import question_for_learner
from tests.builders import module_dict, quiz
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FIVE = [("Mål", True), ("Teknik", False), ("Ansvar", True), ("Logotyp", False), ("Uppföljning", True)]


def make_quiz_module(course, *, shuffle, slug="blandade-alternativ"):
    """Two steps; step one ends with a multiple-choice question of five options, three of them right."""
    data = module_dict(slug=slug, steps=2)
    data["steps"][0]["content"].append(quiz("Vad hör till styrningen?", "multiple", FIVE))
    page, _ = ensure_child_page(
        course,
        ModulePage,
        slug,
        title="Blandade alternativ",
        intro="",
        pass_mark=60,
        shuffle_options=shuffle,
        steps=raw_steps(data),
    )
    return page


@pytest.fixture
def shuffled(course):
    return make_quiz_module(course, shuffle=True)


@pytest.fixture
def unshuffled(course):
    return make_quiz_module(course, shuffle=False, slug="ordnade-alternativ")


def step_url(module, number):
    return reverse("module_step", args=[module.pk, number])


def five_options(module):
    return module.structure.steps[0].quiz_questions[-1]


def shown_order(html, question):
    """The option ids in the order the answer form of `question` lists them."""
    form = html.split(f'id="q-{question.id}"', 1)[1].split("</form>", 1)[0]
    return re.findall(r'name="option" value="([^"]+)"', form)


def order_for(client, user, module, question):
    client.force_login(user)
    response = client.get(step_url(module, question.step_number))
    assert response.status_code == 200
    return shown_order(response.content.decode(), question)


def texts(question, ids):
    by_id = {option.id: option.text for option in question.options}
    return [by_id[option_id] for option_id in ids]


def test_order_is_stable_for_a_learner_across_requests_and_processes(client, learner, shuffled):
    question = five_options(shuffled)
    first = order_for(client, learner, shuffled, question)
    assert sorted(first) == sorted(question.option_ids())
    # A fresh process: no kept fragments, no kept module.
    forget_all()
    page_cache._kept.clear()
    assert order_for(client, learner, shuffled, question) == first
    # The rule itself gives the same order for a new copy of the module, read from the database.
    again = ModulePage.objects.get(pk=shuffled.pk)
    assert [o.id for o in question_for_learner(again.structure.questions[question.id], again, learner).options] == first


def test_orders_differ_between_learners(client, shuffled):
    question = five_options(shuffled)
    authored = [option.id for option in question.options]
    orders = [tuple(order_for(client, UserFactory(), shuffled, question)) for _ in range(20)]
    assert len(set(orders)) > 1
    assert any(list(order) != authored for order in orders)
    assert all(sorted(order) == sorted(authored) for order in orders)


def test_authored_order_when_the_setting_is_off(client, unshuffled):
    assert unshuffled.shuffle_options is False
    for question in unshuffled.structure.quiz_questions[:2] + [five_options(unshuffled)]:
        authored = [option.id for option in question.options]
        for _ in range(5):
            assert order_for(client, UserFactory(), unshuffled, question) == authored


def test_new_modules_are_not_shuffled_by_default(course):
    assert ModulePage(title="Ny").shuffle_options is False


def _learner_with_a_new_order(client, module, question):
    """A learner whose order puts the right options in another order than the authored one."""
    authored_right = [option.id for option in question.options if option.correct]
    for _ in range(20):
        user = UserFactory()
        order = order_for(client, user, module, question)
        right = [option_id for option_id in order if option_id in authored_right]
        if right != authored_right:
            return user, order
    pytest.fail("twenty learners all saw the right options in the authored order")


def test_grading_goes_by_option_id_whatever_the_order(client, shuffled):
    question = five_options(shuffled)
    user, order = _learner_with_a_new_order(client, shuffled, question)
    right = set(question.correct_ids())
    answer_url = reverse("module_answer", args=[shuffled.pk, 1, question.id])
    # The options the learner sees first, second and fourth: by id, whatever positions they have.
    chosen = [option_id for option_id in order if option_id in right]
    response = client.post(answer_url, {"option": chosen, "seq": 0})
    assert response.status_code == 302
    answer = Answer.objects.get(attempt__user=user, question_id=question.id)
    assert answer.correct and answer.first_correct and answer.points == question.points
    assert set(answer.first_selected) == right
    # Choosing by the authored positions of the right options picks other options for this learner:
    # what counts is the id, so that choice is graded as the ids say.
    by_position = [order[i] for i, option in enumerate(question.options) if option.correct]
    assert services.answer_question(user, shuffled, question.id, by_position, 1)[0].correct == (
        set(by_position) == right
    )


def test_a_whole_attempt_is_graded_the_same_shuffled_or_not(client, shuffled):
    user = UserFactory()
    for step in shuffled.structure.steps:
        client.force_login(user)
        client.get(step_url(shuffled, step.number))
        for question in step.quiz_questions:
            services.answer_question(user, shuffled, question.id, sorted(question.correct_ids()), 0)
    attempt = services.finish_attempt(user, shuffled)
    assert attempt.passed and attempt.score_points == shuffled.structure.max_points


def test_the_answer_fragment_lists_the_chosen_options_in_the_learners_order(client, shuffled):
    question = five_options(shuffled)
    _user, order = _learner_with_a_new_order(client, shuffled, question)
    right = [option_id for option_id in order if option_id in question.correct_ids()]
    response = client.post(
        reverse("module_answer", args=[shuffled.pk, 1, question.id]),
        {"option": right, "seq": 0},
        HTTP_X_REQUESTED_WITH="fetch",
    )
    assert response.status_code == 200
    html = response.content.decode()
    positions = [html.index(f"<strong>{text}</strong>") for text in texts(question, right)]
    assert positions == sorted(positions)
    # And the step page shows the same after a reload.
    page = client.get(step_url(shuffled, 1)).content.decode()
    positions = [page.index(f"<strong>{text}</strong>") for text in texts(question, right)]
    assert positions == sorted(positions)


def test_the_review_shows_the_options_in_the_learners_order(client, shuffled):
    question = five_options(shuffled)
    user, order = _learner_with_a_new_order(client, shuffled, question)
    for step in shuffled.structure.steps:
        services.record_visit(user, shuffled, step)
        for each in step.quiz_questions:
            services.answer_question(user, shuffled, each.id, sorted(each.correct_ids()), 0)
    attempt = services.finish_attempt(user, shuffled)
    response = client.get(reverse("module_review", args=[shuffled.pk, attempt.number]))
    assert response.status_code == 200
    html = response.content.decode()
    section = html.split(f'id="review-{question.id}"', 1)[1].split("</section>", 1)[0]
    right_in_learner_order = texts(question, [option_id for option_id in order if option_id in question.correct_ids()])
    chosen, key = section.split("feedback__label", 2)[1:]  # "Your answer" list, then "Right answer" list
    assert re.findall(r"<strong>([^<]+)</strong>", chosen) == right_in_learner_order
    assert re.findall(r"<li>([^<]+)</li>", key) == right_in_learner_order
    assert right_in_learner_order != [text for text, correct in FIVE if correct]


def test_shuffling_costs_no_query(client, shuffled, unshuffled):
    user = UserFactory()
    client.force_login(user)
    counts = []
    for module in (unshuffled, shuffled):
        client.get(step_url(module, 1))  # first visit: keep the module, record the visit
        with CaptureQueriesContext(connection) as queries:
            assert client.get(step_url(module, 1)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_module_editor_has_the_setting_and_the_compact_options(client, editor, shuffled):
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[shuffled.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="shuffle_options"' in html
    assert "kl-quiz-option" in html  # the compact layout's class, styled in static/css/admin.css
    assert "css/admin.css" in html
