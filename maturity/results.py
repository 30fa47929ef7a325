"""The results of one maturity round: response rate, scores, change, comparison, breakdowns, advice.

Everything is aggregated in the database (GROUP BY statement, department and target group) and the
number of queries does not depend on the number of respondents. Scores are cached (a closed round's a
day, an open round's a minute) under keys holding the submitted counts, so that a new submission shows
at once; only scores of whole rounds and of groups that may be shown are kept, nothing per person. All
figures about people go through `core.anonymity`:

- fewer than k submitted answers hide the whole result;
- a statement score needs at least k scored answers (values 1-6); statements with fewer are left out
  of every level above them too, so that they cannot be worked out from a category score;
- breakdown groups (department, target group) are cells of the submitted total under `suppress`,
  complementary suppression included (REST: those without a department or target group).

The comparison is with *other* organisations of the same kind (this one excluded, so that its own
figures do not pull the average towards it): each one's latest opened round on the same survey with
at least k submitted answers; the average is shown only when at least MIN_ORGANISATIONS (maturity.aggregates) qualify.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, Q

from accounts import scoping
from core import anonymity

from . import aggregates, scoring, structure
from .models import Respondent

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
        return aggregates.MIN_ORGANISATIONS

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


def round_results(round_, viewer=None):
    """The results of `round_` (already checked visible to `viewer` by the caller: Round.objects.visible_to).

    A warm request runs two queries of its own (the cells, whose submitted count is part of every key, and
    the previous round) and reads everything else it needs from the cache in one round trip."""
    k = anonymity.min_group_size()
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
        structure=None,
        invited=invited,
        submitted=submitted,
        k=k,
        response_rate=anonymity.share(submitted, invited) if invited else None,
    )
    if not anonymity.is_reportable(submitted, k):
        result.structure = structure.for_round(round_)
        return result
    result.hidden = False

    previous = aggregates.previous_round(round_)
    counts = _group_counts(cells)
    shown = {what: _shown(submitted, counts[what], k) for what in counts}
    keys = {
        # structure.for_round's own entry, read with the others (for_round reads it when it is missing)
        "structure": f"{structure.CACHE_PREFIX}{round_.revision_id}",
        "summary": aggregates.summary_key(round_, cells, submitted, k),
        "comparison": aggregates.comparison_cache_key(round_, k),
        "completed": aggregates.completed_key(round_),
    }
    if previous is not None and anonymity.is_reportable(previous.n_submitted, k):
        keys["previous"] = aggregates.cache_key(previous, previous.n_submitted, "scores", k)
    found = cache.get_many(list(keys.values()))
    result.structure = found.get(keys["structure"]) or structure.for_round(round_)
    summary = aggregates.get(
        found,
        keys["summary"],
        lambda: aggregates.compute_summary(round_, result.structure, shown, k),
        aggregates.ttl(round_),
    )
    result.scores = summary["scores"]
    if previous is not None:
        result.previous, result.previous_submitted = previous, previous.n_submitted
        if "previous" in keys:
            # Scored on its own revision; categories are then matched to this round's by id (missing ones skipped).
            result.previous_scores = aggregates.round_scores([previous], k, found)[previous.pk]
    result.comparison_count, result.comparison = aggregates.get(
        found,
        keys["comparison"],
        lambda: aggregates.compute_comparison(round_, result.structure, k),
        aggregates.COMPARISON_CACHE_SECONDS,
    )
    if viewer is not None and not scoping.can_manage_organisation(viewer, round_.organisation_id):
        result.departments_withheld = True
    else:
        result.departments = _department_rows(counts["departments"], shown["departments"], summary)
    result.target_groups = _target_group_rows(counts["groups"], shown["groups"], summary)
    _recommendations(result, found, keys["completed"])
    return result


def _group_counts(cells):
    """Submitted per department and per target group (None: not given, the REST of `suppress`)."""
    counts = {"departments": defaultdict(int), "groups": defaultdict(int)}
    for cell in cells:
        if cell["submitted"]:
            counts["departments"][cell["department_id"]] += cell["submitted"]
            counts["groups"][cell["target_group"] or None] += cell["submitted"]
    return counts


def _shown(submitted, counts, k):
    """The groups of one breakdown whose figures may be shown: `suppress`, complementary suppression included."""
    hidden = anonymity.suppress(submitted, {key: n for key, n in counts.items() if key is not None}, k)
    return {key for key in counts if (anonymity.REST if key is None else key) not in hidden}


def _group_rows(counts, shown, scores, labels, rest_label):
    """Rows of one breakdown: `counts` key -> submitted (None key = not given, the REST of `suppress`)."""
    ordered = sorted((key for key in counts if key is not None), key=lambda key: str(labels.get(key, key)).lower())
    rows = []
    for key in [*ordered, *([None] if counts.get(None) else [])]:
        row = GroupRow(
            key=key,
            label=rest_label if key is None else str(labels.get(key, key)),
            count=counts[key] if key in shown else None,
            hidden=key not in shown,
        )
        if key in scores:
            row.total, row.categories = scores[key].total, scores[key].categories
        rows.append(row)
    return rows


def _department_rows(counts, shown, summary):
    from django.utils.translation import gettext as _

    from accounts.models import Department

    names = dict(Department.objects.filter(pk__in=[key for key in counts if key]).values_list("pk", "name"))
    return _group_rows(counts, shown, summary["departments"], names, _("No department given"))


def _target_group_rows(counts, shown, summary):
    from django.utils.translation import gettext as _

    from accounts.models import TargetGroup

    return _group_rows(counts, shown, summary["groups"], dict(TargetGroup.choices), _("No target group given"))


def _recommendations(result, found, completed_key):
    """The weakest categories' e-modules (live), with how many in the organisation completed each, and webcasts."""
    from wagtail.models import Page

    from elearning.models import ModulePage

    scored = [(result.scores.categories[c.id], c) for c in result.structure.categories]
    ranked = sorted((pair for pair in scored if pair[0] is not None), key=lambda pair: pair[0])
    weakest = [category for _, category in ranked[:WEAKEST]]
    module_ids = {pk for category in weakest for pk in category.module_ids}
    webcast_ids = {pk for category in weakest for pk in category.webcast_ids}
    pages = ModulePage.objects.live().defer_streamfields()  # titles and URLs only, not the bodies
    modules = {page.pk: page for page in pages.filter(pk__in=module_ids)} if module_ids else {}
    completed = {}
    if modules:
        completed = aggregates.get(
            found,
            completed_key,
            lambda: aggregates.completed(result.round.organisation_id, result.structure),
            aggregates.COMPLETION_CACHE_SECONDS,
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
