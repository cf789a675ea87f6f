"""Where a frame row's x and curves sit, and the ranges they span (js/kinds/frame/parts.js).

A row is consecutive parts of L values each: the row's own x first when the
`x` option is ``"row"``, then one part per curve. The curves are named by
`curves`, or are the `facet` panels' (one unnamed curve in each), or one
unnamed curve. Named curves can be hidden (the legend's `hidden`); the y
range then spans the curves shown. `xlim` fixes the x axis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import scene as s
from .grid_colors import value_extent

ROW_X = "row"  # the `x` option's value for rows that carry their own x


@dataclass(frozen=True)
class FrameParts:
    """How a frame's rows of `width` values divide, given its `view_options`."""

    length: int  # L: values per curve (and in the row's x)
    row_x: bool  # the first L values of a row are its x
    fixed_x: tuple[float, ...] | None  # the `x` option, when it fits L
    names: tuple[str, ...] | None  # the curves' names; None: unnamed
    panels: int  # `facet`: panel k draws curve k
    hidden: frozenset[str] = frozenset()  # names of the curves hidden from the legend
    xlim: tuple[float, float] | None = None  # the fixed x axis

    @property
    def count(self) -> int:
        """How many curves a row holds."""
        return len(self.names) if self.names else self.panels

    def panel(self, curve: int) -> int:
        return curve if self.panels > 1 else 0

    def color(self, curve: int) -> str:
        return s.series_color(curve)

    def shown(self, curve: int) -> bool:
        """Whether curve `curve` is drawn (not hidden from the legend)."""
        return not (self.names and self.names[curve] in self.hidden)

    def columns(self, curve: int) -> slice:
        """Where curve `curve`'s L values sit in a row."""
        start = (int(self.row_x) + curve) * self.length
        return slice(start, start + self.length)

    def curve(self, row: np.ndarray, curve: int) -> np.ndarray:
        """Curve `curve`'s L values of `row`."""
        return np.asarray(row[self.columns(curve)], np.float64)

    def x(self, row: np.ndarray | None) -> np.ndarray:
        """Where the values of `row` go: its own x, the `x` option, or the index."""
        if self.row_x:
            if row is None:
                return np.full(self.length, np.nan)
            return np.asarray(row[: self.length], np.float64)
        if self.fixed_x is not None:
            return np.asarray(self.fixed_x, np.float64)
        return np.arange(self.length, dtype=np.float64)

    def y_extent(self, values: np.ndarray) -> tuple[float | None, float | None, bool]:
        """The extent of every curve value received (a row's own x left out)."""
        return value_extent(values[:, self.length :] if self.row_x else values)

    def shown_y_extent(self, values: np.ndarray) -> tuple[float | None, float | None]:
        """The extent of every value received of the curves shown: the y axis's."""
        shown = [c for c in range(self.count) if self.shown(c)]
        if len(shown) == self.count:
            lo, hi, _ = self.y_extent(values)
            return lo, hi
        parts = [values[:, self.columns(c)] for c in shown]
        lo, hi, _ = value_extent(np.hstack(parts) if parts else values[:, :0])
        return lo, hi

    def curve_extents(self, values: np.ndarray) -> list[list[float] | None]:
        """Each curve's extent over every row, [lo, hi] (None for no finite value)."""
        extents: list[list[float] | None] = []
        for c in range(self.count):
            lo, hi, _ = value_extent(values[:, self.columns(c)])
            extents.append(None if lo is None or hi is None else [lo, hi])
        return extents

    def x_extent(self, values: np.ndarray) -> tuple[float | None, float | None]:
        """The extent of every row's own x (None, None without them)."""
        if not self.row_x:
            return None, None
        lo, hi, _ = value_extent(values[:, : self.length])
        return lo, hi

    def x_range(self, values: np.ndarray) -> tuple[float, float]:
        """The x axis: the first to the last position, one unit wide for a lone one.

        Rows that carry their x share the range of every x received, so a
        replayed curve moves on still axes; `xlim` fixes it.
        """
        if self.xlim is not None:
            return self.xlim
        if self.row_x:
            lo, hi = self.x_extent(values)
            return x_span(lo, hi)
        x = self.x(None)
        return x_span(float(x[0]), float(x[-1])) if self.length else (0.0, 1.0)


def x_span(lo: float | None, hi: float | None) -> tuple[float, float]:
    """[lo, hi], never empty: (0, 1) for no data, one unit from `lo` when flat."""
    if lo is None or hi is None:
        return 0.0, 1.0
    return (lo, hi) if hi > lo else (lo, lo + 1.0)


def frame_parts(options: Mapping[str, Any], width: int) -> FrameParts:
    """The parts of a row of `width` values, as `view_options` lay them out."""
    names = options.get("curves")
    names = tuple(str(name) for name in names) if isinstance(names, list) and names else None
    x = options.get("x")
    row_x = x == ROW_X
    panels = max(1, int(options.get("facet") or 1)) if names is None else 1
    parts = (len(names) if names else panels) + int(row_x)
    length = width // parts
    fixed_x = tuple(float(v) for v in x) if isinstance(x, list) and len(x) == length else None
    hidden = options.get("hidden")
    hidden = hidden if isinstance(hidden, list) else []
    xlim = options.get("xlim")
    xlim = (float(xlim[0]), float(xlim[1])) if isinstance(xlim, (list, tuple)) else None
    hidden_names = frozenset(h for h in hidden if isinstance(h, str))
    return FrameParts(length, row_x, fixed_x, names, panels, hidden_names, xlim)
