"""The one completion rule of a cohort. Teachers' overview, "Min omgång", certificates and reach all ask here.

A participant (a booked place) completes a cohort when

1. they attended at least `programme.sessions_required` sessions (capped at the number of sessions the
   cohort has, so a cohort planned with fewer sessions can still be completed);
2. every self-study e-module of the cohort (`cohort.modules`) is completed, by elearning's own rule
   (`ModuleProgress.objects.completed()`: a completion date is set);
3. the home assignment is approved, when the cohort has one (`cohort.assignment_title`).

`completion_for_cohort` answers for every participant in a fixed number of queries, whatever their number.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext, ngettext

from elearning.models import ModuleProgress

from .models import Booking, Session, SessionAttendance, Submission, SubmissionStatus


@dataclass
class Completion:
    sessions_attended: int
    sessions_required: int
    modules_done: int
    modules_total: int
    # None: the cohort has no home assignment; "": not handed in yet; else a SubmissionStatus value.
    assignment_status: str | None
    booked: bool = True
    missing: list = field(default_factory=list)
    complete: bool = False

    @property
    def sessions_ok(self):
        return self.sessions_attended >= self.sessions_required

    @property
    def modules_ok(self):
        return self.modules_done >= self.modules_total

    @property
    def assignment_required(self):
        return self.assignment_status is not None

    @property
    def assignment_ok(self):
        return self.assignment_status is None or self.assignment_status == SubmissionStatus.APPROVED

    @property
    def assignment_label(self):
        if self.assignment_status is None:
            return gettext("No home assignment")
        if not self.assignment_status:
            return gettext("Not handed in")
        return SubmissionStatus(self.assignment_status).label


def sessions_required(cohort, sessions_total):
    """The programme's figure, capped at the number of sessions the cohort really has."""
    return min(cohort.programme.sessions_required, sessions_total)


def _missing(completion):
    missing = []
    if not completion.booked:
        missing.append(gettext("A booked place in the cohort"))
    if not completion.sessions_ok:
        missing.append(
            ngettext(
                "Attend at least %(required)d session (%(attended)d so far)",
                "Attend at least %(required)d sessions (%(attended)d so far)",
                completion.sessions_required,
            )
            % {"required": completion.sessions_required, "attended": completion.sessions_attended}
        )
    if not completion.modules_ok:
        missing.append(
            ngettext(
                "Complete the self-study module (%(done)d of %(total)d done)",
                "Complete the self-study modules (%(done)d of %(total)d done)",
                completion.modules_total,
            )
            % {"done": completion.modules_done, "total": completion.modules_total}
        )
    if not completion.assignment_ok:
        if not completion.assignment_status:
            missing.append(gettext("Hand in the home assignment"))
        elif completion.assignment_status == SubmissionStatus.REVISION:
            missing.append(gettext("Revise the home assignment, as the teacher asked"))
        else:
            missing.append(gettext("The home assignment must be approved by the teacher"))
    return missing


def _completions(cohort, user_ids, booked_ids):
    """{user_id: Completion} for `user_ids`: six queries (none per person)."""
    user_ids = list(user_ids)
    sessions_total = Session.objects.filter(cohort=cohort).count()
    required = sessions_required(cohort, sessions_total)
    attended = dict(
        SessionAttendance.objects.filter(session__cohort=cohort, present=True, user_id__in=user_ids)
        .values("user_id")
        .annotate(n=Count("session_id", distinct=True))
        .values_list("user_id", "n")
    )
    module_ids = list(cohort.modules.values_list("pk", flat=True))
    done = {}
    if module_ids:
        done = dict(
            ModuleProgress.objects.for_modules(module_ids)
            .completed()
            .filter(user_id__in=user_ids)
            .values("user_id")
            .annotate(n=Count("module_id", distinct=True))
            .values_list("user_id", "n")
        )
    statuses = {}
    if cohort.assignment_title:
        statuses = dict(Submission.objects.filter(cohort=cohort, user_id__in=user_ids).values_list("user_id", "status"))
    result = {}
    for user_id in user_ids:
        completion = Completion(
            sessions_attended=attended.get(user_id, 0),
            sessions_required=required,
            modules_done=done.get(user_id, 0),
            modules_total=len(module_ids),
            assignment_status=statuses.get(user_id, "") if cohort.assignment_title else None,
            booked=user_id in booked_ids,
        )
        completion.missing = _missing(completion)
        completion.complete = not completion.missing
        result[user_id] = completion
    return result


def completion_for_cohort(cohort):
    """{user_id: Completion} for every participant with a booked place, in a fixed number of queries."""
    booked = set(Booking.objects.booked().filter(cohort=cohort).values_list("user_id", flat=True))
    return _completions(cohort, sorted(booked), booked)


def completion_of(user, cohort):
    """One person's Completion (not complete without a booked place)."""
    booked = Booking.objects.booked().filter(cohort=cohort, user_id=user.pk).exists()
    return _completions(cohort, [user.pk], {user.pk} if booked else set())[user.pk]


def is_complete(user, cohort):
    return completion_of(user, cohort).complete
