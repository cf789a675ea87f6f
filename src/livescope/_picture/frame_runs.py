"""Previous runs in the picture of a frame: each run's row at the step shown, faded behind.

The twin of js/kinds/frame/runs.js: a run shows its row at the step shown,
or the last one before it (a run keeps some of its rows, sampled evenly by
step), each curve in the colour of the live curve of the same place, faded
more the older the run; a curve hidden from the legend is left out in every
run. The runs' rows count in the axes' ranges, so a replayed frame moves on
still axes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np

from .._runs.session import RecordedRun
from . import scene as s
from .frame_parts import FrameParts, frame_parts
from .runs import run_alpha


def run_row_at(run: RecordedRun, step: float) -> int | None:
    """The index of the run's last row at or before `step`; None when it starts later."""
    at = int(np.searchsorted(run.steps, step, side="right")) - 1
    return at if at >= 0 else None


def run_parts(run: RecordedRun, options: Mapping[str, Any]) -> FrameParts:
    """How the run's rows divide, laid out as the live plot's options say."""
    return frame_parts(options, run.values.shape[1] if run.values.ndim == 2 else 0)


def runs_extents(
    runs: tuple[RecordedRun, ...], options: Mapping[str, Any]
) -> tuple[tuple[float | None, float | None], tuple[float | None, float | None]]:
    """The extent of the runs' curve values and of their rows' own x: ((lo, hi), (lo, hi))."""
    y: list[float] = []
    x: list[float] = []
    for run in runs:
        parts = run_parts(run, options)
        if not len(run.steps) or not parts.length:
            continue
        lo, hi = parts.shown_y_extent(np.asarray(run.values))
        y += [v for v in (lo, hi) if v is not None]
        x_lo, x_hi = parts.x_extent(np.asarray(run.values))
        x += [v for v in (x_lo, x_hi) if v is not None]
    y_extent = (min(y, default=None), max(y, default=None))
    return y_extent, (min(x, default=None), max(x, default=None))


def run_curves(
    runs: tuple[RecordedRun, ...], ages: list[int], step: float, options: Mapping[str, Any]
) -> Iterator[tuple[int, np.ndarray, np.ndarray, str]]:
    """Each run's row at `step` as curves (panel, x, y, colour faded by the run's age).

    The oldest run first, so newer runs draw over it.
    """
    for run, age in reversed(list(zip(runs, ages, strict=True))):
        at = run_row_at(run, step)
        parts = run_parts(run, options)
        if at is None or not parts.length:
            continue
        row = np.asarray(run.values[at])
        x = parts.x(row)
        for c in filter(parts.shown, range(parts.count)):
            yield parts.panel(c), x, parts.curve(row, c), s.faint(parts.color(c), run_alpha(age))
