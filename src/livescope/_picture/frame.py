"""The picture of a frame plot: the row shown as curves, or as `facet` small panels.

As js/kinds/frame.js draws it: one y range for every panel, `ylim` or the
range of every value received of the curves shown (so replayed frames share
their axes); named curves get a legend entry each, in the palette's colours,
muted for a curve hidden from the legend (not drawn); `xlim` fixes the x axis.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from .._core.data import LinesData
from .._core.spec import STYLE
from . import scene as s
from .frame_parts import FrameParts, frame_parts, x_span
from .frame_runs import run_curves, runs_extents
from .grid import caption_row
from .lines import DEFAULT_WIDTH
from .runs import run_entries

_PANEL_GAP = 4
MIN_PANEL_WIDTH = STYLE["facets"]["min_panel_width"]
_MIN_PANEL_HEIGHT = STYLE["facets"]["min_panel_height"]
_X_AXIS_HEIGHT = 28
_LINE_WIDTH = STYLE["frame"]["line_width"]
_TOP_ROOM = 6
_RUN_LINE_WIDTH = 1.0  # a previous run's curves, thinner than the live ones
MARKER_SIZE = STYLE["frame"]["marker_size"]  # px across, with `markers`


def panel_grid(n: int, width: float, columns: int | None = None) -> tuple[int, int]:
    """Columns and rows of `n` panels across `width` (js panelGrid).

    `columns` a row when given, else as square as can be; never so many that a
    panel is narrower than the minimum (style.json facets).
    """
    fit = max(1, math.floor((width + _PANEL_GAP) / (MIN_PANEL_WIDTH + _PANEL_GAP)))
    cols = max(1, min(n, columns if columns else min(math.ceil(math.sqrt(n)), fit)))
    return cols, math.ceil(n / cols)


def frame_y_range(data: LinesData, parts: FrameParts | None = None) -> tuple[float, float]:
    """`ylim`, or the range of every value of the curves shown (and the runs'), 5 % margins."""
    ylim = data.options.get("ylim")
    if ylim is not None:
        return float(ylim[0]), float(ylim[1])
    lo, hi = (parts or parts_of(data)).shown_y_extent(np.asarray(data.values))
    (runs_lo, runs_hi), _ = runs_extents(data.shown_runs, data.options)
    return s.padded_range(_least(lo, runs_lo), _most(hi, runs_hi))


def frame_x_range(data: LinesData, parts: FrameParts | None = None) -> tuple[float, float]:
    """`xlim`, or the x axis the rows span: every x received (and the runs') if they carry it."""
    parts = parts or parts_of(data)
    values = np.asarray(data.values)
    if not parts.row_x or parts.xlim is not None:
        return parts.x_range(values)
    lo, hi = parts.x_extent(values)
    _, (runs_lo, runs_hi) = runs_extents(data.shown_runs, data.options)
    return x_span(_least(lo, runs_lo), _most(hi, runs_hi))


def _least(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else min(a, b)


def _most(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)


def parts_of(data: LinesData) -> FrameParts:
    """How the rows of `data` divide into x and curves."""
    values = np.asarray(data.values)
    return frame_parts(data.options, values.shape[1] if values.ndim == 2 else 0)


def frame_scene(
    data: LinesData,
    *,
    width: int = DEFAULT_WIDTH,
    row: int | None = None,
    y_range: tuple[float, float] | None = None,
    x_range: tuple[float, float] | None = None,
) -> s.Scene:
    """Draw row `row` of `data` (default: the last) as the widget shows it.

    `y_range` and `x_range` default to those of the whole history.
    """
    n = len(data)
    shown = n - 1 if row is None else row
    parts = parts_of(data)
    values = np.asarray(data.values)
    x_range = x_range or frame_x_range(data, parts)
    y_range = y_range or frame_y_range(data, parts)
    markers = data.options.get("markers") is True

    scene = s.Scene(width, 0)
    top = s.title_row(scene, data.title, s.PAD)
    if parts.names:  # the step shown, then a legend entry per curve
        caption = f"step {s.format_step(float(data.steps[shown]))}" if shown >= 0 else ""
        muted = [not parts.shown(c) for c in range(parts.count)]  # hidden from the legend
        entries = [(parts.color(c), name, muted[c]) for c, name in enumerate(parts.names)]
        top = s.legend_row(scene, caption or "no rows yet", entries, top) + 4
    else:
        top = caption_row(scene, data, shown, top)
    if data.compared_runs:  # the live run, then each previous one drawn faded at the step shown
        entries = run_entries(data.run, data.compared_runs, data.hidden_runs)
        top = s.legend_row(scene, "runs", entries, top) + 4
    runs = data.shown_runs
    cols, rows = panel_grid(parts.panels, width - 2 * s.PAD, data.options.get("facet_columns"))
    panel_w = (width - 2 * s.PAD - (cols - 1) * _PANEL_GAP) / cols
    panel_h = max(_MIN_PANEL_HEIGHT, (data.height - (rows - 1) * _PANEL_GAP) / rows)
    y_ticks = s.linear_ticks(y_range, panel_h - _X_AXIS_HEIGHT)
    axis = s.y_axis_width(y_ticks)
    areas = []
    for k in range(parts.panels):
        left = s.PAD + (k % cols) * (panel_w + _PANEL_GAP)
        panel_top = top + (k // cols) * (panel_h + _PANEL_GAP)
        # The top tick's label stands half above its line: room for it under the caption.
        inner = panel_h - _X_AXIS_HEIGHT - _TOP_ROOM
        area = s.PlotArea(
            left + axis, panel_top + _TOP_ROOM, panel_w - axis, inner, x_range, y_range
        )
        s.axes(scene, area, "", y_ticks)
        areas.append(area)
    scene.plot = areas[0]
    if shown >= 0:
        step = float(data.steps[shown])
        for panel, x, y, color in run_curves(
            runs, [data.run_age(run) for run in runs], step, data.options
        ):
            area = areas[min(panel, len(areas) - 1)]
            _curve(scene, area, x, y, color, markers=False, width=_RUN_LINE_WIDTH)
    if shown >= 0 and parts.length:
        x = parts.x(values[shown])
        for c in filter(parts.shown, range(parts.count)):
            area = areas[parts.panel(c)]
            _curve(scene, area, x, parts.curve(values[shown], c), parts.color(c), markers)
    scene.height = int(top + rows * panel_h + (rows - 1) * _PANEL_GAP + s.PAD)
    return scene


def _curve(
    scene: s.Scene,
    area: s.PlotArea,
    x: np.ndarray,
    y: np.ndarray,
    color: str,
    markers: bool,
    width: float = _LINE_WIDTH,
) -> None:
    """One curve in `area`, cut to its height, with a dot at each point if `markers`."""
    px, py = area.x_px(x), area.y_px(y)
    runs = clip_runs(s.runs_of_finite(px, py), area.top, area.top + area.height)
    scene.items.append(s.Polylines(runs, color, width))
    if markers:
        inside = np.isfinite(py) & (py >= area.top) & (py <= area.top + area.height)
        xy = np.column_stack((px[inside], py[inside]))
        levels = np.zeros(len(xy), np.uint8)
        scene.items.append(s.Points(xy, levels, (color,), MARKER_SIZE))


def clip_runs(runs: tuple[np.ndarray, ...], top: float, bottom: float) -> tuple[np.ndarray, ...]:
    """The runs cut to the band top <= y <= bottom, as the widget's plot clips its line.

    Each segment is clipped on its own (Liang-Barsky in y); consecutive
    clipped segments that still meet stay one run.
    """
    out: list[np.ndarray] = []
    for run in runs:
        if len(run) < 2:
            out.extend(point[None] for point in run if top <= point[1] <= bottom)
            continue
        a, b = run[:-1], run[1:]
        dy = b[:, 1] - a[:, 1]
        with np.errstate(divide="ignore", invalid="ignore"):
            t_top = np.where(dy != 0, (top - a[:, 1]) / dy, -np.inf)
            t_bottom = np.where(dy != 0, (bottom - a[:, 1]) / dy, np.inf)
        t0 = np.clip(np.maximum(0.0, np.minimum(t_top, t_bottom)), 0, 1)
        t1 = np.clip(np.minimum(1.0, np.maximum(t_top, t_bottom)), 0, 1)
        flat = dy == 0
        inside = np.where(flat, (a[:, 1] >= top) & (a[:, 1] <= bottom), t1 > t0)
        start = np.where((t0 == 0)[:, None], a, a + (b - a) * t0[:, None])
        end = np.where((t1 == 1)[:, None], b, a + (b - a) * t1[:, None])
        current: list[np.ndarray] = []
        for i in np.flatnonzero(inside):
            joined = t0[i] == 0 and i > 0 and inside[i - 1] and t1[i - 1] == 1
            if current and not joined:
                out.append(np.array(current))
                current = []
            if not current:
                current.append(start[i])
            current.append(end[i])
        if current:
            out.append(np.array(current))
    return tuple(out)


def frame_frames(data: LinesData, every: int, width: int = DEFAULT_WIDTH) -> Iterator[s.Scene]:
    """The history replayed: the curves of every `every`-th row, the last row last."""
    parts = parts_of(data)
    y_range = frame_y_range(data, parts)
    x_range = frame_x_range(data, parts)
    for end in s.replay_ends(len(data), every):
        yield frame_scene(data, width=width, row=end - 1, y_range=y_range, x_range=x_range)
