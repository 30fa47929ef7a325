"""The one scoring rule of the maturity survey: pure functions, no database.

A scale value v in 1..6 scores (v - 1) / 5 * 100, so 1 is 0 % and 6 is 100 %; 0 ("don't know") is no
score at all and is left out, never counted as 0. A statement's score is the mean of its scored
answers; a category's the mean of its statements' scores (statements without a score are skipped);
a dimension's the mean of its categories'; the total the mean of the dimensions'. Every level weighs
its parts equally, so a category with many statements does not outweigh one with few.

Scores stay floats all the way through; only `display` rounds, to a whole percent (half up), so that
a change or an average is computed from the exact figures, not from rounded ones.
"""

import math
from dataclasses import dataclass, field

from .models import DONT_KNOW, SCALE_MAX, SCALE_MIN

STEPS = SCALE_MAX - SCALE_MIN  # 5 steps between the ends of the scale


def value_score(value):
    """The score of one answer, or None for "don't know" (and for anything off the scale)."""
    if value is None or value == DONT_KNOW or not SCALE_MIN <= value <= SCALE_MAX:
        return None
    return (value - SCALE_MIN) / STEPS * 100


def score_from_sum(total, count):
    """The mean score of `count` scored answers whose values add up to `total` (what GROUP BY gives)."""
    if not count:
        return None
    return (total / count - SCALE_MIN) / STEPS * 100


def mean(scores):
    """The mean of the scores that exist (None skipped); None when there are none."""
    present = [score for score in scores if score is not None]
    return sum(present) / len(present) if present else None


def display(score):
    """A score as a whole percent for people to read (half up: 62.5 -> 63); None stays None."""
    return (
        None if score is None else math.floor(round(score, 9) + 0.5)
    )  # round(…, 9): 62.4999999 from float sums is 62.5


def change(current, previous):
    """Percentage points from `previous` to `current`, or None when either is missing."""
    if current is None or previous is None:
        return None
    return current - previous


@dataclass
class Scores:
    """Scores (0-100 floats, or None) keyed by statement, category and dimension id, and the total."""

    statements: dict = field(default_factory=dict)
    categories: dict = field(default_factory=dict)
    dimensions: dict = field(default_factory=dict)
    total: float | None = None


def score(structure, sums):
    """Scores of a structure from `sums`: statement id -> (sum of scored values, number of scored values).

    Statements missing from `sums` have no score; ids in `sums` that the structure does not know are ignored.
    """
    result = Scores()
    for dimension in structure.dimensions:
        for category in dimension.categories:
            for statement in category.statements:
                total, count = sums.get(statement.id, (0, 0))
                result.statements[statement.id] = score_from_sum(total, count)
            result.categories[category.id] = mean(result.statements[s.id] for s in category.statements)
        result.dimensions[dimension.id] = mean(result.categories[c.id] for c in dimension.categories)
    result.total = mean(result.dimensions.values())
    return result


def sums_of(values_by_statement):
    """(sum, count) per statement from raw values, "don't know" left out: for tests and small inputs."""
    sums = {}
    for statement_id, values in values_by_statement.items():
        scored = [v for v in values if value_score(v) is not None]
        sums[statement_id] = (sum(scored), len(scored))
    return sums
