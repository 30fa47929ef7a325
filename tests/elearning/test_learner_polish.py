"""Issue 14: the learner's side of e-modules reads right and shows what they have done."""

import re

from django.urls import reverse

from elearning import services
from tests.builders import complete, correct_ids, workshop_member, wrong_ids


def _do_all_steps(user, module):
    for step in module.structure.steps:
        services.record_visit(user, module, step)
    for question in module.structure.quiz_questions:
        services.answer_question(user, module, question.id, correct_ids(question), 0)


def _status_panel(html):
    return html[html.index('id="status-heading"') : html.index('id="steps-heading"')]


def test_finishing_is_the_main_action_when_every_step_is_done(client, learner, module):
    _do_all_steps(learner, module)
    client.force_login(learner)
    html = client.get(module.url).content.decode()
    panel = _status_panel(html)
    assert "Fortsätt där du slutade" not in html
    assert reverse("module_finish", args=[module.pk]) in panel
    assert "button--large" in panel and "Avsluta modulen" in panel
    # Only one finish form on the page.
    assert html.count(f'action="{reverse("module_finish", args=[module.pk])}"') == 1
    response = client.post(reverse("module_finish", args=[module.pk]), {"attempt": 1})
    assert response.status_code == 302


def test_continue_while_steps_are_left(client, learner, module):
    services.record_visit(learner, module, module.structure.steps[0])
    client.force_login(learner)
    panel = _status_panel(client.get(module.url).content.decode())
    assert "Fortsätt där du slutade" in panel and "Avsluta modulen" not in panel


def test_step_states_read_right_in_swedish(client, learner, module):
    services.record_visit(learner, module, module.structure.steps[0])
    services.record_visit(learner, module, module.structure.steps[1])
    question = module.structure.steps[0].quiz_questions[0]
    services.answer_question(learner, module, question.id, correct_ids(question), 0)
    client.force_login(learner)
    html = client.get(module.url).content.decode()
    statuses = re.findall(r'<span class="step-list__status">([^<]*)</span>', html)
    assert statuses == ["Klart", "Påbörjat", "Ej påbörjat"]


def test_module_stays_completed_while_a_new_attempt_runs(client, learner, module):
    attempt = complete(learner, module)
    services.start_attempt(learner, module)
    services.record_visit(learner, module, module.structure.steps[0])
    question = module.structure.steps[0].quiz_questions[0]
    services.answer_question(learner, module, question.id, correct_ids(question), 0)
    client.force_login(learner)
    panel = _status_panel(client.get(module.url).content.decode())
    assert "Genomförd" in panel
    assert "nytt försök pågår: 1 av 3 steg" in panel
    assert attempt.finished_at is not None


def test_result_does_not_repeat_completed(client, learner, module):
    complete(learner, module)
    client.force_login(learner)
    panel = _status_panel(client.get(module.url).content.decode())
    text = re.sub(r"<[^>]+>", " ", panel)
    assert text.count("Genomförd") == 1
    assert "Genomförd den" not in text
    assert "nytt försök" not in text


def test_progress_bar_fills_its_card():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/elearning.css")).read_text(encoding="utf-8")
    rule = re.search(r"(?m)^progress \{([^}]*)\}", css).group(1)
    assert "width: 100%" in rule and "max-width" not in rule


def test_share_checkboxes_sit_with_their_labels(client, learner, module):
    workshop_member(learner, module)  # sharing is offered only when it reaches a kit (workshops.sharing)
    client.force_login(learner)
    html = client.get(reverse("module_step", args=[module.pk, 2])).content.decode()
    for name in ("shared", "show_name"):
        match = re.search(
            r'<div class="field field--checkbox">\s*<input type="checkbox" name="r-[^"]+-'
            + name
            + r'"[^>]*id="(?P<id>[^"]+)"[^>]*>\s*<div>\s*<label for="(?P=id)">',
            html,
        )
        assert match, name


def _review_url(module, number):
    return reverse("module_review", args=[module.pk, number])


def test_review_of_a_finished_attempt_shows_answers_and_explanations(client, learner, module):
    complete(learner, module)
    client.force_login(learner)
    overview = client.get(module.url).content.decode()
    assert _review_url(module, 1) in overview  # linked from the result
    response = client.get(_review_url(module, 1))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vad är viktigast?" in html and "Ledningen" in html
    assert "Förklaring: styrning före teknik." in html
    assert "Återkoppling Ledningen" in html


def test_review_shows_a_wrong_first_answer_as_wrong(client, learner, module):
    first = module.structure.steps[0].quiz_questions[0]
    for step in module.structure.steps:
        services.record_visit(learner, module, step)
    for question in module.structure.quiz_questions:
        chosen = wrong_ids(question) if question.id == first.id else correct_ids(question)
        services.answer_question(learner, module, question.id, chosen, 0)
    services.finish_attempt(learner, module)
    client.force_login(learner)
    html = client.get(_review_url(module, 1)).content.decode()
    assert "Återkoppling Tekniken" in html and "option--wrong" in html


def test_no_review_before_finishing_or_of_someone_else(client, learner, other_learner, module):
    question = module.structure.steps[0].quiz_questions[0]
    services.answer_question(learner, module, question.id, correct_ids(question), 0)
    client.force_login(learner)
    assert client.get(_review_url(module, 1)).status_code == 404  # open attempt
    complete(other_learner, module)
    assert client.get(_review_url(module, 1)).status_code == 404  # only the other learner's is finished
    client.force_login(other_learner)
    assert client.get(_review_url(module, 1)).status_code == 200
    assert client.get(_review_url(module, 2)).status_code == 404


def test_review_needs_login(client, learner, module):
    complete(learner, module)
    response = client.get(_review_url(module, 1))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_review_selector_reads_in_two_queries(learner, module, django_assert_num_queries):
    from elearning.selectors import attempt_review

    complete(learner, module)
    module.structure  # noqa: B018 - parsed once, outside the count
    with django_assert_num_queries(2):
        attempt, steps = attempt_review(learner, module, 1)
        assert attempt.number == 1 and len(steps) == 3 and all(item.answer for _, items in steps for item in items)


def _course_progress(html):
    match = re.search(
        r'<label for="course-progress-\d+" class="progress__label">([^<]*)</label>\s*'
        r'<progress id="course-progress-\d+" max="100" value="(\d+)">',
        html,
    )
    return match and (match.group(1), int(match.group(2)))


def test_course_page_shows_progress_for_the_whole_course(client, learner, course, modules):
    client.force_login(learner)
    assert _course_progress(client.get(course.url).content.decode()) == ("0 av 2 moduler genomförda", 0)
    complete(learner, modules[0])
    services.record_visit(learner, modules[1], modules[1].structure.steps[0])  # started, not completed
    assert _course_progress(client.get(course.url).content.decode()) == ("1 av 2 moduler genomförda", 50)


def test_course_progress_is_not_shown_to_visitors(client, course, modules):
    assert _course_progress(client.get(course.url).content.decode()) is None


def test_course_progress_reads_in_constant_queries(client, learner, course, module_factory):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.get(course.url)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            html = client.get(course.url).content.decode()
        return len(queries.captured_queries), html

    client.force_login(learner)
    complete(learner, module_factory(slug="k-1"))
    few, _ = count()
    for n in range(2, 5):
        complete(learner, module_factory(slug=f"k-{n}"))
    many, html = count()
    assert _course_progress(html) == ("4 av 4 moduler genomförda", 100)
    assert few == many > 0


def test_course_progress_selector(learner, modules, django_assert_num_queries):
    from elearning.selectors import course_progress

    complete(learner, modules[1])
    with django_assert_num_queries(1):
        progress = course_progress(learner, modules)
    assert (progress["modules_done"], progress["modules_total"], progress["percent_done"]) == (1, 2, 50)
    assert progress["by_module"][modules[1].pk].completed_at is not None
