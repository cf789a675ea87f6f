"""The kinds a LivePlot can be drawn as: one module per kind, THE registry here.

Each kind module ends with its `KIND` entry: options (`make`), snapshot,
picture and replay frames. Nothing else in the package lists kinds.
"""

from __future__ import annotations

import numbers
from typing import Any

from .._core.rows import check_values_count, parse_columns
from . import bars, frame, heatmap, image, lines, scatter, segments, trajectory, waterfall
from .base import Kind, View

REGISTRY: dict[str, Kind] = {
    module.KIND.name: module.KIND
    for module in (lines, frame, heatmap, waterfall, scatter, trajectory, image, segments, bars)
}
KINDS = tuple(REGISTRY)

__all__ = ["KINDS", "REGISTRY", "Kind", "View", "columns_and_width", "make_view", "taken_options"]


def make_view(kind: object, options: dict[str, object]) -> View:
    """Validate `kind` and its keyword options; return what the plot needs of the view."""
    if not isinstance(kind, str) or kind not in REGISTRY:
        known = ", ".join(repr(k) for k in KINDS)
        raise ValueError(f"kind must be one of {known}; got {kind!r}")
    return REGISTRY[kind].make(**options)


def taken_options(kind: object, options: dict[str, Any]) -> dict[str, Any]:
    """The `options` that `kind` takes here: all, or those it takes each on its own.

    For a run recorded by another version, whose options may hold one unknown
    here or a value refused here: those are left out, the others kept (all
    of them left out when they pass one by one but not together).
    """
    if _takes(kind, options):
        return options
    taken = {k: v for k, v in options.items() if _takes(kind, {k: v})}
    return taken if _takes(kind, taken) else {}


def _takes(kind: object, options: dict[str, Any]) -> bool:
    try:
        make_view(kind, options)
    except (TypeError, ValueError):
        return False
    return True


def columns_and_width(view: View, columns: object) -> tuple[tuple[str, ...] | None, int | None]:
    """Series names (None until known) and values per row (None until known)."""
    if view.columns is not None:
        if columns is not None:
            raise TypeError(
                f"LivePlot(kind={view.kind!r}) takes no columns argument: that kind sets its "
                f"own columns; got columns={columns!r}"
            )
        names = view.columns or None
        return names, view.width if view.width is not None else (len(names) if names else None)
    if view.named_columns:
        names = parse_columns(columns)
        return names, len(names) if names else None
    if columns is not None and (
        isinstance(columns, bool) or not isinstance(columns, numbers.Integral)
    ):
        raise TypeError(
            f"LivePlot(kind={view.kind!r}) takes no column names: its values are positions; "
            f"pass columns=M (values per row) or leave it out; got {type(columns).__name__}"
        )
    width = None if columns is None else int(columns)
    if width is not None and width < 1:
        raise ValueError(f"columns must be at least 1 when given as a count; got {width}")
    if width is not None:
        check_values_count(width, "columns")
    if view.width is not None:
        check_values_count(view.width, f"a row of kind={view.kind!r}, as its options set it,")
    if view.width is not None and width not in (None, view.width):
        raise ValueError(
            f"columns={width} does not match the {view.width} values per row that "
            f"kind={view.kind!r} takes from its options"
        )
    return None, view.width or width
