"""Every {% kept %} fragment in the templates, rendered for two people of different organisations who
take turns: nothing personal of one (name, e-mail, organisation, CSRF token, answer feedback, reflection,
progress) ever reaches the other's page, though each page is served from fragments the other one built."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.middleware.csrf import _does_token_match
from django.test import Client
from django.urls import reverse

from core.pagetree import ensure_child_page
from core.templatetags import kept
from elearning import services
from home.models import NewsIndexPage
from tests.builders import correct_ids, wrong_ids
from tests.factories import UserFactory
from tests.home.test_news import make_article

pytestmark = pytest.mark.django_db

KEPT_TAG = re.compile(r"""{%\s*kept\s+(["'])(.+?)\1""")
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _empty():
    kept.forget_all()
    yield
    kept.forget_all()


def kept_names_in_templates():
    names = set()
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        names.update(match.group(2) for match in KEPT_TAG.finditer(path.read_text(encoding="utf-8")))
    return names


def feedback(*answers):
    """The feedback lines a page shows for these (question, chosen option ids) answers."""
    return [option.feedback for question, chosen in answers for option in question.options if option.id in chosen]


def person(first, last, email, organisation):
    user = UserFactory(first_name=first, last_name=last, email=email, organisation=organisation)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return user, client


def test_no_kept_fragment_carries_one_persons_data_to_another(roles, organisation, other_organisation, module):
    astrid, astrid_client = person("Astrid", "Ask", "astrid.ask@harnosand.se", organisation)
    bertil, bertil_client = person("Bertil", "Berg", "bertil.berg@sundsvall.se", other_organisation)
    steps = module.structure.steps
    q1, q2, q3 = (step.quiz_questions[0] for step in steps)
    reflection = module.structure.reflection_questions[0]
    # Astrid: all three steps done, first and last answer wrong. Bertil: step 1 right, step 2 only opened.
    for step in steps:
        services.record_visit(astrid, module, step)
    services.answer_question(astrid, module, q1.id, wrong_ids(q1), 0)
    services.answer_question(astrid, module, q2.id, correct_ids(q2), 0)
    services.answer_question(astrid, module, q3.id, wrong_ids(q3), 0)
    services.save_reflection(astrid, module, reflection.id, "Astrids egen tanke")
    for step in steps[:2]:
        services.record_visit(bertil, module, step)
    services.answer_question(bertil, module, q1.id, correct_ids(q1), 0)
    services.save_reflection(bertil, module, reflection.id, "Bertils egen tanke")

    urls = [*(reverse("module_step", args=[module.pk, step.number]) for step in steps), module.url, "/"]
    urls.append(reverse("my_learning"))
    # The news (issue 18): the archive, a year and an article, with their kept pieces.
    index, _ = ensure_child_page(module.get_site().root_page.specific, NewsIndexPage, "nyheter", title="Nyheter")
    article = make_article(index, "en-nyhet", datetime.date(2026, 3, 2), tags=["Ledarprogram"])
    urls += [index.url, f"{index.url}2026/", f"{index.url}amne/ledarprogram/", article.url]
    pages = {astrid.pk: [], bertil.pk: []}
    for url in urls:
        for _round in range(2):  # each one in turn, so each is served what the other one built
            for user, client in ((astrid, astrid_client), (bertil, bertil_client)):
                response = client.get(url)
                assert response.status_code == 200, url
                pages[user.pk].append(response.content.decode())

    built = {key[1]: entry[2] for key, entry in kept._fragments._items.items()}
    assert kept_names_in_templates() <= set(built), "a kept fragment is not on the pages this test opens"
    assert all(parts is not False for parts in built.values()), "every fragment is served from kept pieces"

    def own(user, client, feedback, reflection_text, progress):
        tokens = {token for html in pages[user.pk] for token in TOKEN.findall(html)}
        return {
            "name": [user.get_full_name()],
            "e-mail": [user.email],
            "organisation": [user.organisation.name],
            "csrf": [client.cookies[settings.CSRF_COOKIE_NAME].value, *tokens],
            "feedback": feedback,
            "reflection": [reflection_text],
            "progress": [progress],
        }

    mine = {
        astrid.pk: own(
            astrid,
            astrid_client,
            feedback((q1, wrong_ids(q1)), (q2, correct_ids(q2)), (q3, wrong_ids(q3))),
            "Astrids egen tanke",
            "3 av 3 steg klara",
        ),
        bertil.pk: own(
            bertil, bertil_client, feedback((q1, correct_ids(q1))), "Bertils egen tanke", "1 av 3 steg klara"
        ),
    }
    for reader, other in ((astrid, bertil), (bertil, astrid)):
        reader_html = "\n".join(pages[reader.pk])
        assert reader.get_full_name() in reader_html and mine[reader.pk]["progress"][0] in reader_html
        for kind, values in mine[other.pk].items():
            for value in values:
                assert value not in reader_html, f"{other.email}'s {kind} ({value}) on {reader.email}'s page"
        # Every form on a page carries a token made from the reader's own CSRF secret.
        secret = mine[reader.pk]["csrf"][0]
        for html in pages[reader.pk]:
            assert "\ue000" not in html
            for token in TOKEN.findall(html):
                assert _does_token_match(token, secret)
