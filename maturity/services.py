"""State changes of maturity rounds: create, open (invite), remind, close, answer, submit.

Views, commands and tasks all call these. Each runs in one transaction, locks the row it counts on,
relies on the models' constraints for the invariants (one respondent per round, one answer per
statement, one invitation, one reminder a day) and raises a `maturity.exceptions` error that the
view turns into a message. Mails are rows first and are sent by a task after commit (`tasks`).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts.models import Selection
from accounts.selections import clean_target_groups, people_in, people_matching
from core import audit

from . import structure
from .exceptions import (
    AlreadyOpened,
    BadChoice,
    ClosingDateInPast,
    Incomplete,
    InvalidAnswers,
    NoLiveRevision,
    NoRespondents,
    NotARespondent,
    RoundClosed,
    RoundNotOpen,
)
from .models import (
    DONT_KNOW,
    SCALE_MAX,
    Answer,
    Audience,
    Respondent,
    Round,
    RoundKind,
    SurveyMail,
    SurveyMailKind,
)

# --- Who is asked -----------------------------------------------------------------------------------


def people_for_choice(organisation, audience, departments=(), target_groups=(), selection=None):
    """The active people a choice of respondents covers now (a queryset of users)."""
    organisation_id = getattr(organisation, "pk", organisation)
    if audience == Audience.DEPARTMENTS:
        return people_matching(organisation_id, [getattr(d, "pk", d) for d in departments])
    if audience == Audience.TARGET_GROUPS:
        return people_matching(organisation_id, (), target_groups)
    if audience == Audience.SELECTION:
        if selection is None:
            return people_matching(organisation_id).none()
        return people_in(selection)
    return people_matching(organisation_id)


def respondents_for(round_):
    """The people a round's choice covers now (before opening; afterwards the Respondent rows count)."""
    return people_for_choice(
        round_.organisation_id,
        round_.audience,
        round_.departments.values_list("pk", flat=True),
        round_.target_groups,
        round_.selection,
    )


def _check_choice(organisation, departments, selection):
    organisation_id = getattr(organisation, "pk", organisation)
    if any(d.organisation_id != organisation_id for d in departments):
        raise BadChoice
    if selection is not None and selection.organisation_id != organisation_id:
        raise BadChoice


def _kind_for(organisation_id, exclude_pk=None):
    earlier = Round.objects.opened().filter(organisation_id=organisation_id).exclude(pk=exclude_pk)
    return RoundKind.FOLLOW_UP if earlier.exists() else RoundKind.BASELINE


# --- Managers: rounds and saved selections --------------------------------------------------------------


def create_round(
    organisation,
    instrument,
    title,
    closes_on,
    audience=Audience.EVERYONE,
    departments=(),
    target_groups=(),
    selection=None,
    actor=None,
):
    """A draft round: nobody is invited until `open_round`."""
    if closes_on < timezone.localdate():
        raise ClosingDateInPast
    departments = list(departments or ())
    _check_choice(organisation, departments, selection)
    with transaction.atomic():
        round_ = Round.objects.create(
            organisation=organisation,
            instrument=instrument,
            title=title,
            closes_on=closes_on,
            kind=_kind_for(organisation.pk),
            audience=audience,
            target_groups=clean_target_groups(target_groups) if audience == Audience.TARGET_GROUPS else [],
            selection=selection if audience == Audience.SELECTION else None,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if audience == Audience.DEPARTMENTS:
            round_.departments.set(departments)
        audit.log("maturity.created", f"round {title}", actor=actor, obj=round_)
    return round_


def save_selection(organisation, name, departments=(), target_groups=(), actor=None):
    """Save a choice of departments and target groups under a name (replaces one with the same name)."""
    departments = list(departments or ())
    _check_choice(organisation, departments, None)
    with transaction.atomic():
        selection, _created = Selection.objects.update_or_create(
            organisation=organisation,
            name=name.strip(),
            defaults={
                "target_groups": clean_target_groups(target_groups),
                "created_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        selection.departments.set(departments)
    return selection


def delete_selection(selection, actor=None):
    with transaction.atomic():
        audit.log("maturity.selection_deleted", f"selection {selection.name}", actor=actor, obj=selection.organisation)
        selection.delete()


def open_round(round_, actor=None):
    """Invite the people the choice covers now, pinned to the live revision; mails go after commit.

    Returns the number invited. Opening an open round raises AlreadyOpened (nobody is invited twice).
    """
    from .tasks import queue_mails

    with transaction.atomic():
        locked = Round.objects.select_for_update(of=("self",)).select_related("instrument").get(pk=round_.pk)
        if locked.opened_at is not None:
            raise AlreadyOpened
        if locked.closes_on < timezone.localdate():
            raise ClosingDateInPast
        revision_id = structure.live_revision_id(locked.instrument)
        if not revision_id:
            raise NoLiveRevision
        people = list(respondents_for(locked).values_list("pk", "department_id", "target_group"))
        if not people:
            raise NoRespondents
        Respondent.objects.bulk_create(
            [
                Respondent(round=locked, user_id=pk, department_id=dept, target_group=tg or "")
                for pk, dept, tg in people
            ],
            ignore_conflicts=True,
        )
        locked.revision_id = revision_id
        locked.opened_at = timezone.now()
        locked.kind = _kind_for(locked.organisation_id, exclude_pk=locked.pk)
        locked.save(update_fields=["revision", "opened_at", "kind"])
        user_ids = [pk for pk, _dept, _tg in people]
        queue_mails(locked, SurveyMailKind.INVITATION, user_ids, actor)
        audit.log("maturity.opened", f"{len(user_ids)} invited", actor=actor, obj=locked, count=len(user_ids))
    round_.refresh_from_db()
    return len(user_ids)


def remind(round_, actor=None):
    """Remind those who have not submitted; never anyone twice the same day. Returns (queued, skipped)."""
    from .tasks import queue_mails

    today = timezone.localdate()
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        if locked.opened_at is None:
            raise RoundNotOpen
        if locked.is_closed(today):
            raise RoundClosed
        waiting = set(Respondent.objects.filter(round=locked).not_submitted().values_list("user_id", flat=True))
        reminded_today = set(
            SurveyMail.objects.filter(
                round=locked, kind=SurveyMailKind.REMINDER, sent_on=today, user_id__in=waiting
            ).values_list("user_id", flat=True)
        )
        due = sorted(waiting - reminded_today)
        queued = queue_mails(locked, SurveyMailKind.REMINDER, due, actor) if due else 0
        audit.log(
            "maturity.reminded",
            f"{queued} reminded",
            actor=actor,
            obj=locked,
            count=queued,
            skipped=len(reminded_today),
        )
    return queued, len(reminded_today)


def close_round(round_, actor=None):
    """Close early: from now on answers can be neither given nor changed."""
    with transaction.atomic():
        locked = Round.objects.select_for_update().get(pk=round_.pk)
        if locked.opened_at is None:
            raise RoundNotOpen
        if locked.is_closed():
            raise RoundClosed(_("The round is already closed."))
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at"])
        audit.log("maturity.closed", "closed early", actor=actor, obj=locked)
    round_.refresh_from_db()
    return round_


# --- Respondents: answering --------------------------------------------------------------------------


def respondent_for(round_, user, lock=False):
    queryset = Respondent.objects.filter(round_id=round_.pk, user_id=user.pk)
    if lock:
        queryset = queryset.select_for_update()
    respondent = queryset.first()
    if respondent is None or round_.opened_at is None:
        raise NotARespondent
    return respondent


def clean_values(round_, values):
    """{statement_id: int} on the round's scale; raises InvalidAnswers naming what is wrong."""
    known = structure.for_round(round_).statement_ids()
    cleaned, errors = {}, []
    for statement_id, value in (values or {}).items():
        if statement_id not in known:
            errors.append(gettext("Unknown statement: %(id)s") % {"id": statement_id})
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number is None or isinstance(value, bool) or not DONT_KNOW <= number <= SCALE_MAX:
            errors.append(gettext("Not a step on the scale: %(value)s") % {"value": value})
            continue
        cleaned[statement_id] = number
    if errors:
        raise InvalidAnswers(" ".join([str(InvalidAnswers.message), *errors]))
    return cleaned


def save_answers(round_, user, values):
    """Store (or change) answers; all or nothing. Returns the number of answers given in this call."""
    with transaction.atomic():
        respondent = respondent_for(round_, user, lock=True)
        if not round_.is_open():
            raise RoundClosed
        cleaned = clean_values(round_, values)
        if not cleaned:
            return 0
        Answer.objects.bulk_create(
            [
                Answer(respondent=respondent, round_id=round_.pk, statement=statement_id, value=value)
                for statement_id, value in cleaned.items()
            ],
            update_conflicts=True,
            unique_fields=["respondent", "statement"],
            update_fields=["value", "updated_at"],
        )
        respondent.save(update_fields=["updated_at"])
    return len(cleaned)


def missing_statements(round_, respondent):
    answered = set(Answer.objects.filter(respondent=respondent).values_list("statement", flat=True))
    return [s.id for s in structure.for_round(round_).statements if s.id not in answered]


def submit(round_, user):
    """Mark the answers as submitted once. Returns (respondent, newly_submitted)."""
    with transaction.atomic():
        respondent = respondent_for(round_, user, lock=True)
        if not round_.is_open():
            raise RoundClosed
        if respondent.submitted_at is not None:
            return respondent, False
        missing = missing_statements(round_, respondent)
        if missing:
            raise Incomplete(missing)
        respondent.submitted_at = timezone.now()
        respondent.save(update_fields=["submitted_at", "updated_at"])
    return respondent, True


# --- How the audit log reads these entries -------------------------------------------------------------


@audit.action("maturity.created", _("Maturity: round created"))
class Created(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Created the maturity round %(round)s") % {"round": label}


@audit.action("maturity.opened", _("Maturity: round opened"))
class Opened(audit.AuditFormatter):
    def describe(self, data, label):
        count = data.get("count") or 0
        return ngettext(
            "Opened %(round)s and invited %(count)s person",
            "Opened %(round)s and invited %(count)s people",
            count,
        ) % {"round": label, "count": count}


@audit.action("maturity.reminded", _("Maturity: reminders queued"))
class Reminded(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Queued %(count)s reminders for %(round)s") % {"count": data.get("count") or 0, "round": label}


@audit.action("maturity.closed", _("Maturity: round closed"))
class Closed(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Closed %(round)s early") % {"round": label}


@audit.action("maturity.selection_deleted", _("Saved selection deleted"))
class SelectionDeleted(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Deleted a saved selection (%(summary)s)") % {"summary": data.get("summary") or ""}
