"""Workshops in calendars: the event of one workshop, my workshops for the personal feed, and the
SEQUENCE bumped when a change a calendar must see (title, start, end, place) is saved."""

from core.calendar import CalendarItem, uid_for

CALENDAR_FIELDS = ("title", "starts_at", "ends_at", "place")


def remember(workshop):
    """Keep the values as loaded (or as last saved), to compare with at the next save. No query."""
    workshop._calendar_saved = {name: workshop.__dict__.get(name) for name in CALENDAR_FIELDS}


def bump_if_changed(workshop, update_fields=None):
    """Called by Workshop.save() before saving; returns update_fields widened with ical_sequence if bumped."""
    saved = getattr(workshop, "_calendar_saved", None)
    if workshop.pk is None or saved is None:
        return update_fields
    if update_fields is not None and not set(update_fields) & set(CALENDAR_FIELDS):
        return update_fields
    if any(name in workshop.__dict__ and saved.get(name) != workshop.__dict__[name] for name in CALENDAR_FIELDS):
        workshop.ical_sequence = (workshop.ical_sequence or 0) + 1
        if update_fields is not None:
            update_fields = {*update_fields, "ical_sequence"}
    return update_fields


def item_for(workshop):
    return CalendarItem(
        uid=uid_for("workshop", workshop.pk),
        title=workshop.title,
        starts_at=workshop.starts_at,
        ends_at=workshop.ends_at,
        sequence=workshop.ical_sequence,
        description=workshop.description,
        location=workshop.place,
    )


def items_for_member(user, since):
    """The workshops I am a member of, from `since` on, as calendar items (one query)."""
    from .models import Workshop

    workshops = Workshop.objects.filter(memberships__user=user, starts_at__gte=since).distinct().order_by("starts_at")
    return [item_for(workshop) for workshop in workshops]
