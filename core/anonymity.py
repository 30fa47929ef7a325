"""The one anonymity rule for figures about people: no group under k, and none that can be worked out.

Every aggregate about people (module reports, completion reports, facilitator kits and their
exports) goes through here, where the numbers are computed, so that a page, its export and a
printout carry the same blanks (None), whatever the template does.

The rule, for one table (a total split into sibling cells, each person in exactly one cell):

- k is ``settings.ANONYMITY_MIN_GROUP`` (default 5).
- Whether a cell shows depends on its number of people, never on the numerator: "0 of 3
  completed" hides because 3 < k, "0 of 30 completed" shows. A cell of 0 people shows: it
  describes nobody.
- Primary suppression: a cell of 1 to k-1 people hides.
- Complementary suppression: a single hidden cell could be worked out as the total minus its
  visible siblings, so the next-smallest sibling hides with it; the hidden cells together must
  also cover at least k people, or their sum (total minus the visible cells) would describe a
  group under k.
- A total under k hides the whole table.
- Figures derived from a group (started, completed, percentages, averages, answer
  distributions) hide with the group; an average or a distribution needs at least k values.
"""

from django.conf import settings

REST = "rest"  # the people of a total that no cell lists (see `suppress`)


def min_group_size():
    return int(getattr(settings, "ANONYMITY_MIN_GROUP", 5))


def too_small(count, k=None):
    """A group of 1 to k-1 people: its figures would describe someone who can be told apart."""
    k = k or min_group_size()
    return count is not None and 0 < count < k


def is_reportable(count, k=None):
    """At least k people (or answers, or values): figures about them, such as an average, may be shown."""
    k = k or min_group_size()
    return count is not None and count >= k


def suppress(total, cells, k=None, hidden=()):
    """The keys of `cells` (key -> number of people) to hide, under primary and complementary suppression.

    The cells must not overlap. People of the total that no cell lists are added as one more
    cell, `REST`, because they can be worked out as the total minus every visible cell; the
    result then names REST when that remainder needs protecting. `hidden` are keys already
    hidden for another reason; they count towards the hidden people. Complements are taken
    smallest first, ties in the order of `cells`. A total under k hides every cell.
    """
    k = k or min_group_size()
    counts = dict(cells)
    rest = total - sum(counts.values())
    if rest < 0:
        raise ValueError("The cells overlap: they count more people than the total.")
    if rest:
        counts[REST] = rest
    if 0 < total < k:
        return set(counts)
    result = {key for key in hidden if key in counts}
    result |= {key for key, n in counts.items() if too_small(n, k)}
    order = {key: index for index, key in enumerate(counts)}
    candidates = sorted(
        (key for key, n in counts.items() if key not in result and n > 0), key=lambda key: (counts[key], order[key])
    )

    # Total minus the visible cells is the sum of the hidden ones: it must not describe a group under k.
    # (A single hidden cell under k is such a sum, so it always takes the next-smallest sibling with it.)
    while candidates and too_small(sum(counts[key] for key in result), k):
        result.add(candidates.pop(0))
    return result


def subtotal_is_safe(cells, hidden, part, k=None):
    """Whether the sum over the cells in `part` may be shown next to a table already suppressed.

    Showing a subtotal splits the hidden cells in two: those inside it (the subtotal minus its
    visible cells) and those outside (the total minus the subtotal and the other visible cells).
    Each side must cover no one or at least k people. Used by the facilitator kit, which shows the
    whole workshop (a subtotal of the organisation) in place of a group that is hidden.
    """
    k = k or min_group_size()
    inside = sum(n for key, n in cells.items() if key in hidden and key in part)
    outside = sum(n for key, n in cells.items() if key in hidden and key not in part)
    return not too_small(inside, k) and not too_small(outside, k)


def share(part, whole):
    """A whole percentage; None when either figure is hidden (None)."""
    if part is None or whole is None:
        return None
    return round(100 * part / whole) if whole else 0


def average(value, count, k=None):
    """A rounded average of `count` values, or None when fewer than k values (or none) went into it."""
    if value is None or not is_reportable(count, k):
        return None
    return round(value)
