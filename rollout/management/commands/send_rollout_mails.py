"""Retries of rollout phase invitations."""

from django.core.management.base import BaseCommand
from django.db import transaction

from rollout import tasks


class Command(BaseCommand):
    help = (
        "Queue failed rollout phase invitations again (at most 5 tries), and those still queued after "
        "15 minutes. Safe to run at any time: a mail is claimed before it is sent, so none goes twice. "
        "Run it every few minutes, e.g. from cron: '*/5 * * * * manage.py send_rollout_mails'."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            retried = tasks.retry_mails()
        self.stdout.write(f"Queued {retried} rollout invitation(s) again.")
