"""Parallel clicks never invite twice, and parallel saves keep one answer per statement. Needs PostgreSQL."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from maturity import services, structure
from maturity.exceptions import AlreadyOpened
from maturity.models import Answer, Respondent, Round, SurveyMail
from rollout import services as rollout_services
from rollout.models import Phase, PhaseMail, RolloutPlan
from tests.concurrency import run_parallel
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL; CI runs this on it"),
]


def test_opening_a_round_twice_at_once_invites_everyone_once(organisation, manager, instrument):
    for _ in range(5):
        UserFactory(organisation=organisation)
    round_ = services.create_round(
        organisation, instrument, "Mätning", timezone.localdate() + datetime.timedelta(days=7), actor=manager
    )
    errors = run_parallel([lambda: services.open_round(Round.objects.get(pk=round_.pk), actor=manager)] * 4)
    assert len(errors) == 3 and all(isinstance(error, AlreadyOpened) for error in errors)
    people = Respondent.objects.filter(round=round_).count()
    assert people == 6  # the five and the manager
    assert SurveyMail.objects.filter(round=round_, kind="invitation").count() == people


def test_parallel_saves_keep_one_answer_per_statement(learner, organisation, make_round):
    round_ = make_round(organisation, invited=[learner])
    statement = structure.for_round(round_).statements[0].id
    values = [1, 2, 3, 4, 5, 6]
    errors = run_parallel([lambda v=v: services.save_answers(round_, learner, {statement: v}) for v in values])
    assert errors == []
    [answer] = Answer.objects.filter(respondent__user=learner)
    assert answer.value in values


def test_starting_a_phase_twice_at_once_invites_everyone_once(organisation, manager):
    for _ in range(4):
        UserFactory(organisation=organisation, target_group="chef")
    plan = RolloutPlan.objects.create(organisation=organisation, title="Plan")
    phase = Phase.objects.create(plan=plan, position=1, name="Chefer", target_groups=["chef"])
    results = []

    def start():
        results.append(rollout_services.start_phase(Phase.objects.get(pk=phase.pk), manager))

    assert run_parallel([start] * 4) == []
    assert sorted(result.queued for result in results) == [0, 0, 0, 5]  # the four and the manager
    assert sum(result.already_started for result in results) == 3
    assert PhaseMail.objects.filter(phase=phase).count() == 5
