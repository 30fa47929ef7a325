"""The target-group checklist, answered from the plan: marked answered or not, with headcounts."""

import pytest
from django.urls import reverse

from rollout.checklist import questions
from rollout.models import CommunicationItem
from rollout.progress import plan_progress

pytestmark = pytest.mark.django_db


def answers(plan):
    return {q.key: q for q in questions(plan, plan_progress(plan))}


def test_empty_plan_has_nothing_answered_but_shows_headcounts(plan, social, school, people_factory):
    people_factory(3, social)
    people_factory(2, school, target_group="chef")
    result = answers(plan)
    assert not any(q.answered for q in result.values())
    rows = dict(result["which"].rows)
    assert rows["Socialförvaltningen"] == 3 and rows["Barn- och utbildningsförvaltningen"] == 2
    assert result["how_many"].link == reverse("rollout_phase_create", args=[plan.pk])


def test_answers_come_from_the_plan(plan, make_phase, social, school, people_factory):
    people_factory(4, social, target_group="chef")
    first = make_phase("Chefer", target_groups=["chef"], resource_group="Cheferna som ambassadörer")
    second = make_phase("Medarbetare", departments=[school])
    result = answers(plan)
    assert result["how_many"].answered and dict(result["how_many"].rows)["Chefer"] >= 4
    assert result["resource"].answered and result["resource"].rows == [("Chefer", "Cheferna som ambassadörer")]
    assert not result["senders"].answered
    assert result["senders"].link == reverse("rollout_communication_create", args=[plan.pk, first.pk])
    assert not result["order"].answered  # phases but no reason for the order yet
    assert result["order"].rows == [("1", "Chefer"), ("2", "Medarbetare")]

    plan.target_groups_note = "Chefer, medarbetare"
    plan.clustering = "Chefer tillsammans"
    plan.order_rationale = "Chefer först, de stöttar sina medarbetare"
    plan.save()
    CommunicationItem.objects.create(phase=first, message="Hej", sender="kommundirektor", channel="epost")
    CommunicationItem.objects.create(
        phase=second, message="Hej", sender="chef", sender_name="Närmaste chef", channel="apt"
    )
    result = answers(plan)
    assert all(q.answered for q in result.values())
    assert dict(result["senders"].rows) == {"Chefer": "Kommundirektör", "Medarbetare": "Närmaste chef (Närmaste chef)"}


def test_resource_question_points_to_the_phase_missing_it(plan, make_phase):
    first = make_phase("Ett")
    make_phase("Två")
    result = answers(plan)
    assert not result["resource"].answered
    assert result["resource"].link == reverse("rollout_phase_edit", args=[plan.pk, first.pk])


def test_checklist_page(client, manager, programme_owner, plan, make_phase):
    make_phase("Chefer", resource_group="Chefer")
    client.force_login(manager)
    page = client.get(reverse("rollout_checklist", args=[plan.pk])).content.decode()
    assert "Inte besvarad ännu" in page and reverse("rollout_plan_edit", args=[plan.pk]) in page
    client.force_login(programme_owner)
    assert client.get(reverse("rollout_checklist", args=[plan.pk])).status_code == 404
