"""Changes to workshops: members, imports, reminders. Views, admin, commands and tasks call these."""

import csv
import io
import logging
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import audit

from .exceptions import AlreadyInGroup, OtherOrganisation
from .models import Membership, Reminder, ReminderStatus
from .readiness import workshop_readiness

log = logging.getLogger(__name__)
MAX_CSV_BYTES = 1024 * 1024
MAX_CSV_ROWS = 5000


def _check_member(workshop, user):
    if user.organisation_id != workshop.organisation_id:
        raise OtherOrganisation(
            _("%(person)s belongs to another organisation than the workshop.") % {"person": user.email}
        )


def add_member(group, user, actor=None):
    """Put a person in a group. Refused if they are in another group of the same workshop."""
    workshop = group.workshop
    _check_member(workshop, user)
    existing = Membership.objects.filter(workshop=workshop, user=user).select_related("group").first()
    if existing is not None:
        if existing.group_id == group.pk:
            return existing
        raise AlreadyInGroup(
            _("%(person)s is already in the group %(group)s of this workshop.")
            % {"person": user.email, "group": existing.group.name}
        )
    try:
        with transaction.atomic():
            membership = Membership.objects.create(workshop=workshop, group=group, user=user)
    except IntegrityError:
        raise AlreadyInGroup(
            _("%(person)s was just added to another group of this workshop.") % {"person": user.email}
        ) from None
    audit.log("workshop.member_added", f"{user.email} → {group}", actor=actor, obj=group)
    return membership


def remove_member(group, user, actor=None):
    deleted, _count = Membership.objects.filter(group=group, user=user).delete()
    if deleted:
        audit.log("workshop.member_removed", f"{user.email} ← {group}", actor=actor, obj=group)
    return bool(deleted)


def move_member(workshop, user, group, actor=None):
    with transaction.atomic():
        Membership.objects.filter(workshop=workshop, user=user).delete()
        return add_member(group, user, actor)


@dataclass
class ImportRow:
    line: int
    email: str
    outcome: str  # added, already, error
    message: str = ""


@dataclass
class ImportReport:
    rows: list[ImportRow] = field(default_factory=list)
    error: str = ""

    @property
    def added(self):
        return [row for row in self.rows if row.outcome == "added"]

    @property
    def problems(self):
        return [row for row in self.rows if row.outcome == "error"]


def add_members(group, users, actor=None):
    """Add many people (a department, a target group); returns a row-by-row report. One transaction."""
    report = ImportReport()
    with transaction.atomic():
        for index, user in enumerate(users, start=1):
            report.rows.append(_add_row(group, user, index, user.email, actor))
    return report


def _add_row(group, user, line, email, actor):
    try:
        with transaction.atomic():
            before = Membership.objects.filter(workshop=group.workshop, user=user, group=group).exists()
            add_member(group, user, actor)
        if before:
            return ImportRow(line, email, "already", _("Already in this group."))
        return ImportRow(line, email, "added")
    except (AlreadyInGroup, OtherOrganisation) as error:
        return ImportRow(line, email, "error", str(error.message))


def import_members_csv(group, uploaded, actor=None):
    """E-mail addresses from a CSV file (one a row, or a column named e-post/email).

    Every row gets an outcome; the valid rows are added in one transaction, so nothing is half done.
    """
    report = ImportReport()
    raw = uploaded.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        report.error = _("The file is too large (at most 1 MB).")
        return report
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            report.error = _("The file could not be read. Save it as CSV (UTF-8) and try again.")
            return report
    if "\x00" in text:
        report.error = _("The file is not a CSV file.")
        return report
    try:
        reader = csv.reader(io.StringIO(text), csv.Sniffer().sniff(text[:2048], delimiters=";,\t"))
    except csv.Error:
        # The delimiter goes in as a parameter: csv.excel is shared by the whole process and must not change.
        reader = csv.reader(io.StringIO(text), csv.excel, delimiter=";" if ";" in text[:2048] else ",")
    try:
        rows = list(reader)
    except csv.Error:  # e.g. a field longer than csv.field_size_limit(), or a stray quote
        report.error = _("The file could not be read as CSV. Check that each row holds one e-mail address.")
        return report
    if not rows:
        report.error = _("The file is empty.")
        return report
    if len(rows) > MAX_CSV_ROWS:
        report.error = _("The file has too many rows (at most %(max)s).") % {"max": MAX_CSV_ROWS}
        return report
    column = 0
    header = [cell.strip().lower() for cell in rows[0]]
    start = 0
    for name in ("e-post", "epost", "e-postadress", "email", "e-mail", "mail"):
        if name in header:
            column, start = header.index(name), 1
            break
    User = get_user_model()
    wanted = []
    for line, row in enumerate(rows[start:], start=start + 1):
        cell = row[column].strip().lower() if len(row) > column else ""
        if cell:
            wanted.append((line, cell))
    users = {u.email.lower(): u for u in User.objects.filter(email__in=[email for _, email in wanted])}
    seen = set()
    with transaction.atomic():
        for line, email in wanted:
            try:
                validate_email(email)
            except Exception:
                report.rows.append(ImportRow(line, email, "error", _("Not an e-mail address.")))
                continue
            if email in seen:
                report.rows.append(ImportRow(line, email, "error", _("Listed twice in the file.")))
                continue
            seen.add(email)
            user = users.get(email)
            if user is None:
                report.rows.append(ImportRow(line, email, "error", _("No account with this address.")))
                continue
            report.rows.append(_add_row(group, user, line, email, actor))
    if not report.rows:
        report.error = _("The file has no e-mail addresses.")
    audit.log(
        "workshop.csv_import",
        f"{len(report.added)} added to {group}",
        actor=actor,
        obj=group,
        problems=len(report.problems),
    )
    return report


def reminder_recipients(workshop, today=None):
    """Who a reminder would go to now: (to_remind, already_reminded_today), both lists of people not ready.

    The preview page and remind_not_ready both ask this, so the preview lists exactly who gets one.
    """
    today = today or timezone.localdate()
    not_ready = [row.user for row in workshop_readiness(workshop).not_ready()]
    already = set(
        Reminder.objects.filter(workshop=workshop, sent_on=today, user__in=not_ready).values_list("user_id", flat=True)
    )
    return [user for user in not_ready if user.pk not in already], [user for user in not_ready if user.pk in already]


def remind_not_ready(workshop, actor=None, automatic=False, message=""):
    """Queue one reminder per member who is not ready, at most one per person and day.

    `message` is the sender's own words, kept on each reminder and put in the e-mail.
    Returns (queued, skipped): skipped are those already reminded today.
    """
    from .tasks import send_reminder

    today = timezone.localdate()
    message = (message or "").strip()
    to_remind, already = reminder_recipients(workshop, today)
    with transaction.atomic():
        Reminder.objects.bulk_create(
            [
                Reminder(
                    workshop=workshop,
                    user=user,
                    sent_on=today,
                    requested_by=actor,
                    automatic=automatic,
                    message=message,
                )
                for user in to_remind
            ],
            ignore_conflicts=True,
        )
        created = list(
            Reminder.objects.filter(
                workshop=workshop, sent_on=today, user__in=to_remind, status=ReminderStatus.QUEUED, tries=0
            ).values_list("pk", flat=True)
        )
        audit.log(
            "workshop.reminded",
            f"{len(created)} reminded for {workshop.title}",
            actor=actor,
            obj=workshop,
            automatic=automatic,
            with_message=bool(message),
        )
        for reminder_id in created:
            transaction.on_commit(lambda rid=reminder_id: send_reminder.enqueue(rid))
    return len(created), len(already)


def due_automatic_reminders(today=None):
    """Workshops whose automatic reminder day is today and that have not had it yet."""
    from .models import Workshop

    today = today or timezone.localdate()
    due = []
    for workshop in Workshop.objects.filter(reminder_days_before__gt=0, starts_at__date__gte=today):
        if workshop.days_left(today) <= workshop.reminder_days_before and workshop.auto_reminder_sent_on is None:
            due.append(workshop)
    return due


def send_automatic_reminders(today=None):
    today = today or timezone.localdate()
    total = 0
    for workshop in due_automatic_reminders(today):
        queued, _skipped = remind_not_ready(workshop, automatic=True)
        workshop.auto_reminder_sent_on = today
        workshop.save(update_fields=["auto_reminder_sent_on"])
        total += queued
    return total


def retry_failed_reminders(max_tries=5):
    from .tasks import send_reminder

    ids = list(Reminder.objects.filter(status=ReminderStatus.FAILED, tries__lt=max_tries).values_list("pk", flat=True))
    for reminder_id in ids:
        send_reminder.enqueue(reminder_id)
    return len(ids)
