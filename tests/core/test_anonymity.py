"""The one anonymity rule (core.anonymity): primary and complementary suppression, derived figures."""

import itertools
import random

import pytest

from core.anonymity import (
    REST,
    average,
    is_reportable,
    min_group_size,
    share,
    subtotal_is_safe,
    suppress,
    too_small,
)

K = 5


def _table(*sizes):
    return {f"c{index}": size for index, size in enumerate(sizes)}


def test_k_comes_from_settings(settings):
    settings.ANONYMITY_MIN_GROUP = 6
    assert min_group_size() == 6
    assert too_small(5) and not is_reportable(5) and is_reportable(6)
    del settings.ANONYMITY_MIN_GROUP
    assert min_group_size() == 5


def test_group_size_not_numerator_decides():
    # A group of 0 describes nobody; 1..k-1 people can be told apart; k and more may be shown.
    assert not too_small(0, K) and too_small(1, K) and too_small(4, K) and not too_small(5, K)
    assert not is_reportable(0, K) and is_reportable(5, K)
    assert not too_small(None, K) and not is_reportable(None, K)


@pytest.mark.parametrize(
    ("sizes", "hidden"),
    [
        ((10, 8, 7), []),  # nothing under k
        ((10, 8, 3), [1, 2]),  # one under k: the next smallest goes with it
        ((3, 6, 20), [0, 1]),
        ((2, 2, 10, 12), [0, 1, 2]),  # two hidden but 4 people together: one more
        ((3, 3, 9), [0, 1]),  # two hidden, 6 together: enough
        ((1, 20), [0, 1]),
        ((4,), [0]),  # the total is under k: everything hides
        ((0, 0), []),  # nobody at all: nothing to protect
        ((0, 7, 9), []),  # an empty cell is shown, and is no complement
        ((0, 3, 7, 9), [1, 2]),
        ((5, 4, 5), [0, 1]),  # ties: the first in order goes
        ((1, 1, 1, 1, 1, 30), [0, 1, 2, 3, 4]),  # five single people: together they are k
    ],
)
def test_suppress_table(sizes, hidden):
    cells = _table(*sizes)
    assert sorted(suppress(sum(sizes), cells, K)) == [f"c{index}" for index in hidden]


def test_total_under_k_hides_every_cell_even_empty_ones():
    assert suppress(3, {"a": 3, "b": 0}, K) == {"a", "b"}


def test_people_no_cell_lists_are_a_cell_of_their_own():
    # 23 people, cells for 21: the 2 others could be worked out as 23 - 10 - 8 - 3.
    assert suppress(23, {"a": 10, "b": 8, "c": 3}, K) == {"c", REST}
    # 2 others alone would be total minus every cell: the smallest cell goes with them.
    assert suppress(20, {"a": 10, "b": 8}, K) == {"b", REST}
    assert suppress(30, {"a": 10, "b": 8}, K) == set()  # 12 others: nothing under k


def test_overlapping_cells_are_refused():
    with pytest.raises(ValueError):
        suppress(10, {"a": 6, "b": 6}, K)


def test_cells_already_hidden_count_towards_the_hidden_people():
    # A cell hidden for another reason (10 people) covers k on its own: no complement needed.
    assert suppress(30, {"a": 10, "b": 12, "c": 8}, K, hidden={"a"}) == {"a"}
    # With a primary cell next to it, the two together are enough.
    assert suppress(25, {"a": 10, "b": 12, "c": 3}, K, hidden={"a"}) == {"a", "c"}
    # Already hidden but small: it needs company like any other.
    assert suppress(25, {"a": 2, "b": 12, "c": 11}, K, hidden={"a"}) == {"a", "c"}


def test_ties_are_broken_by_the_order_of_the_cells_not_by_chance():
    cells = {"x": 3, "y": 6, "z": 6}
    assert suppress(15, cells, K) == {"x", "y"}
    assert suppress(15, dict(reversed(list(cells.items()))), K) == {"x", "z"}


def _solutions(hidden_sum, parts):
    """Every way `parts` listed rows (at least one person each) can add up to `hidden_sum`."""
    for combo in itertools.product(range(1, hidden_sum + 1), repeat=parts):
        if sum(combo) == hidden_sum:
            yield combo


def test_brute_force_no_hidden_cell_can_be_worked_out():
    """Random small tables, attacked as a reader would: total minus the visible cells.

    The reader sees the total (when shown), every visible cell and which rows are hidden. A hidden
    row's size must not follow from that, and the hidden rows together must not be a group under k.
    """
    rng = random.Random(13)
    for _ in range(3000):
        sizes = [rng.choice([0, 1, 1, 2, 3, 4, 5, 6, 7, 9, 12, 20]) for _ in range(rng.randint(1, 6))]
        cells = _table(*sizes)
        total = sum(sizes)
        hidden = suppress(total, cells, K)
        visible = {key: n for key, n in cells.items() if key not in hidden}
        assert not any(too_small(n, K) for n in visible.values()), (sizes, hidden)
        if too_small(total, K):
            assert hidden == set(cells), sizes  # the total and everything in it hides
            continue
        rows = [key for key in cells if key in hidden and cells[key] > 0]
        hidden_sum = total - sum(visible.values())
        assert hidden_sum == 0 or hidden_sum >= K, (sizes, hidden)
        if not rows:
            continue
        solutions = list(_solutions(hidden_sum, len(rows)))
        for position, key in enumerate(rows):
            possible = {solution[position] for solution in solutions}
            assert len(possible) > 1, (sizes, hidden, key, possible)


def test_brute_force_with_a_remainder_no_cell_lists():
    rng = random.Random(5)
    for _ in range(1000):
        sizes = [rng.choice([1, 2, 3, 4, 6, 8, 15]) for _ in range(rng.randint(1, 4))]
        rest = rng.choice([0, 1, 2, 3, 7])
        total = sum(sizes) + rest
        hidden = suppress(total, _table(*sizes), K)
        shown = sum(n for key, n in _table(*sizes).items() if key not in hidden)
        # Total minus the cells shown: the hidden cells and the remainder, never a group under k.
        assert not too_small(total - shown, K) or too_small(total, K), (sizes, rest, hidden)
        if too_small(rest, K):
            assert REST in hidden, (sizes, rest, hidden)


@pytest.mark.parametrize(
    ("cells", "hidden", "part", "safe"),
    [
        ({"g1": 6, "g2": 3, REST: 4}, {"g2", REST}, {"g1", "g2"}, False),  # shows g2 (3) and the rest (4) apart
        ({"g1": 6, "g2": 3, "g3": 2, REST: 0}, {"g2", "g3"}, {"g1", "g2", "g3"}, True),  # 5 hidden inside, 0 outside
        ({"g1": 6, "g2": 3, "g3": 7, REST: 9}, {"g2", "g3"}, {"g1", "g2", "g3"}, True),
        ({"g1": 6, "g2": 3, "g3": 7, REST: 2}, {"g2", "g3", REST}, {"g1", "g2", "g3"}, False),
        ({"g1": 6, "g2": 7}, set(), {"g1", "g2"}, True),
    ],
)
def test_subtotal_is_safe(cells, hidden, part, safe):
    assert subtotal_is_safe(cells, hidden, part, K) is safe


def test_derived_figures():
    assert share(1, 3) == 33 and share(0, 0) == 0
    assert share(None, 10) is None and share(3, None) is None
    # An average needs k values: one learner's exact score is never shown.
    assert average(87.4, 1, K) is None and average(87.4, 4, K) is None
    assert average(87.4, 5, K) == 87 and average(None, 9, K) is None
