"""The snapshot of a grid plot (frame, heatmap, waterfall): some rows, whole.

A saved notebook replays these kinds over the rows it keeps, so a snapshot
holds whole rows sampled evenly over the history, the last always among
them: at most `FRAMES` (heatmap, frame) or `WATERFALL_ROWS` (a waterfall's
rows are the pixel lines of its image), and no more than fit in
`BUDGET_BYTES`. The last row is kept even when it alone is larger. Values
are float32 unless one would overflow it. The extent of every value
received goes along (`range`, `non_finite`), so automatic colour limits and
y ranges are those of the whole history, as in the live widget.
"""

from __future__ import annotations

import numpy as np

from .._core.data import LinesData
from .._core.snapshot import Snapshot
from .._picture.grid import history_extent, sample_rows

FRAMES = 100
WATERFALL_ROWS = 1000
BUDGET_BYTES = 2_000_000
_HEADER_ROOM = 1024  # the JSON header and padding
_FLOAT32_MAX = float(np.finfo(np.float32).max)


def grid_snapshot(
    kind: str, data: LinesData, max_rows: int | None, *, budget: int | None = BUDGET_BYTES
) -> Snapshot:
    """At most `max_rows` rows of `data` (None: every row, and no byte budget)."""
    values = np.asarray(data.values)
    n, m = values.shape if values.ndim == 2 else (len(values), 0)
    lo, hi, non_finite = history_extent(data)
    dtype = np.dtype(np.float64 if _overflows_float32(lo, hi) else np.float32)
    if max_rows is None:
        keep = n
    else:
        if max_rows < 1:
            raise ValueError(f"max_points must be at least 1 or None; got {max_rows}")
        # Per row: its values, its step (float64) and its time (float32).
        row_bytes = m * dtype.itemsize + 12
        fit = (budget - _HEADER_ROOM) // row_bytes if budget is not None else n
        keep = max(1, min(max_rows, fit))
    rows = sample_rows(n, keep)
    t0 = float(data.times[0]) if n else 0.0
    return Snapshot(
        kind,
        {
            "rows": n,
            "generation": data.generation,
            "t0": t0,
            "range": None if lo is None else [lo, hi],
            "non_finite": non_finite,
        },
        {
            "steps": np.asarray(data.steps[rows], np.float64),
            "times": (data.times[rows] - t0).astype(np.float32),
            "values": values[rows].astype(dtype).reshape(len(rows), m),
        },
    )


def _overflows_float32(lo: float | None, hi: float | None) -> bool:
    return lo is not None and hi is not None and max(abs(lo), abs(hi)) > _FLOAT32_MAX
