"""The line view's smoothing in numpy, for pictures and exports.

The twin of js/kinds/lines/smoothing.js.

TensorBoard's debiased exponential moving average over the whole history:
non-finite values are gaps that pass through and the average carries on
across them; each result is clamped to the range of the values averaged
so far, so a flat line stays exactly flat.
"""

from __future__ import annotations

import math

import numpy as np

MAX_SMOOTHING = 0.99  # the heaviest weight a view offers; 1 would never move

# A chunk of the recurrence is solved in closed form with weight**-j factors;
# chunks stay short enough that those stay below about 1e100.
_MAX_EXPONENT = 230.0


def point_weight(weight: float, rows: int, points: int) -> float:
    """The weight that smooths `points` standing for `rows` rows as `weight` smooths rows.

    The average decays by `weight` a row; a point of a reduced copy (a min/max
    envelope) stands for rows / points rows, so it decays by weight to that
    power. Points that are every row keep `weight`.
    """
    if points <= 0 or rows <= points:
        return weight
    return float(weight ** (rows / points))


def smooth_columns(values: np.ndarray, weight: float) -> np.ndarray:
    """Every column of the N x M `values` smoothed with `weight` in [0, 1), as float64."""
    out = np.array(values, np.float64, order="F")  # each column contiguous
    for column in out.T:
        finite = np.isfinite(column)
        if finite.all():
            column[:] = _smooth_finite(column, weight)
        elif finite.any():
            column[finite] = _smooth_finite(column[finite], weight)
    return out


def _smooth_finite(x: np.ndarray, weight: float) -> np.ndarray:
    average = _running_average(x, weight)
    # Debiasing divides by 1 - weight**k, which is 1 in float64 once
    # weight**k < 2**-54 (e**-37.5 is below): only the first rows need it.
    first = len(x) if weight == 0 else min(len(x), math.ceil(-37.5 / math.log(weight)))
    average[:first] /= 1.0 - weight ** np.arange(1, first + 1, dtype=np.float64)
    np.clip(average, np.minimum.accumulate(x), np.maximum.accumulate(x), out=average)
    return average


def _running_average(x: np.ndarray, weight: float) -> np.ndarray:
    """a[t] = weight * a[t-1] + (1 - weight) * x[t], from a[-1] = 0."""
    if weight == 0:
        return np.copy(x)
    # The rows in chunks of `length`, one chunk per row of a matrix. Within a
    # chunk from a zero start, a[j] = (1 - w) w**j sum_i<=j w**-i x[i]: one
    # cumsum for every chunk at once, over values divided by their chunk's
    # largest so nothing overflows. Each chunk then adds w**(j+1) times the
    # true average before it, a recurrence over the chunks alone.
    length = max(1, min(len(x), int(_MAX_EXPONENT / -math.log(weight))))
    chunks = -(-len(x) // length)
    padded = np.zeros(chunks * length)
    padded[: len(x)] = x
    rows = padded.reshape(chunks, length)
    scale = np.abs(rows).max(axis=1, keepdims=True)
    scale[scale == 0] = 1.0
    powers = weight ** np.arange(length, dtype=np.float64)
    local = (1 - weight) * scale * (powers * np.cumsum(rows / scale / powers, axis=1))
    before = np.empty(chunks)  # the true average just before each chunk
    carry = 0.0
    decay = weight**length
    for c, end in enumerate(local[:, -1].tolist()):
        before[c] = carry
        carry = decay * carry + end
    local += (weight * powers) * before[:, None]
    average: np.ndarray = local.reshape(-1)[: len(x)]
    return average
