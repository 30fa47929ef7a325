"""{% kept %}: fragments rendered once per process, per content version, language and vary-on values,
with the CSRF token filled in per response and nothing personal carried from one person to another."""

import re

import pytest
from django.template import Context, RequestContext, Template, TemplateSyntaxError
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from core import versions
from core.templatetags import kept
from tests.builders import correct_ids

pytestmark = pytest.mark.django_db

FRAGMENT = Template(
    '{% load i18n kept %}{% kept "test-fragment" key %}{{ shown }} {% translate "Courses" %}{% endkept %}'
)


@pytest.fixture(autouse=True)
def _empty():
    kept.forget_all()
    yield
    kept.forget_all()


def render(template, request=None, **values):
    request = request or RequestFactory().get("/")
    return template.render(RequestContext(request, values))


def test_the_fragment_is_rendered_once_per_vary_value():
    assert render(FRAGMENT, key=1, shown="first").startswith("first")
    assert render(FRAGMENT, key=1, shown="second").startswith("first")
    assert render(FRAGMENT, key=2, shown="second").startswith("second")


def test_a_content_change_renders_it_again():
    render(FRAGMENT, key=1, shown="first")
    versions.bump(versions.CONTENT)
    assert render(FRAGMENT, key=1, shown="second").startswith("second")


def test_each_language_has_its_own_copy():
    with translation.override("sv"):
        assert render(FRAGMENT, key=1, shown="x") == "x Utbildningar"
    with translation.override("en"):
        assert render(FRAGMENT, key=1, shown="x") == "x Courses"


def test_without_a_request_nothing_is_kept():
    assert FRAGMENT.render(Context({"key": 1, "shown": "first"})).startswith("first")
    assert FRAGMENT.render(Context({"key": 1, "shown": "second"})).startswith("second")


def test_each_response_gets_its_own_csrf_token():
    template = Template('{% load kept %}{% kept "test-form" %}<form>{% csrf_token %}</form>{% endkept %}')
    first, second = render(template), render(template)
    assert kept.CSRF_SLOT not in first + second
    tokens = [re.search(r'value="([^"]+)"', html).group(1) for html in (first, second)]
    assert tokens[0] != tokens[1] and all(len(token) == 64 for token in tokens)


def test_a_name_is_required():
    with pytest.raises(TemplateSyntaxError):
        Template("{% load kept %}{% kept key %}{% endkept %}")


def test_a_kept_quiz_form_posts_with_its_own_csrf_token(learner, other_learner, module):
    """Two people open the same step; each page carries a token that the CSRF check accepts, and each
    header names only its own reader."""
    question = module.structure.quiz_questions[0]
    url = reverse("module_step", args=[module.pk, question.step_number])
    pages = {}
    for person in (learner, other_learner):
        client = Client(enforce_csrf_checks=True)
        client.force_login(person)
        html = client.get(url).content.decode()
        pages[person.pk] = (client, html)
        assert person.get_full_name() in html
    assert other_learner.get_full_name() not in pages[learner.pk][1]
    client, html = pages[other_learner.pk]
    form = re.search(rf'action="([^"]+/{question.id}/)".*?name="csrfmiddlewaretoken" value="([^"]+)"', html, re.S)
    assert form, "the quiz form and its token are on the page"
    response = client.post(
        form.group(1), {"csrfmiddlewaretoken": form.group(2), "option": correct_ids(question), "seq": 0}
    )
    assert response.status_code == 302


def test_filled_values_are_the_readers_own_and_escaped():
    template = Template(
        '{% load kept %}{% kept "test-fill" fill name=who %}<a title="{{ name }}">{{ name }}</a>{% endkept %}'
    )
    assert render(template, who="Anna") == '<a title="Anna">Anna</a>'
    assert render(template, who='<Bo "B">') == '<a title="&lt;Bo &quot;B&quot;&gt;">&lt;Bo &quot;B&quot;&gt;</a>'


def test_a_filter_on_a_filled_value_is_never_kept():
    template = Template('{% load kept %}{% kept "test-filter" fill name=who %}{{ name|upper }}{% endkept %}')
    assert render(template, who="anna") == "ANNA"
    assert render(template, who="bo") == "BO"
    assert template.render(Context({"who": "utan förfrågan"})) == "UTAN FÖRFRÅGAN"


def test_the_language_switcher_returns_to_the_page_it_was_on(client, learner, home_page):
    client.force_login(learner)
    for path, shown in (("/", "/"), ("/mitt-larande/?visa=alla&sida=2", "/mitt-larande/?visa=alla&amp;sida=2")):
        assert f'name="next" value="{shown}"' in client.get(path).content.decode()


def test_a_filled_value_never_poses_as_a_placeholder():
    template = Template(
        '{% load kept %}{% kept "test-slots" fill name=who path=where %}{{ name }}|{{ path }}{% endkept %}'
    )
    assert render(template, who="\ue000fill-path\ue000", where="/hemligt/") == "fill-path|/hemligt/"


def test_a_fill_used_both_plainly_and_through_a_filter_is_never_kept():
    template = Template('{% load kept %}{% kept "test-mixed" fill name=who %}{{ name }} {{ name|upper }}{% endkept %}')
    assert render(template, who="anna") == "anna ANNA"
    assert render(template, who="bo") == "bo BO"
