"""The static picture of a Dashboard: its panels' pictures placed on its grid.

Each panel is drawn by its kind (what `_kinds` registers, handed in as `Draws`) at the width
of its grid cell and placed as an `Inset`, so a kind that registers there
shows up in dashboards with no change here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from .._core.layout import Cell
from . import scene as s

DEFAULT_WIDTH = 1000  # about a notebook's width, so panels look as they do there
GAP_X, GAP_Y = 12, 8  # the widget grid's gaps (grid_gap in _dashboard.py)


class Draws(Protocol):
    """What draws one panel: its kind's picture and replay frames."""

    def scene(self, data: Any, width: int, /) -> s.Scene: ...

    def frames(self, data: Any, every: int, width: int, /) -> Iterable[s.Scene]: ...


@dataclass(frozen=True)
class PanelPicture:
    """What one panel's picture is made from, taken from its plot in one piece."""

    name: str
    cell: Cell
    kind: str
    exports: Draws
    data: Any  # the plot's `_data()`
    rows: int  # rows in the plot's history
    title: str
    height: int  # the plot's chart height in CSS pixels


def dashboard_scene(
    title: str, panels: Sequence[PanelPicture], columns: int, width: int = DEFAULT_WIDTH
) -> s.Scene:
    """Every panel's final picture, placed on the grid under the title."""
    grid = _Grid(columns, width)
    pictures = []
    for panel in panels:
        w = grid.width_of(panel.cell)
        pictures.append(panel.exports.scene(panel.data, w))
    return grid.compose(title, [p.cell for p in panels], pictures)


def dashboard_frames(
    title: str,
    panels: Sequence[PanelPicture],
    columns: int,
    frames: int,
    width: int = DEFAULT_WIDTH,
) -> list[s.Scene]:
    """The panels replayed together: frame i shows each at the same fraction of its history.

    At most `frames` frames, fewer when no panel has that many rows; the
    last frame shows every row of every panel.
    """
    count = max(1, min(frames, max((p.rows for p in panels), default=1)))
    grid = _Grid(columns, width)
    per_panel = []  # each panel's own frames, each covering `every` more of its rows
    for panel in panels:
        w = grid.width_of(panel.cell)
        every = s.replay_every(panel.rows, count)
        per_panel.append(list(panel.exports.frames(panel.data, every, w)))
    cells = [p.cell for p in panels]
    return [
        grid.compose(title, cells, [own[_at(i, count, len(own))] for own in per_panel])
        for i in range(count)
    ]


def _at(i: int, count: int, frames: int) -> int:
    """The own frame (of `frames`) a panel shows in frame `i` of `count`: first to last."""
    if count == 1:
        return frames - 1
    return round(i * (frames - 1) / (count - 1))


class _Grid:
    """Column positions for a picture `width` wide, and rows as tall as their panels."""

    def __init__(self, columns: int, width: int) -> None:
        self.columns = columns
        self.width = width
        self.column_width = (width - 2 * s.PAD - (columns - 1) * GAP_X) / columns

    def x_of(self, cell: Cell) -> float:
        return s.PAD + cell.col * (self.column_width + GAP_X)

    def width_of(self, cell: Cell) -> int:
        return math.floor(cell.colspan * self.column_width + (cell.colspan - 1) * GAP_X)

    def compose(self, title: str, cells: Sequence[Cell], pictures: Sequence[s.Scene]) -> s.Scene:
        scene = s.Scene(self.width, 0)
        top = s.title_row(scene, title, s.PAD)
        if title:  # a rule under the title, as under the widget's header
            scene.items.append(s.Rect(s.PAD, top, self.width - 2 * s.PAD, 1, s.GRID))
            top += 8
        rows = max(cell.row + cell.rowspan for cell in cells)
        heights = [0] * rows
        placed = sorted(zip(cells, pictures, strict=True), key=lambda p: p[0].rowspan)
        for cell, picture in placed:  # one-row panels first; spans then grow their last row
            spanned = range(cell.row, cell.row + cell.rowspan)
            have = sum(heights[r] for r in spanned) + (cell.rowspan - 1) * GAP_Y
            heights[spanned[-1]] += max(0, picture.height - have)
        row_tops = [top + sum(heights[:r]) + r * GAP_Y for r in range(rows)]
        for cell, picture in zip(cells, pictures, strict=True):
            scene.items.append(s.Inset(self.x_of(cell), row_tops[cell.row], picture))
        scene.height = math.ceil(row_tops[-1] + heights[-1] + s.PAD)
        return scene
