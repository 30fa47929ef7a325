"""Who took part in leadership programmes, and when: rows of (user_id, date) for reach.

- Taking part: a booked place in a cohort (`Booking` with status booked; the waiting list and
  cancelled places do not count), dated the cohort's first day.
- Completing: a certificate issued for a cohort and not revoked, dated the day it was issued.

Both return values-querysets usable as subqueries; no Python loops.
"""

from django.db.models import F
from django.db.models.functions import TruncDate

from .models import Booking, Certificate


def _between(rows, since, until):
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    return rows.values("user_id", "date")


def participation(since=None, until=None):
    """(user_id, date) per booked place, dated the first day of the cohort."""
    return _between(Booking.objects.booked().annotate(date=F("cohort__starts_on")).order_by(), since, until)


def completions(since=None, until=None):
    """(user_id, date) per certificate issued and not revoked, dated the day it was issued."""
    rows = Certificate.objects.filter(revoked_at__isnull=True).annotate(date=TruncDate("issued_at")).order_by()
    return _between(rows, since, until)


def sources(since=None, until=None):
    """The participation rows as values-querysets usable as subqueries (reach asks every domain this way)."""
    return [participation(since, until)]
