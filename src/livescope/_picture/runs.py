"""Previous runs in the picture of a line plot: faded lines behind the live ones.

The twin of js/kinds/lines/runs.js: each run's series are drawn in the
colour of the live series of the same name, faded more the older the run,
aligned by step; with smoothing, smoothed as the live series are (over the
same number of rows: see `point_weight`), so the curves compare like with like.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._core.envelope import envelope
from .._core.smoothing import point_weight, smooth_columns
from .._runs.session import RecordedRun
from . import scene as s

NEWEST_ALPHA = 0.5  # the run before this one
ALPHA_STEP = 0.1  # each older run is this much fainter ...
OLDEST_ALPHA = 0.15  # ... down to this


def run_alpha(age: int) -> float:
    """How strongly the run `age` runs back (0: the newest previous one) is drawn."""
    return max(OLDEST_ALPHA, NEWEST_ALPHA - ALPHA_STEP * age)


def aligned_values(run: RecordedRun, names: tuple[str, ...]) -> np.ndarray:
    """The run's values as P x len(names) in the order of `names`; NaN for a series it lacks."""
    out = np.full((len(run.steps), len(names)), np.nan)
    index = {name: i for i, name in enumerate(run.columns)}
    for c, name in enumerate(names):
        if name in index:
            out[:, c] = run.values[:, index[name]]
    return out


def runs_points(
    runs: tuple[RecordedRun, ...],
    names: tuple[str, ...],
    bins: int,
    x_range: tuple[float, float],
    log_y: bool,
    smoothing: float = 0.0,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per run, its steps and values (in `names` order) reduced to `bins` over `x_range`.

    With `smoothing`, the values are the run's smoothed ones (the raw ones are not drawn).
    """
    points = []
    for run in runs:
        if not len(run.steps):
            continue
        values = aligned_values(run, names)
        if smoothing:
            weight = point_weight(smoothing, run.row_count, len(run.steps))
            values = smooth_columns(values, weight)
        rows, values = envelope(run.steps, values, bins, *x_range, positive=log_y)
        if log_y:
            with np.errstate(divide="ignore", invalid="ignore"):
                values = np.where(values > 0, np.log10(values), np.nan)
        points.append((run.steps[rows], values))
    return points


def differing_params(params: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each of `params` reduced to the names whose values are not the same in all of them."""
    names = {name for p in params for name in p}
    differ = sorted(n for n in names if len({repr(p.get(n, "-")) for p in params}) > 1)
    return [{n: p.get(n, "-") for n in differ} for p in params]


def params_text(params: dict[str, Any]) -> str:
    """`lr=0.01 bs=64`."""
    return " ".join(
        f"{name}={s.format_value(v) if _is_number(v) else v}" for name, v in params.items()
    )


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def run_entries(
    live: dict[str, Any], runs: tuple[RecordedRun, ...], hidden: set[str]
) -> list[tuple[str, str, bool]]:
    """The live run (solid), then each earlier run (faded by its age; muted when `hidden`).

    Each entry: its label, rows and the params that differ between the runs.
    `runs` are every run compared, newest first, as the view's legend lists them.
    """
    differ = differing_params([live.get("params", {}), *(run.params for run in runs)])
    texts = [f"{live.get('label', 'this run')} (live)"]
    texts += [f"{run.label} ({run.row_count:,} rows)" for run in runs]
    colors = [s.TEXT, *(s.faint(s.TEXT, run_alpha(age)) for age in range(len(runs)))]
    muted = [False, *(run.id in hidden for run in runs)]
    return [
        (color, " ".join(filter(None, [text, params_text(params)])), mute)
        for color, text, params, mute in zip(colors, texts, differ, muted, strict=True)
    ]


def runs_x_range(runs: tuple[RecordedRun, ...]) -> tuple[float, float] | None:
    """The steps the runs span, or None without runs or points."""
    firsts = [float(run.steps[0]) for run in runs if len(run.steps)]
    lasts = [float(run.steps[-1]) for run in runs if len(run.steps)]
    return (min(firsts), max(lasts)) if firsts else None


def draw_runs(
    scene: s.Scene,
    area: s.PlotArea,
    points: list[tuple[np.ndarray, np.ndarray]],
    columns: list[int],
    ages: list[int],
) -> None:
    """Draw each run's `columns` faded by its age, the oldest first, under what comes next."""
    for (steps, values), age in reversed(list(zip(points, ages, strict=True))):
        xs = area.x_px(steps)
        for c in columns:
            color = s.faint(s.series_color(c), run_alpha(age))
            runs = s.runs_of_finite(xs, area.y_px(values[:, c]))
            scene.items.append(s.Polylines(runs, color, 1.0))
