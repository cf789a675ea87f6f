"""A static picture as a list of drawing primitives, shared by every output format.

A plot kind builds a `Scene` (see `_lines_scene.py`); `_static_svg.py`
writes it as SVG and `_static_raster.py` paints it with Pillow, so the
static fallback, the PNG and the GIF frames look the same. This module also
holds the layout pieces kinds share: colours, ticks, number formats, the
title and legend rows, and the axes around a plot rectangle.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, overload

import numpy as np

from .._core.spec import STYLE
from .ticks import exact_label, labelled_ticks

# The palette and light theme both renderers read from _spec/style.json.
PALETTE: tuple[str, ...] = tuple(STYLE["palette"])
_LIGHT = STYLE["theme"]["light"]
TEXT, MUTED, BACKGROUND = _LIGHT["text"], _LIGHT["muted"], _LIGHT["background"]
GRID, AXIS = _LIGHT["grid"], _LIGHT["axis"]
FONT_FAMILY: str = STYLE["font"]["family"]
FONT_SIZE: float = STYLE["font"]["size"]
LINE_WIDTH: float = STYLE["line_width"]
PAD: float = STYLE["pad"]


def series_color(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def faint(color: str, alpha: float = 0.3) -> str:
    """`color` (#rrggbb) at `alpha` over the background, as one opaque colour."""
    mix = [
        round(alpha * int(color[i : i + 2], 16) + (1 - alpha) * int(BACKGROUND[i : i + 2], 16))
        for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{v:02x}" for v in mix)


def replay_ends(n: int, every: int) -> list[int]:
    """Rows shown by each frame of a replay of `n` rows, from the first row to all `n`.

    `every` more rows a frame; one frame of all when `every` covers them.
    """
    if every >= n:
        return [n]
    return [*range(1, n, every), n]


def replay_every(n: int, frames: int) -> int:
    """Rows a frame so that a replay of `n` rows has at most `frames` frames (`replay_ends`)."""
    if frames <= 1 or n <= 1:
        return max(n, 1)
    return max(1, math.ceil((n - 1) / (frames - 1)))


# ----- primitives -------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass(frozen=True)
class Polylines:
    """Unconnected runs of connected points; each run is a K x 2 array of (x, y)."""

    runs: tuple[np.ndarray, ...]
    stroke: str
    width: float = 1.0


@dataclass(frozen=True)
class Points:
    """Markers of `size` CSS pixels across, centred on the K x 2 pixel positions `xy`.

    Point i has the CSS colour `palette[levels[i]]`; later points are drawn
    over earlier ones. `opacity` fades them all (a scatter's older frames);
    `square` markers suit points too small to look round.
    """

    xy: np.ndarray
    levels: np.ndarray
    palette: tuple[str, ...]
    size: float
    opacity: float = 1.0
    square: bool = False


@dataclass(frozen=True)
class Text:
    """Text whose baseline starts at (x, y), centres on it or ends at it (`anchor`)."""

    x: float
    y: float
    text: str
    fill: str = TEXT
    size: float = FONT_SIZE
    anchor: str = "start"  # "start" | "middle" | "end"
    bold: bool = False
    vertical: bool = False  # turned a quarter left about (x, y): reads bottom to top


@dataclass(frozen=True, eq=False)
class Image:
    """Pixels (an H x W x 3 RGB or x 4 RGBA uint8 array) stretched over a rectangle, unsmoothed."""

    x: float
    y: float
    width: float
    height: float
    pixels: np.ndarray


@dataclass(frozen=True)
class Inset:
    """Another scene drawn with its top-left corner at (x, y): how pictures compose.

    The inner scene keeps its own coordinates and background, so any scene
    (any kind's, a placeholder) can be placed without knowing its items.
    """

    x: float
    y: float
    scene: Scene


@dataclass
class Scene:
    """A picture of `width` x `height` CSS pixels: items painted in order."""

    width: int
    height: int
    items: list[Any] = field(default_factory=list)
    background: str = BACKGROUND
    plot: PlotArea | None = None  # where data maps to pixels, for kinds with axes


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of the width of `text` in a sans-serif font (no font is measured)."""
    return 0.6 * size * len(text)


# ----- numbers ------------------------------------------------------------------


# Significant digits of a legend value and of a fractional step; why these, see
# js/host/format.js, whose formatValue and formatStep these functions twin.
VALUE_DIGITS = 7
STEP_DIGITS = 12


def _significant(value: float, digits: int, low: float, high: float) -> str:
    """`value` to `digits` significant digits, trailing zeros dropped, as JS toPrecision rounds.

    Fixed while the rounded magnitude is in [`low`, `high`), else as "1.5e+7".
    Halves go away from zero (JS rounds the exact binary value so; Python's
    format would round them to even).
    """
    if value == 0:
        return "0"
    exact = Decimal(float(value))  # numpy's float32 is no float Decimal takes
    quantum = Decimal(1).scaleb(exact.adjusted() - digits + 1)
    rounded = float(exact.quantize(quantum, rounding=ROUND_HALF_UP))
    if low <= abs(rounded) < high:
        return str(int(rounded)) if rounded.is_integer() else f"{rounded:.15g}"
    mantissa, exponent = f"{rounded:.{digits - 1}e}".split("e")
    return f"{mantissa.rstrip('0').rstrip('.')}e{int(exponent):+d}"


def format_value(value: float) -> str:
    """A value as the widget's legend shows it (js/host/format.js formatValue)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    return _significant(value, VALUE_DIGITS, 1e-3, 1e7)


def format_step(step: float) -> str:
    """A step as users logged it: integers exactly, others with their fraction to 12 digits."""
    if float(step).is_integer():
        return str(int(step))
    return _significant(step, STEP_DIGITS, 1e-4, math.inf)


def padded_range(lo: float | None, hi: float | None) -> tuple[float, float]:
    """The y range for data in [lo, hi]: 5 % margins; a flat or empty range still has height."""
    if lo is None or hi is None:
        return 0.0, 1.0
    if hi == lo:
        half = abs(lo) * 0.1 or 1.0
        return lo - half, hi + half
    margin = (hi - lo) * 0.05
    return lo - margin, hi + margin


# ----- layout pieces --------------------------------------------------------------


@dataclass(frozen=True)
class PlotArea:
    """The plot rectangle in pixels and the data ranges it shows."""

    left: float
    top: float
    width: float
    height: float
    x_range: tuple[float, float]
    y_range: tuple[float, float]

    @overload
    def x_px(self, x: np.ndarray) -> np.ndarray: ...
    @overload
    def x_px(self, x: float) -> float: ...
    def x_px(self, x: np.ndarray | float) -> np.ndarray | float:
        x0, x1 = self.x_range
        return self.left + (np.asarray(x, np.float64) - x0) * (self.width / (x1 - x0))

    @overload
    def y_px(self, y: np.ndarray) -> np.ndarray: ...
    @overload
    def y_px(self, y: float) -> float: ...
    def y_px(self, y: np.ndarray | float) -> np.ndarray | float:
        y0, y1 = self.y_range
        bottom = self.top + self.height
        return bottom - (np.asarray(y, np.float64) - y0) * (self.height / (y1 - y0))


def title_row(scene: Scene, title: str, top: float) -> float:
    """Draw the title at `top` if there is one; return where the next row starts."""
    if not title:
        return top
    scene.items.append(Text(PAD, top + 15, title, size=15, bold=True))
    return top + 24


def legend_row(
    scene: Scene, caption: str, entries: Sequence[tuple[str, str, bool]], top: float
) -> float:
    """A muted caption, then (colour, text, muted) entries, wrapping; returns the next row."""
    size = 12
    baseline = top + 13
    x = PAD
    if caption:
        scene.items.append(Text(x, baseline, caption, fill=MUTED, size=size))
        x += text_width(caption, size) + 14
    for color, text, muted in entries:
        need = 17 + text_width(text, size) + 14
        if x + need > scene.width - PAD and x > PAD:
            x, baseline = PAD, baseline + 18
        scene.items.append(Rect(x, baseline - 5, 12, 3, MUTED if muted else color))
        scene.items.append(Text(x + 17, baseline, text, fill=MUTED if muted else TEXT, size=size))
        x += need
    return baseline + 9


def linear_ticks(y_range: tuple[float, float], plot_height: float) -> list[tuple[float, str]]:
    """Round y ticks for a plot `plot_height` pixels high, with their labels."""
    return labelled_ticks(*y_range, max(2, int(plot_height // 50)))


def log_ticks(log_range: tuple[float, float], plot_height: float) -> list[tuple[float, str]]:
    """Ticks of a log10 axis, at log10 of their values.

    Powers of ten; round values when the range spans less than a decade.
    """
    lo, hi = log_range
    powers = range(math.ceil(lo - 1e-9), math.floor(hi + 1e-9) + 1)
    if len(powers) >= 2:
        every = max(1, math.ceil(len(powers) / max(2, int(plot_height // 40))))
        return [(float(p), exact_label(10.0**p)) for p in powers if p % every == 0]
    ticks = labelled_ticks(10**lo, 10**hi, max(2, int(plot_height // 50)))
    return [(math.log10(y), label) for y, label in ticks if y > 0]


def axes(scene: Scene, area: PlotArea, x_label: str, y_ticks: list[tuple[float, str]]) -> None:
    """Grid lines, tick labels and the x label around `area`, as the widget draws them."""
    grid = []
    for x, label in labelled_ticks(*area.x_range, max(2, int(area.width // 90))):
        px = float(area.x_px(x))
        grid.append(np.array([[px, area.top], [px, area.top + area.height]]))
        scene.items.append(Text(px, area.top + area.height + 15, label, anchor="middle"))
    for y, label in y_ticks:
        py = float(area.y_px(y))
        grid.append(np.array([[area.left, py], [area.left + area.width, py]]))
        scene.items.append(Text(area.left - 6, py + 4, label, anchor="end"))
    scene.items.insert(0, Polylines(tuple(grid), GRID, 1.0))
    if x_label:
        middle = area.left + area.width / 2
        scene.items.append(Text(middle, area.top + area.height + 31, x_label, anchor="middle"))


def y_axis_width(y_ticks: list[tuple[float, str]]) -> float:
    """Room for the longest y tick label, as the widget sizes its axis."""
    longest = max((text_width(label) for _, label in y_ticks), default=0.0)
    return math.ceil(longest + 14)


def runs_of_finite(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """Split a line at non-finite y values (gaps) into runs of (x, y) points."""
    finite = np.isfinite(y)
    if not finite.any():
        return ()
    points = np.column_stack((x, y))
    # Run boundaries: where finiteness changes.
    edges = np.flatnonzero(np.diff(finite.astype(np.int8))) + 1
    pieces = np.split(points, edges)
    flags = np.split(finite, edges)
    return tuple(p for p, f in zip(pieces, flags, strict=True) if f[0])
