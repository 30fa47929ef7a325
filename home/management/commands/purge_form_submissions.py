"""Retention of what visitors send: form submissions past their form's retention time, with their files,
and page feedback comments past theirs (home.feedback.clear_old_comments; the yes or no stays)."""

from django.core.management.base import BaseCommand

from home import feedback, submissions


class Command(BaseCommand):
    help = (
        "Delete form submissions older than their form's 'keep submissions for (days)', and their attachments, "
        "and blank page feedback comments older than PAGE_FEEDBACK_COMMENT_RETENTION_DAYS (the answers stay). "
        "Safe to run at any time; run it daily, e.g. from cron: '30 3 * * * manage.py purge_form_submissions'."
    )

    def handle(self, *args, **options):
        deleted = submissions.purge_expired()
        self.stdout.write(f"Deleted {deleted} form submission(s) past their retention time.")
        cleared = feedback.clear_old_comments()
        self.stdout.write(
            f"Cleared {cleared} page feedback comment(s) older than {feedback.comment_retention_days()} days."
        )
