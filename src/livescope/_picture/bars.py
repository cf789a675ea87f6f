"""The picture of a bars plot: the row shown as bars over bin edges, labels or the index.

As js/kinds/bars.js draws it: the y range is `ylim`, or every value received
widened to round ticks and including 0, so replayed rows share their axes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from .._core.data import LinesData
from . import points as p
from . import scene as s
from .grid import caption_row, history_extent
from .lines import DEFAULT_WIDTH

GAP = 0.1  # of a bar's slot left empty on each side, without edges


def bars_y_range(data: LinesData) -> tuple[float, float]:
    """`ylim`, or the round range of every value received and 0."""
    ylim = data.options.get("ylim")
    if ylim is not None:
        return float(ylim[0]), float(ylim[1])
    lo, hi, _ = history_extent(data)
    if lo is None or hi is None:
        return 0.0, 1.0
    return p.nice_range(min(lo, 0.0), max(hi, 0.0))


def bar_extents(
    options: dict[str, Any], length: int
) -> tuple[np.ndarray, np.ndarray, tuple[float, float]]:
    """Left and right x of every bar, and the x range: bins touch; slots have gaps."""
    edges = options.get("edges")
    if edges and len(edges) == length + 1:
        e = np.asarray(edges, np.float64)
        return e[:-1], e[1:], (float(e[0]), float(e[-1]))
    i = np.arange(length, dtype=np.float64)
    return i + GAP, i + 1 - GAP, (0.0, float(max(length, 1)))


def bars_scene(
    data: LinesData,
    *,
    width: int = DEFAULT_WIDTH,
    row: int | None = None,
    y_range: tuple[float, float] | None = None,
) -> s.Scene:
    """Draw row `row` of `data` (default: the last) as the widget shows it."""
    n = len(data)
    shown = n - 1 if row is None else row
    values = np.asarray(data.values)
    length = values.shape[1] if values.ndim == 2 else 0
    options = data.options
    labels = options.get("labels")
    y_range = y_range or bars_y_range(data)
    left, right, x_range = bar_extents(options, length)
    scene = s.Scene(width, 0)
    top = caption_row(scene, data, shown, s.title_row(scene, data.title, s.PAD)) + 4
    scene.height = int(top + data.height + s.PAD)
    height = data.height - p.MARGIN_TOP - p.MARGIN_BOTTOM
    y_left = p.y_label_width(y_range, height)
    area = s.PlotArea(
        y_left, top + p.MARGIN_TOP, width - y_left - p.MARGIN_RIGHT, height, x_range, y_range
    )
    scene.plot = area
    if labels:
        _y_grid(scene, area)
    else:
        p.panel_grid_lines(scene, area)
    if shown >= 0 and length:
        heights = np.asarray(values[shown], np.float64)
        base = float(np.clip(0.0, *y_range))
        colour = options.get("color") or s.PALETTE[0]
        for a, b, v in zip(left, right, heights, strict=True):
            if not np.isfinite(v):
                continue
            y0, y1 = sorted((float(area.y_px(base)), float(area.y_px(np.clip(v, *y_range)))))
            x0, x1 = float(area.x_px(a)), float(area.x_px(b))
            scene.items.append(s.Rect(x0, y0, max(x1 - x0 - 0.5, 0.5), max(y1 - y0, 0.5), colour))
    p.panel_frame(scene, area, x_labels=not labels, y_labels=True)
    if labels:
        _labels(scene, area, labels)
    return scene


def _y_grid(scene: s.Scene, area: s.PlotArea) -> None:
    """Horizontal grid lines only: the x axis of labelled bars has no numbers."""
    lines = []
    for y, _ in p.ticks(area.y_range, area.height, 50):
        py = float(area.y_px(y))
        lines.append(np.array([[area.left, py], [area.left + area.width, py]]))
    scene.items.append(s.Polylines(tuple(lines), s.GRID, 1.0))


def _labels(scene: s.Scene, area: s.PlotArea, labels: list[str]) -> None:
    """Each bar's label under it, every k-th when they would overlap (as the widget)."""
    slot = area.width / max(1, len(labels))
    widest = max(s.text_width(label) for label in labels) + 6
    every = max(1, int(np.ceil(widest / slot)))
    for i in range(0, len(labels), every):
        x = float(area.x_px(i + 0.5))
        scene.items.append(s.Text(x, area.top + area.height + 15, labels[i], anchor="middle"))


def bars_frames(data: LinesData, every: int, width: int = DEFAULT_WIDTH) -> Iterator[s.Scene]:
    """The history replayed: every `every`-th row's bars, the last row last, on one y range."""
    y_range = bars_y_range(data)
    for end in s.replay_ends(len(data), every):
        yield bars_scene(data, width=width, row=end - 1, y_range=y_range)
