"""The snapshot of a line plot: every row when few, a min/max envelope when many."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .._core.data import LinesData
from .._core.envelope import keep_points, narrowest_float
from .._core.snapshot import Snapshot
from .._runs.session import compact

# What a saved notebook keeps per series: enough for a sharp full-width
# chart, small enough that a million-row plot saves in tens of kilobytes.
SNAPSHOT_POINTS = 2000
# ... and per previous run compared with: a faded curve behind the live one
# needs fewer points, so that each run adds at most about 16 KB.
RUN_SNAPSHOT_BYTES = 16 << 10


def lines_snapshot(data: LinesData, max_points: int | None = SNAPSHOT_POINTS) -> Snapshot:
    """At most `max_points` points per series (None: every row) of `data`.

    Up to `max_points` rows are kept exactly, in the history's dtype.
    Beyond that the first and last rows are kept exactly and the rows in
    between become a min/max envelope (see `_core/envelope.py`) stored as
    float32, unless a value would overflow it; on a log y scale the envelope
    also keeps each bin's smallest positive value. Times are float32
    seconds after the first row (field `t0`).
    """
    n = len(data)
    if max_points is not None and max_points < 4:
        raise ValueError(f"max_points must be at least 4 or None; got {max_points}")
    rows, values, exact = keep_points(data.steps, data.values, max_points, data.log_y)
    if not exact:
        values = values.astype(narrowest_float(values))
    t0 = float(data.times[0]) if n else 0.0
    fields: dict[str, Any] = {"rows": n, "generation": data.generation, "exact": exact, "t0": t0}
    arrays = {
        "steps": data.steps[rows].astype(np.float64),
        "times": (data.times[rows] - t0).astype(np.float32),
        "values": values,
    }
    if data.runs:
        fields["runs"] = add_runs(arrays, data.runs, max_points)
        fields["live_run"] = data.run
    return Snapshot("lines", fields, arrays)


def add_runs(
    arrays: dict[str, np.ndarray],
    runs: tuple[Any, ...],
    max_points: int | None,
    fit: Callable[[Any, int], Any] | None = None,
) -> list[dict[str, Any]]:
    """Put each run's points in `arrays` as run<i>_steps/times/values; return their fields.

    Each run is made to fit by `fit(run, max_points)`, by default compacted to
    about RUN_SNAPSHOT_BYTES (`max_points` None: as it is).
    """
    described = []
    for i, run in enumerate(runs):
        if max_points is not None:
            run = (fit or _compact_for_snapshot)(run, max_points)
        arrays[f"run{i}_steps"] = np.asarray(run.steps, np.float64)
        arrays[f"run{i}_times"] = np.asarray(run.times, np.float32)
        arrays[f"run{i}_values"] = run.values.astype(narrowest_float(run.values))
        described.append(
            {
                "id": run.id,
                "label": run.label,
                "started": float(run.started),
                "params": run.params,
                "status": run.status,
                "rows": run.row_count,
                "columns": list(run.columns),
                "width": run.values.shape[1] if run.values.ndim == 2 else 0,
            }
        )
    return described


def _compact_for_snapshot(run: Any, max_points: int) -> Any:
    return compact(run, RUN_SNAPSHOT_BYTES, max_points)
