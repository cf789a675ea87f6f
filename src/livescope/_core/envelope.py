"""Reduce rows to a per-bin min/max envelope that keeps every spike.

The Python twin of `js/kinds/lines/envelope.js`: the x range is cut into equal bins and
each non-empty bin becomes two points, at its first and last step, holding
each series' min and max in the order they occur. A line through those
points has the same extremes as one through every row. NaN and +-inf are
gaps (and, for a log scale, values <= 0): a bin with no value of a series
but gaps yields NaN for it.
"""

from __future__ import annotations

import numpy as np

# Few values per bin: a few passes over the whole array beat a loop over the
# bins, whose argmin/argmax calls cost microseconds each (2,000 x 4 rows in
# 900 bins: about 10x faster). Many values per bin: the loop wins, reading
# each value once where the passes make temporaries as big as the data.
_VECTORIZED_VALUES_PER_BIN = 128
_FLOAT32_MAX = float(np.finfo(np.float32).max)


def envelope(
    steps: np.ndarray,
    values: np.ndarray,
    bins: int,
    x0: float,
    x1: float,
    positive: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    """The envelope of the rows whose steps lie in [x0, x1], in `bins` bins.

    Returns the row index each point takes its step (and time) from, shape
    (P,), and the points' values, P x M. `steps` must be non-decreasing.
    With at most two rows per bin the rows pass through unchanged
    (non-finite values as NaN). With `positive`, values <= 0 are gaps too,
    as a log scale needs: a bin's extremes are then its smallest and largest
    positive values, not a gap where its minimum was <= 0.
    """
    lo = int(np.searchsorted(steps, x0, side="left"))
    hi = int(np.searchsorted(steps, x1, side="right"))
    steps, values = steps[lo:hi], values[lo:hi]
    n = len(steps)
    if n <= 2 * bins:
        return np.arange(lo, hi), _gaps_as_nan(values, positive)

    if x1 > x0:
        width = (x1 - x0) / bins
        edges = np.searchsorted(steps, x0 + width * np.arange(1, bins), side="left")
        starts = np.unique(np.concatenate(([0], edges)))
        starts = starts[starts < n]
    else:  # every row at one step: one bin
        starts = np.zeros(1, np.intp)
    ends = np.append(starts[1:], n)

    lows, highs, low_first = _extremes(values, starts, ends, positive)
    rows = np.empty(2 * len(starts), np.intp)
    rows[0::2] = lo + starts
    rows[1::2] = lo + ends - 1
    out_values = np.empty((2 * len(starts), values.shape[1]), values.dtype)
    out_values[0::2] = np.where(low_first, lows, highs)
    out_values[1::2] = np.where(low_first, highs, lows)
    return rows, out_values


def keep_points(
    steps: np.ndarray, values: np.ndarray, max_points: int | None, log_scale: bool = False
) -> tuple[np.ndarray, np.ndarray, bool]:
    """At most `max_points` rows of a history: every row when few, else an envelope.

    Returns the rows kept (indices), their values and whether they are every
    row. Beyond `max_points` rows, the first and last rows are kept exactly
    and the rows between become the envelope of `(max_points - 2) // 2`
    bins. `max_points` is at least 4, or None for every row.

    With `log_scale`, a series with values both <= 0 and > 0 would lose
    each bin's smallest positive value wherever the bin's minimum is <= 0,
    since a log scale draws only values > 0. Such data keeps three points a
    bin instead: the middle one holds that value (a repeat of the first
    where the minimum is positive), in `(max_points - 2) // 3` bins.
    """
    n = len(steps)
    if max_points is None or n <= max_points:
        return np.arange(n), values, True
    inner_steps, inner_values = steps[1:-1], values[1:-1]
    if log_scale and max_points >= 5 and _crosses_zero(inner_values):
        bins = (max_points - 2) // 3
        inner, kept = _envelope_with_positive_lows(inner_steps, inner_values, bins)
    else:
        bins = (max_points - 2) // 2
        inner, kept = envelope(inner_steps, inner_values, bins, inner_steps[0], inner_steps[-1])
    rows = np.concatenate(([0], inner + 1, [n - 1]))
    return rows, np.concatenate((values[:1], kept, values[-1:])), False


def _crosses_zero(values: np.ndarray) -> bool:
    """Whether some column holds both a value <= 0 and a value > 0."""
    return bool(((values > 0).any(axis=0) & (values <= 0).any(axis=0)).any())


def _envelope_with_positive_lows(
    steps: np.ndarray, values: np.ndarray, bins: int
) -> tuple[np.ndarray, np.ndarray]:
    """The envelope plus a point a bin: its smallest positive value where its min is <= 0."""
    rows, pairs = envelope(steps, values, bins, steps[0], steps[-1])
    _, positive_pairs = envelope(steps, values, bins, steps[0], steps[-1], positive=True)
    first, last = pairs[0::2], pairs[1::2]
    lowest_positive = np.fmin(positive_pairs[0::2], positive_pairs[1::2])
    hidden_on_log = (np.fmin(first, last) <= 0) & np.isfinite(lowest_positive)
    middle = np.where(hidden_on_log, lowest_positive, first)
    # The middle point takes the bin's first step: a bin spans about one pixel.
    out_rows = np.repeat(rows[0::2], 3)
    out_rows[2::3] = rows[1::2]
    out_values = np.stack((first, middle, last), axis=1).reshape(-1, values.shape[1])
    return out_rows, out_values


def narrowest_float(values: np.ndarray) -> np.dtype:
    """float32 when every finite value fits in it, else float64."""
    finite = values[np.isfinite(values)]
    fits = finite.size == 0 or float(np.abs(finite).max()) <= _FLOAT32_MAX
    return np.dtype(np.float32 if fits else np.float64)


def _drawn(values: np.ndarray, positive: bool) -> np.ndarray:
    """Which values are not gaps: the finite ones (and > 0 with `positive`)."""
    drawn: np.ndarray = np.isfinite(values)
    if positive:
        drawn &= values > 0
    return drawn


def _gaps_as_nan(values: np.ndarray, positive: bool) -> np.ndarray:
    drawn = _drawn(values, positive)
    if drawn.all():
        return values
    return np.where(drawn, values, np.nan)


def _extremes(
    values: np.ndarray, starts: np.ndarray, ends: np.ndarray, positive: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per bin and column: min, max (NaN for no value but gaps), and whether min came first."""
    drawn = _drawn(values, positive)
    if drawn.all():
        for_min = for_max = values
    else:  # gaps can never win: +inf for the min search, -inf for the max search
        for_min = np.where(drawn, values, np.inf)
        for_max = np.where(drawn, values, -np.inf)
    if values.size <= _VECTORIZED_VALUES_PER_BIN * len(starts):
        low_at = _first_at(for_min, np.minimum.reduceat(for_min, starts, axis=0), starts, ends)
        high_at = _first_at(for_max, np.maximum.reduceat(for_max, starts, axis=0), starts, ends)
    else:
        low_at, high_at = _extremes_at_by_bin(for_min, for_max, starts, ends)
    columns = np.arange(values.shape[1])
    lows = for_min[low_at, columns]
    highs = for_max[high_at, columns]
    empty = ~drawn[low_at, columns]
    lows[empty] = np.nan
    highs[empty] = np.nan
    return lows, highs, low_at <= high_at


def _first_at(
    values: np.ndarray, best: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> np.ndarray:
    """Per bin and column, the first row holding that bin's `best` value."""
    hit = values == np.repeat(best, ends - starts, axis=0)
    at = np.where(hit, np.arange(len(values))[:, None], len(values))
    return np.minimum.reduceat(at, starts, axis=0)


def _extremes_at_by_bin(
    for_min: np.ndarray, for_max: np.ndarray, starts: np.ndarray, ends: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per bin and column, the rows of the min and the max (argmin/argmax have no reduceat)."""
    shape = (len(starts), for_min.shape[1])
    low_at = np.empty(shape, np.intp)
    high_at = np.empty(shape, np.intp)
    for b, (start, end) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        low_at[b] = start + for_min[start:end].argmin(axis=0)
        high_at[b] = start + for_max[start:end].argmax(axis=0)
    return low_at, high_at
