import re

import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from accounts.roles import MANAGER, group_for
from elearning import services
from elearning.models import Answer, Attempt, ModuleProgress, Reflection, StepVisit

from .conftest import correct_ids, wrong_ids


def step_url(module, number):
    return reverse("module_step", args=[module.pk, number])


def answer_url(module, number, question):
    return reverse("module_answer", args=[module.pk, number, question.id])


def test_anonymous_can_read_course_but_not_take_module(client, module, course):
    assert client.get(course.url).status_code == 200
    overview = client.get(module.url)
    assert overview.status_code == 200
    assert f"?next={module.url}" in overview.content.decode()
    response = client.get(step_url(module, 1))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login")) and "next=" in response.url


def test_login_returns_to_the_module(client, learner, module):
    from tests.factories import PASSWORD

    response = client.post(
        reverse("account_login") + f"?next={module.url}",
        {"login": learner.email, "password": PASSWORD, "next": module.url},
    )
    assert response.status_code == 302 and response.url == module.url


def test_step_renders_and_records_visit(client, learner, module):
    client.force_login(learner)
    response = client.get(step_url(module, 1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Steg ett" in html and "Steg 1 av 3" in html
    assert StepVisit.objects.filter(user=learner, module=module).count() == 1


def test_correct_answers_never_reach_the_browser_before_answering(client, learner, module):
    client.force_login(learner)
    for number, step in enumerate(module.structure.steps, start=1):
        html = client.get(step_url(module, number)).content.decode()
        for question in step.quiz_questions:
            for option in question.options:
                assert option.text in html  # the options are there …
                assert option.feedback not in html  # … but no feedback,
            assert "Förklaring" not in html  # no explanation,
        # and nothing in markup, attributes or JSON that tells right from wrong.
        assert not re.search(r"correct|right|rätt|data-answer|application/json", html.split('id="main"')[1], re.I)


def test_answer_without_javascript_shows_feedback_after_redirect(client, learner, module):
    client.force_login(learner)
    question = module.structure.steps[0].quiz_questions[0]
    response = client.post(answer_url(module, 1, question), {"option": wrong_ids(question), "seq": 0})
    assert response.status_code == 302 and response.url.endswith(f"#q-{question.id}")
    html = client.get(step_url(module, 1)).content.decode()
    assert "Inte helt rätt" in html
    assert "Förklaring: styrning före teknik." in html
    assert "Försök igen" in html


def test_answer_with_javascript_returns_the_question_fragment(client, learner, module):
    client.force_login(learner)
    question = module.structure.steps[0].quiz_questions[0]
    response = client.post(
        answer_url(module, 1, question), {"option": correct_ids(question), "seq": 0}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith("<section") and "Rätt!" in html


@pytest.mark.parametrize(
    ("payload", "status", "text"),
    [
        ({"option": ["not-an-option"], "seq": 0}, 400, "Välj ett svar"),
        ({"seq": 0}, 400, "Välj ett svar"),
        ({"option": ["x"], "seq": "abc"}, 400, "Välj ett svar"),
    ],
)
def test_bad_answers_get_a_clear_message(client, learner, module, payload, status, text):
    client.force_login(learner)
    question = module.structure.steps[0].quiz_questions[0]
    response = client.post(answer_url(module, 1, question), payload)
    assert response.status_code == status
    assert text in response.content.decode()
    assert not Answer.objects.exists()


def test_unknown_block_id_is_400(client, learner, module):
    client.force_login(learner)
    response = client.post(reverse("module_answer", args=[module.pk, 1, "no-such-block"]), {"option": ["a"], "seq": 0})
    assert response.status_code == 400
    assert "inte längre en del av modulen" in response.content.decode()


def test_option_of_another_question_is_400(client, learner, module):
    client.force_login(learner)
    first, second = module.structure.quiz_questions[:2]
    response = client.post(answer_url(module, 1, first), {"option": correct_ids(second), "seq": 0})
    assert response.status_code == 400


def test_stale_submit_is_409_and_double_submit_stores_one(client, learner, module):
    client.force_login(learner)
    question = module.structure.steps[0].quiz_questions[0]
    for _ in range(2):
        assert (
            client.post(answer_url(module, 1, question), {"option": wrong_ids(question), "seq": 0}).status_code == 302
        )
    assert Answer.objects.get().tries == 1
    client.post(answer_url(module, 1, question), {"option": correct_ids(question), "seq": 1})
    response = client.post(answer_url(module, 1, question), {"option": wrong_ids(question), "seq": 0})
    assert response.status_code == 409
    assert "i ett annat fönster" in response.content.decode()
    assert Answer.objects.get().correct


def test_unpublished_module_is_404(client, learner, module):
    module.unpublish()
    client.force_login(learner)
    assert client.get(step_url(module, 1)).status_code == 404
    question = module.structure.quiz_questions[0]
    assert client.post(answer_url(module, 1, question), {"option": correct_ids(question)}).status_code == 404


def test_restricted_module_is_403_for_outsiders(client, learner, module):
    restriction = PageViewRestriction.objects.create(page=module, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(group_for(MANAGER))
    client.force_login(learner)
    question = module.structure.quiz_questions[0]
    response = client.post(answer_url(module, 1, question), {"option": correct_ids(question), "seq": 0})
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_missing_step_is_404(client, learner, module):
    client.force_login(learner)
    assert client.get(step_url(module, 99)).status_code == 404


def test_attempt_beyond_limit_is_refused_with_message(client, learner, module_factory):
    module = module_factory(slug="ett-forsok", max_attempts=1)
    client.force_login(learner)
    for step in module.structure.steps:
        services.record_visit(learner, module, step)
    for question in module.structure.quiz_questions:
        services.answer_question(learner, module, question.id, wrong_ids(question), 0)
    services.finish_attempt(learner, module)
    response = client.post(reverse("module_start_attempt", args=[module.pk]), follow=True)
    assert "Du har använt alla försök" in response.content.decode()
    assert Attempt.objects.filter(user=learner).count() == 1
    question = module.structure.quiz_questions[0]
    response = client.post(answer_url(module, 1, question), {"option": correct_ids(question), "seq": 0})
    assert response.status_code == 409


@pytest.mark.parametrize(("text", "message"), [("", "Skriv din reflektion"), ("x" * 5001, "under 5000 tecken")])
def test_bad_reflections_are_form_errors(client, learner, module, text, message):
    client.force_login(learner)
    question = module.structure.reflection_questions[0]
    prefix = f"r-{question.id}"
    response = client.post(reverse("module_reflect", args=[module.pk, 2, question.id]), {f"{prefix}-text": text})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Reflection.objects.exists()


def test_reflection_saved_private_by_default(client, learner, module):
    client.force_login(learner)
    question = module.structure.reflection_questions[0]
    prefix = f"r-{question.id}"
    response = client.post(reverse("module_reflect", args=[module.pk, 2, question.id]), {f"{prefix}-text": "Min tanke"})
    assert response.status_code == 302
    reflection = Reflection.objects.get()
    assert reflection.text == "Min tanke" and not reflection.shared
    assert "Min tanke" in client.get(step_url(module, 2)).content.decode()


def test_finish_incomplete_lists_missing_steps(client, learner, module):
    client.force_login(learner)
    client.get(step_url(module, 1))
    question = module.structure.steps[0].quiz_questions[0]
    client.post(answer_url(module, 1, question), {"option": correct_ids(question), "seq": 0})
    response = client.post(reverse("module_finish", args=[module.pk]), {"attempt": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Steg två" in html and "Steg tre" in html


def test_whole_module_through_the_views(client, learner, module):
    client.force_login(learner)
    for number, step in enumerate(module.structure.steps, start=1):
        client.get(step_url(module, number))
        for question in step.quiz_questions:
            client.post(answer_url(module, number, question), {"option": correct_ids(question), "seq": 0})
    response = client.post(reverse("module_finish", args=[module.pk]), {"attempt": 1}, follow=True)
    html = response.content.decode()
    assert "Bra jobbat" in html and "100 %" in html
    assert ModuleProgress.objects.get(user=learner).completed_at is not None
    # My learning shows it completed with score.
    html = client.get(reverse("my_learning")).content.decode()
    assert module.title in html and "Genomförd" in html and "resultat 100 %" in html


def test_resume_goes_to_where_the_learner_left(client, learner, module):
    client.force_login(learner)
    client.get(step_url(module, 1))
    client.get(step_url(module, 2))
    response = client.get(reverse("module_resume", args=[module.pk]))
    assert response.url == step_url(module, 2)
    overview = client.get(module.url).content.decode()
    assert "Fortsätt där du slutade" in overview


def test_sequential_module_keeps_order(client, learner, module_factory):
    module = module_factory(slug="i-ordning", sequential=True)
    client.force_login(learner)
    response = client.get(step_url(module, 3))
    assert response.status_code == 302 and response.url == step_url(module, 1)


def test_sequential_step_reads_progress_and_attempts_once(client, learner, module_factory, django_assert_num_queries):
    module = module_factory(slug="i-ordning-fragor", sequential=True)
    question = module.structure.steps[0].quiz_questions[0]
    services.answer_question(learner, module, question.id, correct_ids(question), 0)
    client.force_login(learner)
    client.get(step_url(module, 1))
    # User, progress with attempts, visits and answers for the order check, this step's answers (the session
    # comes from the cache).
    with django_assert_num_queries(5):
        assert client.get(step_url(module, 1)).status_code == 200


def test_my_learning_shows_only_my_own_progress(client, learner, other_learner, module):
    services.record_visit(other_learner, module, module.structure.steps[0])
    learner.target_group = "medarbetare"  # the course targets managers only
    learner.save()
    client.force_login(learner)
    html = client.get(reverse("my_learning")).content.decode()
    assert module.title not in html
    client.force_login(other_learner)
    html = client.get(reverse("my_learning")).content.decode()
    assert module.title in html and "Pågår" in html


def test_my_learning_lists_assigned_modules(client, learner, module):
    client.force_login(learner)  # learner is a "chef"; the course targets "chef"
    html = client.get(reverse("my_learning")).content.decode()
    assert module.title in html and "Ej påbörjad" in html


def test_admin_preview_stores_no_progress(client, administrator, module):
    client.force_login(administrator)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[module.pk]))
    assert response.status_code == 200
    assert "Förhandsvisning" in response.content.decode()
    assert not ModuleProgress.objects.exists() and not StepVisit.objects.exists()


def test_step_page_query_count_is_constant(client, learner, module_factory, django_assert_max_num_queries):
    small = module_factory(slug="liten", extra_steps=0)
    big = module_factory(slug="stor", extra_steps=12)
    client.force_login(learner)
    for module in (small, big):
        # Answer a question to have answers and an attempt in play.
        question = module.structure.steps[0].quiz_questions[0]
        services.answer_question(learner, module, question.id, correct_ids(question), 0)
        client.get(step_url(module, 1))
        with django_assert_max_num_queries(15):
            assert client.get(step_url(module, 2)).status_code == 200
        with django_assert_max_num_queries(15):
            assert client.get(step_url(module, len(module.structure.steps))).status_code == 200


def test_overview_and_my_learning_query_counts(client, learner, module_factory, django_assert_max_num_queries):
    modules = [module_factory(slug=f"m{n}", extra_steps=3) for n in range(6)]
    for module in modules:
        services.record_visit(learner, module, module.structure.steps[0])
    client.force_login(learner)
    for page in (modules[0], modules[0].get_parent()):
        client.get(page.url)  # the route, the site and its paths are kept per process from here on
    # User, progress with modules, courses, modules, their parents, workshops, required modules, open
    # maturity surveys, places in leadership programmes: the session comes from the cache, and no module's
    # steps are read for a list (issue 14's 1,000 learners).
    with django_assert_max_num_queries(10):
        assert client.get(reverse("my_learning")).status_code == 200
    # User, view restrictions (Wagtail's hook, two), progress, attempts, visits: no routing, no parent.
    with django_assert_max_num_queries(7):
        assert client.get(modules[0].url).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(modules[0].get_parent().url).status_code == 200
