"""Snapshots of the point kinds: a scatter's frames, a trajectory's path.

Both take the plot's rows as `LinesData` (a scatter row is one frame of K
points as x0, y0, x1, y1, ...; a trajectory row one x, y point) and keep
their steps, so the replay bar runs over what is kept with the steps the
plot had.
"""

from __future__ import annotations

import numpy as np

from .._core.data import LinesData
from .._core.decimate import reduce_path
from .._core.snapshot import Snapshot
from .lines_snapshot import add_runs

# A scatter keeps at most this many frames, sampled evenly over its history,
# and at most this many bytes of coordinates (before a notebook's base64): a
# scatter of 100,000 points (800 KB a frame in float32) keeps 2 frames.
SNAPSHOT_FRAMES = 100
SNAPSHOT_BYTES = 2_000_000
# A trajectory keeps at most this many points of its path, on the finest grid
# that fits (see _path_decimate.py): 120 KB of float32 x, y, step and time.
TRAJECTORY_POINTS = 10_000
_FLOAT32_MAX = float(np.finfo(np.float32).max)


def scatter_snapshot(
    data: LinesData, max_points: int | None = SNAPSHOT_FRAMES, kind: str = "scatter"
) -> Snapshot:
    """At most `max_points` frames of `data` (None: every frame) within SNAPSHOT_BYTES.

    Also the snapshot of `kind="segments"`, whose frames are kept the same way.

    The last frames are kept in a row, as many as the trail shows (the view
    at the end is then exactly the plot's); the others are spread evenly
    over the earlier history. Coordinates are float32 unless a value would
    overflow it.
    """
    n = len(data)
    tail = int(data.options.get("trail") or 0) + 1

    def pick(itemsize: int) -> np.ndarray:
        if max_points is None:
            return np.arange(n)
        frame_bytes = max(1, data.values.shape[1]) * itemsize
        budget = max(1, min(max_points, SNAPSHOT_FRAMES, SNAPSHOT_BYTES // frame_bytes))
        return _frames(n, budget, tail)

    rows = pick(4)
    dtype = _narrowest_float(data.values[rows])
    if dtype.itemsize == 8:  # values too big for float32: fewer frames fit
        rows = pick(8)
    return _rows_snapshot(kind, data, rows, dtype)


def trajectory_snapshot(data: LinesData, max_points: int | None = TRAJECTORY_POINTS) -> Snapshot:
    """At most `max_points` points (>= 4; None: every row) of the path, shape kept.

    The path is decimated on the finest grid over its extent, up to
    4096 x 4096 cells, that leaves at most `max_points` points (see
    `_path_decimate.py`): where the path only retraces cells it passed
    through before, it is left out, and a row of NaN (a gap) at the step of
    a point left out marks where. The first and last rows are always kept,
    and gaps (NaN) stay gaps.
    """
    if max_points is not None and max_points < 4:
        raise ValueError(f"max_points must be at least 4 or None; got {max_points}")
    n = len(data)
    if max_points is None or n <= max_points:
        snapshot = _rows_snapshot("trajectory", data, np.arange(n), _narrowest_float(data.values))
    else:
        rows, gaps = reduce_path(data.values, max_points)
        snapshot = _rows_snapshot("trajectory", data, rows, _narrowest_float(data.values[rows]))
        snapshot.arrays["values"][gaps] = np.nan
    if data.runs:  # the previous paths compared with, as a line plot keeps its runs
        snapshot.fields["runs"] = add_runs(snapshot.arrays, data.runs, max_points)
        snapshot.fields["live_run"] = data.run
    return snapshot


def _frames(n: int, budget: int, tail: int) -> np.ndarray:
    """`budget` of n rows: the last `tail` (or fewer) and the rest evenly before them."""
    if n <= budget:
        return np.arange(n)
    tail = min(tail, budget)
    earlier = budget - tail
    spread = np.linspace(0, n - tail - 1, earlier).round().astype(np.int64)
    return np.unique(np.concatenate((spread, np.arange(n - tail, n))))


def _rows_snapshot(kind: str, data: LinesData, rows: np.ndarray, dtype: np.dtype) -> Snapshot:
    n = len(data)
    t0 = float(data.times[0]) if n else 0.0
    return Snapshot(
        kind,
        {"rows": n, "generation": data.generation, "exact": len(rows) == n, "t0": t0},
        {
            "steps": data.steps[rows].astype(np.float64),
            "times": (data.times[rows] - t0).astype(np.float32),
            "values": data.values[rows].astype(dtype),
        },
    )


def _narrowest_float(values: np.ndarray) -> np.dtype:
    if values.dtype == np.float32:
        return values.dtype
    finite = values[np.isfinite(values)]
    fits = finite.size == 0 or float(np.abs(finite).max()) <= _FLOAT32_MAX
    return np.dtype(np.float32 if fits else np.float64)
