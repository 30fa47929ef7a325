"""Put the review workflow "Granskning" on the root page, once, for production as well as the demo.

The same steps as accounts.review.ensure_review_workflow, with the historical models (a migration must not
use today's model classes). Wagtail's own starter workflow ("Moderators approval", for a group that
accounts.roles removes) is replaced; any other workflow an administrator put there is kept.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from accounts.review import TASK_NAME, WORKFLOW_NAME
    from accounts.roles import REVIEWER, _role_group

    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    root = Page.objects.filter(depth=1).first()
    if root is None:
        return
    group = _role_group(apps, REVIEWER)
    task = GroupApprovalTask.objects.filter(groups=group).order_by("pk").first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True, content_type=content_type)
        task.groups.set([group])
    workflow = Workflow.objects.filter(workflow_tasks__task=task).order_by("pk").first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    current = WorkflowPage.objects.filter(page=root).first()
    if current is None:
        WorkflowPage.objects.create(page=root, workflow=workflow)
        return
    starter_tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow_id=current.workflow_id, active=True)
    nobody_can_approve = any(not t.groups.exists() for t in starter_tasks)
    if current.workflow_id != workflow.pk and nobody_can_approve:
        starter = current.workflow
        current.workflow = workflow
        current.save(update_fields=["workflow"])
        if not WorkflowPage.objects.filter(workflow=starter).exists():
            starter.active = False
            starter.save(update_fields=["active"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0008_reviewer_role"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
