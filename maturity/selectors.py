"""Read-only questions about maturity rounds, each in one or two queries. Figures only, never names."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from .models import Respondent, Round, SurveyMailKind, SurveyMailStatus


@dataclass(frozen=True)
class Survey:
    """A round as one respondent sees it."""

    round: Round
    submitted: bool
    submitted_at: object
    is_open: bool


def surveys_for(user):
    """Every opened round the user is invited to, newest closing date first (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    today = timezone.localdate()
    rows = (
        Respondent.objects.filter(user=user, round__opened_at__isnull=False)
        .select_related("round", "round__organisation")
        .order_by("-round__closes_on", "-round_id")
    )
    return [Survey(r.round, r.submitted_at is not None, r.submitted_at, r.round.is_open(today)) for r in rows]


def open_surveys_for(user):
    """Rounds the user is invited to that are open now, with whether they have submitted (one query)."""
    return sorted((s for s in surveys_for(user) if s.is_open), key=lambda s: (s.round.closes_on, s.round.pk))


def with_figures(rounds):
    """Annotate invited and submitted counts (one query for the whole list)."""
    return rounds.select_related("organisation", "instrument").annotate(
        invited=Count("respondents", distinct=True),
        submitted=Count("respondents", filter=Q(respondents__submitted_at__isnull=False), distinct=True),
    )


def rounds_for_manager(user):
    """The rounds of the organisations the user manages, with figures."""
    return with_figures(Round.objects.managed_by(user))


def rounds_with_figures(user):
    """Rounds of every organisation whose figures the user may see (programme owners, editors)."""
    return with_figures(Round.objects.visible_to(user))


def status_of(round_, day=None):
    if round_.opened_at is None:
        return "draft"
    return "open" if round_.is_open(day) else "closed"


def mail_counts(round_):
    """{(kind, status): count} of the round's mails, with zero for what has none (one query)."""
    counts = {(kind, status): 0 for kind in SurveyMailKind.values for status in SurveyMailStatus.values}
    rows = round_.mails.values_list("kind", "status").annotate(n=Count("pk")).order_by()
    for kind, status, n in rows:
        counts[(kind, status)] = n
    return counts
