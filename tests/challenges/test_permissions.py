"""An organisation's solution editors write only in their own part, and publish only through review.

Everything goes through Wagtail's real admin views, as an editor's browser would.
"""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from challenges.models import OrganisationSolutionsPage, SolutionPage

from .tree import add_url, edit_url, make_solution, solution_form


def _refused(response):
    """Wagtail answers a refused admin request with 403, or back to the dashboard with a message (302)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].rstrip("/").endswith("/admin")
    )


def test_the_editor_submits_a_new_solution_for_review(client, org_editor, part, reviewer, organisation):
    client.force_login(org_editor)
    assert client.get(add_url(part)).status_code == 200
    response = client.post(add_url(part), {**solution_form(), "action-submit": "1"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    page = SolutionPage.objects.get(slug="planeringsstod")
    assert not page.live and page.organisation == organisation
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == org_editor
    assert state.current_task_state.revision.user == org_editor
    # Wagtail tells the reviewers (after commit).
    assert any(reviewer.email in message.to for message in mail.outbox)


def test_the_editor_cannot_publish_directly(client, org_editor, part):
    client.force_login(org_editor)
    response = client.post(add_url(part), {**solution_form(), "action-publish": "1"})
    assert response.status_code == 302
    page = SolutionPage.objects.get(slug="planeringsstod")
    assert not page.live  # Wagtail saved a draft: the editor has no publish permission
    assert not WorkflowState.objects.filter(object_id=str(page.pk)).exists()


def test_the_editor_edits_and_submits_an_existing_solution(client, org_editor, part):
    solution = make_solution(part, title="Gammal rubrik")
    client.force_login(org_editor)
    response = client.post(
        edit_url(solution), {**solution_form(title="Ny rubrik", slug=solution.slug), "action-submit": "1"}
    )
    assert response.status_code == 302
    solution.refresh_from_db()
    assert solution.title == "Gammal rubrik" and solution.live  # the live page waits for the reviewer
    assert solution.get_latest_revision_as_object().title == "Ny rubrik"
    assert solution.workflow_in_progress


def test_another_organisations_part_is_refused_and_nothing_is_stored(client, org_editor, other_part):
    client.force_login(org_editor)
    before = SolutionPage.objects.count()
    assert _refused(client.get(add_url(other_part)))
    response = client.post(add_url(other_part), {**solution_form(), "action-submit": "1"})
    assert _refused(response)
    assert SolutionPage.objects.count() == before
    assert not WorkflowState.objects.exists()


def test_another_organisations_solution_cannot_be_edited(client, org_editor, other_part):
    solution = make_solution(other_part, title="Sundsvalls lösning")
    client.force_login(org_editor)
    assert _refused(client.get(edit_url(solution)))
    response = client.post(
        edit_url(solution), {**solution_form(title="Ändrad", slug=solution.slug), "action-submit": "1"}
    )
    assert _refused(response)
    solution.refresh_from_db()
    assert (
        solution.title == "Sundsvalls lösning"
        and solution.get_latest_revision_as_object().title == "Sundsvalls lösning"
    )


def test_the_challenge_itself_is_out_of_reach(client, org_editor, challenge, organisation):
    client.force_login(org_editor)
    assert _refused(client.get(add_url(challenge, "organisationsolutionspage")))
    assert _refused(client.get(edit_url(challenge)))
    assert OrganisationSolutionsPage.objects.count() == 1


def test_the_reviewer_sees_the_task_and_approves(client, org_editor, reviewer, part):
    client.force_login(org_editor)
    client.post(add_url(part), {**solution_form(), "action-submit": "1"})
    page = SolutionPage.objects.get(slug="planeringsstod")
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk))

    client.force_login(reviewer)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Planeringsstöd för chefsdagen" in dashboard
    assert reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)) in dashboard

    response = client.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_APPROVED
    assert client.get(page.url).status_code == 200


def test_the_reviewer_sends_it_back_with_a_comment(client, org_editor, reviewer, part):
    client.force_login(org_editor)
    client.post(add_url(part), {**solution_form(), "action-submit": "1"})
    page = SolutionPage.objects.get(slug="planeringsstod")
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk))
    mail.outbox.clear()

    client.force_login(reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "reject", task_state.pk))
    response = client.post(url, {"comment": "Lägg till vilka förvaltningar som var med."})
    assert response.status_code == 302
    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Lägg till vilka förvaltningar som var med."
    # The editor is told, and sees the comment when they open the page again.
    assert any(org_editor.email in message.to for message in mail.outbox)
    client.force_login(org_editor)
    assert "Lägg till vilka förvaltningar som var med." in client.get(edit_url(page)).content.decode()
    # ... changes it and submits again.
    response = client.post(
        edit_url(page), {**solution_form(title="Planeringsstöd, med förvaltningarna"), "action-submit": "1"}
    )
    assert response.status_code == 302
    assert WorkflowState.objects.get(object_id=str(page.pk)).status == WorkflowState.STATUS_IN_PROGRESS


def test_the_editor_cannot_approve_their_own_page(client, org_editor, reviewer, part):
    client.force_login(org_editor)
    client.post(add_url(part), {**solution_form(), "action-submit": "1"})
    page = SolutionPage.objects.get(slug="planeringsstod")
    task_state = TaskState.objects.get(workflow_state__object_id=str(page.pk))
    response = client.post(reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)))
    assert _refused(response)
    page.refresh_from_db()
    assert not page.live


@pytest.mark.parametrize(
    ("who", "target", "expected"),
    [
        ("org_editor", "own_part_add", 200),
        ("org_editor", "other_part_add", "refused"),
        ("org_editor", "challenge_add", "refused"),
        ("org_editor", "challenge_edit", "refused"),
        ("reviewer", "own_part_add", "refused"),
        ("administrator", "other_part_add", 200),
        ("administrator", "challenge_add", 200),
    ],
)
def test_permission_table(client, request, who, target, expected, part, other_part, challenge, org_editor, reviewer):
    user = request.getfixturevalue(who)
    client.force_login(user)
    url = {
        "own_part_add": add_url(part),
        "other_part_add": add_url(other_part),
        "challenge_add": add_url(challenge, "organisationsolutionspage"),
        "challenge_edit": edit_url(challenge),
    }[target]
    response = client.get(url)
    if expected == "refused":
        assert _refused(response), (who, target, response.status_code)
    else:
        assert response.status_code == expected, (who, target)


def test_the_solution_editors_group_may_not_publish(part):
    codenames = set(part.group_permissions.values_list("permission__codename", flat=True))
    assert codenames == {"add_page", "change_page"}


def test_the_refused_editor_is_told_why(client, org_editor, other_part):
    client.force_login(org_editor)
    response = client.post(add_url(other_part), {**solution_form(), "action-submit": "1"}, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert [str(m).strip() for m in get_messages(response.wsgi_request)] == [
        "Ledsen, du saknar rättigheter att tillträda detta område."
    ]
