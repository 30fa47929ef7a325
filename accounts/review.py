"""The review workflow: an editor submits a page, a reviewer (Granskare) approves or sends it back.

One workflow, "Granskning", with one group approval task for the reviewer role, on the site's root page
so it covers every page. Editors with publish permission may still publish directly (Wagtail's rule);
those without it, such as a municipality's solution editors (challenges/permissions.py), must submit.
"""

from wagtail.models import GroupApprovalTask, Page, Workflow, WorkflowPage, WorkflowTask

from .roles import REVIEWER, group_for

WORKFLOW_NAME = "Granskning"
TASK_NAME = "Granskning av granskare"


def ensure_review_workflow():
    """Make (or find) the workflow and put it on the root page. Idempotent; an editor's renaming survives."""
    group = group_for(REVIEWER)
    task = GroupApprovalTask.objects.filter(groups=group).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([group])
    workflow = Workflow.objects.filter(workflow_tasks__task=task).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    root = Page.get_first_root_node()
    if not WorkflowPage.objects.filter(page=root).exists():
        WorkflowPage.objects.create(page=root, workflow=workflow)
    return workflow
