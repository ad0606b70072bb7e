"""The weight rules of a kit's dimensions, as pure functions: numbers in, integer percents out.

1. an explicit weight column is taken as is (scaled only if it does not already sum to 100);
2. otherwise posting frequencies give weights proportional to the percentages;
3. otherwise required skills weigh twice as much as preferred ones;
then every result is rounded to integers summing to 100 by the largest-remainder method, ties
going to the item that comes first in the document.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from numbers import Rational

EXPLICIT = "explicit"
FREQUENCY = "frequency"
REQUIRED_PREFERRED = "required-preferred"
MANUAL = "manual"

REQUIRED = "required"
PREFERRED = "preferred"


class WeightError(ValueError):
    """The numbers cannot be turned into weights (empty, negative, or summing to zero)."""


def largest_remainder(values: Sequence[Rational | int | str], total: int = 100) -> list[int]:
    """Integers proportional to `values` that sum to `total`.

    Each item first gets the floor of its exact share; the points left over go one each to the
    items with the largest remainders, ties to the earlier item.
    """
    shares_in = [Fraction(v) for v in values]
    if not shares_in:
        raise WeightError("there are no items to weigh")
    if any(v < 0 for v in shares_in):
        raise WeightError("a weight is negative")
    whole = sum(shares_in)
    if whole == 0:
        raise WeightError("the weights sum to zero")
    exact = [v * total / whole for v in shares_in]
    floors = [int(share) for share in exact]  # shares are non-negative, so int() is floor
    left = total - sum(floors)
    # Largest remainder first; among equal remainders the earlier item (lower index) first.
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def explicit_weights(values: Sequence[Rational | int | str]) -> list[int]:
    """An explicit weight column: kept as is when it sums to 100, else scaled to 100."""
    return largest_remainder(values)


def frequency_weights(percent_of_postings: Sequence[Rational | int | str]) -> list[int]:
    """Weights proportional to how often each skill appears in postings."""
    return largest_remainder(percent_of_postings)


def required_preferred_weights(kinds: Sequence[str]) -> list[int]:
    """Required skills weigh twice as much as preferred ones."""
    unknown = sorted({k for k in kinds if k not in (REQUIRED, PREFERRED)})
    if unknown:
        raise WeightError(f"unknown skill kind {unknown[0]!r}")
    return largest_remainder([2 if k == REQUIRED else 1 for k in kinds])
