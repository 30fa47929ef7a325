"""Programme sessions in calendars: one VEVENT per session (UID `programme-session-<pk>@host`), the
cohort's sessions as one .ics (mails, the participant's download), and my sessions for the personal feed.

Every event of a cohort carries SEQUENCE = `cohort.ical_sequence`. A session added, changed (title,
times, place, link) or deleted bumps it (`bump_on_save`/`bump_on_delete`, connected by `connect()` from
ProgrammesConfig.ready), so calendars replace the events they hold.
"""

from django.db.models import F
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils.translation import gettext

from core.calendar import CANCEL, PUBLISH, CalendarItem, absolute_url, to_ics, uid_for

CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "place", "online_url")


def item_for(session, cohort, cancelled=False):
    programme = cohort.programme
    url = absolute_url(programme.url or "") if programme else ""
    description = "\n\n".join(part for part in (session.agenda, session.online_url, url) if part)
    location = session.place or (gettext("Online: %(url)s") % {"url": session.online_url} if session.online_url else "")
    title = f"{programme.title}: {session.title}" if programme else session.title
    return CalendarItem(
        uid=uid_for("programme-session", session.pk),
        title=title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        sequence=cohort.ical_sequence,
        cancelled=cancelled,
        description=description,
        location=location,
        url=url,
    )


def cohort_items(cohort, cancelled=False):
    return [item_for(session, cohort, cancelled) for session in cohort.sessions.order_by("starts_at", "pk")]


def cohort_ics(cohort, method=PUBLISH):
    """All sessions of the cohort; METHOD:CANCEL marks each event cancelled (a cancelled booking)."""
    return to_ics(cohort_items(cohort, cancelled=method == CANCEL), method=method, name=str(cohort))


def items_for_participant(user, since):
    """The sessions of the cohorts I have a booked place in, from `since` on, as calendar items (one query)."""
    from .models import BookingStatus, Session

    if not getattr(user, "is_authenticated", False):
        return []
    sessions = (
        Session.objects.filter(
            cohort__bookings__user=user,
            cohort__bookings__status=BookingStatus.BOOKED,
            cohort__programme__live=True,
            ends_at__gte=since,
        )
        .select_related("cohort__programme")
        .order_by("starts_at", "pk")
    )
    return [item_for(session, session.cohort) for session in sessions]


# --- SEQUENCE bumps -----------------------------------------------------------------------------


def _bump(session):
    from .models import Cohort

    Cohort.objects.filter(pk=session.cohort_id).update(ical_sequence=F("ical_sequence") + 1)
    cohort = session._state.fields_cache.get("cohort")
    if cohort is not None:
        # The loaded cohort must not write the old number back when it is saved next.
        cohort.ical_sequence = (cohort.ical_sequence or 0) + 1


def remember(sender, instance, raw=False, **kwargs):
    """pre_save of Session: note whether a calendar-visible field changed (one read of five columns)."""
    if raw:
        return
    if instance.pk is None:
        instance._calendar_changed = True
        return
    saved = sender.objects.filter(pk=instance.pk).values(*CALENDAR_FIELDS).first()
    instance._calendar_changed = saved is None or any(
        saved[name] != getattr(instance, name) for name in CALENDAR_FIELDS
    )


def bump_on_save(sender, instance, raw=False, **kwargs):
    if raw or not getattr(instance, "_calendar_changed", False):
        return
    instance._calendar_changed = False
    _bump(instance)


def bump_on_delete(sender, instance, **kwargs):
    _bump(instance)


def connect():
    """Connect the SEQUENCE bumps to Session (idempotent). Called from ProgrammesConfig.ready()."""
    from .models import Session

    pre_save.connect(remember, sender=Session, dispatch_uid="programmes.calendar.remember")
    post_save.connect(bump_on_save, sender=Session, dispatch_uid="programmes.calendar.bump_on_save")
    post_delete.connect(bump_on_delete, sender=Session, dispatch_uid="programmes.calendar.bump_on_delete")
