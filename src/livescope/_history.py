"""The row history kept in Python: steps, wall-clock times and an N x M matrix."""

from __future__ import annotations

import numbers
import sys

import numpy as np

_INITIAL_CAPACITY = 256


class History:
    """Rows in arrays that grow by doubling, optionally keeping only the last `max_rows`.

    The rows held are always one contiguous slice `[first, end)` of the
    arrays. A bounded history slides that slice forward and, once the
    arrays' end is reached, copies the rows it keeps into new arrays of
    about `2 * max_rows`: O(1) per row, amortized.

    Rows already written are never modified: growing and compacting copy
    into new arrays, and `clear` starts new ones. Memory handed to a send
    or to a caller's view therefore stays valid and unchanged.

    Rows have an absolute index: the number of rows appended before them
    since the last `clear`. `dropped` is the absolute index of the first
    row held, `total` the index one past the last.
    """

    def __init__(self, dtype: np.dtype, width: int | None, max_rows: int | None = None) -> None:
        self.dtype = dtype
        self.width = width
        self.max_rows = max_rows
        # An int limit keeps the per-row check a plain comparison.
        self._limit = sys.maxsize if max_rows is None else max_rows
        self.dropped = 0
        self.last_step: float | None = None  # kept as a float: read on every append
        self._allocate(0)

    def __len__(self) -> int:
        return self._end - self._first

    @property
    def total(self) -> int:
        """Rows appended since the last `clear`, dropped ones included."""
        return self.dropped + self._end - self._first

    @property
    def values(self) -> np.ndarray:
        """The N x M matrix of rows held, read-only."""
        return _read_only(self._values[self._first : self._end])

    @property
    def steps(self) -> np.ndarray:
        """The step of every row held (float64), read-only."""
        return _read_only(self._steps[self._first : self._end])

    @property
    def times(self) -> np.ndarray:
        """When every row held arrived, in seconds since the epoch, read-only."""
        return _read_only(self._times[self._first : self._end])

    def set_width(self, width: int) -> None:
        """Fix the number of columns; only allowed while empty."""
        if self.total:
            raise RuntimeError("the width of a non-empty history cannot change")
        self.width = width
        self._allocate(0)

    def widen(self, width: int) -> None:
        """Add columns on the right, NaN in the rows held (into new arrays, like growing)."""
        old_values, first, end = self._values, self._first, self._end
        self.width = width
        self._values = np.full((len(self._steps), width), np.nan, self.dtype)
        self._values[first:end, : old_values.shape[1]] = old_values[first:end]

    def replace(self, steps: np.ndarray, times: np.ndarray, values: np.ndarray) -> None:
        """Hold these rows instead (in new arrays); `max_rows` still applies."""
        excess = max(0, len(steps) - self._limit)
        n = len(steps) - excess
        dropped = self.dropped + excess
        self._allocate(max(n, _INITIAL_CAPACITY))
        self._steps[:n] = steps[excess:]
        self._times[:n] = times[excess:]
        self._values[:n] = values[excess:]
        self._end = n
        self.dropped = dropped
        self.last_step = float(steps[-1]) if n else None

    def append(self, row: np.ndarray, step: float, time: float) -> None:
        end = self._end
        if end == len(self._steps):
            end = self._make_room(1)
        self._values[end] = row
        self._steps[end] = step
        self._times[end] = time
        self._end = end = end + 1
        if end - self._first > self._limit:
            self._first += 1
            self.dropped += 1
        self.last_step = step

    def extend(self, rows: np.ndarray, steps: np.ndarray, time: float) -> None:
        k = len(rows)
        if k > self._limit:  # only the last max_rows of them are kept
            self.dropped += len(self) + k - self._limit
            self._first = self._end
            rows, steps, k = rows[-self._limit :], steps[-self._limit :], self._limit
        end = self._end
        if end + k > len(self._steps):
            end = self._make_room(k)
        self._values[end : end + k] = rows
        self._steps[end : end + k] = steps
        self._times[end : end + k] = time
        self._end = end = end + k
        excess = end - self._first - self._limit
        if excess > 0:
            self._first += excess
            self.dropped += excess
        self.last_step = float(steps[-1])

    def clear(self) -> None:
        self.dropped = 0
        self.last_step = None
        self._allocate(0)

    def _allocate(self, capacity: int) -> None:
        self._first = self._end = 0
        self._steps = np.empty(capacity, np.float64)
        self._times = np.empty(capacity, np.float64)
        self._values = np.empty((capacity, self.width or 0), self.dtype)

    def _make_room(self, k: int) -> int:
        """Move the rows to keep into new arrays with room for `k` more; return the new end.

        Unbounded, every row is kept and the capacity doubles. Bounded, the
        rows that `k` new ones would push out are left behind and the
        capacity stops at twice `max_rows`, so compaction happens at most
        once per `max_rows` appended rows.
        """
        kept = min(len(self), self._limit - k)
        capacity = max(kept + k, 2 * len(self._steps), _INITIAL_CAPACITY)
        capacity = max(kept + k, min(capacity, 2 * self._limit))
        old_steps, old_times, old_values = self._steps, self._times, self._values
        start, end = self._end - kept, self._end
        self.dropped += len(self) - kept
        self._allocate(capacity)
        self._steps[:kept] = old_steps[start:end]
        self._times[:kept] = old_times[start:end]
        self._values[:kept] = old_values[start:end]
        self._end = kept
        return kept


def check_max_rows(value: object) -> int | None:
    """Validate the `max_rows` argument: a positive integer, or None for no bound."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"max_rows must be a positive integer or None; got {type(value).__name__} {value!r}"
        )
    if value < 1:
        raise ValueError(f"max_rows must be a positive integer or None; got {value}")
    return int(value)


def _read_only(view: np.ndarray) -> np.ndarray:
    view.flags.writeable = False
    return view
