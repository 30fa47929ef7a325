"""Who took part in webcasts, and when: rows of (user_id, date) for reach across organisations.

The same rule as the webcast reach report (webcasts/reports.py): a participant has a registration
that is not cancelled (a place, or a place in the queue) or an attendance that counts by the one
attendance rule (`Attendance.objects.attended()`, see webcasts/attendance.py). A registration is
dated the day the webcast starts; an attendance the day it was reached. Only published webcasts.

`sources()` gives the two values-querysets, each usable as a subquery
(`pk__in=rows.values("user_id")`); `participation()` is their UNION, for reading the rows (a UNION
cannot be narrowed to one column inside a subquery, so reach uses `sources()`). No Python loops.
"""

from django.db.models.functions import TruncDate

from .models import Attendance, Registration


def _between(rows, since, until):
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    return rows.values("user_id", "date")


def registrations(since=None, until=None):
    rows = (
        Registration.objects.active()
        .filter(webcast__live=True)
        .annotate(date=TruncDate("webcast__starts_at"))
        .order_by()
    )
    return _between(rows, since, until)


def attendances(since=None, until=None):
    rows = Attendance.objects.attended().filter(webcast__live=True).annotate(date=TruncDate("attended_at")).order_by()
    return _between(rows, since, until)


def sources(since=None, until=None):
    """The participation rows as separate values-querysets, each usable as a subquery."""
    return [registrations(since, until), attendances(since, until)]


def participation(since=None, until=None):
    """(user_id, date) per registration (not cancelled) or attendance that counts, in published webcasts."""
    first, *rest = sources(since, until)
    return first.union(*rest, all=True)
