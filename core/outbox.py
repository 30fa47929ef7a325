"""Mails kept as rows first (the log), sent by a task after commit: one way to claim, send and record them.

A domain app subclasses `LoggedMail` for its own rows (with its own constraints: "one invitation",
"one reminder a day") and its task calls `deliver`. The row is claimed before sending, so two workers
never send the same mail; a mail-server failure marks it failed, kept for `retry_ids`, never an error
page and never lost.
"""

import logging

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)

NOT_NEEDED = "no longer needed: nothing sent"


class MailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")


class LoggedMail(models.Model):
    status = models.CharField(_("status"), max_length=10, choices=MailStatus.choices, default=MailStatus.QUEUED)
    tries = models.PositiveSmallIntegerField(_("tries"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]


def deliver(mail, build_message, still_needed=None):
    """Claim the row, check it is still wanted, send it, record the outcome: "sent", "failed", "skipped"
    (another worker has it, or it went already) or "not needed"."""
    model = type(mail)
    if mail.status == MailStatus.SENT:
        return "skipped"
    claimed = model.objects.filter(
        pk=mail.pk, status__in=[MailStatus.QUEUED, MailStatus.FAILED], tries=mail.tries
    ).update(status=MailStatus.SENT, tries=F("tries") + 1, sent_at=timezone.now())
    if not claimed:
        return "skipped"
    if still_needed is not None and not still_needed(mail):
        model.objects.filter(pk=mail.pk).update(last_error=NOT_NEEDED)
        return "not needed"
    try:
        build_message(mail).send()
    except Exception as error:  # the mail server, whatever it says: kept for a retry
        last_error = f"{type(error).__name__}: {error}"[:300]
        model.objects.filter(pk=mail.pk).update(status=MailStatus.FAILED, sent_at=None, last_error=last_error)
        log.warning("%s %s failed: %s", model._meta.label, mail.pk, last_error)
        return "failed"
    model.objects.filter(pk=mail.pk).update(last_error="")
    return "sent"


def retry_ids(queryset, max_tries, stale_after, now=None):
    """Ids of rows to queue again: failed ones under `max_tries`, and queued ones no worker took in time."""
    now = now or timezone.now()
    return list(
        queryset.filter(
            Q(status=MailStatus.FAILED, tries__lt=max_tries)
            | Q(status=MailStatus.QUEUED, tries=0, created_at__lte=now - stale_after)
        ).values_list("pk", flat=True)
    )
