"""Daily job: automatic reminders N days before each workshop, and retries of failed reminders."""

from django.core.management.base import BaseCommand

from workshops import services


class Command(BaseCommand):
    help = "Queue automatic workshop reminders that are due today and retry failed ones."

    def handle(self, *args, **options):
        queued = services.send_automatic_reminders()
        retried = services.retry_failed_reminders()
        self.stdout.write(f"Queued {queued} automatic reminder(s); retried {retried} failed reminder(s).")
