"""Array helpers for views that reshape what users pass to update and extend."""

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
    return "shape " + "x".join(map(str, array.shape))
