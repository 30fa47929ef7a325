"""Plans, phases and messages: who may read and change them, forms limited to the organisation, order."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import Selection
from rollout.forms import PhaseForm
from rollout.models import CommunicationItem, Phase, RolloutPlan
from tests.factories import DepartmentFactory
from workshops.models import Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_plan(plan, make_phase, social):
    first = make_phase("Chefer", departments=[social])
    second = make_phase("Medarbetare")
    item = CommunicationItem.objects.create(phase=first, message="Välkomna", sender="hr", channel="epost")
    return plan, first, second, item


def urls(plan, phase, item):
    return {
        "detail": reverse("rollout_plan", args=[plan.pk]),
        "edit": reverse("rollout_plan_edit", args=[plan.pk]),
        "checklist": reverse("rollout_checklist", args=[plan.pk]),
        "phase_create": reverse("rollout_phase_create", args=[plan.pk]),
        "phase_edit": reverse("rollout_phase_edit", args=[plan.pk, phase.pk]),
        "phase_delete": reverse("rollout_phase_delete", args=[plan.pk, phase.pk]),
        "phase_start": reverse("rollout_phase_start", args=[plan.pk, phase.pk]),
        "com_create": reverse("rollout_communication_create", args=[plan.pk, phase.pk]),
        "com_edit": reverse("rollout_communication_edit", args=[plan.pk, item.pk]),
        "com_delete": reverse("rollout_communication_delete", args=[plan.pk, item.pk]),
    }


def test_manager_may_open_every_page(client, manager, full_plan):
    plan, phase, _, item = full_plan
    client.force_login(manager)
    for name, url in urls(plan, phase, item).items():
        assert client.get(url).status_code == 200, name
    assert client.get(reverse("rollout_plans")).status_code == 200


def test_another_organisations_manager_gets_404_everywhere_and_nothing_changes(client, other_manager, full_plan):
    plan, phase, _, item = full_plan
    client.force_login(other_manager)
    for name, url in urls(plan, phase, item).items():
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"title": "Kapad", "name": "Kapad", "message": "x"}).status_code == 404, name
    move = reverse("rollout_phase_move", args=[plan.pk, phase.pk])
    assert client.post(move, {"direction": "down"}).status_code == 404
    plan.refresh_from_db()
    assert plan.title == "Digitalt lyft 2027" and Phase.objects.filter(plan=plan).count() == 2
    assert CommunicationItem.objects.filter(pk=item.pk).exists() and not phase.mails.exists()
    assert plan.title not in client.get(reverse("rollout_plans")).content.decode()


def test_learner_gets_404_and_anonymous_is_sent_to_log_in(client, learner, full_plan):
    plan, phase, _, item = full_plan
    client.force_login(learner)
    assert client.get(reverse("rollout_plans")).status_code == 404
    assert client.get(reverse("rollout_plan_create")).status_code == 404
    for name, url in urls(plan, phase, item).items():
        assert client.get(url).status_code == 404, name
    client.logout()
    response = client.get(urls(plan, phase, item)["detail"])
    assert response.status_code == 302 and "login" in response["Location"]


def test_programme_owner_and_editor_do_not_read_plans(client, programme_owner, editor, full_plan):
    """A plan is the organisation's internal planning: figures across organisations do not reach it."""
    plan, phase, _, item = full_plan
    for viewer in (programme_owner, editor):
        client.force_login(viewer)
        for name, url in urls(plan, phase, item).items():
            assert client.get(url).status_code == 404, name
        assert client.get(reverse("rollout_plans")).status_code == 404
        assert client.get(reverse("rollout_plan_create")).status_code == 404


def test_ids_must_belong_to_the_plan_in_the_url(client, manager, full_plan, organisation):
    _plan, phase, _, item = full_plan
    other_plan = RolloutPlan.objects.create(organisation=organisation, title="Annan plan")
    client.force_login(manager)
    assert client.get(reverse("rollout_phase_edit", args=[other_plan.pk, phase.pk])).status_code == 404
    assert client.get(reverse("rollout_communication_edit", args=[other_plan.pk, item.pk])).status_code == 404
    assert client.post(reverse("rollout_phase_delete", args=[other_plan.pk, phase.pk])).status_code == 404
    assert Phase.objects.filter(pk=phase.pk).exists()


def test_manager_creates_a_plan_for_their_own_organisation(client, manager, organisation, other_organisation):
    client.force_login(manager)
    response = client.post(
        reverse("rollout_plan_create"),
        {"title": "Ny plan", "goal": "Alla", "organisation": other_organisation.pk, "clustering": "Chefer ihop"},
    )
    plan = RolloutPlan.objects.get(title="Ny plan")
    assert response.status_code == 302 and plan.organisation == organisation and plan.created_by == manager


def test_administrator_picks_the_organisation(client, administrator, other_organisation):
    client.force_login(administrator)
    assert client.post(reverse("rollout_plan_create"), {"title": "Utan"}).status_code == 200  # required
    client.post(reverse("rollout_plan_create"), {"title": "Sundsvall", "organisation": other_organisation.pk})
    assert RolloutPlan.objects.get(title="Sundsvall").organisation == other_organisation


def test_phase_form_refuses_another_organisations_department_workshop_and_selection(plan, other_organisation, social):
    foreign_department = DepartmentFactory(organisation=other_organisation)
    foreign_workshop = Workshop.objects.create(
        title="Deras", organisation=other_organisation, starts_at=datetime.datetime(2027, 1, 1, tzinfo=datetime.UTC)
    )
    foreign_selection = Selection.objects.create(organisation=other_organisation, name="Deras urval")
    for field, value in [
        ("departments", [foreign_department.pk]),
        ("workshops", [foreign_workshop.pk]),
        ("selection", foreign_selection.pk),
    ]:
        form = PhaseForm({"name": "Fas", field: value}, plan=plan)
        assert not form.is_valid() and field in form.errors, field
    assert PhaseForm({"name": "Fas", "departments": [social.pk]}, plan=plan).is_valid()


def test_phase_form_checks_dates_and_selection_against_groups(plan, social, organisation):
    form = PhaseForm({"name": "Fas", "starts_on": "2027-03-10", "ends_on": "2027-03-01"}, plan=plan)
    assert not form.is_valid() and "ends_on" in form.errors
    selection = Selection.objects.create(organisation=organisation, name="Urval")
    form = PhaseForm({"name": "Fas", "selection": selection.pk, "target_groups": ["chef"]}, plan=plan)
    assert not form.is_valid() and "selection" in form.errors
    form = PhaseForm({"name": "Fas", "target_groups": ["chef", "påhittad"]}, plan=plan)
    assert not form.is_valid() and "target_groups" in form.errors


def test_new_phases_get_the_next_position_through_the_view(client, manager, plan, social, modules):
    client.force_login(manager)
    for name in ("Ett", "Två", "Tre"):
        response = client.post(
            reverse("rollout_phase_create", args=[plan.pk]),
            {"name": name, "departments": [social.pk], "modules": [modules[0].pk], "target_groups": ["chef"]},
        )
        assert response.status_code == 302
    assert list(plan.phases.order_by("position").values_list("name", "position")) == [
        ("Ett", 1),
        ("Två", 2),
        ("Tre", 3),
    ]
    assert list(plan.phases.get(name="Två").modules.all()) == [modules[0]]
    assert plan.phases.get(name="Tre").target_groups == ["chef"]


def test_move_swaps_and_delete_renumbers(client, manager, plan, make_phase):
    a, b, c = make_phase("A"), make_phase("B"), make_phase("C")
    client.force_login(manager)
    move = reverse("rollout_phase_move", args=[plan.pk, c.pk])
    assert client.post(move, {"direction": "up"}).status_code == 302
    assert list(plan.phases.order_by("position").values_list("name", flat=True)) == ["A", "C", "B"]
    client.post(reverse("rollout_phase_move", args=[plan.pk, a.pk]), {"direction": "up"})  # already first
    assert list(plan.phases.order_by("position").values_list("name", flat=True)) == ["A", "C", "B"]
    assert client.post(move, {"direction": "sideways"}).status_code == 400
    assert client.get(move).status_code == 405
    client.post(reverse("rollout_phase_delete", args=[plan.pk, a.pk]))
    assert list(plan.phases.order_by("position").values_list("name", "position")) == [("C", 1), ("B", 2)]
    assert b.pk and not Phase.objects.filter(pk=a.pk).exists()


def test_communication_items_are_added_edited_and_deleted(client, manager, full_plan):
    plan, phase, _, item = full_plan
    client.force_login(manager)
    response = client.post(
        reverse("rollout_communication_create", args=[plan.pk, phase.pk]),
        {"message": "Kommundirektören inleder", "sender": "kommundirektor", "channel": "intranat", "status": "planned"},
    )
    assert response.status_code == 302 and phase.communications.count() == 2
    client.post(
        reverse("rollout_communication_edit", args=[plan.pk, item.pk]),
        {"message": "Ändrad", "sender": "hr", "channel": "epost", "status": "done", "date": "2027-02-01"},
    )
    item.refresh_from_db()
    assert item.message == "Ändrad" and item.status == "done"
    assert client.post(reverse("rollout_communication_create", args=[plan.pk, phase.pk]), {}).status_code == 200
    client.post(reverse("rollout_communication_delete", args=[plan.pk, item.pk]))
    assert not CommunicationItem.objects.filter(pk=item.pk).exists()


def test_plan_page_shows_phases_messages_and_accessible_progress(client, manager, full_plan):
    plan, phase, _, item = full_plan
    client.force_login(manager)
    page = client.get(reverse("rollout_plan", args=[plan.pk])).content.decode()
    assert "Chefer" in page and "Välkomna" in page and "<progress" in page
    assert reverse("rollout_communication_edit", args=[plan.pk, item.pk]) in page
    assert reverse("rollout_phase_start", args=[plan.pk, phase.pk]) in page
    assert "<caption" in page and 'scope="col"' in page
