"""The picture of a heatmap: the row shown as square cells, labels, values, a colorbar.

Laid out as js/kinds/heatmap.js draws it, with its colours (see _grid_colors.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator

import numpy as np

from .._core.data import LinesData
from .._core.value_format import value_formatter
from . import scene as s
from .grid import (
    Limits,
    caption_row,
    color_limits,
    colorbar,
    colorbar_width,
    image_with_gaps,
)
from .grid_colors import color_indices, colormap_lut, text_color_on
from .lines import DEFAULT_WIDTH
from .ticks import nice_ticks

ANNOTATE_MAX = 20  # frames up to this size get their values written in the cells
_MIN_ANNOTATION_PX = 7
_PAD = 6
_LABEL_GAP = 4
_LABEL_HEIGHT = 14  # a line of labels; cells narrower get no labels on end


def heatmap_scene(
    data: LinesData,
    *,
    width: int = DEFAULT_WIDTH,
    row: int | None = None,
    limits: Limits | None = None,
) -> s.Scene:
    """Draw row `row` of `data` (default: the last) as the widget shows it."""
    n = len(data)
    shown = n - 1 if row is None else row
    rows, cols = data.options["shape"]
    limits = limits or color_limits(data)
    lut = colormap_lut(data.options.get("colormap", "viridis"))
    scene = s.Scene(width, 0)
    top = caption_row(scene, data, shown, s.title_row(scene, data.title, s.PAD))
    row_labels = data.options.get("row_labels")
    col_labels = data.options.get("col_labels")

    # js HeatmapView.layout, with the canvas's top at `top`.
    widest_row = max(s.text_width(t) for t in (row_labels or [str(rows - 1)]))
    left = _PAD + math.ceil(widest_row) + _LABEL_GAP
    bar_label = data.options.get("colorbar_label")

    def place(band: float) -> tuple[float, float]:
        """The cell size and the space above the cells for labels `band` high."""
        avail_h = max(1, data.height - (_PAD + band + _LABEL_GAP) - _PAD)
        right = 12 + colorbar_width(limits, max(40, avail_h), bar_label) + _PAD
        avail_w = max(1, width - left - right)
        cell = min(avail_w / cols, avail_h / rows)
        return (math.floor(cell) if cell >= 1 else cell), avail_h

    cell, avail_h = place(_LABEL_HEIGHT)
    band, rotated = _LABEL_HEIGHT, False
    # Column labels too wide for their cells stand on end rather than be thinned away.
    if col_labels and cell < max(s.text_width(t) for t in col_labels) + 6:
        tall = math.ceil(max(s.text_width(t) for t in col_labels))
        cell_on_end, avail_on_end = place(tall)
        if cell_on_end >= _LABEL_HEIGHT:
            cell, avail_h, band, rotated = cell_on_end, avail_on_end, tall, True
    y = top + _PAD + band + _LABEL_GAP
    w, h = cell * cols, cell * rows
    scene.height = int(top + data.height)
    # Cell (r, c) has its centre at x_px(c + 0.5), y_px(r + 0.5).
    scene.plot = s.PlotArea(left, y, w, h, (0.0, float(cols)), (float(rows), 0.0))

    if shown >= 0:
        frame = np.asarray(data.values[shown], np.float64).reshape(rows, cols)
    else:
        frame = np.empty((0, 0))
    image_with_gaps(scene, frame, left, y, w, h, lut, limits)
    if frame.size:
        annotate = data.options.get("annotate")
        if annotate if annotate is not None else (rows <= ANNOTATE_MAX and cols <= ANNOTATE_MAX):
            fmt = annotate if isinstance(annotate, str) else None
            _annotate(scene, frame, left, y, cell, lut, limits, fmt)
    _labels(scene, left, y, cell, rows, cols, row_labels, col_labels, rotated)
    bar_height = min(avail_h, max(h, 100))
    colorbar(scene, left + w + 12, y, bar_height, lut, limits)
    if bar_label:  # above the bar, where the column labels are above the cells
        scene.items.append(s.Text(left + w + 12, y - _LABEL_GAP - 2, bar_label, fill=s.MUTED))
    return scene


def heatmap_frames(data: LinesData, every: int, width: int = DEFAULT_WIDTH) -> Iterator[s.Scene]:
    """The history replayed: the row of every `every`-th step, the last row last."""
    limits = color_limits(data)
    n = len(data)
    for end in s.replay_ends(n, every):
        yield heatmap_scene(data, width=width, row=end - 1, limits=limits)


def cell_format(values: np.ndarray) -> Callable[[float], str]:
    """As js cellFormat: one number of decimals for every cell, 3 digits on the largest."""
    finite = np.abs(values[np.isfinite(values)])
    largest = float(finite.max()) if finite.size else 0.0
    exponent = math.floor(math.log10(largest)) if largest > 0 else 0
    if exponent >= 5 or exponent < -3:

        def exponential(v: float) -> str:
            if not math.isfinite(v):
                return s.format_value(v)
            mantissa, power = f"{v:.1e}".split("e")
            return f"{mantissa}e{int(power)}"

        return exponential
    decimals = max(0, 2 - exponent)

    def fixed(v: float) -> str:
        if not math.isfinite(v):
            return s.format_value(v)
        text = f"{v:.{decimals}f}"
        return text.replace("-", "") if float(text) == 0 else text

    return fixed


def _annotate(
    scene: s.Scene,
    frame: np.ndarray,
    x: float,
    y: float,
    cell: float,
    lut: np.ndarray,
    limits: Limits,
    value_format: str | None,
) -> None:
    """The values in the cells, black or white by the cell's colour; left out when too small.

    Written with `value_format` (``"{:.3f}"``), else as `cell_format` chooses.
    """
    size = min(12, math.floor(cell * 0.4))
    if size < _MIN_ANNOTATION_PX:
        return
    fmt = value_formatter(value_format, s.format_value) if value_format else cell_format(frame)
    texts = [[fmt(float(v)) for v in line] for line in frame]
    widest = max(s.text_width(t, size) for line in texts for t in line)
    if widest > cell - 2:
        size = math.floor(size * (cell - 2) / widest)
    if size < _MIN_ANNOTATION_PX:
        return
    index = color_indices(frame, limits.lo, limits.hi, limits.center)
    for r, line in enumerate(texts):
        for c, text in enumerate(line):
            i = int(index[r, c])
            fill = s.TEXT if i < 0 else text_color_on(lut, i)
            cx, cy = x + (c + 0.5) * cell, y + (r + 0.5) * cell + size * 0.35
            scene.items.append(s.Text(cx, cy, text, fill=fill, size=size, anchor="middle"))


def _labels(
    scene: s.Scene,
    x: float,
    y: float,
    cell: float,
    rows: int,
    cols: int,
    row_labels: list[str] | None,
    col_labels: list[str] | None,
    rotated: bool = False,
) -> None:
    """Row labels (or indices) left, column labels (or indices) on top, thinned to fit.

    Column labels `rotated` stand on end, every one.
    """
    for r in _positions(row_labels, rows, cell, 14):
        text = row_labels[r] if row_labels else str(r)
        scene.items.append(s.Text(x - _LABEL_GAP, y + (r + 0.5) * cell + 4, text, anchor="end"))
    if rotated and col_labels:
        for c, text in enumerate(col_labels):
            cx = x + (c + 0.5) * cell + 4  # the baseline, so the text centres on the column
            scene.items.append(s.Text(cx, y - _LABEL_GAP, text, vertical=True))
        return
    texts = col_labels or [str(c) for c in range(cols)]
    sample = texts if len(texts) <= 64 else [texts[0], texts[-1]]
    space = max(s.text_width(t) for t in sample) + 6
    for c in _positions(col_labels, cols, cell, space):
        scene.items.append(
            s.Text(x + (c + 0.5) * cell, y - _LABEL_GAP - 2, texts[c], anchor="middle")
        )


def _positions(labels: list[str] | None, count: int, cell: float, space: float) -> list[int]:
    """Which of `count` positions get a label, each needing `space` px (js labelPositions)."""
    if labels and cell >= space:
        return list(range(len(labels)))
    if labels:
        every = math.ceil(space / cell)
        return list(range(0, count, every))
    ticks = nice_ticks(0, count - 1, max(1, math.floor(count * cell / space)), integer=True)
    return [int(t) for t in ticks]
