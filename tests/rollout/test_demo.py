"""The rollout demo, seeded by the whole seed_demo (it builds on the chefsdag and the e-module demo): Härnösand's
three-phase plan with phase 1 started (one test: a seed takes about 15 s), and a second seed_demo changes no maturity or rollout row."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.selections import people_matching
from elearning.models import ModuleProgress
from rollout.models import CommunicationStatus, Phase, PhaseMail, PhaseMailStatus, RolloutPlan
from workshops.models import Workshop


def _counts():
    return {
        model._meta.label: model.objects.count()
        for app in ("maturity", "rollout", "accounts")
        for model in apps.get_app_config(app).get_models()
    }


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=StringIO())


def test_the_demo_is_seeded_once_and_harnosand_has_a_three_phase_plan(seeded):
    first = _counts()
    call_command("seed_demo", stdout=StringIO())
    assert _counts() == first

    plan = RolloutPlan.objects.get(organisation__name="Härnösands kommun")
    assert plan.title == "Digitalt lyft i Härnösand 2026–2027"
    assert plan.goal and plan.target_groups_note and plan.clustering and plan.order_rationale
    assert plan.created_by.email == "chef@harnosand.se"
    phases = list(plan.phases.order_by("position"))
    assert [p.position for p in phases] == [1, 2, 3]
    assert all(p.starts_on < p.ends_on for p in phases)
    assert phases[0].ends_on <= phases[1].starts_on and phases[1].ends_on <= phases[2].starts_on

    chiefs, social, school = phases
    workshop = Workshop.objects.get(title="Chefsdag: Leda digital utveckling")
    assert chiefs.target_groups == ["chef"] and list(chiefs.workshops.all()) == [workshop]
    assert set(chiefs.modules.all()) == set(workshop.required_modules.all())
    assert chiefs.resource_group == "Cheferna blir ambassadörer för sina arbetsplatser"
    assert chiefs.started_at is not None and social.started_at is None and school.started_at is None
    members = people_matching(plan.organisation, [], chiefs.target_groups)
    assert members.count() >= 20
    assert set(PhaseMail.objects.filter(phase=chiefs).values_list("user_id", flat=True)) == set(
        members.values_list("pk", flat=True)
    )
    assert not PhaseMail.objects.exclude(status=PhaseMailStatus.SENT).exists()
    assert not PhaseMail.objects.filter(phase__in=[social, school]).exists()

    for phase in (social, school):
        assert phase.target_groups == ["medarbetare"] and phase.departments.count() == 1
        staff = people_matching(plan.organisation, phase.departments.values_list("pk", flat=True), phase.target_groups)
        assert staff.count() >= 5
    assert social.departments.get().name != school.departments.get().name

    items = list(Phase.objects.get(pk=chiefs.pk).communications.all())
    assert {i.sender for i in items} >= {"kommundirektor", "hr"}
    assert {i.status for i in items} == {CommunicationStatus.DONE, CommunicationStatus.PLANNED}
    assert {i.channel for p in phases for i in p.communications.all()} >= {"intranat", "epost", "apt"}
    assert "chef" in {i.sender for i in social.communications.all()}

    # Phase 1's live progress has real completions from the chefsdag demo, and people still to finish.
    done = ModuleProgress.objects.filter(user__in=members, module__in=chiefs.modules.all(), completed_at__isnull=False)
    assert done.exists()
    assert done.values("user").distinct().count() < members.count()  # some have not finished: progress shows
