"""What the programme pages show, read in a fixed number of queries whatever the number of cohorts.

`programme_page_context(page, user)` is the context of ProgrammePage (its cohorts, upcoming and running
first, finished ones last; each with its dates, sessions, teachers, how full it is and the viewer's own
place). `my_bookings(user)` is "My programmes".
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from accounts import scoping

from . import booking as rules
from .models import Booking, BookingStatus, Cohort, Session

UPCOMING, RUNNING, FINISHED = "upcoming", "running", "finished"


def cohort_state(cohort, today):
    if today < cohort.starts_on:
        return UPCOMING
    if today <= cohort.ends_on:
        return RUNNING
    return FINISHED


@dataclass
class CohortView:
    cohort: Cohort
    state: str
    sessions: list
    teacher_names: list
    figures: rules.Figures
    booking_open: bool
    cancellation_open: bool
    booking: Booking | None = None
    position: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def booked(self):
        return self.booking is not None and self.booking.status == BookingStatus.BOOKED

    @property
    def waiting(self):
        return self.booking is not None and self.booking.status == BookingStatus.WAITING

    @property
    def cancelled(self):
        return self.booking is not None and self.booking.status == BookingStatus.CANCELLED

    @property
    def finished(self):
        return self.state == FINISHED

    @property
    def can_book(self):
        return self.booking_open and not (self.booked or self.waiting)

    @property
    def can_cancel(self):
        return self.waiting or (self.booked and self.cancellation_open)


def _cohorts(queryset):
    teachers = Prefetch("teachers", to_attr="teacher_list")
    sessions = Prefetch("sessions", queryset=Session.objects.order_by("starts_at", "pk"), to_attr="session_list")
    return queryset.prefetch_related(sessions, teachers)


def _own_bookings(user, cohort_ids):
    if not getattr(user, "is_authenticated", False) or not cohort_ids:
        return {}
    bookings = rules.with_queue_positions(Booking.objects.filter(user=user, cohort_id__in=cohort_ids))
    return {b.cohort_id: b for b in bookings}


def cohort_views(cohorts, user, now=None):
    """CohortView for each cohort (already prefetched by `_cohorts`), in the order: upcoming and running
    by start, then finished ones, the latest first. Two queries: figures, the viewer's own bookings."""
    now = now or timezone.now()
    today = rules.local_date(now)
    cohorts = list(cohorts)
    figures = rules.figures_for(cohorts)
    own = _own_bookings(user, [c.pk for c in cohorts])
    views = []
    for cohort in cohorts:
        mine = own.get(cohort.pk)
        views.append(
            CohortView(
                cohort=cohort,
                state=cohort_state(cohort, today),
                sessions=cohort.session_list,
                teacher_names=[t.get_full_name() or t.email for t in cohort.teacher_list],
                figures=figures[cohort.pk],
                booking_open=rules.booking_open(cohort, now),
                cancellation_open=rules.cancellation_open(cohort, now),
                booking=mine,
                position=rules.queue_position(mine),
            )
        )
    current = sorted((v for v in views if not v.finished), key=lambda v: (v.cohort.starts_on, v.cohort.pk))
    finished = sorted((v for v in views if v.finished), key=lambda v: (v.cohort.ends_on, v.cohort.pk), reverse=True)
    return current + finished


def programme_page_context(page, user, now=None):
    """The cohorts of a programme page and what the viewer may do. Fixed number of queries (at most six)."""
    cohorts = _cohorts(Cohort.objects.filter(programme=page))
    views = cohort_views(cohorts, user, now)
    return {
        "cohorts": views,
        "current_cohorts": [v for v in views if not v.finished],
        "finished_cohorts": [v for v in views if v.finished],
        "can_book_people": scoping.can_view_reports(user),
    }


def my_bookings(user, now=None):
    """My bookings (not cancelled first), each with its cohort's view and the next session. Five queries."""
    now = now or timezone.now()
    cohorts = _cohorts(
        Cohort.objects.filter(bookings__user=user, programme__live=True).select_related("programme").distinct()
    )
    views = cohort_views(cohorts, user, now)
    for view in views:
        view.extra["next_session"] = next((s for s in view.sessions if s.ends_at >= now), None)
    active = [v for v in views if not v.cancelled]
    return active + [v for v in views if v.cancelled]


RECENTLY_FINISHED_DAYS = 180


def current_places(user, today=None):
    """My places for My learning, in one query: cohorts not yet ended (booked or queued), and cohorts I took
    part in that ended in the last half year (where the certificate is)."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = today or timezone.localdate()
    recent = today - datetime.timedelta(days=RECENTLY_FINISHED_DAYS)
    return list(
        Booking.objects.filter(
            Q(cohort__ends_on__gte=today) | Q(cohort__ends_on__gte=recent, status=BookingStatus.BOOKED),
            user=user,
            status__in=[BookingStatus.BOOKED, BookingStatus.WAITING],
            cohort__programme__live=True,
        )
        .select_related("cohort__programme")
        .order_by("cohort__starts_on", "pk")
    )
