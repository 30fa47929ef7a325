"""Retries of certificate PDFs that failed to render, or that no worker has rendered yet."""

import datetime

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from programmes import certificate_mails
from programmes.models import Certificate, CertificateStatus
from programmes.rendering import render_certificate

MAX_TRIES = 5
PENDING_FOR = datetime.timedelta(minutes=15)


class Command(BaseCommand):
    help = (
        "Queue certificate PDFs again: failed ones (at most 5 tries each) and ones still being prepared after "
        "15 minutes (no worker took them); and failed 'certificate ready' mails. --now renders them in this "
        "process instead of queueing. "
        "Run it every few minutes, e.g. from cron: '*/10 * * * * manage.py render_certificates'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Render in this process, not through the task queue.")

    def handle(self, *args, **options):
        stale = timezone.now() - PENDING_FOR
        ids = list(
            Certificate.objects.filter(tries__lt=MAX_TRIES)
            .filter(Q(status=CertificateStatus.FAILED) | Q(status=CertificateStatus.PENDING, issued_at__lt=stale))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for pk in ids:
            if options["now"]:
                render_certificate.call(pk)
            else:
                render_certificate.enqueue(pk)
        with transaction.atomic():
            mails = certificate_mails.retry_failed_mails()
        self.stdout.write(f"Queued {len(ids)} certificate(s) for rendering and {mails} certificate mail(s).")
