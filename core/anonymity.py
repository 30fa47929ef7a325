"""The one anonymity rule for aggregates about people: groups smaller than k are not shown."""

from django.conf import settings


def min_group_size():
    return getattr(settings, "ANONYMITY_MIN_GROUP", 5)


def is_reportable(count):
    """A group of `count` people (or answers) may be shown."""
    return count >= min_group_size()


def share(part, whole):
    return round(100 * part / whole) if whole else 0
