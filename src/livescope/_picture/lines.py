"""The static picture of a line plot: title, legend, axes and one line per series.

With smoothing, each series is drawn as the view draws it: its smoothed line
over a faint raw one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .._core.data import LinesData
from .._core.envelope import envelope
from .._core.spec import STYLE
from . import scene as s
from .colormaps import series_colors
from .runs import draw_runs, run_entries, runs_points, runs_x_range

DEFAULT_WIDTH = 800
_X_AXIS_HEIGHT = 32  # tick labels under the plot, as in js/kinds/lines.js
_X_LABEL_HEIGHT = 18
# With a colormap and more series than this, the legend is a ramp (style.json).
RAMP_LEGEND_OVER = STYLE["lines"]["ramp_legend_over"]
RAMP_STEPS = 20  # swatches of the ramp, 4 px each


@dataclass(frozen=True)
class Bounds:
    """Fixed axis ranges, so the frames of an animation share one frame of reference."""

    x_range: tuple[float, float]
    y_range: tuple[float, float]


def lines_scene(
    data: LinesData,
    *,
    width: int = DEFAULT_WIDTH,
    rows: int | None = None,
    bounds: Bounds | None = None,
) -> s.Scene:
    """Draw the first `rows` rows of `data` (default: all), within `bounds` if given."""
    n = len(data) if rows is None else rows
    steps, values = data.steps[:n], data.values[:n]
    scene = s.Scene(width, 0)
    top = s.title_row(scene, data.title, s.PAD)
    caption = f"latest step {s.format_step(steps[-1])}" if n else ""
    hidden = data.hidden
    colors = _colors(data, values.shape[1])
    if data.colormap and len(data.columns) > RAMP_LEGEND_OVER:
        top = _ramp_legend(scene, caption, data.columns, data.colormap, top) + 4
    else:
        entries = [
            (colors[c], f"{name} {_latest(data, c, n)}", name in hidden)
            for c, name in enumerate(data.columns)
        ]
        top = s.legend_row(scene, caption, entries, top) + 4
    if data.compared_runs:
        entries = run_entries(data.run, data.compared_runs, data.hidden_runs)
        top = s.legend_row(scene, "runs", entries, top) + 4
    compared = data.shown_runs

    x_range = bounds.x_range if bounds else _x_range(steps, runs_x_range(compared))
    m = values.shape[1]
    # Bins at most one per pixel of the widest possible plot; the envelope
    # holds every extreme, so it also gives the y range.
    bins = int(width - 2 * s.PAD)
    # On a log scale values <= 0 are gaps, left out of the bins' extremes as in the widget.
    rows_drawn, points = envelope(steps, values, bins, *x_range, positive=data.log_y)
    if data.smoothing:  # the smoothed columns follow the raw ones, in the same bins
        _, smoothed = envelope(steps, data.smoothed[:n], bins, *x_range, positive=data.log_y)
        points = np.hstack([points, smoothed])
    if data.log_y:  # drawn in log10 units
        with np.errstate(divide="ignore", invalid="ignore"):
            points = np.where(points > 0, np.log10(points), np.nan)
    shown = [c for c in range(m) if _name(data, c) not in hidden]
    drawn = shown + [m + c for c in shown] if data.smoothing else shown
    earlier = runs_points(compared, data.columns, bins, x_range, data.log_y, data.smoothing)
    in_range = [points[:, drawn], *(values[:, shown] for _, values in earlier)]
    y_range = bounds.y_range if bounds else s.padded_range(*_finite_range(in_range))
    plot_height = data.height - _X_AXIS_HEIGHT - (_X_LABEL_HEIGHT if data.x_label else 0)
    if data.log_y:
        y_ticks = s.log_ticks(y_range, plot_height)
    else:
        y_ticks = s.linear_ticks(y_range, plot_height)
    left = s.PAD + s.y_axis_width(y_ticks)
    area = s.PlotArea(left, top, width - left - s.PAD, plot_height, x_range, y_range)
    scene.plot = area
    scene.height = int(top + data.height + s.PAD)

    s.axes(scene, area, data.x_label, y_ticks)
    draw_runs(scene, area, earlier, shown, [data.run_age(run) for run in compared])
    xs = area.x_px(steps[rows_drawn])
    for k in drawn:
        c = k % m
        if not data.smoothing:
            color, line_width = colors[c], s.LINE_WIDTH
        elif k < m:  # the raw line, faint behind the smoothed one
            color, line_width = s.faint(colors[c]), 1.0
        else:
            color, line_width = colors[c], 1.5
        ys = area.y_px(points[:, k])
        name = _name(data, c)
        if name in data.sparse:  # a line through its own points, broken where it reported NaN
            kept = np.isfinite(ys) | np.isin(steps[rows_drawn], data.sparse[name])
            runs = s.runs_of_finite(xs[kept], ys[kept])
        else:
            runs = s.runs_of_finite(xs, ys)
        scene.items.append(s.Polylines(runs, color, line_width))
    if n == 0:
        middle = (area.left + area.width / 2, area.top + area.height / 2)
        scene.items.append(s.Text(*middle, "no rows yet", fill=s.MUTED, anchor="middle"))
    return scene


def lines_bounds(data: LinesData, width: int = DEFAULT_WIDTH) -> Bounds:
    """The axis ranges of the whole history (as its picture has them), for drawing parts of it."""
    area = lines_scene(data, width=width).plot
    assert area is not None  # a lines scene always has its plot area
    return Bounds(area.x_range, area.y_range)


def lines_frames(data: LinesData, every: int, width: int = DEFAULT_WIDTH) -> Iterator[s.Scene]:
    """The history growing: one scene per `every` rows, the last with every row."""
    bounds = lines_bounds(data, width)
    n = len(data)
    for end in s.replay_ends(n, every):
        yield lines_scene(data, width=width, rows=end, bounds=bounds)


def _colors(data: LinesData, m: int) -> list[str]:
    """Each series' colour: in order along the colormap, or the palette's."""
    if data.colormap:
        return series_colors(data.colormap, m)
    return [s.series_color(c) for c in range(m)]


def _ramp_legend(
    scene: s.Scene, caption: str, names: tuple[str, ...], colormap: str, top: float
) -> float:
    """The legend of many series along a colormap: first name, the ramp, last name, count."""
    size, baseline = 12, top + 13
    x = s.PAD
    if caption:
        scene.items.append(s.Text(x, baseline, caption, fill=s.MUTED, size=size))
        x += s.text_width(caption, size) + 14
    scene.items.append(s.Text(x, baseline, names[0], fill=s.TEXT, size=size))
    x += s.text_width(names[0], size) + 6
    for i, colour in enumerate(series_colors(colormap, RAMP_STEPS)):  # as the widget's ramp
        scene.items.append(s.Rect(x + 4 * i, baseline - 8, 4.5, 8, colour))
    x += 4 * RAMP_STEPS + 6
    scene.items.append(s.Text(x, baseline, names[-1], fill=s.TEXT, size=size))
    x += s.text_width(names[-1], size) + 14
    scene.items.append(s.Text(x, baseline, f"{len(names)} series", fill=s.MUTED, size=size))
    return baseline + 9


def _latest(data: LinesData, column: int, n: int) -> str:
    """The legend's value: the last row's; for a series rows left out, its last reported."""
    if n == 0:
        return chr(0x2013)
    values = data.values[:n, column]
    name = _name(data, column)
    if name in data.sparse:
        reported = np.isfinite(values) | np.isin(data.steps[:n], data.sparse[name])
        held = np.flatnonzero(reported)
        if held.size:
            return s.format_value(float(values[held[-1]]))
    return s.format_value(float(values[-1]))


def _name(data: LinesData, column: int) -> str | None:
    return data.columns[column] if column < len(data.columns) else None


def _x_range(steps: np.ndarray, runs: tuple[float, float] | None) -> tuple[float, float]:
    """The steps of the rows and the runs compared with, with a width."""
    ends = [float(steps[0]), float(steps[-1])] if len(steps) else []
    if runs is not None:
        ends += runs
    if not ends:
        return 0.0, 1.0
    first, last = min(ends), max(ends)
    if last == first:
        return first - 1.0, first + 1.0
    return first, last


def _finite_range(parts: list[np.ndarray]) -> tuple[float | None, float | None]:
    finite = np.concatenate([part[np.isfinite(part)].ravel() for part in parts])
    if finite.size == 0:
        return None, None
    return float(finite.min()), float(finite.max())
