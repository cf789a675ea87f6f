"""The snapshot of a line plot: every row when few, a min/max envelope when many."""

from __future__ import annotations

import numpy as np

from .._core.data import LinesData
from .._core.envelope import envelope
from .._core.snapshot import Snapshot

# What a saved notebook keeps per series: enough for a sharp full-width
# chart, small enough that a million-row plot saves in tens of kilobytes.
SNAPSHOT_POINTS = 2000
_FLOAT32_MAX = float(np.finfo(np.float32).max)


def lines_snapshot(data: LinesData, max_points: int | None = SNAPSHOT_POINTS) -> Snapshot:
    """At most `max_points` points per series (None: every row) of `data`.

    Up to `max_points` rows are kept exactly, in the history's dtype.
    Beyond that the first and last rows are kept exactly and the rows in
    between become a min/max envelope (see `_envelope.py`) stored as
    float32, unless a value would overflow it. Times are float32 seconds
    after the first row (field `t0`).
    """
    n = len(data)
    if max_points is not None and max_points < 4:
        raise ValueError(f"max_points must be at least 4 or None; got {max_points}")
    exact = max_points is None or n <= max_points
    if exact:
        rows = np.arange(n)
        values = data.values
    else:
        bins = (max_points - 2) // 2
        inner, inner_values = envelope(
            data.steps[1:-1], data.values[1:-1], bins, data.steps[1], data.steps[-2]
        )
        rows = np.concatenate(([0], inner + 1, [n - 1]))
        values = np.concatenate((data.values[:1], inner_values, data.values[-1:]))
        values = values.astype(_narrowest_float(values))
    t0 = float(data.times[0]) if n else 0.0
    return Snapshot(
        "lines",
        {"rows": n, "generation": data.generation, "exact": exact, "t0": t0},
        {
            "steps": data.steps[rows].astype(np.float64),
            "times": (data.times[rows] - t0).astype(np.float32),
            "values": values,
        },
    )


def _narrowest_float(values: np.ndarray) -> np.dtype:
    finite = values[np.isfinite(values)]
    fits = finite.size == 0 or float(np.abs(finite).max()) <= _FLOAT32_MAX
    return np.dtype(np.float32 if fits else np.float64)
