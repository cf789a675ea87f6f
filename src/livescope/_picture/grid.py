"""Picture pieces the grid kinds (frame, heatmap, waterfall) share.

The caption above the plot, the "no data" hatching, the colorbar and the
front end's round ticks (js/draw/ticks.js), so the pictures are laid out
as the widget draws these views.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._core.data import LinesData
from . import scene as s
from .grid_colors import (
    centered_limits,
    color_fraction,
    colorize,
    resolve_limits,
    value_extent,
)
from .ticks import labelled_ticks

BAR_WIDTH = 12
_BAR_GAP = 4
_TICK = 3
_SWATCH = 10
NO_DATA_LABEL = "no data"
# The widget's hatch: muted lines at half opacity on the background.
HATCH = "#acb1b7"


@dataclass(frozen=True)
class Limits:
    """The colour (or y) limits in use, and whether any value received was not finite."""

    lo: float
    hi: float
    non_finite: bool = False
    center: float | None = None  # the value at the colormap's middle (heatmap `vcenter`)


def history_extent(data: LinesData) -> tuple[float | None, float | None, bool]:
    """The extent of every value received: what the widget's automatic limits follow."""
    return value_extent(np.asarray(data.values))


def color_limits(data: LinesData) -> Limits:
    """The colour limits of a heatmap or waterfall: `vmin`/`vmax`, else every value's extent."""
    lo, hi, non_finite = history_extent(data)
    vmin, vmax = data.options.get("vmin"), data.options.get("vmax")
    lo, hi = resolve_limits(lo, hi, vmin, vmax)
    center = data.options.get("vcenter")
    if center is None:
        return Limits(lo, hi, non_finite)
    return Limits(*centered_limits(lo, hi, center), non_finite, center)


def caption_row(scene: s.Scene, data: LinesData, shown: int, top: float) -> float:
    """The step of the row shown (the widget's readout) under the title; returns the next row."""
    text = f"step {s.format_step(float(data.steps[shown]))}" if shown >= 0 else "no rows yet"
    scene.items.append(s.Text(s.PAD, top + 13, text, fill=s.MUTED, size=12))
    return top + 22


def image_with_gaps(
    scene: s.Scene,
    values: np.ndarray,
    x: float,
    y: float,
    w: float,
    h: float,
    lut: np.ndarray,
    limits: Limits,
) -> None:
    """`values` (2-D, possibly empty) coloured over the "no data" hatch where any is not finite."""
    if values.size == 0 or not np.isfinite(values).all():
        hatch(scene, x, y, w, h)
    if values.size:
        image = colorize(values, lut, limits.lo, limits.hi, limits.center)
        scene.items.append(s.Image(x, y, w, h, image))


def hatch(scene: s.Scene, x: float, y: float, w: float, h: float) -> None:
    """The widget's "no data" pattern: diagonal lines every 6 px over the background."""
    scene.items.append(s.Rect(x, y, w, h, s.BACKGROUND))
    runs = []
    for d in np.arange(-h, w, 6.0):
        t0, t1 = max(0.0, -d), min(h, w - d)
        if t1 > t0:
            runs.append(np.array([[x + d + t0, y + h - t0], [x + d + t1, y + h - t1]]))
    scene.items.append(s.Polylines(tuple(runs), HATCH, 1.0))


def _colorbar_ticks(limits: Limits, height: float) -> list[tuple[float, str]]:
    """Round ticks over the limits; with a centre, each half its own (js colorbar ticksFor)."""
    lo, hi, center = limits.lo, limits.hi, limits.center
    if center is None:
        return labelled_ticks(lo, hi, max(2, int(height // 40)))
    count = max(1, int(height / 2 // 40))
    below = labelled_ticks(lo, center, count)
    return below + [t for t in labelled_ticks(center, hi, count) if t[0] != center]


def colorbar_width(limits: Limits, height: float, caption: str | None = None) -> float:
    """The width the colorbar takes at `height`, tick labels (and its `caption`) included."""
    labels = [label for _, label in _colorbar_ticks(limits, height)]
    if limits.non_finite:
        labels.append(NO_DATA_LABEL)
    widest = max((s.text_width(label) for label in labels), default=0.0)
    width = BAR_WIDTH + _TICK + _BAR_GAP + math.ceil(widest)
    return max(width, math.ceil(s.text_width(caption))) if caption else width


def colorbar(
    scene: s.Scene, x: float, y: float, height: float, lut: np.ndarray, limits: Limits
) -> None:
    """The colormap from low (bottom) to high (top), ticks on its right, "no data" swatch."""
    bar = height - _SWATCH - 2 * _BAR_GAP if limits.non_finite else height
    strip = lut[::-1].reshape(256, 1, 3)
    scene.items.append(s.Image(x, y, BAR_WIDTH, bar, np.ascontiguousarray(strip)))
    outline = [_box(x, y, BAR_WIDTH, bar)]
    for value, label in _colorbar_ticks(limits, bar):
        at = float(color_fraction(np.asarray(value), limits.lo, limits.hi, limits.center))
        ty = round(y + (1 - at) * (bar - 1)) + 0.5
        outline.append(np.array([[x + BAR_WIDTH, ty], [x + BAR_WIDTH + _TICK, ty]]))
        scene.items.append(s.Text(x + BAR_WIDTH + _TICK + _BAR_GAP, ty + 4, label))
    if limits.non_finite:
        sy = y + height - _SWATCH
        hatch(scene, x, sy, BAR_WIDTH, _SWATCH)
        outline.append(_box(x, sy, BAR_WIDTH, _SWATCH))
        scene.items.append(
            s.Text(x + BAR_WIDTH + _TICK + _BAR_GAP, sy + _SWATCH / 2 + 4, NO_DATA_LABEL)
        )
    scene.items.append(s.Polylines(tuple(outline), s.AXIS, 1.0))


def _box(x: float, y: float, w: float, h: float) -> np.ndarray:
    return np.array(
        [
            [x + 0.5, y + 0.5],
            [x + w - 0.5, y + 0.5],
            [x + w - 0.5, y + h - 0.5],
            [x + 0.5, y + h - 0.5],
            [x + 0.5, y + 0.5],
        ]
    )


def sample_rows(n: int, count: int) -> np.ndarray:
    """`count` row indices spread evenly over [0, n), always with the first and last."""
    if count >= n:
        return np.arange(n)
    if count <= 1:
        return np.array([n - 1])
    return np.unique(np.round(np.linspace(0, n - 1, max(1, count))).astype(np.int64))
