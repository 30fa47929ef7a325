"""Kept step-page fragments: one learner's answer never shows on another's page, and a module revised
while a request renders it never leaves its old fragments behind."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from elearning import views
from elearning.building import raw_steps
from tests.builders import correct_ids, make_module, module_dict, wrong_ids

pytestmark = pytest.mark.django_db


def question_section(html, question):
    return html.split(f'id="q-{question.id}"')[1].split("</section>")[0]


def test_answer_feedback_stays_with_its_learner(learner, other_learner, module):
    question = module.structure.quiz_questions[0]
    page = reverse("module_step", args=[module.pk, question.step_number])
    post = reverse("module_answer", args=[module.pk, question.step_number, question.id])
    first, second = Client(), Client()
    first.force_login(learner)
    second.force_login(other_learner)
    first.get(page)
    fetched = first.post(post, {"option": wrong_ids(question), "seq": 0}, HTTP_X_REQUESTED_WITH="fetch")
    assert "feedback" in fetched.content.decode()
    mine = question_section(first.get(page).content.decode(), question)
    assert "feedback__verdict" in mine and "option--wrong" in mine
    theirs = question_section(second.get(page).content.decode(), question)
    assert "feedback__verdict" not in theirs and "option--right" not in theirs and "explanation" not in theirs
    second.post(post, {"option": correct_ids(question), "seq": 0})
    theirs = question_section(second.get(page).content.decode(), question)
    assert "option--right" in theirs and "option--wrong" not in theirs


def test_a_module_published_while_a_request_renders_it_leaves_nothing_stale(client, learner, module, monkeypatch):
    client.force_login(learner)
    url = reverse("module_step", args=[module.pk, 1])
    original = views.module_for_learner

    def load_then_an_editor_publishes(request, module_id):
        loaded = original(request, module_id)
        data = module_dict(slug=module.slug)
        data["steps"][0]["title"] = "Ett nytt stegnamn"
        fresh = type(module).objects.get(pk=module.pk)
        fresh.steps = raw_steps(data)
        fresh.save_revision().publish()
        monkeypatch.setattr(views, "module_for_learner", original)
        return loaded

    monkeypatch.setattr(views, "module_for_learner", load_then_an_editor_publishes)
    heading = re.compile(r'<h1 id="step-heading">(.*?)</h1>')
    assert heading.search(client.get(url).content.decode()).group(1) == "Steg ett"  # the request in flight
    assert heading.search(client.get(url).content.decode()).group(1) == "Ett nytt stegnamn"


def placeholder_forms():
    """Every placeholder shape: the old fixed ones, and nonce ones (the nonces of a build are never shown)."""
    slots = ("csrf-token", "fill-name", "fill-next_path")
    nonces = ("0" * 32, "deadbeef" * 4)
    return [f"\ue000{slot}\ue000" for slot in slots] + [f"\ue000{n}:{slot}\ue000" for n in nonces for slot in slots]


@pytest.mark.parametrize("form", [*placeholder_forms(), " ".join(placeholder_forms())])
def test_editor_text_shaped_like_a_placeholder_never_receives_a_readers_values(client, learner, course, form):
    """A step title and an explanation (with a link to another site) holding a placeholder stay text."""
    data = module_dict(slug="platshallare")
    data["steps"][0]["title"] = f"Steg {form}"
    quiz_value = data["steps"][0]["content"][1][1]
    quiz_value["explanation"] = f'<p>Läs <a href="https://annan.example/?t={form}">källan</a>. {form}</p>'
    module = make_module(course, slug=data["slug"])
    module.steps = raw_steps(data)
    module.save_revision().publish()
    module = type(module).objects.get(pk=module.pk)
    question = module.structure.quiz_questions[0]
    page = reverse("module_step", args=[module.pk, 1])
    client.force_login(learner)
    client.get(page)
    client.post(reverse("module_answer", args=[module.pk, 1, question.id]), {"option": wrong_ids(question), "seq": 0})
    for _round in range(2):  # built, then served from what was kept
        html = client.get(page).content.decode()
        tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert tokens and all(html.count(token) == tokens.count(token) for token in tokens)
        assert html.count(learner.get_full_name()) == 1  # the account link, nowhere else
        heading = re.search(r'<h1 id="step-heading">(.*?)</h1>', html, re.S).group(1)
        assert heading == f"Steg {form}"
        link = re.search(r'<a href="https://annan.example/\?t=([^"]*)">', html).group(1)
        explanation = html.split('class="feedback__explanation')[1].split("</div>")[0]
        assert link == form and explanation.endswith(f"{form}</p>")
