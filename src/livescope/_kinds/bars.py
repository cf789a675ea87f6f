"""kind="bars": the row shown as L bars, a histogram over bin `edges` or one bar per label.

The y range follows a frame's rules: `ylim`, or every value received so
far, widened to round ticks and always including 0 (bars grow from it).
"""

from __future__ import annotations

from collections.abc import Callable

from .._core.arrays import as_array, describe
from .._core.check import check_color, check_labels, check_range
from .._core.rows import MAX_COLUMNS, MAX_VALUES
from .._picture.bars import bars_frames, bars_scene
from .base import Kind, View, reject_options
from .frame import check_x
from .grid_snapshot import FRAMES, grid_snapshot

OPTIONS = ("edges", "labels", "ylim", "color")


def make(
    edges: object = None,
    labels: object = None,
    ylim: object = None,
    color: str | None = None,
    **unknown: object,
) -> View:
    """Options: ``edges`` (L + 1 increasing numbers) or ``labels`` (L), ``ylim``, ``color``."""
    reject_options("bars", unknown, OPTIONS)
    if edges is not None and labels is not None:
        raise ValueError(
            "pass either edges= (a histogram's bins) or labels= (one per bar), not both"
        )
    edge_list = _check_edges(edges)
    length = len(edge_list) - 1 if edge_list is not None else None
    label_list = None
    if labels is not None:
        if isinstance(labels, (str, bytes)) or not hasattr(labels, "__len__"):
            raise TypeError(f"labels must be a list of labels, one per bar; got {labels!r}")
        length = len(labels)
        if length == 0:
            raise ValueError("labels must name at least one bar; got an empty list")
        if length > MAX_COLUMNS:  # named as series are; a histogram of many bins takes edges=
            raise ValueError(
                f"labels must name at most {MAX_COLUMNS} bars; got {length} (for more bars, "
                "give the bins' edges= instead)"
            )
        label_list = check_labels("labels", labels, length)
    return View(
        kind="bars",
        options={
            "edges": edge_list,
            "labels": label_list,
            "ylim": check_range("ylim", ylim),
            "color": check_color(color),
        },
        width=length,
        reshape=_row(length, edges is not None) if length else None,
        reshape_rows=_rows(length, edges is not None) if length else None,
        replayable=True,
        named_columns=False,
    )


def _check_edges(edges: object) -> list[float] | None:
    if edges is None:
        return None
    checked = check_x(edges, "edges", most=MAX_VALUES + 1)  # one more edge than bars
    if len(checked) < 2:
        raise ValueError(f"edges must have at least 2 values (one bin); got {len(checked)}")
    return checked


def _what(length: int, by_edges: bool) -> str:
    if by_edges:
        return f"{length} values, one per bin of edges (len(edges) - 1 = {length})"
    return f"{length} values, one per label"


def _row(length: int, by_edges: bool) -> Callable[[object, int | None], object]:
    def reshape(row: object, _width: int | None) -> object:
        array = as_array(row, "row")
        if array.ndim == 1 and len(array) == length:
            return array
        hint = " (use extend() to add several rows)" if array.ndim == 2 else ""
        raise ValueError(
            f"row must have {_what(length, by_edges)}; got {describe(array, row)}{hint}"
        )

    return reshape


def _rows(length: int, by_edges: bool) -> Callable[[object, int | None], object]:
    def reshape_rows(rows: object, _width: int | None) -> object:
        array = as_array(rows, "rows")
        if array.ndim == 2 and array.shape[1] == length:
            return array
        raise ValueError(
            f"rows must be a K x {length} array, each row {_what(length, by_edges)}; "
            f"got {describe(array, rows)}"
        )

    return reshape_rows


KIND = Kind(
    name="bars",
    make=make,
    snapshot=lambda data, max_points=FRAMES: grid_snapshot("bars", data, max_points),
    scene=lambda data, width: bars_scene(data, width=width),
    frames=bars_frames,
)
