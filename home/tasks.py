"""Background work for the home app, run by the task worker (`manage.py db_worker`) after commit."""

from django_tasks import task

from . import submissions


@task()
def send_form_notification(submission_id):
    """The mail about one form submission to the form's recipients (home.submissions). A mail-server
    failure is logged there and returned as "failed", never raised."""
    return submissions.send_notification(submission_id)
