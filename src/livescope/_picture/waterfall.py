"""The picture of a waterfall: the history up to a row as an image, one line per step.

As js/kinds/waterfall.js and waterfall_image.js draw it: once steps
outnumber the pixel rows, each pixel row shows the last row of a
power-of-two bin of steps; rows wider than 4,096 values are sampled the
same way. Steps down the left, value indices along the bottom, a colorbar.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from .._core.data import LinesData
from . import scene as s
from .grid import (
    Limits,
    caption_row,
    color_limits,
    colorbar,
    colorbar_width,
    image_with_gaps,
)
from .grid_colors import colormap_lut
from .lines import DEFAULT_WIDTH
from .ticks import labelled_ticks, nice_ticks

MAX_WIDTH = 4096
_PAD = 6
_TICK = 3
_AXIS_GAP = 4
_BOTTOM = 30


def bin_for(count: int, max_slots: int) -> int:
    """The smallest power-of-two bin that fits `count` rows into `max_slots` pixel rows."""
    bin_ = 1
    while math.ceil(count / bin_) > max_slots:
        bin_ *= 2
    return bin_


def waterfall_scene(
    data: LinesData,
    *,
    width: int = DEFAULT_WIDTH,
    rows: int | None = None,
    limits: Limits | None = None,
) -> s.Scene:
    """Draw the first `rows` rows of `data` (default: all) as the widget shows them."""
    count = len(data) if rows is None else rows
    values = np.asarray(data.values)
    m = values.shape[1] if values.ndim == 2 else 0
    limits = limits or color_limits(data)
    lut = colormap_lut(data.options.get("colormap", "viridis"))
    scene = s.Scene(width, 0)
    top = caption_row(scene, data, count - 1, s.title_row(scene, data.title, s.PAD))

    last = s.format_step(float(data.steps[count - 1])) if count else "0"
    left = _PAD + math.ceil(s.text_width(last)) + _TICK + _AXIS_GAP
    h = max(20, data.height - _PAD - _BOTTOM)
    right = 12 + colorbar_width(limits, h) + _PAD
    w = max(20, width - left - right)
    y = top + _PAD
    scene.height = int(top + data.height)

    bin_ = bin_for(count, max(1, round(h)))
    slots = math.ceil(count / bin_)
    # Cell (slot, index) has its centre at x_px(index + 0.5), y_px(slot + 0.5).
    scene.plot = s.PlotArea(left, y, w, h, (0.0, float(max(m, 1))), (float(max(slots, 1)), 0.0))
    shown_rows = np.minimum((np.arange(slots) + 1) * bin_, count) - 1
    stride = math.ceil(m / MAX_WIDTH) or 1
    image = values[shown_rows][:, ::stride] if slots and m else np.empty((0, 0))
    image_with_gaps(scene, image, left, y, w, h, lut, limits)
    _axes(scene, data.steps[:count], m, left, y, w, h, bin_, slots)
    colorbar(scene, left + w + 12, y, h, lut, limits)
    return scene


def waterfall_frames(data: LinesData, every: int, width: int = DEFAULT_WIDTH) -> Iterator[s.Scene]:
    """The image growing: the history up to every `every`-th row, every row last."""
    limits = color_limits(data)
    n = len(data)
    for end in s.replay_ends(n, every):
        yield waterfall_scene(data, width=width, rows=end, limits=limits)


def _axes(
    scene: s.Scene,
    steps: np.ndarray,
    m: int,
    x: float,
    y: float,
    w: float,
    h: float,
    bin_: int,
    slots: int,
) -> None:
    """Steps down the left at the pixel rows showing them; value indices along the bottom."""
    ticks = []
    if slots:
        first, last = float(steps[0]), float(steps[-1])
        for value, label in labelled_ticks(first, last, max(2, int(h // 36))):
            row = min(int(np.searchsorted(steps, value, "left")), len(steps) - 1)
            ty = round(y + ((row // bin_ + 0.5) / slots) * h) + 0.5
            ticks.append(np.array([[x - _TICK, ty], [x, ty]]))
            scene.items.append(s.Text(x - _TICK - 2, ty + 4, label, anchor="end"))
    if m:
        for c in nice_ticks(0, m - 1, max(2, int(w // 70)), integer=True):
            tx = round(x + ((c + 0.5) / m) * w) + 0.5
            ticks.append(np.array([[tx, y + h], [tx, y + h + _TICK]]))
            scene.items.append(s.Text(tx, y + h + _TICK + 12, str(int(c)), anchor="middle"))
    scene.items.append(s.Polylines(tuple(ticks), s.AXIS, 1.0))
