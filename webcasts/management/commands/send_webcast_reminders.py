"""Due-driven webcast reminders and retries of failed webcast mails."""

from django.core.management.base import BaseCommand
from django.db import transaction

from webcasts import tasks


class Command(BaseCommand):
    help = (
        "Queue the webcast reminders that are due now (the day before: from 24 hours before the start; "
        "one hour before: from 60 minutes before), and queue failed webcast mails again (at most 5 tries). "
        "Idempotent: a reminder is logged once per person, webcast and kind (a database constraint), so "
        "running it again, or twice at once, sends none twice. Run it every few minutes, e.g. from cron: "
        "'*/5 * * * * manage.py send_webcast_reminders', or in the worker's loop."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            queued = tasks.queue_due_reminders()
            retried = tasks.retry_failed_mails()
        self.stdout.write(f"Queued {queued} webcast reminder(s); retried {retried} failed mail(s).")
