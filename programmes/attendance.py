"""The roll call: a teacher marks who was at a session. The one place attendance is written.

Every booked participant gets a row for the session, present or not, so "absent" is a recorded fact
rather than a missing row. Marking the same list again changes nothing (idempotent). Ids of people
without a booked place are ignored: the list a teacher sees is the list that can be stored.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import audit

from . import access
from .exceptions import NotTeacher
from .models import Booking, SessionAttendance


@dataclass(frozen=True)
class RollCall:
    present: int
    absent: int
    changed: int


def participant_ids(cohort):
    return list(Booking.objects.booked().filter(cohort=cohort).values_list("user_id", flat=True))


def mark_roll_call(teacher, session, present_user_ids, now=None):
    """Store the roll call of `session`: `present_user_ids` present, every other participant absent.

    Raises NotTeacher (nothing stored) unless `teacher` teaches the session's cohort.
    """
    cohort = session.cohort
    if not access.teaches(teacher, cohort):
        raise NotTeacher
    now = now or timezone.now()
    wanted = {int(user_id) for user_id in present_user_ids}
    with transaction.atomic():
        participants = participant_ids(cohort)
        present = wanted.intersection(participants)
        before = dict(
            SessionAttendance.objects.select_for_update()
            .filter(session=session, user_id__in=participants)
            .values_list("user_id", "present")
        )
        changed = [user_id for user_id in participants if before.get(user_id) != (user_id in present)]
        if changed:
            SessionAttendance.objects.bulk_create(
                [
                    SessionAttendance(
                        session=session, user_id=user_id, present=user_id in present, marked_by=teacher, marked_at=now
                    )
                    for user_id in changed
                ],
                update_conflicts=True,
                unique_fields=["session", "user"],
                update_fields=["present", "marked_by", "marked_at"],
            )
            audit.log(
                "programme.roll_call",
                f"{session.title}: {len(present)} present of {len(participants)}",
                actor=teacher,
                obj=cohort,
                session=session.title,
                present=len(present),
                total=len(participants),
            )
    result = RollCall(present=len(present), absent=len(participants) - len(present), changed=len(changed))
    newly_present = [user_id for user_id in changed if user_id in present]
    if newly_present:
        _issue_certificates(teacher, cohort, newly_present, now)
    return result


def _issue_certificates(teacher, cohort, user_ids, now):
    """A participant marked present may just have completed the cohort: the certificate is issued by
    programmes.certificates. The cohort's completion is read once (fixed queries), so only those who
    have completed and hold no certificate yet are handed over."""
    from django.contrib.auth import get_user_model

    from .certificates import issue_if_complete
    from .completion import completion_for_cohort
    from .models import Certificate

    completions = completion_for_cohort(cohort)
    done = [user_id for user_id in user_ids if getattr(completions.get(user_id), "complete", False)]
    if not done:
        return
    done = set(done) - set(
        Certificate.objects.filter(cohort=cohort, user_id__in=done).values_list("user_id", flat=True)
    )
    for user in get_user_model().objects.filter(pk__in=done):
        issue_if_complete(user, cohort, now=now, by=teacher)


@audit.action("programme.roll_call", _("Programme: roll call"))
class RollCallMarked(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Roll call of %(session)s in %(cohort)s: %(present)s present of %(total)s") % {
            "session": data.get("session") or gettext("a session"),
            "cohort": label,
            "present": data.get("present", 0),
            "total": data.get("total", 0),
        }
