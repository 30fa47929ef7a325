"""The results of one maturity round: response rate, scores, change, comparison, breakdowns, advice.

Everything is aggregated in the database (GROUP BY statement, department and target group) and the
number of queries does not depend on the number of respondents. The sums of closed rounds (whose
answers no longer change) are cached per round; nothing is kept per person. All
figures about people go through `core.anonymity`:

- fewer than k submitted answers hide the whole result;
- a statement score needs at least k scored answers (values 1-6); statements with fewer are left out
  of every level above them too, so that they cannot be worked out from a category score;
- breakdown groups (department, target group) are cells of the submitted total under `suppress`,
  complementary suppression included (REST: those without a department or target group).

The comparison is with *other* organisations of the same kind (this one excluded, so that its own
figures do not pull the average towards it): each one's latest opened round on the same survey with
at least k submitted answers; the average is shown only when at least MIN_ORGANISATIONS qualify.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q, Sum

from accounts import scoping
from core import anonymity

from . import scoring, structure
from .models import DONT_KNOW, Answer, Respondent, Round

SUMS_CACHE_SECONDS = 24 * 3600  # a closed round: its answers no longer change
OPEN_SUMS_CACHE_SECONDS = 60  # an open round: a changed answer shows within a minute, a new submission at once
MIN_ORGANISATIONS = 5  # organisations needed before a comparison average is shown
THRESHOLD = 50  # per cent: where the quadrant splits each axis
WEAKEST = 2  # categories whose modules are recommended


@dataclass
class GroupRow:
    """One breakdown cell: a department or target group, its submitted count and scores (None when hidden)."""

    key: object
    label: str
    count: int | None
    hidden: bool
    total: float | None = None
    categories: dict = field(default_factory=dict)


@dataclass
class Recommendation:
    category: object
    score: float | None
    modules: list  # (ModulePage, completed count in the organisation)
    webcasts: list  # live pages


@dataclass
class Results:
    round: object
    structure: object
    invited: int
    submitted: int
    k: int
    response_rate: int | None = None  # whole percent
    hidden: bool = True  # fewer than k submitted: nothing but the counts is shown
    scores: scoring.Scores | None = None
    previous: object = None  # the previous opened round of the organisation, if any
    previous_submitted: int = 0
    previous_scores: scoring.Scores | None = None  # None when there is none or it had fewer than k
    comparison_count: int = 0  # organisations of the same kind that qualify
    comparison: dict | None = None  # category id -> mean score; dimension ids too; None below MIN_ORGANISATIONS
    departments: list = field(default_factory=list)  # GroupRow
    # Department names are the organisation's own: only its managers (and administrators) get that table.
    departments_withheld: bool = False
    target_groups: list = field(default_factory=list)
    recommendations: list = field(default_factory=list)

    @property
    def min_organisations(self):
        return MIN_ORGANISATIONS

    def change(self, category_id):
        if self.previous_scores is None or self.scores is None:
            return None
        return scoring.change(self.scores.categories.get(category_id), self.previous_scores.categories.get(category_id))

    @property
    def capability(self):
        return _dimension_score(self.structure, self.scores, 0)

    @property
    def legacy(self):
        return _dimension_score(self.structure, self.scores, 1)

    @property
    def previous_position(self):
        if self.previous_scores is None:
            return None
        return _dimension_score(self.structure, self.previous_scores, 0), _dimension_score(
            self.structure, self.previous_scores, 1
        )

    @property
    def quadrant(self):
        return quadrant_of(self.capability, self.legacy)


def _dimension_score(structure_, scores, index):
    if scores is None or len(structure_.dimensions) <= index:
        return None
    return scores.dimensions.get(structure_.dimensions[index].id)


QUADRANTS = {
    # (capability high, legacy high) -> our own names for the four types
    (True, True): "forerunner",
    (True, False): "held_back",
    (False, True): "stable_base",
    (False, False): "starting_out",
}


def quadrant_of(capability, legacy):
    if capability is None or legacy is None:
        return None
    return QUADRANTS[(capability >= THRESHOLD, legacy >= THRESHOLD)]


def _sums(rows, k):
    """statement -> (sum, count) from aggregated rows, statements with fewer than k scored answers dropped."""
    return {key: (total, count) for key, (total, count) in rows.items() if anonymity.is_reportable(count, k)}


def _scored(queryset):
    return queryset.filter(value__gt=DONT_KNOW, respondent__submitted_at__isnull=False)


def round_results(round_, viewer=None):
    """The results of `round_` (already checked visible to `viewer` by the caller: Round.objects.visible_to)."""
    k = anonymity.min_group_size()
    structure_ = structure.for_round(round_)
    # One query: invited and submitted per (department, target group), the cells of both breakdowns.
    cells = list(
        Respondent.objects.filter(round=round_)
        .values("department_id", "target_group")
        .annotate(invited=Count("pk"), submitted=Count("pk", filter=Q(submitted_at__isnull=False)))
        .order_by()
    )
    invited = sum(cell["invited"] for cell in cells)
    submitted = sum(cell["submitted"] for cell in cells)
    result = Results(
        round=round_,
        structure=structure_,
        invited=invited,
        submitted=submitted,
        k=k,
        response_rate=anonymity.share(submitted, invited) if invited else None,
    )
    if not anonymity.is_reportable(submitted, k):
        return result
    result.hidden = False

    # One query: sums per (department, target group, statement); the totals are their sums.
    grouped = _cached(
        round_,
        submitted,
        "grouped",
        lambda: list(
            _scored(Answer.objects.filter(round=round_))
            .values("respondent__department_id", "respondent__target_group", "statement")
            .annotate(total=Sum("value"), n=Count("pk"))
            .order_by()
        ),
    )
    overall = defaultdict(lambda: [0, 0])
    for row in grouped:
        overall[row["statement"]][0] += row["total"]
        overall[row["statement"]][1] += row["n"]
    result.scores = scoring.score(structure_, _sums(overall, k))

    _previous(result, k)
    _comparison(result, k)
    _breakdowns(result, cells, grouped, k)
    if viewer is not None and not scoping.can_manage_organisation(viewer, round_.organisation_id):
        result.departments, result.departments_withheld = [], True
    _recommendations(result)
    return result


def _cache_key(round_, submitted, what):
    closed = round_.closed_at.isoformat() if round_.closed_at else ""
    return f"maturity:sums:v1:{what}:{round_.pk}:{submitted}:{round_.closes_on.isoformat()}:{closed}"


def _cached(round_, submitted, what, compute):
    """Aggregates of a round from the cache. The key holds the submitted count and the closing dates, so a
    new submission, a deleted respondent or a reopened round is computed anew; a closed round's answers no
    longer change, an open round's entry lives a minute (answers changed after submitting show within it).
    Only sums per round and group are kept, never anything per person."""
    key = _cache_key(round_, submitted, what)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SUMS_CACHE_SECONDS if round_.is_closed() else OPEN_SUMS_CACHE_SECONDS)
    return value


def _round_sums(rounds):
    """round id -> statement -> (sum, count) of scored, submitted answers: closed rounds from the cache,
    the others in one query. Each round carries `n_submitted` (see `_with_submitted`)."""
    sums, missing = defaultdict(dict), {}
    for round_ in rounds:
        cached = cache.get(_cache_key(round_, round_.n_submitted, "sums")) if round_.is_closed() else None
        if cached is None:
            missing[round_.pk] = round_
        else:
            sums[round_.pk] = cached
    if missing:
        rows = (
            _scored(Answer.objects.filter(round_id__in=list(missing)))
            .values("round_id", "statement")
            .annotate(total=Sum("value"), n=Count("pk"))
            .order_by()
        )
        for row in rows:
            sums[row["round_id"]][row["statement"]] = (row["total"], row["n"])
        for pk, round_ in missing.items():
            if round_.is_closed():
                cache.set(_cache_key(round_, round_.n_submitted, "sums"), dict(sums[pk]), SUMS_CACHE_SECONDS)
    return sums


def _with_submitted(queryset):
    return queryset.annotate(n_submitted=Count("respondents", filter=Q(respondents__submitted_at__isnull=False)))


def _previous(result, k):
    """The organisation's latest round opened before this one; its scores when it had at least k answers."""
    round_ = result.round
    previous = (
        _with_submitted(Round.objects.opened().filter(organisation_id=round_.organisation_id).exclude(pk=round_.pk))
        .filter(Q(opened_at__lt=round_.opened_at) | Q(opened_at=round_.opened_at, pk__lt=round_.pk))
        .order_by("-opened_at", "-pk")
        .first()
    )
    if previous is None:
        return
    result.previous, result.previous_submitted = previous, previous.n_submitted
    if anonymity.is_reportable(previous.n_submitted, k):
        sums = _round_sums([previous])[previous.pk]
        # Scored on its own revision; categories are then matched to this round's by id (missing ones skipped).
        result.previous_scores = scoring.score(structure.for_round(previous), _sums(sums, k))


def _comparison(result, k):
    round_ = result.round
    candidates = (
        _with_submitted(
            Round.objects.opened().filter(
                instrument_id=round_.instrument_id, organisation__kind=round_.organisation.kind
            )
        )
        .exclude(organisation_id=round_.organisation_id)
        .filter(n_submitted__gte=k)
        .order_by("organisation_id", "-opened_at", "-pk")
        .only("pk", "organisation_id", "revision_id", "opened_at", "closes_on", "closed_at")
    )
    latest = {}
    for candidate in candidates:
        latest.setdefault(candidate.organisation_id, candidate)
    result.comparison_count = len(latest)
    if result.comparison_count < MIN_ORGANISATIONS:
        return
    sums = _round_sums(list(latest.values()))
    per_organisation = [
        scoring.score(structure.for_revision(candidate.revision_id), _sums(sums[candidate.pk], k))
        for candidate in latest.values()
    ]
    comparison = {}
    for category in result.structure.categories:
        comparison[category.id] = scoring.mean(scores.categories.get(category.id) for scores in per_organisation)
    for dimension in result.structure.dimensions:
        comparison[dimension.id] = scoring.mean(scores.dimensions.get(dimension.id) for scores in per_organisation)
    result.comparison = comparison


def _group_rows(result, counts, sums, labels, rest_label, k):
    """Rows of one breakdown: `counts` key -> submitted (None key = not given, the REST of `suppress`)."""
    cells = {key: n for key, n in counts.items() if key is not None}
    hidden = anonymity.suppress(result.submitted, cells, k)
    rows = []
    ordered = sorted(cells, key=lambda key: str(labels.get(key, key)).lower())
    for key in [*ordered, *([None] if counts.get(None) else [])]:
        is_hidden = (anonymity.REST if key is None else key) in hidden
        row = GroupRow(
            key=key,
            label=rest_label if key is None else str(labels.get(key, key)),
            count=None if is_hidden else counts[key],
            hidden=is_hidden,
        )
        if not is_hidden and counts[key]:
            scores = scoring.score(result.structure, _sums(sums[key], k))
            row.total, row.categories = scores.total, scores.categories
        rows.append(row)
    return rows


def _breakdowns(result, cells, grouped, k):
    from django.utils.translation import gettext as _

    from accounts.models import Department, TargetGroup

    by_department, by_group = defaultdict(int), defaultdict(int)
    for cell in cells:
        if cell["submitted"]:
            by_department[cell["department_id"]] += cell["submitted"]
            by_group[cell["target_group"] or None] += cell["submitted"]
    department_sums = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    group_sums = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for row in grouped:
        for sums, key in (
            (department_sums, row["respondent__department_id"]),
            (group_sums, row["respondent__target_group"] or None),
        ):
            sums[key][row["statement"]][0] += row["total"]
            sums[key][row["statement"]][1] += row["n"]
    names = dict(Department.objects.filter(pk__in=[key for key in by_department if key]).values_list("pk", "name"))
    result.departments = _group_rows(result, by_department, department_sums, names, _("No department given"), k)
    result.target_groups = _group_rows(
        result, by_group, group_sums, dict(TargetGroup.choices), _("No target group given"), k
    )


def _recommendations(result):
    """The weakest categories' e-modules (live), with how many in the organisation completed each, and webcasts."""
    from wagtail.models import Page

    from elearning.models import ModulePage, ModuleProgress

    scored = [(result.scores.categories[c.id], c) for c in result.structure.categories]
    ranked = sorted((pair for pair in scored if pair[0] is not None), key=lambda pair: pair[0])
    weakest = [category for _, category in ranked[:WEAKEST]]
    module_ids = {pk for category in weakest for pk in category.module_ids}
    webcast_ids = {pk for category in weakest for pk in category.webcast_ids}
    modules = {page.pk: page for page in ModulePage.objects.live().filter(pk__in=module_ids)} if module_ids else {}
    completed = {}
    if modules:
        completed = dict(
            ModuleProgress.objects.completed()
            .filter(module_id__in=modules, user__organisation_id=result.round.organisation_id)
            .values("module_id")
            .annotate(n=Count("pk"))
            .values_list("module_id", "n")
        )
    webcasts = {page.pk: page for page in Page.objects.live().filter(pk__in=webcast_ids)} if webcast_ids else {}
    result.recommendations = [
        Recommendation(
            category=category,
            score=result.scores.categories[category.id],
            modules=[(modules[pk], completed.get(pk, 0)) for pk in category.module_ids if pk in modules],
            webcasts=[webcasts[pk] for pk in category.webcast_ids if pk in webcasts],
        )
        for category in weakest
    ]
