"""Where each Dashboard panel goes: validated grid cells."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from itertools import combinations
from typing import NamedTuple

# Grid lines a layout may use, across and down: a generous bound for panels
# on one screen, which keeps a typo from becoming a huge CSS grid.
MAX_GRID = 64


class Cell(NamedTuple):
    """A panel's place: 0-based row and column, and how many it spans."""

    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1

    @property
    def css_area(self) -> str:
        """The CSS `grid-area` of this cell (CSS grid lines count from 1)."""
        return f"{self.row + 1} / {self.col + 1} / span {self.rowspan} / span {self.colspan}"


def flow_layout(names: list[str], columns: object) -> tuple[dict[str, Cell], int]:
    """Fill rows left to right, `columns` panels per row; returns cells and the column count."""
    if isinstance(columns, bool) or not isinstance(columns, numbers.Integral):
        raise TypeError(f"columns must be an integer; got {type(columns).__name__} {columns!r}")
    count = int(columns)
    if not 1 <= count <= MAX_GRID:
        raise ValueError(f"columns must be between 1 and {MAX_GRID}; got {columns}")
    cells = {name: Cell(i // count, i % count) for i, name in enumerate(names)}
    return cells, min(count, max(len(names), 1))


def grid_layout(names: list[str], layout: object) -> tuple[dict[str, Cell], int]:
    """Check a mapping name -> (row, col[, rowspan, colspan]); return cells and column count."""
    if not isinstance(layout, Mapping):
        raise TypeError(
            "layout must be a mapping of panel name -> (row, col, rowspan, colspan); "
            f"got {type(layout).__name__}"
        )
    missing = [name for name in names if name not in layout]
    extra = [repr(name) for name in layout if name not in names]
    if missing or extra:
        raise ValueError(
            f"layout must place every panel exactly: panels are {names}; "
            + "; ".join(
                part
                for part in (
                    f"not placed: {missing}" if missing else "",
                    f"not panels: {', '.join(extra)}" if extra else "",
                )
                if part
            )
        )
    cells = {name: _cell(name, layout[name]) for name in names}
    _reject_overlaps(cells)
    return cells, max(cell.col + cell.colspan for cell in cells.values())


def _cell(name: str, place: object) -> Cell:
    expected = f"layout[{name!r}] must be (row, col) or (row, col, rowspan, colspan)"
    if isinstance(place, str) or not isinstance(place, (tuple, list)) or len(place) not in (2, 4):
        raise ValueError(f"{expected}; got {place!r}")
    for part in place:
        if isinstance(part, bool) or not isinstance(part, numbers.Integral):
            raise TypeError(f"{expected} of integers; got {place!r}")
    cell = Cell(*(int(part) for part in place))
    if cell.row < 0 or cell.col < 0 or cell.rowspan < 1 or cell.colspan < 1:
        raise ValueError(f"{expected} with row, col >= 0 and spans >= 1; got {place!r}")
    if cell.row + cell.rowspan > MAX_GRID or cell.col + cell.colspan > MAX_GRID:
        raise ValueError(
            f"{expected} within a {MAX_GRID} x {MAX_GRID} grid (row + rowspan and "
            f"col + colspan at most {MAX_GRID}); got {place!r}"
        )
    return cell


def _reject_overlaps(cells: dict[str, Cell]) -> None:
    """Raise ValueError for two panels sharing a cell (rectangles compared, cells not visited)."""
    for (a, one), (b, other) in combinations(cells.items(), 2):
        top = max(one.row, other.row)
        bottom = min(one.row + one.rowspan, other.row + other.rowspan)
        left = max(one.col, other.col)
        right = min(one.col + one.colspan, other.col + other.colspan)
        if top < bottom and left < right:
            raise ValueError(
                f"layout places {a!r} and {b!r} on the same cell (row {top}, col {left})"
            )
