"""The sums behind a round's results, from the database and kept in the cache: one place for the queries.

Every aggregate is a GROUP BY in the database (never a loop over people), and what is kept in the cache is
per round or per group that may be shown: sums and scores, nothing per person. Keys hold the submitted
counts and the closing dates, so a new submission or a closed round is computed anew at once.
"""

import hashlib
from collections import defaultdict

from django.core.cache import cache
from django.db.models import Count, Q, Sum

from core import anonymity

from . import scoring, structure
from .models import DONT_KNOW, Answer, Round

SUMS_CACHE_SECONDS = 24 * 3600  # a closed round: its answers no longer change
OPEN_SUMS_CACHE_SECONDS = 60  # an open round: a changed answer shows within a minute, a new submission at once
COMPARISON_CACHE_SECONDS = 60  # other organisations' new answers reach the comparison within a minute
COMPLETION_CACHE_SECONDS = 300  # completion counts of the recommended e-modules
MIN_ORGANISATIONS = 5  # organisations needed before a comparison average is shown


def reportable_sums(rows, k):
    """statement -> (sum, count) from aggregated rows, statements with fewer than k scored answers dropped."""
    return {key: (total, count) for key, (total, count) in rows.items() if anonymity.is_reportable(count, k)}


def scored(queryset):
    """Scored answers of submitted respondents. Callers also filter the respondents on the round (an answer's
    round is its respondent's), so that the join reads that round's respondents by index, not all of them."""
    return queryset.filter(value__gt=DONT_KNOW, respondent__submitted_at__isnull=False)


def ttl(round_):
    return SUMS_CACHE_SECONDS if round_.is_closed() else OPEN_SUMS_CACHE_SECONDS


def cache_key(round_, submitted, what, *parts):
    """The submitted count and the closing dates are part of the key, so a new submission, a deleted
    respondent or a reopened round is computed anew at once."""
    closed = round_.closed_at.isoformat() if round_.closed_at else ""
    extra = ":".join(str(part) for part in parts)
    return f"maturity:results:v2:{what}:{round_.pk}:{submitted}:{round_.closes_on.isoformat()}:{closed}:{extra}"


def get(found, key, compute, timeout):
    """`found[key]` (read with the request's other entries in one get_many), or else computed and cached."""
    value = found.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout)
    return value


def summary_key(round_, cells, submitted, k):
    """The key holds every cell's submitted count, so the groups shown are always those of the request."""
    cell_counts = sorted((c["department_id"] or 0, c["target_group"], c["submitted"]) for c in cells if c["submitted"])
    digest = hashlib.sha256(repr(cell_counts).encode()).hexdigest()[:16]
    return cache_key(round_, submitted, "summary", k, digest)


def compute_summary(round_, structure_, shown, k):
    """The round's scores and those of each breakdown group that may be shown, from one GROUP BY over its
    answers; cached a day for a closed round, a minute for an open one (answers changed after submitting
    show within it). Only scores of the whole round and of shown groups (k or more, after suppression)
    are kept, nothing of a smaller group."""
    rows = (
        scored(Answer.objects.filter(round=round_, respondent__round=round_))
        .values("respondent__department_id", "respondent__target_group", "statement")
        .annotate(total=Sum("value"), n=Count("pk"))
        .order_by()
    )
    overall = defaultdict(lambda: [0, 0])
    groups = {
        "departments": defaultdict(lambda: defaultdict(lambda: [0, 0])),
        "groups": defaultdict(lambda: defaultdict(lambda: [0, 0])),
    }
    for row in rows:
        statement, total, n = row["statement"], row["total"], row["n"]
        for sums in (
            overall,
            groups["departments"][row["respondent__department_id"]],
            groups["groups"][row["respondent__target_group"] or None],
        ):
            sums[statement][0] += total
            sums[statement][1] += n
    summary = {"scores": scoring.score(structure_, reportable_sums(overall, k))}
    for what, by_key in groups.items():
        summary[what] = {key: scoring.score(structure_, reportable_sums(by_key[key], k)) for key in shown[what]}
    return summary


def round_scores(rounds, k, found=None):
    """round id -> Scores of the whole round (statements with k or more scored answers): from the cache
    (or `found`, already read from it), the missing ones from one query. Each round carries `n_submitted`
    (see `_with_submitted`)."""
    keys = {round_.pk: cache_key(round_, round_.n_submitted, "scores", k) for round_ in rounds}
    if found is None:
        found = cache.get_many(list(keys.values()))
    scores = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = {round_.pk: round_ for round_ in rounds if round_.pk not in scores}
    if missing:
        sums = defaultdict(dict)
        rows = (
            scored(Answer.objects.filter(round_id__in=list(missing), respondent__round_id__in=list(missing)))
            .values("round_id", "statement")
            .annotate(total=Sum("value"), n=Count("pk"))
            .order_by()
        )
        for row in rows:
            sums[row["round_id"]][row["statement"]] = (row["total"], row["n"])
        for pk, round_ in missing.items():
            scores[pk] = scoring.score(structure.for_revision(round_.revision_id), reportable_sums(sums[pk], k))
            cache.set(keys[pk], scores[pk], ttl(round_))
    return scores


def with_submitted(queryset):
    return queryset.annotate(n_submitted=Count("respondents", filter=Q(respondents__submitted_at__isnull=False)))


def previous_round(round_):
    """The organisation's latest round opened before this one, with its submitted count."""
    return (
        with_submitted(Round.objects.opened().filter(organisation_id=round_.organisation_id).exclude(pk=round_.pk))
        .filter(Q(opened_at__lt=round_.opened_at) | Q(opened_at=round_.opened_at, pk__lt=round_.pk))
        .order_by("-opened_at", "-pk")
        .first()
    )


def comparison_cache_key(round_, k):
    organisation = round_.organisation
    return f"maturity:results:v2:comparison:{organisation.pk}:{organisation.kind}:{round_.revision_id}:{k}"


def compute_comparison(round_, structure_, k):
    """(organisations that qualify, category/dimension id -> mean score or None below MIN_ORGANISATIONS).
    Cached COMPARISON_CACHE_SECONDS per organisation and survey: finding each one's latest round counts the
    respondents of every round of the survey, which grows with the number of organisations; their new
    answers reach the comparison within that time."""
    kind = round_.organisation.kind
    candidates = (
        with_submitted(Round.objects.opened().filter(instrument_id=round_.instrument_id, organisation__kind=kind))
        .exclude(organisation_id=round_.organisation_id)
        .filter(n_submitted__gte=k)
        .order_by("organisation_id", "-opened_at", "-pk")
        .only("pk", "organisation_id", "revision_id", "opened_at", "closes_on", "closed_at")
    )
    latest = {}
    for candidate in candidates:
        latest.setdefault(candidate.organisation_id, candidate)
    if len(latest) < MIN_ORGANISATIONS:
        return len(latest), None
    per_organisation = round_scores(list(latest.values()), k).values()
    comparison = {}
    for category in structure_.categories:
        comparison[category.id] = scoring.mean(scores.categories.get(category.id) for scores in per_organisation)
    for dimension in structure_.dimensions:
        comparison[dimension.id] = scoring.mean(scores.dimensions.get(dimension.id) for scores in per_organisation)
    return len(latest), comparison


def completed_key(round_):
    return f"maturity:results:v2:completed:{round_.organisation_id}:{round_.revision_id}"


def completed(organisation_id, structure_):
    """module id -> how many in the organisation completed it, for every e-module the survey recommends:
    counts, not people; cached COMPLETION_CACHE_SECONDS (the query reads every member's progress)."""
    from elearning.models import ModuleProgress

    module_ids = sorted({pk for category in structure_.categories for pk in category.module_ids})
    return dict(
        ModuleProgress.objects.completed()
        .filter(module_id__in=module_ids, user__organisation_id=organisation_id)
        .values("module_id")
        .annotate(n=Count("pk"))
        .values_list("module_id", "n")
    )
