"""Retries of failed programme booking mails."""

from django.core.management.base import BaseCommand
from django.db import transaction

from programmes import tasks


class Command(BaseCommand):
    help = (
        "Queue failed programme booking mails again (at most 5 tries each), and queued ones no worker took "
        "within 15 minutes, for cohorts that have not ended. Idempotent: a mail is claimed before it is sent, "
        "so running it twice sends none twice. Run it every few minutes, e.g. from cron: "
        "'*/5 * * * * manage.py send_programme_mails'."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            retried = tasks.retry_failed_mails()
        self.stdout.write(f"Retried {retried} programme mail(s).")
