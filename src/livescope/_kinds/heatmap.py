"""kind="heatmap": every row is one rows x cols frame, drawn as an image."""

from __future__ import annotations

import numbers
from collections.abc import Callable

from .._core.arrays import as_array, describe
from .._core.check import (
    check_colormap,
    check_labels,
    check_limits,
    check_str,
    optional_number,
)
from .._core.rows import MAX_VALUES
from .._core.value_format import check_value_format
from .._picture.heatmap import heatmap_frames, heatmap_scene
from .base import Kind, View, reject_options
from .grid_snapshot import FRAMES, grid_snapshot

OPTIONS = (
    "shape",
    "colormap",
    "vmin",
    "vmax",
    "vcenter",
    "row_labels",
    "col_labels",
    "annotate",
    "colorbar_label",
)


def make(**options: object) -> View:
    """Options: ``shape`` (required), ``colormap``, ``vmin``, ``vmax``, labels, ``annotate``."""
    reject_options("heatmap", options, OPTIONS)
    if options.get("shape") is None:
        raise TypeError("LivePlot(kind='heatmap') needs shape=(rows, cols), the size of a frame")
    rows, cols = _check_shape(options["shape"])
    vmin, vmax = check_limits(options.get("vmin"), options.get("vmax"))
    vcenter = _check_center(options.get("vcenter"), vmin, vmax)
    colorbar_label = options.get("colorbar_label")
    check_str("colorbar_label", colorbar_label, optional=True)
    return View(
        kind="heatmap",
        options={
            "shape": [rows, cols],
            "colormap": check_colormap(options.get("colormap", "viridis")),
            "vmin": vmin,
            "vmax": vmax,
            "vcenter": vcenter,
            "row_labels": check_labels("row_labels", options.get("row_labels"), rows),
            "col_labels": check_labels("col_labels", options.get("col_labels"), cols),
            "annotate": _check_annotate(options.get("annotate")),
            "colorbar_label": colorbar_label,
        },
        width=rows * cols,
        reshape=_frame_to_row(rows, cols),
        reshape_rows=_frames_to_rows(rows, cols),
        replayable=True,
        named_columns=False,
    )


def _check_center(value: object, vmin: float | None, vmax: float | None) -> float | None:
    """None, or the value drawn in the colormap's middle colour, strictly inside vmin..vmax."""
    center = optional_number("vcenter", value)
    if center is None:
        return None
    if (vmin is not None and center <= vmin) or (vmax is not None and center >= vmax):
        low = "-inf" if vmin is None else f"{vmin:g}"
        high = "inf" if vmax is None else f"{vmax:g}"
        raise ValueError(
            f"vcenter must lie strictly between vmin and vmax ({low} .. {high}); got {center:g}"
        )
    return center


def _check_annotate(value: object) -> bool | str | None:
    """None (automatic), True, False, or the format of the values written (``"{:.3f}"``)."""
    if isinstance(value, str):
        return check_value_format("annotate", value)
    if value is not None and not isinstance(value, bool):
        raise TypeError(
            "annotate must be True, False, None (automatic) or a format such as '{:.3f}'; "
            f"got {type(value).__name__} {value!r}"
        )
    return value


def _check_shape(value: object) -> tuple[int, int]:
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 2
        or not all(isinstance(n, numbers.Integral) and not isinstance(n, bool) for n in value)
    ):
        raise TypeError(f"shape must be a pair of integers (rows, cols); got {value!r}")
    rows, cols = int(value[0]), int(value[1])
    if rows < 1 or cols < 1:
        raise ValueError(f"shape must be (rows, cols) with both at least 1; got {(rows, cols)}")
    if rows * cols > MAX_VALUES:
        raise ValueError(
            f"shape must make at most {MAX_VALUES:,} values (rows x cols); got {rows} x {cols}"
        )
    return rows, cols


def _frame_to_row(rows: int, cols: int) -> Callable[[object, int | None], object]:
    def reshape(frame: object, _width: int | None) -> object:
        """A rows x cols frame, or rows*cols values, as one flat row."""
        array = as_array(frame, "a heatmap row")
        if array.shape == (rows, cols) or array.shape == (rows * cols,):
            return array.reshape(-1)
        raise ValueError(
            f"a heatmap row must be a {rows} x {cols} array (shape=({rows}, {cols})) "
            f"or {rows * cols} values; got {describe(array, frame)}"
        )

    return reshape


def _frames_to_rows(rows: int, cols: int) -> Callable[[object, int | None], object]:
    def reshape_rows(frames: object, _width: int | None) -> object:
        """K frames (K x rows x cols, or K x rows*cols) as a K x rows*cols array."""
        array = as_array(frames, "heatmap rows")
        if array.ndim == 3 and array.shape[1:] == (rows, cols):
            return array.reshape(len(array), rows * cols)
        if array.ndim == 2 and array.shape[1] == rows * cols:
            return array
        raise ValueError(
            f"heatmap rows must be a K x {rows} x {cols} array (shape=({rows}, {cols})) "
            f"or K x {rows * cols}; got {describe(array, frames)}"
        )

    return reshape_rows


KIND = Kind(
    name="heatmap",
    make=make,
    snapshot=lambda data, max_points=FRAMES: grid_snapshot("heatmap", data, max_points),
    scene=lambda data, width: heatmap_scene(data, width=width),
    frames=heatmap_frames,
)
