"""maturity.results: response rate, scores, the k rule, breakdowns, change, comparison, recommendations."""

import datetime
import itertools

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext

from accounts.models import Organisation, User
from core import anonymity
from elearning.models import ModuleProgress
from maturity import aggregates, results, scoring
from maturity.models import Round
from tests.factories import DepartmentFactory, OrganisationFactory

from .conftest import publish_instrument

_numbers = itertools.count()
ALL = 12  # statements in the conftest instrument: 2 per category, 6 categories


def people(organisation, n, department=None, target_group="chef"):
    """n people of an organisation (bulk, no passwords: they never log in here)."""
    return User.objects.bulk_create(
        [
            User(
                email=f"p{next(_numbers)}@example.se",
                organisation=organisation,
                department=department,
                target_group=target_group,
            )
            for _ in range(n)
        ]
    )


def same(users, value=5):
    return {user: dict.fromkeys(range(ALL), value) for user in users}


def test_fewer_than_k_hides_everything(make_round, organisation):
    round_ = make_round(organisation, answers=same(people(organisation, 4)), invited=people(organisation, 4))
    result = results.round_results(round_)
    assert (result.invited, result.submitted, result.response_rate) == (8, 4, 50)
    assert result.hidden and result.scores is None and result.departments == []


def test_scores_and_response_rate(make_round, organisation):
    answered = people(organisation, 5)
    answers = {}
    for index, user in enumerate(answered):
        # statement 0: 6,6,6,6,1 -> mean 100,100,100,100,0 = 80; statement 1: all 4 -> 60; others 3 -> 40
        values = dict.fromkeys(range(ALL), 3)
        values[0] = 1 if index == 4 else 6
        values[1] = 4
        values[2] = 0 if index < 2 else 6  # only 3 scored answers: under k, left out everywhere
        answers[user] = values
    round_ = make_round(organisation, answers=answers, invited=people(organisation, 15))
    result = results.round_results(round_)
    assert not result.hidden
    assert (result.invited, result.submitted, result.response_rate) == (20, 5, 25)
    structure = result.structure
    s = [statement.id for statement in structure.statements]
    c = [category.id for category in structure.categories]
    assert result.scores.statements[s[0]] == pytest.approx(80)
    assert result.scores.statements[s[1]] == pytest.approx(60)
    assert result.scores.statements[s[2]] is None  # 3 scored values < k
    assert result.scores.categories[c[0]] == pytest.approx(70)
    assert result.scores.categories[c[1]] == pytest.approx(40)  # only statement 3 counts
    assert result.scores.dimensions[structure.dimensions[0].id] == pytest.approx(50)
    assert result.scores.dimensions[structure.dimensions[1].id] == pytest.approx(40)
    assert result.scores.total == pytest.approx(45)
    assert result.quadrant == results.quadrant_of(50, 40) == "held_back"


def test_not_submitted_answers_do_not_count(make_round, organisation):
    round_ = make_round(organisation, answers=same(people(organisation, 5), 6))
    late = make_round(organisation, answers=same(people(organisation, 1), 1))
    # Move the unsubmitted respondent's answers into the first round without submitting.
    respondent = late.respondents.get()
    respondent.round = round_
    respondent.submitted_at = None
    respondent.save()
    late.answers.update(round=round_)
    result = results.round_results(round_)
    assert result.submitted == 5 and result.scores.total == 100


def test_departments_complementary_suppression(make_round, organisation):
    a, b, c = (DepartmentFactory(organisation=organisation, name=name) for name in ("Alfa", "Beta", "Gamma"))
    users = people(organisation, 7, a) + people(organisation, 3, b) + people(organisation, 6, c)
    round_ = make_round(organisation, answers=same(users))
    result = results.round_results(round_)
    rows = {row.label: row for row in result.departments}
    assert rows["Alfa"].count == 7 and not rows["Alfa"].hidden and rows["Alfa"].total == pytest.approx(80)
    # Beta (3) is under k; Gamma (6) hides with it, or Beta = 16 - 7 - Gamma.
    assert rows["Beta"].hidden and rows["Beta"].count is None and rows["Beta"].total is None
    assert rows["Gamma"].hidden and rows["Gamma"].count is None and rows["Gamma"].categories == {}


def test_people_without_department_are_the_rest(make_round, organisation):
    a, b = (DepartmentFactory(organisation=organisation, name=name) for name in ("Alfa", "Beta"))
    users = people(organisation, 6, a) + people(organisation, 6, b) + people(organisation, 2, None, target_group="")
    round_ = make_round(organisation, answers=same(users))
    result = results.round_results(round_)
    rows = {row.key: row for row in result.departments}
    assert rows[None].hidden  # 2 without a department
    assert rows[a.pk].hidden != rows[b.pk].hidden  # the smallest sibling (first of the tie) hides with them
    assert sum(row.hidden for row in result.departments) == 2
    groups = {row.key: row for row in result.target_groups}
    assert groups[None].hidden and groups["chef"].hidden  # 12 chefs = total 14 minus 2: both hide
    assert groups[None].label == gettext("No target group given")


def test_change_against_previous_round(make_round, organisation):
    first = make_round(organisation, answers=same(people(organisation, 5), 3), title="Nollmätning")
    Round.objects.filter(pk=first.pk).update(opened_at=timezone.now() - datetime.timedelta(days=300))
    tiny = make_round(organisation, answers=same(people(organisation, 2), 6), opened=False, title="Aldrig öppnad")
    second = make_round(organisation, answers=same(people(organisation, 5), 5), title="Uppföljning")
    result = results.round_results(second)
    assert result.previous == first and tiny != result.previous
    category = result.structure.categories[0]
    assert result.change(category.id) == pytest.approx(40)  # 80 - 40
    assert result.previous_position == (pytest.approx(40), pytest.approx(40))
    assert results.round_results(first).previous is None


def test_previous_round_under_k_gives_no_change(make_round, organisation):
    first = make_round(organisation, answers=same(people(organisation, 3), 3))
    Round.objects.filter(pk=first.pk).update(opened_at=timezone.now() - datetime.timedelta(days=30))
    second = make_round(organisation, answers=same(people(organisation, 5), 5))
    result = results.round_results(second)
    assert result.previous == first and result.previous_scores is None
    assert result.change(result.structure.categories[0].id) is None


def _other_organisations(make_round, count, kind="kommun", value=2, respondents=5):
    for _ in range(count):
        other = OrganisationFactory(name=f"Jämförelsekommun {next(_numbers)}", kind=kind)
        make_round(other, answers=same(people(other, respondents), value))


def test_comparison_needs_five_organisations(make_round, organisation):
    own = make_round(organisation, answers=same(people(organisation, 5), 6))
    _other_organisations(make_round, 4)
    _other_organisations(make_round, 3, kind="region")  # another kind: never counted
    _other_organisations(make_round, 2, respondents=4)  # under k: do not qualify
    result = results.round_results(own)
    assert result.comparison_count == 4 and result.comparison is None
    _other_organisations(make_round, 1, value=4)
    # Other organisations' answers reach the comparison within COMPARISON_CACHE_SECONDS (cached per organisation).
    assert results.round_results(own).comparison_count == 4
    cache.delete(aggregates.comparison_cache_key(own, anonymity.min_group_size()))
    result = results.round_results(own)
    assert result.comparison_count == 5
    category = result.structure.categories[0]
    # four at 20 %, one at 60 %: 28 %; this organisation's 100 % is not part of it
    assert result.comparison[category.id] == pytest.approx(28)
    assert result.comparison[result.structure.dimensions[0].id] == pytest.approx(28)


def test_comparison_uses_each_organisations_latest_round(make_round, organisation):
    own = make_round(organisation, answers=same(people(organisation, 5), 6))
    _other_organisations(make_round, 5, value=2)
    for other in Organisation.objects.exclude(pk=organisation.pk):
        Round.objects.filter(organisation=other).update(opened_at=timezone.now() - datetime.timedelta(days=400))
        make_round(other, answers=same(people(other, 5), 6))
    result = results.round_results(own)
    assert result.comparison_count == 5
    assert result.comparison[result.structure.categories[0].id] == pytest.approx(100)


class TestRecommendations:
    @pytest.fixture
    def instrument(self, db, modules):
        """The conftest survey, with an e-module on categories 1 and 2 and both on category 6."""
        a, b = modules
        return publish_instrument(module_ids={1: [a], 2: [b], 6: [a, b]})

    def test_weakest_categories_with_completion(self, make_round, organisation, other_organisation, modules):
        a, b = modules
        users = people(organisation, 5)
        answers = {}
        for user in users:
            values = dict.fromkeys(range(ALL), 6)
            values.update({0: 1, 1: 1, 10: 2, 11: 2})  # category 1 at 0 %, category 6 at 20 %
            answers[user] = values
        round_ = make_round(organisation, answers=answers)
        now = timezone.now()
        ModuleProgress.objects.bulk_create(
            [ModuleProgress(user=user, module=a, completed_at=now) for user in users[:3]]
            + [ModuleProgress(user=users[3], module=a)]  # started, not completed
            + [ModuleProgress(user=user, module=a, completed_at=now) for user in people(other_organisation, 2)]
        )
        result = results.round_results(round_)
        assert [item.category.name for item in result.recommendations] == ["Kategori 1", "Kategori 6"]
        assert [(page.pk, n) for page, n in result.recommendations[0].modules] == [(a.pk, 3)]
        assert [(page.pk, n) for page, n in result.recommendations[1].modules] == [(a.pk, 3), (b.pk, 0)]
        assert scoring.display(result.recommendations[1].score) == 20
        b.unpublish()
        result = results.round_results(round_)
        assert [page.pk for page, _ in result.recommendations[1].modules] == [a.pk]


def test_closed_round_sums_are_cached_but_follow_deletions(make_round, organisation, django_assert_max_num_queries):
    users = people(organisation, 6)
    answers = same(users[:5], 6)
    answers[users[5]] = dict.fromkeys(range(ALL), 1)
    round_ = make_round(organisation, answers=answers, closes_in=-1)  # closed yesterday
    assert round_.is_closed()
    first = results.round_results(round_)
    assert first.scores.total == pytest.approx(500 / 6)
    # The cached sums are used again (same figures)...
    assert results.round_results(round_).scores.total == first.scores.total
    # ...until someone's answers leave the round (a deleted account): the count is part of the key.
    round_.respondents.get(user=users[5]).delete()
    assert results.round_results(round_).scores.total == 100


def test_open_round_new_submission_and_moved_group_show_at_once(make_round, organisation):
    """An open round's scores are cached, but the key holds the submitted count and every cell's count."""
    a, b = (DepartmentFactory(organisation=organisation, name=name) for name in ("Alfa", "Beta"))
    users = people(organisation, 6, a) + people(organisation, 6, b)
    round_ = make_round(organisation, answers=same(users, 6))
    assert results.round_results(round_).scores.total == 100
    late = people(organisation, 1, a)[0]
    make_round(organisation)  # another round's figures never mix in
    respondent = round_.respondents.create(user=late, department=a, target_group="chef", submitted_at=timezone.now())
    statements = results.structure.for_round(round_).statements
    respondent.answers.bulk_create(
        [respondent.answers.model(respondent=respondent, round=round_, statement=s.id, value=1) for s in statements]
    )
    assert results.round_results(round_).scores.total == pytest.approx(1200 / 13)
    # Same submitted count, other cells: a deleted department's people are now "no department".
    b.delete()
    rows = {row.key: row for row in results.round_results(round_).departments}
    assert set(rows) == {a.pk, None} and rows[None].count == 6 and not rows[None].hidden


def test_cache_keeps_no_figures_of_hidden_groups(make_round, organisation):
    a, b, c = (DepartmentFactory(organisation=organisation, name=name) for name in ("Alfa", "Beta", "Gamma"))
    users = people(organisation, 7, a) + people(organisation, 3, b) + people(organisation, 6, c)
    round_ = make_round(organisation, answers=same(users))
    result = results.round_results(round_)
    assert [row.label for row in result.departments if not row.hidden] == ["Alfa"]
    # LocMemCache keeps made keys (":1:<key>"): read each summary entry back through the cache.
    summaries = [cache.get(key.split(":", 2)[2]) for key in list(cache._cache) if ":summary:" in key]
    assert len(summaries) == 1 and set(summaries[0]["departments"]) == {a.pk}  # not Beta (3), not Gamma (6)
