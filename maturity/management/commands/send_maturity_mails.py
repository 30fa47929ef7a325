"""Retries of maturity survey mails that failed or were never sent (for cron)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from maturity import tasks


class Command(BaseCommand):
    help = (
        "Queue again the maturity survey mails (invitations, reminders) that failed, at most 5 tries each, "
        "and those queued more than 10 minutes ago that no worker sent; only for rounds still open. "
        "A mail is claimed before it is sent, so running this twice sends none twice. "
        "Run it every few minutes, e.g. '*/10 * * * * manage.py send_maturity_mails'."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            retried = tasks.retry_mails()
        self.stdout.write(f"Queued {retried} maturity survey mail(s) again.")
