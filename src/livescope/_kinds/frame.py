"""kind="frame": the row shown as a curve over its index or `x`, or as `facet` panels."""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import cast

import numpy as np

from .._core.arrays import as_array, describe
from .._core.check import check_int, check_range
from .._picture.frame import frame_frames, frame_scene
from .base import Kind, View, reject_options
from .grid_snapshot import FRAMES, grid_snapshot

OPTIONS = ("x", "ylim", "facet", "facet_columns")
MAX_FACET_COLUMNS = 1024


def make(**options: object) -> View:
    """Options: ``x`` (increasing finite numbers), ``ylim`` ((lo, hi) or None), ``facet``."""
    reject_options("frame", options, OPTIONS)
    x_option = options.get("x")
    x = None if x_option is None else check_x(x_option)
    facet = _check_facet(options.get("facet", 1))
    checked: dict[str, object] = {
        "x": x,
        "ylim": check_range("ylim", options.get("ylim")),
        "facet": facet,
    }
    if options.get("facet_columns") is not None:  # panels a row; default: as square as fit
        checked["facet_columns"] = check_int(
            "facet_columns", options["facet_columns"], at_least=1, at_most=MAX_FACET_COLUMNS
        )
    return View(
        kind="frame",
        options=checked,
        width=len(x) * facet if x is not None else None,
        reshape=_panels_to_row(facet) if facet > 1 else None,
        reshape_rows=_panels_to_rows(facet) if facet > 1 else None,
        replayable=True,
        named_columns=False,
    )


def check_x(value: object, name: str = "x") -> list[float]:
    """Where each value of a row (of a panel, with facets) goes: 1-D, finite, increasing.

    `name` is the argument named in errors (a bars plot's ``edges``).
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


def _check_facet(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"facet must be a number of panels (an integer); got {value!r}")
    if value < 1:
        raise ValueError(f"facet must be at least 1; got {value}")
    return int(value)


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


KIND = Kind(
    name="frame",
    make=make,
    snapshot=lambda data, max_points=FRAMES: grid_snapshot("frame", data, max_points),
    scene=lambda data, width: frame_scene(data, width=width),
    frames=frame_frames,
)
