"""Who took part in e-modules, and when: rows of (user_id, date) for reach across organisations.

elearning's own rule (the module reports in elearning/reports.py): a person has taken part in a
module once it has a progress row (started), and completed it when that row has `completed_at`.
The date of taking part is the day they started; of a completion, the day they completed. Rows of
deleted accounts (no user) belong to no one and no organisation, so they are left out here.

Both functions return values-querysets (no Python loops) that callers filter further or use as
subqueries (`User.objects.filter(pk__in=rows.values("user_id"))`).
"""

from django.db.models.functions import TruncDate

from .models import ModuleProgress


def _dated(queryset, field, since=None, until=None):
    rows = queryset.filter(user__isnull=False).annotate(date=TruncDate(field)).order_by()
    if since is not None:
        rows = rows.filter(date__gte=since)
    if until is not None:
        rows = rows.filter(date__lte=until)
    return rows.values("user_id", "date")


def participation(since=None, until=None):
    """(user_id, date) for every module a person started (or completed), dated the day they started."""
    return _dated(ModuleProgress.objects.all(), "started_at", since, until)


def completions(since=None, until=None):
    """(user_id, date) for every module completed, dated the day it was completed."""
    return _dated(ModuleProgress.objects.completed(), "completed_at", since, until)


def sources(since=None, until=None):
    """The participation rows as values-querysets usable as subqueries (reach asks every domain this way)."""
    return [participation(since, until)]
