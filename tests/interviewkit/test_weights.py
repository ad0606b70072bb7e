from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interviewkit import weights


def test_an_explicit_column_that_sums_to_100_is_kept_as_is():
    assert weights.explicit_weights([20, 15, 10, 10, 15, 10, 10, 10]) == [
        20, 15, 10, 10, 15, 10, 10, 10,
    ]  # fmt: skip


def test_an_explicit_column_that_does_not_sum_to_100_is_scaled():
    assert weights.explicit_weights([1, 1, 2]) == [25, 25, 50]


def test_frequencies_give_proportional_weights():
    # 96+91+86+82 = 355: exact shares 27.04, 25.63, 24.22, 23.09 → floors 27+25+24+23 = 99,
    # the largest remainder (25.63) takes the last point.
    assert weights.frequency_weights([96, 91, 86, 82]) == [27, 26, 24, 23]


def test_required_skills_weigh_twice_the_preferred_ones():
    # 2+2+1 = 5 units: 40, 40, 20.
    assert weights.required_preferred_weights(["required", "required", "preferred"]) == [40, 40, 20]


def test_ties_in_the_remainder_go_to_the_earlier_item():
    # Three equal shares of 33.33…: the one left-over point goes to the first item.
    assert weights.largest_remainder([1, 1, 1]) == [34, 33, 33]
    # Six equal shares of 16.66…: four left-over points go to the first four.
    assert weights.largest_remainder([5] * 6) == [17, 17, 17, 17, 16, 16]


def test_a_larger_remainder_wins_over_document_order():
    # Shares 12.5, 37.5, 50 → floors 12, 37, 50; remainders .5 and .5 tie → the earlier one.
    assert weights.largest_remainder([1, 3, 4]) == [13, 37, 50]
    # 7 required + 5 preferred = 19 units: 10.526… and 5.263…; remainders .526 beat .263.
    result = weights.required_preferred_weights(["required"] * 7 + ["preferred"] * 5)
    assert result == [11, 11, 11, 11, 11, 10, 10, 5, 5, 5, 5, 5]


def test_a_zero_weight_stays_zero():
    assert weights.largest_remainder([0, 1, 1]) == [0, 50, 50]


def test_decimal_percentages_are_exact():
    assert weights.frequency_weights([Fraction("12.5"), Fraction("37.5")]) == [25, 75]


@pytest.mark.parametrize(
    ("values", "message"),
    [([], "no items"), ([0, 0], "sum to zero"), ([5, -1], "negative")],
)
def test_it_refuses_numbers_that_cannot_be_weights(values, message):
    with pytest.raises(weights.WeightError, match=message):
        weights.largest_remainder(values)


def test_it_refuses_an_unknown_skill_kind():
    with pytest.raises(weights.WeightError, match="unknown skill kind"):
        weights.required_preferred_weights(["required", "bonus"])


positive_lists = st.lists(
    st.integers(min_value=0, max_value=10_000), min_size=1, max_size=40
).filter(lambda values: sum(values) > 0)


@given(positive_lists)
def test_rounded_weights_always_sum_to_100(values):
    assert sum(weights.largest_remainder(values)) == 100


@given(positive_lists)
def test_each_weight_is_its_exact_share_rounded_down_or_up(values):
    total = sum(values)
    for value, weight in zip(values, weights.largest_remainder(values), strict=True):
        exact = Fraction(value * 100, total)
        assert exact - 1 < weight < exact + 1


@given(positive_lists)
def test_a_bigger_input_never_gets_a_smaller_weight(values):
    result = weights.largest_remainder(values)
    for i in range(len(values)):
        for j in range(len(values)):
            if values[i] > values[j]:
                assert result[i] >= result[j]


@given(st.integers(min_value=1, max_value=30), st.integers(min_value=1, max_value=100))
def test_equal_inputs_differ_by_at_most_one_and_the_earlier_ones_get_the_extra(count, value):
    result = weights.largest_remainder([value] * count)
    assert max(result) - min(result) <= 1
    assert result == sorted(result, reverse=True)
