"""The maturity demo: our own survey, Sundsvall's baseline and follow-up, the comparison, an open round to answer.

Seeds only what the maturity demo needs (accounts' demo people and three e-modules with the demo slugs), so
these tests stay fast; tests/rollout/test_demo.py runs the whole seed_demo twice.
"""

from collections import defaultdict
from statistics import mean

import pytest
from django.apps import apps
from django.utils import timezone
from wagtail.models import Revision

from accounts import demo as accounts_demo
from accounts.models import Organisation, OrganisationKind, User
from maturity import demo, demo_instrument, structure
from maturity.models import DONT_KNOW, Answer, Instrument, Respondent, Round, RoundKind, SurveyMail, SurveyMailStatus
from tests.builders import make_module

DEMO_SLUGS = ["vad-ar-digitalisering", "digital-mognad-i-var-organisation", "att-leda-forandring"]


@pytest.fixture
def seeded(course):
    people = accounts_demo.seed()["people"]
    modules = [make_module(course, slug=slug) for slug in DEMO_SLUGS]
    result = demo.seed(people, modules)
    return {"people": people, "modules": modules, **result}


def _counts():
    models = [Instrument, Revision, Round, Respondent, Answer, SurveyMail, User, Organisation]
    models += [apps.get_model("accounts", "Department")]
    return {model._meta.label: model.objects.count() for model in models}


def test_seeding_twice_changes_nothing(seeded):
    first = _counts()
    ids = structure.for_revision(seeded["instrument"].live_revision_id).statement_ids()
    again = demo.seed(seeded["people"], seeded["modules"])
    assert _counts() == first
    assert again["instrument"].live_revision_id == seeded["instrument"].live_revision_id
    assert structure.for_revision(again["instrument"].live_revision_id).statement_ids() == ids


def test_the_survey_has_two_dimensions_of_three_categories_in_our_own_words(seeded):
    instrument = seeded["instrument"]
    assert instrument.live and instrument.title == demo_instrument.TITLE
    survey = structure.for_revision(instrument.live_revision_id)
    assert [d.short_name for d in survey.dimensions] == ["Förmåga", "Arv"]
    assert [len(d.categories) for d in survey.dimensions] == [3, 3]
    assert all(4 <= len(c.statements) <= 5 for c in survey.categories)
    assert 24 <= len(survey.statements) <= 30
    texts = [s.text for s in survey.statements]
    assert len(set(texts)) == len(texts)
    assert all(text.startswith(("Vi ", "I vår ", "Hos oss ", "Våra ", "Tekniken ", "Avtal ", "Invånare ", "När ",
                                "Medarbetarna ")) for text in texts)  # fmt: skip
    module_ids = {m.pk for m in seeded["modules"]}
    assert all(c.module_ids and set(c.module_ids) <= module_ids for c in survey.categories)


def _category_means(round_, survey):
    values = defaultdict(list)
    for statement, value in (
        Answer.objects.filter(round=round_).exclude(value=DONT_KNOW).values_list("statement", "value")
    ):
        values[survey.category_of(statement)].append(value)
    return [mean(values[c.id]) for c in survey.categories]


def test_sundsvall_has_a_baseline_and_a_follow_up_that_show_change_and_breakdowns(seeded):
    rounds = list(Round.objects.filter(organisation__name="Sundsvalls kommun").order_by("closes_on"))
    assert [r.kind for r in rounds] == [RoundKind.BASELINE, RoundKind.FOLLOW_UP]
    baseline, follow_up = rounds
    today = timezone.localdate()
    assert 340 <= (today - baseline.closes_on).days <= 400
    assert baseline.opened_at.date() < baseline.closes_on and follow_up.is_closed() and baseline.is_closed()
    assert 38 <= follow_up.respondents.submitted().count() <= 42
    assert follow_up.respondents.not_submitted().exists()
    assert baseline.revision_id == follow_up.revision_id == seeded["instrument"].live_revision_id
    per_department = defaultdict(int)
    for name in follow_up.respondents.submitted().values_list("department__name", flat=True):
        per_department[name] += 1
    assert max(per_department.values()) >= 5 and min(per_department.values()) < 5  # suppression shows
    assert len(per_department) >= 3
    survey = structure.for_round(follow_up)
    changes = [
        b - a for a, b in zip(_category_means(baseline, survey), _category_means(follow_up, survey), strict=True)
    ]
    assert sum(change > 0 for change in changes) >= 4 and any(change < 0 for change in changes)
    assert Answer.objects.filter(round=follow_up, value=DONT_KNOW).exists()
    # The demo logins: the manager runs the rounds; the learner answered both.
    assert follow_up.created_by.email == "chef@sundsvall.se"
    fatima = seeded["people"]["medarbetare@sundsvall.se"]
    assert Respondent.objects.filter(user=fatima, submitted_at__isnull=False).count() == 2
    # Invitations are logged as sent; nothing is queued to be mailed by the seed.
    assert not SurveyMail.objects.exclude(status=SurveyMailStatus.SENT).exists()
    assert SurveyMail.objects.filter(round=follow_up, kind="invitation").count() == follow_up.respondents.count()


def test_five_municipalities_have_a_closed_round_for_the_comparison(seeded):
    municipalities = {
        r.organisation.name
        for r in Round.objects.filter(organisation__kind=OrganisationKind.MUNICIPALITY).select_related("organisation")
        if r.is_closed() and r.respondents.submitted().count() >= 5
    }
    assert len(municipalities) >= 5
    assert {"Sundsvalls kommun", "Kramfors kommun"} <= municipalities
    kramfors = Round.objects.get(organisation__name="Kramfors kommun")
    assert 15 <= kramfors.respondents.submitted().count() <= 20


def test_harnosand_has_an_open_round_the_demo_learner_has_not_answered(seeded):
    anna = seeded["people"]["anna.lindqvist@harnosand.se"]
    open_round = Round.objects.open_on().get(organisation__name="Härnösands kommun")
    assert open_round == seeded["open_round"]
    respondent = Respondent.objects.get(round=open_round, user=anna)
    assert respondent.submitted_at is None and not respondent.answers.exists()
    assert SurveyMail.objects.filter(round=open_round, user=anna, kind="invitation", status="sent").exists()
    assert all(r.submitted_at is None or r.submitted_at <= timezone.now() for r in open_round.respondents.all())
