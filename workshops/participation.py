"""Who took part in workshops, and when: rows of (user_id, date) for reach across organisations.

A person has taken part in a workshop when they are a member of one of its groups and the workshop
has started (a membership of a workshop still ahead is a plan, not participation). The date is the
day the workshop started. Returns a values-queryset usable as a subquery; no Python loops.
"""

from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import Membership


def participation(since=None, until=None, now=None):
    """(user_id, date) per membership of a workshop that has started, dated the workshop's first day."""
    rows = (
        Membership.objects.filter(workshop__starts_at__lte=now or timezone.now())
        .annotate(date=TruncDate("workshop__starts_at"))
        .order_by()
    )
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    return rows.values("user_id", "date")


def sources(since=None, until=None):
    """The participation rows as values-querysets usable as subqueries (reach asks every domain this way)."""
    return [participation(since, until)]
