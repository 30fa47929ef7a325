"""Answering a maturity survey: save and continue, change until closing, submit once, own answers only."""

import pytest
from django.urls import reverse
from django.utils import timezone

from maturity import services, structure
from maturity.exceptions import Incomplete, InvalidAnswers, NotARespondent, RoundClosed
from maturity.models import Answer, Respondent, Round
from tests.conftest import _verified
from tests.factories import UserFactory

from .conftest import publish_instrument


def url(round_, part=None):
    base = reverse("maturity_answer", args=[round_.pk])
    return f"{base}?del={part}" if part else base


def ids(round_):
    return [s.id for s in structure.for_round(round_).statements]


def field(statement_id):
    return f"s_{statement_id}"


@pytest.fixture
def survey(organisation, learner, make_round):
    return make_round(organisation, invited=[learner])


# --- Services ------------------------------------------------------------------------------------------


def test_answers_are_upserted(survey, learner):
    first, second = ids(survey)[:2]
    assert services.save_answers(survey, learner, {first: 3, second: 0}) == 2
    services.save_answers(survey, learner, {first: 6})
    assert dict(Answer.objects.values_list("statement", "value")) == {first: 6, second: 0}


@pytest.mark.parametrize("bad", [7, -1, "x", None, True])
def test_values_outside_the_scale_store_nothing(survey, learner, bad):
    first, second = ids(survey)[:2]
    with pytest.raises(InvalidAnswers):
        services.save_answers(survey, learner, {first: 4, second: bad})
    assert not Answer.objects.exists()


def test_unknown_statement_is_refused(survey, learner):
    with pytest.raises(InvalidAnswers):
        services.save_answers(survey, learner, {"not-a-statement": 4})
    assert not Answer.objects.exists()


def test_not_invited_and_closed(survey, learner, other_learner):
    with pytest.raises(NotARespondent):
        services.save_answers(survey, other_learner, {ids(survey)[0]: 4})
    Round.objects.filter(pk=survey.pk).update(closed_at=timezone.now())
    survey.refresh_from_db()
    with pytest.raises(RoundClosed):
        services.save_answers(survey, learner, {ids(survey)[0]: 4})
    assert not Answer.objects.exists()


def test_submit_needs_every_statement_and_is_idempotent(survey, learner):
    statements = ids(survey)
    services.save_answers(survey, learner, dict.fromkeys(statements[:-1], 0))
    with pytest.raises(Incomplete) as error:
        services.submit(survey, learner)
    assert error.value.missing == (statements[-1],)
    services.save_answers(survey, learner, {statements[-1]: 0})  # "don't know" counts as an answer
    respondent, newly = services.submit(survey, learner)
    first_time = respondent.submitted_at
    assert newly and first_time is not None
    respondent, newly = services.submit(survey, learner)
    assert not newly and respondent.submitted_at == first_time
    services.save_answers(survey, learner, {statements[0]: 5})  # may still change until closing
    assert Answer.objects.get(statement=statements[0]).value == 5


# --- Views ---------------------------------------------------------------------------------------------


def test_answer_page_per_category_with_prefilled_answers(client, survey, learner):
    statements = ids(survey)
    services.save_answers(survey, learner, {statements[2]: 4})
    client.force_login(learner)
    response = client.get(url(survey, 2))
    html = response.content.decode()
    assert response.status_code == 200 and response.context["count"] == 6
    assert "<fieldset" in html and "<legend>D1 K2 P1</legend>" in html and "valfritt" not in html
    assert f'name="{field(statements[2])}" value="4"' in html and "checked" in html
    assert "Del 2 av 6" in html and "Spara och fortsätt" in html and "Föregående" in html


def test_save_and_continue_previous_and_later(client, survey, learner):
    statements = ids(survey)
    client.force_login(learner)
    response = client.post(url(survey, 1), {field(statements[0]): "5", field(statements[1]): "0", "action": "next"})
    assert response.status_code == 302 and response["Location"].endswith("?del=2")
    response = client.post(url(survey, 2), {field(statements[2]): "1", "action": "previous"})
    assert response["Location"].endswith("?del=1")
    response = client.post(url(survey, 2), {field(statements[3]): "2", "action": "later"})
    assert response["Location"] == reverse("maturity_home")
    assert dict(Answer.objects.values_list("statement", "value")) == {
        statements[0]: 5,
        statements[1]: 0,
        statements[2]: 1,
        statements[3]: 2,
    }
    # Coming back later (the survey's plain address, as in the invitation): where she left, part 3.
    assert client.get(url(survey)).context["number"] == 3


def test_a_submitted_respondent_starts_at_the_first_part(client, survey, learner):
    services.save_answers(survey, learner, dict.fromkeys(ids(survey), 4))
    services.submit(survey, learner)
    client.force_login(learner)
    assert client.get(url(survey)).context["number"] == 1


def test_forged_value_is_a_form_error_and_nothing_is_stored(client, survey, learner):
    statements = ids(survey)
    client.force_login(learner)
    response = client.post(url(survey, 1), {field(statements[0]): "4", field(statements[1]): "9", "action": "next"})
    assert response.status_code == 400 and response.context["form"].errors
    assert not Answer.objects.exists()


def test_submit_on_the_last_page(client, survey, learner):
    statements = ids(survey)
    services.save_answers(survey, learner, dict.fromkeys(statements[:-2], 3))
    client.force_login(learner)
    last = {field(statements[-2]): "6", field(statements[-1]): "0", "action": "submit"}
    response = client.post(url(survey, 6), last)
    assert response["Location"] == reverse("maturity_my_answers", args=[survey.pk])
    assert Respondent.objects.get(user=learner).submitted_at is not None
    again = client.post(url(survey, 6), last, follow=True)  # idempotent, with a message
    assert "redan skickat in" in str(list(again.context["messages"])[-1])


def test_submit_with_missing_answers_goes_to_the_first_gap(client, survey, learner):
    statements = ids(survey)
    services.save_answers(survey, learner, {s: 3 for s in statements if s != statements[3]})
    client.force_login(learner)
    response = client.post(url(survey, 6), {"action": "submit"})
    assert response["Location"].endswith("?del=2")
    assert Respondent.objects.get(user=learner).submitted_at is None


def test_closed_round_is_read_only(client, survey, learner):
    statements = ids(survey)
    services.save_answers(survey, learner, {statements[0]: 2})
    Round.objects.filter(pk=survey.pk).update(closed_at=timezone.now())
    client.force_login(learner)
    page = client.get(url(survey, 1))
    assert page.status_code == 200 and not page.context["is_open"] and "disabled" in page.content.decode()
    response = client.post(url(survey, 1), {field(statements[0]): "6", "action": "next"}, follow=True)
    assert list(response.context["messages"])
    assert Answer.objects.get().value == 2


def test_not_invited_and_draft_rounds_are_404(client, survey, other_learner, learner, organisation, make_round):
    client.force_login(other_learner)
    assert client.get(url(survey)).status_code == 404
    assert client.post(url(survey), {field(ids(survey)[0]): "4", "action": "next"}).status_code == 404
    draft = make_round(organisation, invited=[learner], opened=False)
    client.force_login(learner)
    assert client.get(url(draft)).status_code == 404


def test_my_answers_only_for_the_respondent(client, survey, learner, manager, administrator):
    services.save_answers(survey, learner, {ids(survey)[0]: 6})
    client.force_login(learner)
    response = client.get(reverse("maturity_my_answers", args=[survey.pk]))
    assert response.status_code == 200 and response.context["answered"] == 1
    for viewer in (manager, administrator):  # nobody else, whatever their role
        client.force_login(viewer)
        assert client.get(reverse("maturity_my_answers", args=[survey.pk])).status_code == 404


def test_answer_page_query_count(client, organisation, roles, django_assert_max_num_queries):
    """30 statements and 200 respondents: the page reads the respondent, the answers and the layout."""
    instrument = publish_instrument(title="Stor enkät", statements_per_category=(5, 5, 5, 5, 5, 5))
    people = [UserFactory(organisation=organisation, department=None) for _ in range(200)]
    round_ = services.create_round(organisation, instrument, "Stor", timezone.localdate())
    services.open_round(round_)
    me = _verified(people[0])
    services.save_answers(round_, me, dict.fromkeys(ids(round_)[:12], 4))
    client.force_login(me)
    client.get(url(round_, 3))  # warm the structure cache
    with django_assert_max_num_queries(14):  # ~10 of them for the layout
        response = client.get(url(round_, 3))
    assert response.status_code == 200 and len(response.context["form"].fields) == 5
    with django_assert_max_num_queries(14):
        response = client.get(reverse("maturity_my_answers", args=[round_.pk]))
    assert response.context["answered"] == 12
