"""The review workflow "Granskning" is set up once, replaces Wagtail's starter workflow and lets reviewers publish."""

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from accounts.review import WORKFLOW_NAME, ensure_review_workflow
from accounts.roles import REVIEWER, group_for


def test_the_workflow_is_on_the_root_page_once(roles, home_page):
    workflow = ensure_review_workflow()
    again = ensure_review_workflow()
    assert workflow == again and workflow.name == WORKFLOW_NAME and workflow.active
    root = Page.get_first_root_node()
    assert WorkflowPage.objects.get(page=root).workflow == workflow
    assert home_page.get_workflow() == workflow
    task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
    assert list(task.groups.all()) == [group_for(REVIEWER)]
    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1


def test_wagtails_starter_workflow_that_no_one_can_approve_is_replaced(roles, home_page):
    # What wagtailcore's migration leaves once accounts.roles has removed its "Moderators" group.
    root = Page.get_first_root_node()
    WorkflowPage.objects.filter(page=root).delete()
    starter = Workflow.objects.create(name="Moderators approval", active=True)
    WorkflowTask.objects.create(workflow=starter, task=GroupApprovalTask.objects.create(name="Moderators approval"))
    WorkflowPage.objects.create(page=root, workflow=starter)

    ours = ensure_review_workflow()
    assert WorkflowPage.objects.get(page=root).workflow == ours
    starter.refresh_from_db()
    assert not starter.active and not starter.workflow_pages.exists()


def test_an_approvable_workflow_an_administrator_chose_is_kept(roles, home_page):
    ours = ensure_review_workflow()
    chosen = Workflow.objects.create(name="Två steg", active=True)
    task = GroupApprovalTask.objects.create(name="Kommunikationschefen")
    task.groups.set([group_for(REVIEWER)])
    WorkflowTask.objects.create(workflow=chosen, task=task, sort_order=0)
    WorkflowPage.objects.filter(page=Page.get_first_root_node()).update(workflow=chosen)
    ensure_review_workflow()
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == chosen
    assert ours.active


def test_reviewers_hold_no_page_permission(roles, home_page):
    """Approving is their permission (accounts/workflow_actions.py); publish_page would let them unpublish anything."""
    ensure_review_workflow()
    assert not group_for(REVIEWER).page_permissions.exists()
