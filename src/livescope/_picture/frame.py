"""The picture of a frame plot: the row shown as a curve, or as `facet` small panels.

As js/kinds/frame.js draws it: one y range for every panel, `ylim` or the
range of every value received (so replayed frames share their axes).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from .._core.data import LinesData
from .._core.spec import STYLE
from . import scene as s
from .grid import caption_row, history_extent
from .lines import DEFAULT_WIDTH

_PANEL_GAP = 4
MIN_PANEL_WIDTH = STYLE["facets"]["min_panel_width"]
_MIN_PANEL_HEIGHT = STYLE["facets"]["min_panel_height"]
_X_AXIS_HEIGHT = 28
_LINE_WIDTH = 1.5
_TOP_ROOM = 6


def panel_grid(n: int, width: float, columns: int | None = None) -> tuple[int, int]:
    """Columns and rows of `n` panels across `width` (js panelGrid).

    `columns` a row when given, else as square as can be; never so many that a
    panel is narrower than the minimum (style.json facets).
    """
    fit = max(1, math.floor((width + _PANEL_GAP) / (MIN_PANEL_WIDTH + _PANEL_GAP)))
    cols = max(1, min(n, columns if columns else min(math.ceil(math.sqrt(n)), fit)))
    return cols, math.ceil(n / cols)


def frame_y_range(data: LinesData) -> tuple[float, float]:
    """`ylim`, or the range of every value received with 5 % margins."""
    ylim = data.options.get("ylim")
    if ylim is not None:
        return float(ylim[0]), float(ylim[1])
    lo, hi, _ = history_extent(data)
    return s.padded_range(lo, hi)


def frame_scene(
    data: LinesData,
    *,
    width: int = DEFAULT_WIDTH,
    row: int | None = None,
    y_range: tuple[float, float] | None = None,
) -> s.Scene:
    """Draw row `row` of `data` (default: the last) as the widget shows it."""
    n = len(data)
    shown = n - 1 if row is None else row
    facet = max(1, int(data.options.get("facet") or 1))
    values = np.asarray(data.values)
    length = (values.shape[1] if values.ndim == 2 else 0) // facet
    given = data.options.get("x")
    x = np.asarray(given if given and len(given) == length else np.arange(length), np.float64)
    # As js/kinds/frame.js: the first to the last x, one unit wide for a lone point.
    x0 = float(x[0]) if length else 0.0
    x_range = (x0, float(x[-1]) if length > 1 else x0 + 1)
    y_range = y_range or frame_y_range(data)

    scene = s.Scene(width, 0)
    top = caption_row(scene, data, shown, s.title_row(scene, data.title, s.PAD))
    cols, rows = panel_grid(facet, width - 2 * s.PAD, data.options.get("facet_columns"))
    panel_w = (width - 2 * s.PAD - (cols - 1) * _PANEL_GAP) / cols
    panel_h = max(_MIN_PANEL_HEIGHT, (data.height - (rows - 1) * _PANEL_GAP) / rows)
    y_ticks = s.linear_ticks(y_range, panel_h - _X_AXIS_HEIGHT)
    axis = s.y_axis_width(y_ticks)
    for k in range(facet):
        left = s.PAD + (k % cols) * (panel_w + _PANEL_GAP)
        panel_top = top + (k // cols) * (panel_h + _PANEL_GAP)
        # The top tick's label stands half above its line: room for it under the caption.
        inner = panel_h - _X_AXIS_HEIGHT - _TOP_ROOM
        area = s.PlotArea(
            left + axis, panel_top + _TOP_ROOM, panel_w - axis, inner, x_range, y_range
        )
        if k == 0:
            scene.plot = area
        s.axes(scene, area, "", y_ticks)
        if shown >= 0 and length:
            ys = np.asarray(values[shown, k * length : (k + 1) * length], np.float64)
            runs = s.runs_of_finite(area.x_px(x), area.y_px(ys))
            runs = clip_runs(runs, area.top, area.top + area.height)
            scene.items.append(s.Polylines(runs, s.series_color(k), _LINE_WIDTH))
    scene.height = int(top + rows * panel_h + (rows - 1) * _PANEL_GAP + s.PAD)
    return scene


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
    """The history replayed: the curve of every `every`-th row, the last row last."""
    y_range = frame_y_range(data)
    n = len(data)
    for end in s.replay_ends(n, every):
        yield frame_scene(data, width=width, row=end - 1, y_range=y_range)
