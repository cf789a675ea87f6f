"""kind="frame": the row shown as one curve over its index, or over `x`."""

from __future__ import annotations

import numpy as np

from ._options import check_range
from ._view import View, reject_options

OPTIONS = ("x", "ylim")


def make(**options: object) -> View:
    """Options: ``x`` (M increasing finite numbers) and ``ylim`` ((lo, hi) or None)."""
    reject_options("frame", options, OPTIONS)
    x = _check_x(options.get("x"))
    return View(
        kind="frame",
        options={"x": x, "ylim": check_range("ylim", options.get("ylim"))},
        width=len(x) if x is not None else None,
        replayable=True,
        named_columns=False,
    )


def _check_x(value: object) -> list[float] | None:
    """The x position of every value of a row: 1-D, finite, increasing."""
    if value is None:
        return None
    try:
        x = np.asarray(value)
    except ValueError as error:  # ragged nested sequences
        raise ValueError(f"x must be a 1-D array of numbers; {error}") from error
    if x.dtype.kind not in "iuf":
        raise TypeError(f"x must be an array of real numbers; got {x.dtype} values")
    if x.ndim != 1 or len(x) == 0:
        shape = "x".join(map(str, x.shape)) or "scalar"
        raise ValueError(f"x must be 1-D with one value per row value; got shape {shape}")
    x = x.astype(np.float64)
    if not np.isfinite(x).all():
        raise ValueError("x must hold finite numbers; got NaN or inf")
    if len(x) > 1 and not (np.diff(x) > 0).all():
        raise ValueError("x must be strictly increasing")
    return x.tolist()
