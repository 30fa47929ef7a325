"""Retention of form submissions: delete those past their form's retention time, with their files."""

from django.core.management.base import BaseCommand

from home import submissions


class Command(BaseCommand):
    help = (
        "Delete form submissions older than their form's 'keep submissions for (days)', and their attachments. "
        "Safe to run at any time; run it daily, e.g. from cron: '30 3 * * * manage.py purge_form_submissions'."
    )

    def handle(self, *args, **options):
        deleted = submissions.purge_expired()
        self.stdout.write(f"Deleted {deleted} form submission(s) past their retention time.")
