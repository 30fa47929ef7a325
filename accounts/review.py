"""The review workflow: an editor submits a page, a reviewer (Granskare) approves or sends it back.

One workflow, "Granskning", with one group approval task for the reviewer role, on the site's root page
so it covers every page. Editors with publish permission may still publish directly (Wagtail's rule);
those without it, such as a municipality's solution editors (challenges/permissions.py), must submit.

Approving the last task publishes the page through `accounts.workflow_actions.publish_approved`
(WAGTAIL_FINISH_WORKFLOW_ACTION in the settings), without Wagtail's check that the approver may publish:
approving is the reviewer's permission. So the reviewer group holds no page permission at all, which would also let it unpublish or
restrict any page; Wagtail opens the editor to the task's group while a page waits on its task.

Wagtail's own migrations put a starter workflow, "Moderators approval", on the root page, for a
"Moderators" group that accounts.roles removes; a workflow that no group can approve takes its place.
"""

from django.db import transaction
from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from .roles import REVIEWER, group_for

WORKFLOW_NAME = "Granskning"
TASK_NAME = "Granskning av granskare"


@transaction.atomic
def ensure_review_workflow():
    """Make (or find) the workflow and put it on the root page. Idempotent; an editor's renaming survives."""
    group = group_for(REVIEWER)
    task = GroupApprovalTask.objects.filter(groups=group).order_by("pk").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([group])
    workflow = Workflow.objects.filter(workflow_tasks__task=task).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    root = Page.get_first_root_node()
    if root is None:  # no page tree yet (a flushed test database)
        return workflow
    current = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if current is None:
        WorkflowPage.objects.create(page=root, workflow=workflow)
    elif current.workflow_id != workflow.pk and not _can_be_approved(current.workflow):
        starter = current.workflow
        current.workflow = workflow
        current.save(update_fields=["workflow"])
        if not starter.workflow_pages.exists() and not starter.workflow_content_types.exists():
            starter.deactivate()
    return workflow


def _can_be_approved(workflow):
    """False for a workflow with a group approval task that no group may approve (Wagtail's starter)."""
    tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow, active=True)
    return not any(not task.groups.exists() for task in tasks)
