"""Array helpers for checking what users pass to update, extend and from_history."""

from __future__ import annotations

import numpy as np


def as_array(value: object, name: str) -> np.ndarray:
    """`value` as an array; ragged nested sequences are a ValueError naming `name`."""
    try:
        return np.asarray(value)
    except ValueError as error:
        raise ValueError(f"{name} must be a rectangular array of numbers; {error}") from error


def describe(array: np.ndarray, given: object) -> str:
    """What came, for an error message: its shape, or the value itself when scalar."""
    if array.ndim == 0:
        return f"{type(given).__name__} {given!r}"
    return "shape " + shape_text(array)


def shape_text(array: np.ndarray) -> str:
    """An array's shape for an error message: "3x2", or "scalar"."""
    return "x".join(map(str, array.shape)) or "scalar"
