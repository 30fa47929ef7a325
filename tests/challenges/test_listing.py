"""The challenge page lists its solutions, filtered by organisation and tag; the solution page links back."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from challenges.selectors import solution_listing
from core.pagetree import ensure_child_page
from home.models import FormPage
from tests.factories import OrganisationFactory

from .tree import make_part, make_solution

IGNORED = "Ett filterval som vi inte kände igen har hoppats över."


@pytest.fixture
def solutions(part, other_part):
    return {
        "checklist": make_solution(part, "Checklista för målgrupper", tags=["Checklista", "Kommunikation"]),
        "planning": make_solution(part, "Planeringsstöd för chefsdagen", tags=["Planeringsstöd"]),
        "baseline": make_solution(other_part, "Nulägesmätning", tags=["Mognadsmätning", "Kommunikation"]),
    }


def titles(response):
    return [s.title for s in response.context["listing"].solutions]


def test_all_solutions_with_their_organisation_and_tags(client, challenge, solutions):
    response = client.get(challenge.url)
    html = response.content.decode()
    assert sorted(titles(response)) == ["Checklista för målgrupper", "Nulägesmätning", "Planeringsstöd för chefsdagen"]
    assert "Visar 3 av 3 lösningar." in html
    assert '<label for="filter-organisation">Organisation</label>' in html
    assert '<label for="filter-tag">Tagg</label>' in html
    assert "Härnösands kommun (2)" in html and "Sundsvalls kommun (1)" in html
    assert "Kommunikation (2)" in html
    assert IGNORED not in html


def test_filter_by_organisation_and_tag(client, challenge, solutions, organisation):
    response = client.get(challenge.url, {"organisation": organisation.pk})
    assert sorted(titles(response)) == ["Checklista för målgrupper", "Planeringsstöd för chefsdagen"]
    # The tag counts follow the chosen organisation.
    html = response.content.decode()
    assert "Kommunikation (1)" in html and "Visar 2 av 3 lösningar: Härnösands kommun." in html

    response = client.get(challenge.url, {"tag": "kommunikation"})
    assert sorted(titles(response)) == ["Checklista för målgrupper", "Nulägesmätning"]
    assert "Härnösands kommun (1)" in response.content.decode()

    response = client.get(challenge.url, {"organisation": organisation.pk, "tag": "kommunikation"})
    assert titles(response) == ["Checklista för målgrupper"]
    assert "med taggen ”Kommunikation”" in response.content.decode()


def test_a_choice_with_no_solutions_says_so(client, challenge, solutions, organisation):
    response = client.get(challenge.url, {"organisation": organisation.pk, "tag": "mognadsmätning"})
    assert titles(response) == []
    assert "Inga lösningar passar ditt val." in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"organisation": "abc"},
        {"organisation": "-1"},
        {"organisation": "99999999"},
        {"organisation": "1" * 40},
        {"organisation": "١٢"},  # digits, but not ASCII ones
        {"tag": "finns-inte"},
        {"tag": "<script>alert(1)</script>"},
        {"tag": "x" * 5000},
        {"organisation": "abc", "tag": "finns-inte"},
    ],
)
def test_bad_values_are_ignored_with_a_message(client, challenge, solutions, params):
    response = client.get(challenge.url, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert IGNORED in html
    assert len(titles(response)) == 3
    assert "<script>alert(1)</script>" not in html


def test_another_challenges_organisation_is_not_a_choice(client, challenge, solutions, home_page):
    from challenges.models import ChallengePage

    second, _ = ensure_child_page(home_page, ChallengePage, "fas-2", title="Fas 2")
    stranger = OrganisationFactory(name="Timrå kommun")
    make_solution(make_part(second, stranger), "Timrås lösning")
    response = client.get(challenge.url, {"organisation": stranger.pk})
    assert IGNORED in response.content.decode() and len(titles(response)) == 3
    assert "Timrå" not in response.content.decode()


def test_an_organisation_with_a_part_but_no_solutions_yet(client, challenge, solutions):
    empty = OrganisationFactory(name="Kramfors kommun")
    make_part(challenge, empty)
    response = client.get(challenge.url, {"organisation": empty.pk})
    html = response.content.decode()
    assert IGNORED not in html and "Kramfors kommun (0)" in html
    assert "Inga lösningar passar ditt val." in html


def test_drafts_and_private_solutions_are_not_listed(client, challenge, part, solutions):
    make_solution(part, "Utkast", live=False)
    private = make_solution(part, "Bara för inloggade")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    listing = solution_listing(challenge, {})
    assert {s.title for s in listing.solutions} == {
        "Checklista för målgrupper",
        "Planeringsstöd för chefsdagen",
        "Nulägesmätning",
    }


def test_queries_do_not_grow_with_the_number_of_solutions(client, challenge, part, other_part):
    make_solution(part, "Första", tags=["Checklista"])
    client.get(challenge.url)
    with CaptureQueriesContext(connection) as few:
        client.get(challenge.url, {"tag": "checklista"})
    parts = [part, other_part] + [make_part(challenge, OrganisationFactory()) for _ in range(3)]
    for number in range(24):
        make_solution(parts[number % 5], f"Lösning {number}", tags=["Checklista", f"Tagg {number % 4}"])
    client.get(challenge.url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(challenge.url, {"tag": "checklista"})
    assert len(response.context["listing"].solutions) == 25
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_query_bound(client, challenge, part, other_part, django_assert_max_num_queries):
    for number in range(22):
        make_solution(part if number % 2 else other_part, f"Lösning {number}", tags=["Checklista", "Planeringsstöd"])
    client.get(challenge.url)
    with django_assert_max_num_queries(8):  # 6: site, page, parts, solutions, their tags, the form page
        response = client.get(challenge.url, {"organisation": part.organisation_id, "tag": "checklista"})
    assert len(response.context["listing"].solutions) == 11


def test_the_proposal_form_is_linked_when_live(client, challenge, solutions):
    assert "Har ni en lösning som andra kan ha nytta av?" not in client.get(challenge.url).content.decode()
    form, _ = ensure_child_page(challenge, FormPage, "skicka-in-din-losning", title="Skicka in din lösning")
    html = client.get(challenge.url).content.decode()
    assert "Har ni en lösning som andra kan ha nytta av?" in html and f'href="{form.url}"' in html


def test_the_solution_page(client, challenge, part, organisation):
    solution = make_solution(part, "Checklista för målgrupper", tags=["Checklista"], lessons="<p>Börja tidigt.</p>")
    html = client.get(solution.url).content.decode()
    assert "<h1>Checklista för målgrupper</h1>" in html
    assert "Härnösands kommun" in html and "Chefer och HR" in html
    assert "Det här lärde vi oss" in html and "Börja tidigt." in html
    assert f'href="{challenge.url}?tag=checklista#losningar"' in html
    assert f'href="{challenge.url}?organisation={organisation.pk}#losningar"' in html
    assert "Publicerad" in html
    assert "Bilagor" not in html  # no attachments, no empty heading
