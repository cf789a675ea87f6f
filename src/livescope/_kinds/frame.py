"""kind="frame": the row shown as curves over their index or `x`, or as `facet` panels."""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence
from typing import cast

import numpy as np

from .._core.arrays import as_array, describe
from .._core.check import check_int, check_range
from .._core.data import LinesData
from .._core.rows import MAX_COLUMNS, MAX_VALUES
from .._core.snapshot import Snapshot
from .._picture.frame import frame_frames, frame_scene, parts_of
from .._picture.frame_parts import ROW_X
from .._runs.session import RecordedRun, sample_run_rows
from .base import Kind, View, reject_options
from .frame_rows import ROW_X_KEY, FrameRows
from .grid_snapshot import FRAMES, grid_snapshot
from .lines import VIEW_STATE, hidden_view_state, runs_view_state
from .lines_snapshot import add_runs

# What a saved notebook keeps of each previous run compared with: its rows
# sampled evenly by step, as many as the plot's own (`FRAMES`), in this many bytes.
RUN_SNAPSHOT_BYTES = 256 << 10

OPTIONS = ("x", "xlim", "ylim", "facet", "facet_columns", "curves", "markers")
MAX_FACET_COLUMNS = 1024


def make(**options: object) -> View:
    """Options: ``x``, ``xlim``, ``ylim``, ``facet``, ``facet_columns``, ``curves``, ``markers``.

    ``x`` is increasing finite numbers, or "row" for rows that carry their own
    x (docs/kinds/frame.md).
    """
    reject_options("frame", options, OPTIONS)
    x_option = options.get("x")
    if isinstance(x_option, str) and x_option != ROW_X:
        raise ValueError(
            f"x must be M increasing numbers or 'row' (each row carries its own x); "
            f"got {x_option!r}"
        )
    row_x = isinstance(x_option, str)  # "row", checked above
    x = None if x_option is None or row_x else check_x(x_option)
    facet = _check_facet(options.get("facet", 1))
    names = _check_curves(options.get("curves"), row_x)
    if facet > 1 and (names is not None or row_x):
        given = f"curves={options.get('curves')!r}" if names is not None else "x='row'"
        raise ValueError(
            f"facet={facet} and {given} do not combine: facet splits a row into panels of one "
            "curve each, over one x; draw several curves in one panel with curves= instead"
        )
    markers = options.get("markers", False)
    if not isinstance(markers, (bool, np.bool_)):
        raise TypeError(f"markers must be True or False; got {type(markers).__name__} {markers!r}")
    checked: dict[str, object] = {
        "x": ROW_X if row_x else x,
        "xlim": check_range("xlim", options.get("xlim")),
        "ylim": check_range("ylim", options.get("ylim")),
        "facet": facet,
        "curves": list(names) if names is not None else None,
        "markers": bool(markers),
    }
    if options.get("facet_columns") is not None:  # panels a row; default: as square as fit
        checked["facet_columns"] = check_int(
            "facet_columns", options["facet_columns"], at_least=1, at_most=MAX_FACET_COLUMNS
        )
    if facet > 1:
        return View(
            kind="frame",
            options=checked,
            width=len(x) * facet if x is not None else None,
            reshape=_panels_to_row(facet),
            reshape_rows=_panels_to_rows(facet),
            replayable=True,
            named_columns=False,
        )
    rows = FrameRows(names, len(x) if x is not None else None, row_x)
    return View(
        kind="frame",
        options=checked,
        # Without curves= the first row decides how many curves (a dict names them).
        width=len(x) * rows.parts if x is not None and names is not None else None,
        reshape=rows.row,
        reshape_rows=rows.rows,
        replayable=True,
        named_columns=False,
        learned_options=None if names is not None else rows.learned,
        front_end_options=front_end_options,
    )


def front_end_options(options: dict[str, object]) -> dict[str, object]:
    """The options as the view writes them, checked.

    Besides the options `make` takes: the legend's `hidden` (the names of the
    curves hidden), and the runs legend's `hidden_runs` and `compare`.
    """
    kept = {**hidden_view_state(options), **runs_view_state(options)}
    checked = make(**{k: v for k, v in options.items() if k not in VIEW_STATE}).options
    return {**checked, **kept}


def check_x(value: object, name: str = "x", most: int = MAX_VALUES) -> list[float]:
    """Where each value of a row (of a panel, with facets) goes: 1-D, finite, increasing.

    `name` is the argument named in errors (a bars plot's ``edges``), and
    `most` how many values it may have, checked before any is converted.
    """
    try:
        x = np.asarray(value)
    except ValueError as error:  # ragged nested sequences
        raise ValueError(f"{name} must be a 1-D array of numbers; {error}") from error
    if x.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be an array of real numbers; got {x.dtype} values")
    if x.ndim != 1 or len(x) == 0:
        shape = "x".join(map(str, x.shape)) or "scalar"
        raise ValueError(f"{name} must be 1-D with one value per row value; got shape {shape}")
    if len(x) > most:
        raise ValueError(f"{name} must have at most {most:,} values; got {len(x):,}")
    x = x.astype(np.float64)
    bad = np.flatnonzero(~np.isfinite(x))
    if bad.size:
        raise ValueError(f"{name} must hold finite numbers; got {name}[{bad[0]}] = {x[bad[0]]}")
    flat = np.flatnonzero(np.diff(x) <= 0)
    if flat.size:
        i = flat[0] + 1
        raise ValueError(
            f"{name} must be strictly increasing; got {name}[{i}] = {x[i]:g} after "
            f"{name}[{i - 1}] = {x[i - 1]:g}"
        )
    return cast("list[float]", x.tolist())  # a 1-D float64 array


def _check_curves(value: object, row_x: bool) -> tuple[str, ...] | None:
    """None, n (curves named "0".."n-1"), or the curves' names: unique strings."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, Sequence)):
        raise TypeError(
            f"curves must be a list of curve names or a number of curves; "
            f"got {type(value).__name__} {value!r}"
        )
    if isinstance(value, str):
        raise TypeError(f"curves must be a list of names, not one string; got {value!r}")
    if isinstance(value, numbers.Integral):
        count = check_int("curves", value, at_least=1, at_most=MAX_COLUMNS)
        names = tuple(str(i) for i in range(count))
    else:
        names = tuple(value)
        if not 1 <= len(names) <= MAX_COLUMNS:
            raise ValueError(f"curves must name 1 to {MAX_COLUMNS} curves; got {len(names)}")
        for name in names:
            if not isinstance(name, str):
                raise TypeError(
                    f"curves must hold names (str); got {type(name).__name__} {name!r}"
                )
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise ValueError(f"curves must be unique names; repeated: {', '.join(repeated)}")
    if row_x and ROW_X_KEY in names:
        raise ValueError(
            "curves must not name a curve 'x' with x='row': a dict row's 'x' is its positions; "
            f"got curves={list(names)!r}"
        )
    return names


def _check_facet(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"facet must be a number of panels (an integer); got {value!r}")
    return check_int("facet", value, at_least=1, at_most=MAX_COLUMNS)


def _panels_to_row(facet: int) -> Callable[[object, int | None], object]:
    def reshape(row: object, _width: int | None) -> object:
        """`facet` x L panels, or facet * L values, as one flat row."""
        array = as_array(row, "a frame row")
        if array.ndim == 2 and len(array) == facet:
            return array.reshape(-1)
        if array.ndim == 1 and len(array) % facet == 0:
            return array
        raise ValueError(
            f"a frame row with facet={facet} must be a {facet} x L array (one row per panel) "
            f"or a multiple of {facet} values; got {describe(array, row)}"
        )

    return reshape


def _panels_to_rows(facet: int) -> Callable[[object, int | None], object]:
    def reshape_rows(rows: object, _width: int | None) -> object:
        """K x `facet` x L panels, or K x facet * L values, as K flat rows."""
        array = as_array(rows, "frame rows")
        if array.ndim == 3 and array.shape[1] == facet:
            return array.reshape(len(array), -1)
        if array.ndim == 2 and array.shape[1] % facet == 0:
            return array
        raise ValueError(
            f"frame rows with facet={facet} must be a K x {facet} x L array or K x M with M "
            f"a multiple of {facet}; got {describe(array, rows)}"
        )

    return reshape_rows


def frame_snapshot(data: LinesData, max_points: int | None = FRAMES) -> Snapshot:
    """A grid snapshot whose `range` spans the curves only, with `x_range` for rows' own x.

    Named curves each have their extent in `curve_ranges`.

    The previous runs compared with go along, each at most `max_points` of its
    rows (sampled evenly by step) in RUN_SNAPSHOT_BYTES.
    """
    snapshot = grid_snapshot("frame", data, max_points)
    if data.runs:
        snapshot.fields["runs"] = add_runs(snapshot.arrays, data.runs, max_points, _fit_run)
        snapshot.fields["live_run"] = data.run
    parts = parts_of(data)
    if parts.names:  # each curve's extent: the y range of the curves shown after a legend click
        snapshot.fields["curve_ranges"] = parts.curve_extents(np.asarray(data.values))
    if not parts.row_x:
        return snapshot
    values = np.asarray(data.values)
    lo, hi, non_finite = parts.y_extent(values)
    x_lo, x_hi = parts.x_extent(values)
    fields = {
        **snapshot.fields,
        "range": None if lo is None else [lo, hi],
        "non_finite": non_finite,
        "x_range": None if x_lo is None else [x_lo, x_hi],
    }
    return Snapshot(snapshot.kind, fields, snapshot.arrays)


def _fit_run(run: RecordedRun, max_rows: int) -> RecordedRun:
    return sample_run_rows(run, max_rows, RUN_SNAPSHOT_BYTES)


KIND = Kind(
    name="frame",
    make=make,
    snapshot=frame_snapshot,
    scene=lambda data, width: frame_scene(data, width=width),
    frames=frame_frames,
)
