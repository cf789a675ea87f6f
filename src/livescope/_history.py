"""The row history kept in Python: steps, wall-clock times and an N x M matrix."""

from __future__ import annotations

import numpy as np

_INITIAL_CAPACITY = 256


class History:
    """Append-only rows in arrays that grow by doubling.

    Rows already written are never modified: growing copies them into new
    arrays, and `clear` starts new ones. Memory handed to a send or to a
    caller's view therefore stays valid and unchanged.
    """

    def __init__(self, dtype: np.dtype, width: int | None) -> None:
        self.dtype = dtype
        self.width = width
        self._n = 0
        self.last_step: float | None = None  # kept as a float: read on every append
        self._allocate(0)

    def __len__(self) -> int:
        return self._n

    @property
    def values(self) -> np.ndarray:
        """The N x M matrix of rows, read-only."""
        return _read_only(self._values[: self._n])

    @property
    def steps(self) -> np.ndarray:
        """The step of every row (float64), read-only."""
        return _read_only(self._steps[: self._n])

    @property
    def times(self) -> np.ndarray:
        """When every row arrived, in seconds since the epoch, read-only."""
        return _read_only(self._times[: self._n])

    def set_width(self, width: int) -> None:
        """Fix the number of columns; only allowed while empty."""
        if self._n:
            raise RuntimeError("the width of a non-empty history cannot change")
        self.width = width
        self._allocate(0)

    def append(self, row: np.ndarray, step: float, time: float) -> None:
        n = self._n
        if n == len(self._steps):
            self._grow(n + 1)
        self._values[n] = row
        self._steps[n] = step
        self._times[n] = time
        self._n = n + 1
        self.last_step = step

    def extend(self, rows: np.ndarray, steps: np.ndarray, time: float) -> None:
        n, k = self._n, len(rows)
        if n + k > len(self._steps):
            self._grow(n + k)
        self._values[n : n + k] = rows
        self._steps[n : n + k] = steps
        self._times[n : n + k] = time
        self._n = n + k
        self.last_step = float(steps[-1])

    def clear(self) -> None:
        self._n = 0
        self.last_step = None
        self._allocate(0)

    def _allocate(self, capacity: int) -> None:
        self._steps = np.empty(capacity, np.float64)
        self._times = np.empty(capacity, np.float64)
        self._values = np.empty((capacity, self.width or 0), self.dtype)

    def _grow(self, needed: int) -> None:
        capacity = max(needed, 2 * len(self._steps), _INITIAL_CAPACITY)
        old_steps, old_times, old_values, n = self._steps, self._times, self._values, self._n
        self._allocate(capacity)
        self._steps[:n] = old_steps[:n]
        self._times[:n] = old_times[:n]
        self._values[:n] = old_values[:n]


def _read_only(view: np.ndarray) -> np.ndarray:
    view.flags.writeable = False
    return view
