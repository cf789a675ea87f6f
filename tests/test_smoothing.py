"""The line view's smoothing in numpy: the same numbers as the front end's loop."""

import math

import numpy as np
import pytest

from livescope._core.smoothing import smooth_columns


def reference(column, weight):
    """js/kinds/lines/smoothing.js smoothEma, row by row."""
    out, average, weight_power = [], 0.0, 1.0
    low, high = math.inf, -math.inf
    for v in column:
        if not math.isfinite(v):
            out.append(v)
            continue
        average = average * weight + (1 - weight) * v
        weight_power *= weight
        low, high = min(low, v), max(high, v)
        out.append(min(max(average / (1 - weight_power), low), high))
    return np.array(out)


@pytest.mark.parametrize("weight", [0.0, 0.01, 0.3, 0.6, 0.9, 0.99])
@pytest.mark.parametrize("n", [1, 7, 1_000, 70_000])
def test_matches_the_front_ends_loop_with_gaps(weight, n):
    rng = np.random.default_rng(n)
    column = rng.standard_normal(n).cumsum()
    column[rng.random(n) < 0.05] = np.nan
    column[rng.random(n) < 0.01] = np.inf
    column[rng.random(n) < 0.01] = -np.inf
    got = smooth_columns(np.column_stack([column, -column]), weight)
    for c, sign in enumerate((1, -1)):
        want = reference(sign * column, weight)
        finite = np.isfinite(want)
        np.testing.assert_array_equal(got[~finite, c], want[~finite])
        np.testing.assert_allclose(got[finite, c], want[finite], rtol=1e-12, atol=1e-12)


def test_a_flat_line_stays_exactly_flat():
    assert set(smooth_columns(np.full((5_000, 1), 0.1), 0.95)[:, 0]) == {0.1}


def test_values_near_the_float_limits_neither_overflow_nor_vanish():
    column = np.array([1e300, 1e-300, -1e300, 5.0, 1e308, 3.0, -1e308])
    np.testing.assert_allclose(smooth_columns(column[:, None], 0.9)[:, 0], reference(column, 0.9))


def test_a_column_without_any_finite_value_is_left_as_it_is():
    column = np.array([[np.nan, 1.0], [np.inf, 2.0]])
    out = smooth_columns(column, 0.5)
    assert np.isnan(out[0, 0]) and out[1, 0] == np.inf
    np.testing.assert_allclose(out[:, 1], reference([1.0, 2.0], 0.5))
