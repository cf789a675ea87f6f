"""Rows of K points: what scatter updates accept, validated and flattened to x0, y0, x1, y1, ..."""

from __future__ import annotations

import numbers

import numpy as np

from .._core.arrays import as_array, shape_text

_NUMERIC_KINDS = "fiub"


class PointRows:
    """Turns K x 2 arrays (one frame) and N x K x 2 arrays (N frames) into flat rows.

    K is `points` when given, else fixed by the first frame (then the history
    width, 2K, is passed in). At least `minimum` points per frame.
    """

    def __init__(self, points: int | None, minimum: int = 1) -> None:
        self.points = points
        self.minimum = minimum

    def row(self, value: object, width: int | None) -> np.ndarray:
        """One frame as 2K values: a K x 2 array, or a flat row of 2K values."""
        k = self._known(width)
        array = numeric_array(value, "points")
        if array.ndim == 2 and array.shape[1] == 2 and self._fits(array.shape[0], k):
            return array.reshape(-1)
        if array.ndim == 1 and array.size % 2 == 0 and self._fits(array.size // 2, k):
            return array
        hint = " (use extend() to add several frames)" if array.ndim == 3 else ""
        raise ValueError(
            f"points must be a K x 2 array{_k(k, self.minimum)} of x, y pairs (or a flat row "
            f"of 2K values); got shape {shape_text(array)}{hint}"
        )

    def rows(self, value: object, width: int | None) -> np.ndarray:
        """N frames as an N x 2K array: an N x K x 2 array, or N flat rows of 2K values."""
        k = self._known(width)
        array = numeric_array(value, "rows")
        if array.ndim == 3 and array.shape[2] == 2 and self._fits(array.shape[1], k):
            return array.reshape(len(array), -1)
        if array.ndim == 2 and array.shape[1] % 2 == 0 and self._fits(array.shape[1] // 2, k):
            return array
        raise ValueError(
            f"rows must be an N x K x 2 array{_k(k, self.minimum)}, N frames of x, y pairs "
            f"(or N flat rows of 2K values); got shape {shape_text(array)}"
        )

    def _known(self, width: int | None) -> int | None:
        return self.points if width is None else width // 2

    def _fits(self, count: int, k: int | None) -> bool:
        return count == k if k is not None else count >= self.minimum


def _k(k: int | None, minimum: int) -> str:
    if k is not None:
        return f" (K={k})"
    return f" (K >= {minimum})" if minimum > 1 else ""


def numeric_array(value: object, name: str) -> np.ndarray:
    array = as_array(value, name)
    if array.dtype.kind in _NUMERIC_KINDS:
        return array
    if array.dtype.kind == "O":  # numbers mixed with None (a gap, as everywhere else)
        flat = array.reshape(-1)
        for v in flat:
            if v is not None and not isinstance(v, (numbers.Real, np.integer, np.floating)):
                raise TypeError(f"{name} must hold real numbers; got {type(v).__name__} {v!r}")
        return np.array([np.nan if v is None else v for v in flat], np.float64).reshape(
            array.shape
        )
    raise TypeError(f"{name} must hold real numbers; got {array.dtype} values")
