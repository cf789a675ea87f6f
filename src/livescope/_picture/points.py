"""Layout shared by the static pictures of the point kinds (scatter, trajectory).

Mirrors the widget's canvas views (js/draw/axes.js, js/kinds/scatter/facets.js): data
ranges snapped to round ticks, panels in a grid with shared scales, grid
lines under the data and a frame with ticks over it, and the readout line
above the plot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._core.spec import STYLE
from . import scene as s
from .colormaps import colormap_rgb, hex_color
from .ticks import labelled_ticks, nice_step

MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 12, 8, 22  # around the panels, as the widget
MIN_PANEL_WIDTH = STYLE["facets"]["min_panel_width"]
MIN_PANEL_HEIGHT = STYLE["facets"]["min_panel_height"]
FACET_GAP, FACET_TITLE = 12, 16
TICK_PX = 4
_X_TICK_SPACING, _Y_TICK_SPACING = 80, 50


def nice_range(lo: float, hi: float, count: int = 10) -> tuple[float, float]:
    """[lo, hi] widened to whole tick steps; an empty or flat range still gets a width."""
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return 0.0, 1.0
    if hi == lo:
        pad = 1.0 if lo == 0 else abs(lo) * 0.1
        lo, hi = lo - pad, hi + pad
    step = nice_step(hi - lo, count)
    a = float(f"{math.floor(lo / step) * step:.12g}")
    b = float(f"{math.ceil(hi / step) * step:.12g}")
    return (a, b) if b > a else (lo, hi)


def finite_extent(values: np.ndarray) -> tuple[float, float]:
    """Min and max of the finite values (inf, -inf when there are none)."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return math.inf, -math.inf
    return float(finite.min()), float(finite.max())


def ticks(value_range: tuple[float, float], px: float, spacing: float) -> list[tuple[float, str]]:
    """Round ticks about `spacing` pixels apart on an axis `px` long, with their labels."""
    lo, hi = value_range
    return labelled_ticks(lo, hi, max(2, round(px / spacing)))


def y_label_width(y_range: tuple[float, float], px: float) -> float:
    """Room left of the panels for the y tick labels, as the widget makes it."""
    labels = ticks(y_range, px, _Y_TICK_SPACING)
    return math.ceil(max((s.text_width(t) for _, t in labels), default=0)) + TICK_PX + 6


@dataclass(frozen=True)
class Panel:
    """A panel's plot area and its place in the grid."""

    area: s.PlotArea
    row: int
    column: int


def panel_grid(
    count: int,
    box: tuple[float, float, float, float],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    titled: bool,
    columns: int | None = None,
) -> tuple[int, list[Panel]]:
    """`count` panels in the (left, top, width, height) `box`; returns the columns and panels.

    `columns` a row when given, else the number that makes the smallest panel
    side largest; panels never narrower or lower than the minimum (style.json
    facets), so many panels reach below the box (js/kinds/scatter/facets.js).
    """
    left, top, width, height = box
    n = max(1, count)
    gap, title = (FACET_GAP, FACET_TITLE) if titled else (0, 0)

    def sizes(cols: int) -> tuple[float, int, float, float]:
        rows = math.ceil(n / cols)
        w = (width - (cols - 1) * gap) / cols
        h = (height - rows * title - (rows - 1) * gap) / rows
        return min(w, h), cols, w, h

    if columns:
        best = sizes(min(n, columns))
    else:
        best = max((sizes(cols) for cols in range(1, n + 1)), key=lambda option: option[0])
        if n > 1 and best[2] < MIN_PANEL_WIDTH:
            best = sizes(max(1, math.floor((width + gap) / (MIN_PANEL_WIDTH + gap))))
    _, columns, w, h = best
    w = max(1.0, w)
    h = max(MIN_PANEL_HEIGHT, h) if n > 1 else max(1.0, h)
    panels = []
    for i in range(n):
        row, column = divmod(i, columns)
        x, y = left + column * (w + gap), top + row * (h + gap + title) + title
        panels.append(Panel(s.PlotArea(x, y, w, h, x_range, y_range), row, column))
    return columns, panels


def panel_grid_lines(scene: s.Scene, area: s.PlotArea) -> None:
    """Grid lines at the round ticks, under the data."""
    lines = []
    for x, _ in ticks(area.x_range, area.width, _X_TICK_SPACING):
        px = float(area.x_px(x))
        lines.append(np.array([[px, area.top], [px, area.top + area.height]]))
    for y, _ in ticks(area.y_range, area.height, _Y_TICK_SPACING):
        py = float(area.y_px(y))
        lines.append(np.array([[area.left, py], [area.left + area.width, py]]))
    scene.items.append(s.Polylines(tuple(lines), s.GRID, 1.0))


def panel_frame(scene: s.Scene, area: s.PlotArea, x_labels: bool, y_labels: bool) -> None:
    """The frame, tick marks and tick labels, over the data."""
    x0, y0 = area.left, area.top
    x1, y1 = x0 + area.width, y0 + area.height
    lines = [np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]])]
    for x, label in ticks(area.x_range, area.width, _X_TICK_SPACING):
        px = float(area.x_px(x))
        lines.append(np.array([[px, y1], [px, y1 + TICK_PX]]))
        if x_labels:
            scene.items.append(s.Text(px, y1 + TICK_PX + 11, label, anchor="middle"))
    for y, label in ticks(area.y_range, area.height, _Y_TICK_SPACING):
        py = float(area.y_px(y))
        lines.append(np.array([[x0 - TICK_PX, py], [x0, py]]))
        if y_labels:
            scene.items.append(s.Text(x0 - TICK_PX - 3, py + 4, label, anchor="end"))
    scene.items.append(s.Polylines(tuple(lines), s.AXIS, 1.0))


def readout_row(
    scene: s.Scene, text: str, top: float, key: tuple[str, str, str] | None = None
) -> float:
    """The muted readout line (and a colour key: colormap, low and high label); the next row."""
    baseline = top + 13
    scene.items.append(s.Text(s.PAD, baseline, text, fill=s.MUTED, size=12))
    if key is not None:
        colormap, low, high = key
        x = s.PAD + s.text_width(text, 12) + 16
        scene.items.append(s.Text(x, baseline, low, fill=s.MUTED, size=12))
        x += s.text_width(low, 12) + 6
        table = colormap_rgb(colormap)
        for i in range(20):  # an 80 px ramp, as the widget's
            colour = hex_color(table[round(i * 255 / 19)])
            scene.items.append(s.Rect(x + 4 * i, baseline - 8, 4.5, 8, colour))
        scene.items.append(s.Text(x + 86, baseline, high, fill=s.MUTED, size=12))
    return baseline + 9


def format_count(n: int) -> str:
    """A count as the widget writes it: 100,000."""
    return f"{n:,}"


def blend(colour: str, alpha: float, background: str = s.BACKGROUND) -> str:
    """A "#rrggbb" colour `alpha` of the way from `background` (the widget's faded trail)."""
    if alpha >= 1 or not colour.startswith("#") or len(colour) != 7:
        return colour
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)], np.float64)
    back = np.array([int(background[i : i + 2], 16) for i in (1, 3, 5)], np.float64)
    return hex_color(np.rint(rgb * alpha + back * (1 - alpha)))
