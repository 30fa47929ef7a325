"""Booking a place in a cohort, cancelling, and the waiting list: the one rule for places.

Every change runs in one transaction that first locks the cohort's row (`select_for_update`), so that
counting the places taken and taking one are one step: two people never get the last place. The
unique (cohort, person) constraint keeps one row per person; booking again after cancelling reuses it.

- Booking is open until the end of `cohort.booking_deadline` (Europe/Stockholm): after it BookingClosed.
- A booked place can be cancelled until the end of `cohort.cancellation_deadline` (then CancellationClosed;
  an administrator still can). Leaving the waiting list is always possible.
- When a booked place is freed before the cohort starts, the waiting list moves up, first come first served.
- A person books for themselves; a manager for people of their own organisation, an administrator for
  anyone (`programmes.access.can_book_for`); anyone else gets NotYourOrganisation and nothing is stored.

Mails are logged as `BookingMail` rows and sent after commit (`programmes.tasks`); every change is
audited (`core.audit`). Views, the admin, the demo and benchmarks all call these functions.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import scoping
from core import audit

from . import access
from .exceptions import BookingClosed, CancellationClosed, NotFound, NotYourOrganisation, ProgrammeError
from .models import Booking, BookingMail, BookingMailKind, BookingStatus, Cohort

BOOKED = BookingStatus.BOOKED
WAITING = BookingStatus.WAITING
CANCELLED = BookingStatus.CANCELLED
STOCKHOLM = ZoneInfo("Europe/Stockholm")


@dataclass
class Outcome:
    """What a booking call did. `changed` is False when the person already had that status."""

    booking: Booking
    changed: bool
    promoted: list = field(default_factory=list)

    @property
    def booked(self):
        return self.booking.status == BOOKED

    @property
    def waiting(self):
        return self.booking.status == WAITING

    @property
    def message(self):
        """What to tell the person, in the active language."""
        if self.booking.status == CANCELLED:
            if self.changed:
                return gettext("The booking is cancelled.")
            return gettext("The booking was already cancelled: nothing changed.")
        if self.booked:
            if self.changed:
                return gettext("You have a place. A confirmation with the sessions as a calendar file is on its way.")
            return gettext("You already have a place: nothing changed.")
        position = queue_position(self.booking)
        if self.changed:
            return gettext(
                "The cohort is fully booked: you are on the waiting list, number %(position)s in the queue."
            ) % {"position": position}
        return gettext("You are already on the waiting list (number %(position)s): nothing changed.") % {
            "position": position
        }


# --- Dates and figures --------------------------------------------------------------------------


def local_date(now=None):
    return timezone.localtime(now or timezone.now(), STOCKHOLM).date()


def booking_open(cohort, now=None):
    """Open until the end of the last day to book, Swedish time."""
    return local_date(now) <= cohort.booking_deadline


def cancellation_open(cohort, now=None):
    return local_date(now) <= cohort.cancellation_deadline


def may_cancel(booking, by, now=None):
    """Whether `by` may cancel this booking now (the rule `cancel` applies): leaving the waiting list always,
    a booked place until the last day to cancel, an administrator always. Not who may: see `cancel`."""
    if booking.status == WAITING:
        return True
    if booking.status != BOOKED:
        return False
    return cancellation_open(booking.cohort, now) or scoping.is_administrator(by)


def _may_move_up(cohort, now):
    """The waiting list moves up until the cohort starts."""
    return local_date(now) < cohort.starts_on


@dataclass(frozen=True)
class Figures:
    capacity: int
    booked: int = 0
    waiting: int = 0

    @property
    def percent(self):
        """Share of the places booked, rounded down (so "100 %" means full)."""
        if not self.capacity:
            return 100
        return min(100, self.booked * 100 // self.capacity)

    @property
    def full(self):
        return self.booked >= self.capacity

    @property
    def places_left(self):
        return max(self.capacity - self.booked, 0)


def _counts():
    return {"booked": Count("pk", filter=Q(status=BOOKED)), "waiting": Count("pk", filter=Q(status=WAITING))}


def figures(cohort):
    """Places booked and the queue's length (one query)."""
    counts = Booking.objects.filter(cohort=cohort).aggregate(**_counts())
    return Figures(capacity=cohort.capacity, booked=counts["booked"], waiting=counts["waiting"])


def figures_for(cohorts):
    """{cohort pk: Figures} for many cohorts in one query."""
    cohorts = list(cohorts)
    rows = (
        Booking.objects.filter(cohort__in=[c.pk for c in cohorts]).values("cohort_id").order_by().annotate(**_counts())
    )
    counts = {row["cohort_id"]: row for row in rows}
    return {
        c.pk: Figures(
            capacity=c.capacity,
            booked=counts.get(c.pk, {}).get("booked", 0),
            waiting=counts.get(c.pk, {}).get("waiting", 0),
        )
        for c in cohorts
    }


def _ahead_in_queue():
    """A subquery: how many wait ahead of the outer booking in its cohort's queue."""
    ahead = (
        Booking.objects.filter(cohort_id=OuterRef("cohort_id"), status=WAITING)
        .filter(
            Q(waiting_since__lt=OuterRef("waiting_since"))
            | Q(waiting_since=OuterRef("waiting_since"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("cohort_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(ahead), 0)


def with_queue_positions(bookings):
    """Annotate `ahead` (people ahead in the queue) on a Booking queryset: positions in the same query."""
    return bookings.annotate(ahead=_ahead_in_queue())


def queue_position(booking):
    """1 for the first in the queue; None when not waiting."""
    if booking is None or booking.status != WAITING:
        return None
    ahead = getattr(booking, "ahead", None)
    if ahead is None:
        ahead = (
            Booking.objects.filter(cohort_id=booking.cohort_id, status=WAITING)
            .filter(
                Q(waiting_since__lt=booking.waiting_since) | Q(waiting_since=booking.waiting_since, pk__lt=booking.pk)
            )
            .count()
        )
    return ahead + 1


# --- Changes ------------------------------------------------------------------------------------


def _lock(cohort):
    """The cohort's own row, locked until the transaction ends (PostgreSQL; SQLite serialises anyway)."""
    return Cohort.objects.select_for_update(of=("self",)).select_related("programme").get(pk=cohort.pk)


def queue_mail(cohort, user, kind, by=None):
    """Log one mail and send it after commit (programmes.tasks)."""
    from .tasks import send_programme_mail

    mail = BookingMail.objects.create(
        cohort=cohort,
        user=user,
        kind=kind,
        sequence=cohort.ical_sequence,
        requested_by=by if by is not None and by.pk != user.pk else None,
    )
    transaction.on_commit(lambda: send_programme_mail.enqueue(mail.pk))
    return mail


def _check_open(cohort, now):
    if not cohort.programme.live:
        raise BookingClosed(_("This programme is not published."))
    if not booking_open(cohort, now):
        raise BookingClosed


def _places_taken(cohort):
    return Booking.objects.filter(cohort=cohort, status=BOOKED).count()


def _fill_free_places(cohort, now, actor):
    """Move people up from the waiting list, first come first served, while places are free."""
    free = cohort.capacity - _places_taken(cohort)
    if free <= 0:
        return []
    promoted = list(Booking.objects.filter(cohort=cohort).waiting().select_related("user").select_for_update()[:free])
    for booking in promoted:
        booking.status = BOOKED
        booking.promoted_at = now
        booking.save(update_fields=["status", "promoted_at"])
        audit.log(
            "programme.promoted",
            f"{booking.user.email} promoted for {cohort}",
            actor=actor,
            obj=cohort,
            person=booking.user.email,
        )
        queue_mail(cohort, booking.user, BookingMailKind.PROMOTED)
    return promoted


def _book_locked(user, cohort, by, now):
    booking = Booking.objects.select_for_update().filter(cohort=cohort, user=user).first()
    if booking is not None and booking.status != CANCELLED:
        return Outcome(booking, changed=False)
    promoted = _fill_free_places(cohort, now, by) if _may_move_up(cohort, now) else []
    full = _places_taken(cohort) >= cohort.capacity
    status = WAITING if full else BOOKED
    if booking is None:
        booking = Booking(cohort=cohort, user=user)
    booking.status = status
    booking.booked_by = by if by.pk != user.pk else None
    booking.waiting_since = now if full else None
    booking.promoted_at = None
    booking.cancelled_at = None
    booking.save()
    audit.log(
        "programme.booked",
        f"{user.email} {status} for {cohort}",
        actor=by,
        obj=cohort,
        person=user.email,
        status=str(status),
        on_behalf=by.pk != user.pk,
    )
    queue_mail(cohort, user, BookingMailKind.WAITING if full else BookingMailKind.CONFIRMATION, by)
    return Outcome(booking, changed=True, promoted=promoted)


def _check_person(user):
    if not getattr(user, "is_authenticated", False):
        raise ProgrammeError(_("Sign in to book a place."))
    if not user.is_active or getattr(user, "left_on", None):
        raise ProgrammeError(_("This person's account is no longer active."))


def book(user, cohort, by=None, now=None):
    """Book `user` a place (by themselves, or `by` a manager), or a place in the queue when full.

    Idempotent: booking again returns the existing booking with `changed=False`.
    Raises BookingClosed (deadline passed, programme unpublished), NotYourOrganisation (`by` may not
    book for `user`: nothing is stored) or ProgrammeError (not signed in, account no longer active).
    """
    by = by or user
    if not getattr(by, "is_authenticated", False):
        raise ProgrammeError(_("Sign in to book a place."))
    if not access.can_book_for(by, user):
        raise NotYourOrganisation
    _check_person(user)
    now = now or timezone.now()
    with transaction.atomic():
        cohort = _lock(cohort)
        _check_open(cohort, now)
        return _book_locked(user, cohort, by, now)


def cancel(booking=None, *, user=None, cohort=None, by=None, now=None):
    """Cancel a booked place (or leave the waiting list); the first in the queue moves up.

    Pass the booking, or `user` and `cohort`. `by` is who acts: the person themselves, a manager of
    their organisation or an administrator; anyone else gets NotFound (a 404: the booking is not theirs
    to see). Idempotent: cancelling a cancelled booking changes nothing (`changed=False`).
    A booked place after the cancellation deadline: CancellationClosed (an administrator still may).
    """
    now = now or timezone.now()
    if booking is None:
        booking = Booking.objects.filter(cohort=cohort, user=user).select_related("user").first()
        if booking is None:
            raise NotFound
    by = by or booking.user
    if by.pk != booking.user_id and not scoping.can_manage_person(by, booking.user):
        raise NotFound
    with transaction.atomic():
        cohort = _lock(booking.cohort)
        booking = Booking.objects.select_for_update().select_related("user").get(pk=booking.pk)
        if booking.status == CANCELLED:
            return Outcome(booking, changed=False)
        was = booking.status
        booking.cohort = cohort
        if not may_cancel(booking, by, now):
            raise CancellationClosed
        booking.status = CANCELLED
        booking.cancelled_at = now
        booking.waiting_since = None
        booking.save(update_fields=["status", "cancelled_at", "waiting_since"])
        audit.log(
            "programme.cancelled",
            f"{booking.user.email} cancelled for {cohort}",
            actor=by,
            obj=cohort,
            person=booking.user.email,
            was=str(was),
            on_behalf=by.pk != booking.user_id,
        )
        queue_mail(cohort, booking.user, BookingMailKind.CANCELLED, by)
        promoted = []
        if was == BOOKED and _may_move_up(cohort, now):
            promoted = _fill_free_places(cohort, now, by)
        return Outcome(booking, changed=True, promoted=promoted)


def fill_free_places(cohort, actor=None, now=None):
    """After the capacity was raised: move people up from the queue (until the cohort starts)."""
    now = now or timezone.now()
    with transaction.atomic():
        cohort = _lock(cohort)
        if not _may_move_up(cohort, now):
            return []
        return _fill_free_places(cohort, now, actor)


# --- A manager books people of their own organisation --------------------------------------------


@dataclass
class BulkRow:
    user: object
    outcome: str  # booked, waiting, already, refused
    message: str = ""


@dataclass
class BulkReport:
    rows: list = field(default_factory=list)

    def _of(self, outcome):
        return [row for row in self.rows if row.outcome == outcome]

    @property
    def booked(self):
        return self._of("booked")

    @property
    def waiting(self):
        return self._of("waiting")

    @property
    def already(self):
        return self._of("already")

    @property
    def refused(self):
        return self._of("refused")


def bulk_book(by, cohort, users, now=None):
    """Book many people in one go, each with its own outcome. Only people `by` may book for (a manager's
    own organisation; an administrator everyone) are booked; the others are refused in the report.
    One transaction, one lock: the places are counted as they go, the rest join the queue in order.
    Raises BookingClosed for the whole batch after the deadline.
    """
    now = now or timezone.now()
    report = BulkReport()
    with transaction.atomic():
        cohort = _lock(cohort)
        _check_open(cohort, now)
        for user in users:
            if not access.can_book_for(by, user):
                report.rows.append(BulkRow(user, "refused", gettext("Not a person of your organisation.")))
                continue
            try:
                _check_person(user)
                with transaction.atomic():
                    outcome = _book_locked(user, cohort, by, now)
            except ProgrammeError as error:
                report.rows.append(BulkRow(user, "refused", str(error.message)))
                continue
            if not outcome.changed:
                report.rows.append(BulkRow(user, "already", gettext("Already booked or in the queue.")))
            else:
                report.rows.append(BulkRow(user, "waiting" if outcome.waiting else "booked"))
        audit.log(
            "programme.bulk_booked",
            f"{len(report.booked)} booked for {cohort}",
            actor=by,
            obj=cohort,
            count=len(report.booked),
            waiting=len(report.waiting),
            refused=len(report.refused),
        )
    return report


# --- How the audit log reads these entries -----------------------------------------------------


def _person(data):
    return data.get("person") or gettext("a person")


@audit.action("programme.booked", _("Programme: place booked"))
class Booked(audit.AuditFormatter):
    def describe(self, data, label):
        values = {"person": _person(data), "cohort": label}
        if data.get("status") == WAITING:
            return gettext("Put %(person)s on the waiting list for %(cohort)s") % values
        return gettext("Booked a place for %(person)s in %(cohort)s") % values


@audit.action("programme.cancelled", _("Programme: booking cancelled"))
class Cancelled(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Cancelled the booking of %(person)s in %(cohort)s") % {
            "person": _person(data),
            "cohort": label,
        }


@audit.action("programme.promoted", _("Programme: moved up from the waiting list"))
class Promoted(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Moved %(person)s up from the waiting list for %(cohort)s") % {
            "person": _person(data),
            "cohort": label,
        }


@audit.action("programme.bulk_booked", _("Programme: people booked by a manager"))
class BulkBooked(audit.AuditFormatter):
    def describe(self, data, label):
        return gettext("Booked %(count)s people in %(cohort)s (%(waiting)s on the waiting list)") % {
            "count": data.get("count") or 0,
            "waiting": data.get("waiting") or 0,
            "cohort": label,
        }


def deadline_end(day):
    """The last moment of a deadline day, Swedish time (for "until 23:59" texts and tests)."""
    return datetime.datetime.combine(day, datetime.time.max, tzinfo=STOCKHOLM)
