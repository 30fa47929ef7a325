"""Mails about maturity surveys (invitations, reminders), sent by the task worker after commit.

Every mail is a `SurveyMail` row first (the log, and the guard against a second invitation or a
second reminder the same day); the task claims the row and sends it. A mail-server failure marks the
row failed, kept and retried by `manage.py send_maturity_mails` (at most MAX_TRIES tries).
"""

import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from core import outbox
from core.calendar import absolute_url

from .models import Respondent, Round, SurveyMail, SurveyMailKind, SurveyMailStatus

MAX_TRIES = 5
STALE_AFTER = datetime.timedelta(minutes=10)  # a queued row no worker has taken by then is queued again


def queue_mails(round_, kind, user_ids, actor=None):
    """Log one mail per person (constraints drop duplicates) and send each after commit. Returns how many."""
    today = timezone.localdate()
    SurveyMail.objects.bulk_create(
        [
            SurveyMail(
                round=round_,
                user_id=user_id,
                kind=kind,
                sent_on=today,
                requested_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            for user_id in user_ids
        ],
        ignore_conflicts=True,
    )
    rows = SurveyMail.objects.filter(
        round=round_, kind=kind, user_id__in=list(user_ids), status=SurveyMailStatus.QUEUED, tries=0
    )
    if kind == SurveyMailKind.REMINDER:
        rows = rows.filter(sent_on=today)
    mail_ids = list(rows.values_list("pk", flat=True))
    for mail_id in mail_ids:
        transaction.on_commit(lambda mid=mail_id: send_survey_mail.enqueue(mid))
    return len(mail_ids)


def _still_needed(mail):
    """Nothing for a closed round, and no reminder to someone who has submitted in the meantime."""
    round_ = mail.round
    if not round_.is_open():
        return False
    if mail.kind == SurveyMailKind.REMINDER:
        return Respondent.objects.filter(round=round_, user=mail.user, submitted_at__isnull=True).exists()
    return True


def build_message(mail):
    round_, user = mail.round, mail.user
    context = {
        "user": user,
        "round": round_,
        "organisation": round_.organisation,
        "kind": mail.kind,
        "url": absolute_url(reverse("maturity_answer", args=[round_.pk])),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override(user.preferred_language or "sv"), timezone.override("Europe/Stockholm"):
        subject = " ".join(render_to_string("maturity/email/subject.txt", context).split())
        body = render_to_string("maturity/email/body.txt", context)
    return EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@task()
def send_survey_mail(mail_id):
    mail = SurveyMail.objects.select_related("round__organisation", "user").filter(pk=mail_id).first()
    if mail is None:
        return "skipped"
    return outbox.deliver(mail, build_message, _still_needed)


def retry_mails(now=None):
    """Queue again failed mails (under MAX_TRIES tries) and queued ones no worker took, of open rounds only."""
    now = now or timezone.now()
    open_rounds = Round.objects.open_on(timezone.localdate(now)).values("pk")
    mail_ids = outbox.retry_ids(SurveyMail.objects.filter(round__in=open_rounds), MAX_TRIES, STALE_AFTER, now)
    for mail_id in mail_ids:
        transaction.on_commit(lambda mid=mail_id: send_survey_mail.enqueue(mid))
    return len(mail_ids)
