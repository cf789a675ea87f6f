"""kind="image": each row is one H x W x 3 (RGB) or x 4 (RGBA) picture, drawn as it is.

Pixels are kept, sent and saved as uint8: a 256 x 256 RGB frame is 192 KiB
a row, where float64 would be eight times that. Floats are read as 0..1
and rounded to 0..255; integers must already be 0..255.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._core.arrays import as_array, describe
from .._core.data import LinesData
from .._core.rows import MAX_VALUES
from .._core.snapshot import Snapshot
from .._picture.grid import sample_rows
from .._picture.image import image_frames, image_scene
from .base import Kind, View, reject_options

# Frames a snapshot keeps at most, sampled evenly, within this many bytes.
SNAPSHOT_FRAMES = 100
SNAPSHOT_BYTES = 4_000_000
_CHANNELS = (3, 4)


class ImageRows:
    """Turns H x W x C frames into flat uint8 rows; `shape`, else the first frame, fixes H, W, C.

    Once the shape is known, a frame may also come flat (H * W * C values, as
    `history` holds it, or a stored run reads back).
    """

    def __init__(self, shape: tuple[int, int, int] | None = None) -> None:
        self.shape = shape
        self.given = shape is not None  # by the `shape` option: every frame must have it

    def row(self, value: object, width: int | None) -> np.ndarray:
        """One frame as H * W * C bytes."""
        array = as_array(value, "row")
        if self.shape is not None and array.ndim == 1 and len(array) == np.prod(self.shape):
            array = array.reshape(self.shape)
        if array.ndim != 3 or array.shape[2] not in _CHANNELS or 0 in array.shape:
            hint = " (use extend() to add several frames)" if array.ndim == 4 else ""
            raise ValueError(
                f"row must be an H x W x 3 (RGB) or H x W x 4 (RGBA) image{self._like(width)}; "
                f"got {describe(array, value)}{hint}"
            )
        self._fix(array.shape, "row", width)
        return _pixels(array, "row").reshape(-1)

    def rows(self, value: object, width: int | None) -> np.ndarray:
        """N frames (N x H x W x C) as an N x H * W * C array of bytes."""
        array = as_array(value, "rows")
        if self.shape is not None and array.ndim == 2 and array.shape[1] == np.prod(self.shape):
            array = array.reshape(len(array), *self.shape)
        if array.ndim != 4 or array.shape[3] not in _CHANNELS or 0 in array.shape[1:]:
            raise ValueError(
                "rows must be an N x H x W x 3 or N x H x W x 4 array of images"
                f"{self._like(width)}; got {describe(array, value)}"
            )
        self._fix(array.shape[1:], "rows", width)
        return _pixels(array, "rows").reshape(len(array), -1)

    def learned(self) -> dict[str, Any]:
        """The options the first frame fixed: its shape, [H, W, C]."""
        return {"shape": list(self.shape) if self.shape else None}

    def _fix(self, shape: tuple[int, ...], name: str, width: int | None) -> None:
        """Hold `shape` while no row is held (`width` None), else check it is the held one."""
        h, w, c = (int(n) for n in shape)
        if self.given and self.shape is not None and self.shape != (h, w, c):
            raise ValueError(
                f"{name} must have the shape given, {_shape(self.shape)}; got {_shape((h, w, c))}"
            )
        if width is None or self.shape is None:  # a held row fixed the shape: never None then
            if h * w * c > MAX_VALUES:
                raise ValueError(
                    f"{name} must have at most {MAX_VALUES:,} values per image; "
                    f"got {h} x {w} x {c}"
                )
            self.shape = (h, w, c)
        elif self.shape != (h, w, c):
            raise ValueError(
                f"{name} must keep the shape of the first image, {_shape(self.shape)}; "
                f"got {_shape((h, w, c))}"
            )

    def _like(self, width: int | None) -> str:
        if self.shape is None or width is None:
            return ""
        return f" of shape {_shape(self.shape)}, as the first"


def _check_shape(value: object) -> tuple[int, int, int] | None:
    if value is None:
        return None
    numbers = list(value) if isinstance(value, (tuple, list)) else []
    whole = all(isinstance(n, (int, np.integer)) and not isinstance(n, bool) for n in numbers)
    if len(numbers) != 3 or not whole or min(numbers) <= 0 or numbers[2] not in _CHANNELS:
        raise ValueError(
            "shape must be (H, W, C): positive whole numbers of rows and columns, and "
            f"3 (RGB) or 4 (RGBA) channels, or None to take the first frame's; got {value!r}"
        )
    h, w, c = (int(n) for n in numbers)
    if h * w * c > MAX_VALUES:
        raise ValueError(f"shape must have at most {MAX_VALUES:,} values; got {h} x {w} x {c}")
    return h, w, c


def _shape(shape: tuple[int, ...]) -> str:
    return " x ".join(map(str, shape))


def _pixels(array: np.ndarray, name: str) -> np.ndarray:
    """uint8 as it is; floats 0..1 to 0..255; other integers checked to fit 0..255."""
    if array.dtype == np.uint8:
        return array
    if array.dtype.kind == "f":
        if not np.isfinite(array).all():
            raise ValueError(f"{name} must hold finite values; an image has no gaps")
        lo, hi = float(array.min()), float(array.max())
        if lo < 0 or hi > 1:
            raise ValueError(
                f"{name} of floats must hold values from 0 to 1; got {lo:g} to {hi:g}"
            )
        pixels: np.ndarray = np.rint(array * 255).astype(np.uint8)
        return pixels
    if array.dtype.kind in "iu":
        lo, hi = int(array.min()), int(array.max())
        if lo < 0 or hi > 255:
            raise ValueError(
                f"{name} of integers must hold values from 0 to 255; got {lo} to {hi}"
            )
        return array.astype(np.uint8)
    if array.dtype.kind == "b":
        return array.astype(np.uint8) * 255
    raise TypeError(f"{name} must hold numbers (uint8, or floats 0..1); got {array.dtype} values")


def make(**options: object) -> View:
    """``shape``: (H, W, C) every frame must have; default None: the first frame fixes it."""
    reject_options("image", options, ("shape",))
    shape = _check_shape(options.get("shape"))
    rows = ImageRows(shape)
    return View(
        kind="image",
        options={"shape": list(shape) if shape else None},
        columns=(),
        named_columns=False,
        reshape=rows.row,
        reshape_rows=rows.rows,
        replayable=True,
        dtype="uint8",
        learned_options=rows.learned,
    )


def image_snapshot(data: LinesData, max_points: int | None = SNAPSHOT_FRAMES) -> Snapshot:
    """At most `max_points` frames (None: all) of uint8 pixels, the last always among them."""
    values = np.asarray(data.values)
    n = len(data)
    m = values.shape[1] if values.ndim == 2 else 0
    if max_points is None:
        keep = n
    else:
        if max_points < 1:
            raise ValueError(f"max_points must be at least 1 or None; got {max_points}")
        keep = max(1, min(max_points, SNAPSHOT_BYTES // max(1, m)))
    rows = sample_rows(n, keep)
    t0 = float(data.times[0]) if n else 0.0
    return Snapshot(
        "image",
        {"rows": n, "generation": data.generation, "exact": len(rows) == n, "t0": t0},
        {
            "steps": np.asarray(data.steps[rows], np.float64),
            "times": (data.times[rows] - t0).astype(np.float32),
            "values": values[rows].astype(np.uint8).reshape(len(rows), m),
        },
    )


KIND = Kind(
    name="image",
    make=make,
    snapshot=image_snapshot,
    scene=lambda data, width: image_scene(data, width=width),
    frames=image_frames,
)
