"""The scoring rule, against figures worked out by hand."""

import pytest

from maturity import scoring
from maturity.structure import Category, Dimension, Statement, Structure


def structure_of(layout):
    """layout: {dimension id: {category id: [statement ids]}} -> a Structure."""
    dimensions = tuple(
        Dimension(
            id=d,
            name=d,
            short_name=d,
            description="",
            categories=tuple(
                Category(id=c, name=c, description="", statements=tuple(Statement(id=s, text=s) for s in statements))
                for c, statements in categories.items()
            ),
        )
        for d, categories in layout.items()
    )
    return Structure(revision_id=1, title="T", introduction="", dimensions=dimensions)


@pytest.mark.parametrize(
    ("value", "expected"), [(1, 0.0), (2, 20.0), (3, 40.0), (4, 60.0), (5, 80.0), (6, 100.0), (0, None), (7, None)]
)
def test_value_score(value, expected):
    assert scoring.value_score(value) == expected


def test_dont_know_is_left_out_not_counted_as_zero():
    # 6 and 4 -> 100 and 60 -> 80; the two "don't know" change nothing.
    assert scoring.score_from_sum(*scoring.sums_of({"s": [6, 4, 0, 0]})["s"]) == pytest.approx(80)
    assert scoring.sums_of({"s": [0, 0]}) == {"s": (0, 0)}
    assert scoring.score_from_sum(0, 0) is None


def test_hand_computed_structure():
    structure = structure_of(
        {
            "d1": {"c1": ["s1", "s2"], "c2": ["s3"]},
            "d2": {"c3": ["s4", "s5", "s6"]},
        }
    )
    sums = scoring.sums_of(
        {
            "s1": [6, 6, 5],  # 100, 100, 80 -> 93.33
            "s2": [1, 2, 0],  # 0, 20 -> 10
            "s3": [4, 4, 4],  # 60
            "s4": [3, 0, 0],  # 40
            "s5": [0, 0, 0],  # no score: skipped, not 0
            "s6": [2, 3, 4],  # 20, 40, 60 -> 40
        }
    )
    result = scoring.score(structure, sums)
    assert result.statements["s1"] == pytest.approx(280 / 3)
    assert result.statements["s2"] == pytest.approx(10)
    assert result.statements["s5"] is None
    # c1 = (93.33 + 10) / 2 = 51.67; c2 = 60; c3 = (40 + 40) / 2 = 40 (s5 skipped)
    assert result.categories["c1"] == pytest.approx((280 / 3 + 10) / 2)
    assert result.categories["c2"] == pytest.approx(60)
    assert result.categories["c3"] == pytest.approx(40)
    # d1 = (51.67 + 60) / 2 = 55.83: categories weigh equally, whatever their number of statements
    assert result.dimensions["d1"] == pytest.approx(((280 / 3 + 10) / 2 + 60) / 2)
    assert result.dimensions["d2"] == pytest.approx(40)
    assert result.total == pytest.approx((((280 / 3 + 10) / 2 + 60) / 2 + 40) / 2)
    assert scoring.display(result.total) == 48  # 47.92 -> 48
    assert scoring.display(result.categories["c1"]) == 52  # 51.67


def test_category_without_any_score_drops_out_of_its_dimension():
    structure = structure_of({"d1": {"c1": ["s1"], "c2": ["s2"]}})
    result = scoring.score(structure, scoring.sums_of({"s1": [5], "s2": [0]}))
    assert result.categories == {"c1": 80.0, "c2": None}
    assert result.dimensions["d1"] == 80.0
    assert result.total == 80.0


def test_empty_structure_scores_nothing():
    result = scoring.score(structure_of({"d1": {"c1": ["s1"]}}), {})
    assert result.total is None and result.categories["c1"] is None


def test_unknown_statement_ids_are_ignored():
    structure = structure_of({"d1": {"c1": ["s1"]}})
    result = scoring.score(structure, {"s1": (6, 1), "gone": (1, 1)})
    assert result.total == 100.0


@pytest.mark.parametrize(("score", "shown"), [(62.5, 63), (62.49, 62), (0, 0), (100, 100), (None, None), (37.5, 38)])
def test_display_rounds_half_up(score, shown):
    assert scoring.display(score) == shown


def test_change_in_points():
    assert scoring.change(70.0, 55.5) == pytest.approx(14.5)
    assert scoring.change(None, 50) is None and scoring.change(50, None) is None
