"""The static picture of a trajectory: one x, y path, decimated to pixels, and its head.

Previous runs compared with are drawn under it: each run's path, in the
line's colour, faded more the older the run (as js/kinds/trajectory.js); in
a replay's frames, each up to the frame's step, as the view replayed to it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from .._core.data import LinesData
from .._core.decimate import decimate_path, with_gaps
from . import points as p
from . import scene as s
from .lines import DEFAULT_WIDTH
from .runs import run_alpha, run_entries

HEAD_COLOR = "#f97316"
HEAD_SIZE = 8  # the widget's head: radius 4, ringed in the background colour
# A path keeps at most this many points in a picture (about 8 bytes each in
# SVG): pixel resolution when that fits, else the finest coarser grid.
SCENE_POINTS = 10_000
GIF_POINTS = 3000  # the same for each frame of a GIF, drawn a hundred times at lower resolution
# Longer paths are drawn fainter, so densely wound parts show darker (js/kinds/trajectory.js).
_LINE_ALPHAS = ((50_000, 1.0), (200_000, 0.6), (500_000, 0.4))


def line_alpha(n: int) -> float:
    return next((alpha for up_to, alpha in _LINE_ALPHAS if n <= up_to), 0.25)


def trajectory_ranges(data: LinesData) -> tuple[tuple[float, float], tuple[float, float]]:
    """The fixed limits, or the round ranges of every point held and of the runs shown.

    As the widget's: the previous paths shown are seen whole.
    """
    xlim, ylim = data.options.get("xlim"), data.options.get("ylim")
    points = np.concatenate([data.values[:, :2], *(run.values[:, :2] for run in data.shown_runs)])
    x = tuple(xlim) if xlim else p.nice_range(*p.finite_extent(points[:, 0]))
    y = tuple(ylim) if ylim else p.nice_range(*p.finite_extent(points[:, 1]))
    return x, y


def trajectory_scene(data: LinesData, *, width: int = DEFAULT_WIDTH) -> s.Scene:
    """The whole path, and the previous runs' paths whole (the view following its latest row)."""
    n = len(data)
    scene, area = _frame(data, width, n, _ranges(data))
    if n:
        x, y = _pixels(data.values, area)
        _path(scene, data, x, y, *decimate_path(x, y, SCENE_POINTS))
    p.panel_frame(scene, area, x_labels=True, y_labels=True)
    return scene


def trajectory_frames(
    data: LinesData, every: int, width: int = DEFAULT_WIDTH
) -> Iterator[s.Scene]:
    """The path growing: one scene per `every` rows, the last with every row.

    The path is decimated once, for the whole history: each frame draws the
    kept points up to its last row, and that row. As the view replayed to a
    row draws them, the previous runs' paths go up to that row's step.
    """
    n = len(data)
    ranges = _ranges(data)
    _, area = _frame(data, width, n, ranges)
    x, y = _pixels(data.values, area)
    kept, joined = decimate_path(x, y, GIF_POINTS)
    for end in s.replay_ends(n, every):
        until_step = float(data.steps[end - 1]) if end else math.inf
        scene, _ = _frame(data, width, end, ranges, until_step)
        if end:
            # What the whole path keeps before this frame's last row, and that row.
            before = np.searchsorted(kept, end - 1)
            rows = np.append(kept[:before], end - 1)
            _path(scene, data, x, y, rows, np.append(joined[:before], True))
        p.panel_frame(scene, area, x_labels=True, y_labels=True)
        yield scene


def _ranges(data: LinesData) -> tuple[tuple[float, float], tuple[float, float]]:
    if len(data) or any(len(run.steps) for run in data.shown_runs):
        return trajectory_ranges(data)
    return (0.0, 1.0), (0.0, 1.0)


def _frame(
    data: LinesData,
    width: int,
    n: int,
    ranges: tuple[tuple[float, float], tuple[float, float]],
    until_step: float = math.inf,
) -> tuple[s.Scene, s.PlotArea]:
    """All but the path and the frame: the title, the readout of row n - 1, the grid.

    And the previous runs' paths, each up to its last point at or before `until_step`.
    """
    scene = s.Scene(width, 0)
    top = s.title_row(scene, data.title, s.PAD)
    if n:
        x, y = (float(v) for v in data.values[n - 1, :2])
        text = (
            f"step {s.format_step(data.steps[n - 1])} · point {p.format_count(n)} of "
            f"{p.format_count(n)} · x {s.format_value(x)}, y {s.format_value(y)}"
        )
    else:
        text = "no points yet"
    top = p.readout_row(scene, text, top) + 4
    if data.compared_runs:
        entries = run_entries(data.run, data.compared_runs, data.hidden_runs)
        top = s.legend_row(scene, "runs", entries, top) + 4
    runs = data.shown_runs
    scene.height = int(top + data.height + s.PAD)
    x_range, y_range = ranges
    plot_height = data.height - p.MARGIN_TOP - p.MARGIN_BOTTOM
    left = p.y_label_width(y_range, plot_height)
    area = s.PlotArea(
        left, top + p.MARGIN_TOP, width - left - p.MARGIN_RIGHT, plot_height, x_range, y_range
    )
    scene.plot = area
    p.panel_grid_lines(scene, area)
    colour = data.options.get("color") or s.PALETTE[0]
    for run in reversed(runs):  # the oldest first, under the newer ones
        end = int(np.searchsorted(run.steps, until_step, side="right"))
        xs, ys = _pixels(run.values[:end], area)
        faded = s.faint(colour, run_alpha(data.run_age(run)))
        scene.items.append(s.Polylines(s.runs_of_finite(xs, ys), faded, 1.0))
    return scene, area


def _pixels(values: np.ndarray, area: s.PlotArea) -> tuple[np.ndarray, np.ndarray]:
    """The path in pixels; points outside the plot (fixed limits) become gaps, as if clipped."""
    x, y = area.x_px(values[:, 0]), area.y_px(values[:, 1])
    with np.errstate(invalid="ignore"):
        outside = (x < area.left) | (x > area.left + area.width)
        outside |= (y < area.top) | (y > area.top + area.height)
    return np.where(outside, np.nan, x), np.where(outside, np.nan, y)


def _path(
    scene: s.Scene,
    data: LinesData,
    x: np.ndarray,
    y: np.ndarray,
    rows: np.ndarray,
    joined: np.ndarray,
) -> None:
    """The line through `rows` of the path (x, y in pixels), then the head marker on the last."""
    colour = p.blend(data.options.get("color") or s.PALETTE[0], line_alpha(int(rows[-1]) + 1))
    shown, gaps = with_gaps(rows, joined)
    xs, ys = np.where(gaps, np.nan, x[shown]), np.where(gaps, np.nan, y[shown])
    scene.items.append(s.Polylines(s.runs_of_finite(xs, ys), colour, 1.0))
    head = np.array([[x[rows[-1]], y[rows[-1]]]])
    if np.isfinite(head).all():
        ring = (s.BACKGROUND, HEAD_COLOR)
        for level, size in ((0, HEAD_SIZE + 3), (1, HEAD_SIZE)):
            scene.items.append(s.Points(head, np.array([level]), ring, size))
