"""The row history kept in Python: steps, wall-clock times and an N x M matrix."""

from __future__ import annotations

import numbers
import sys

import numpy as np

_INITIAL_CAPACITY = 256
# ... or fewer rows when they are wide: first arrays of 256 rows of a million
# values each would ask for gigabytes before the second row came.
_INITIAL_VALUES = 1 << 20
# Narrow rows wait in a byte buffer until about this many values came: adding
# a row's bytes costs a fraction of writing one row into an array, and the
# batch is copied in one call. Wider rows are written straight into the arrays.
_TAIL_VALUES = 8192
_TAIL_MAX_WIDTH = 256


class History:
    """Rows in arrays of growing capacity, optionally keeping only the last `max_rows`.

    The newest rows are the slice `[first, end)` of the current arrays. When
    those are full, an unbounded history sets them aside as a block, as they
    are, and starts arrays of twice the capacity: growing never copies a
    row, so a long run never pays for copying (and first touching) its whole
    history again. A reader that wants every row as one matrix joins the
    blocks once, into arrays with room to grow, so reading on every step
    stays O(1) per row, amortized.

    A bounded history slides `[first, end)` forward and, once the arrays'
    end is reached, copies the rows it keeps into new arrays of about
    `2 * max_rows`: O(1) per row, amortized.

    Rows `append`ed one at a time first go to a tail (float64 bytes, and
    lists of steps and times) that every reader moves into the arrays before
    it looks; a reader never sees the difference, but it is not thread-safe:
    the owner's lock guards it.

    Rows already written are never modified: growing and compacting copy
    into new arrays, and `clear` starts new ones. Memory handed to a send
    or to a caller's view therefore stays valid and unchanged.

    Rows have an absolute index: the number of rows appended before them
    since the last `clear`. `dropped` is the absolute index of the first
    row held, `total` the index one past the last.
    """

    # The current arrays and the slice [_first, _end) of them held.
    _steps: np.ndarray
    _times: np.ndarray
    _values: np.ndarray
    _first: int
    _end: int
    # Full arrays set aside by an unbounded history (see `_make_room`).
    _blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]]
    _block_starts: list[int]  # the absolute index of each block's first row
    _block_rows: int
    # Rows appended one at a time, waiting to be moved into the arrays.
    _tail_values: bytearray
    _tail_steps: list[float]
    _tail_times: list[float]
    _tail_limit: int  # rows the tail holds before it settles (0: no tail)

    def __init__(self, dtype: np.dtype, width: int | None, max_rows: int | None = None) -> None:
        self.dtype = dtype
        self.width = width
        self.max_rows = max_rows
        # An int limit keeps the per-row check a plain comparison.
        self._limit = sys.maxsize if max_rows is None else max_rows
        self._dropped = 0
        self.last_step: float | None = None  # kept as a float: read on every append
        self._allocate(0)

    def __len__(self) -> int:
        held = self._block_rows + self._end - self._first + len(self._tail_steps)
        return min(held, self._limit)

    @property
    def total(self) -> int:
        """Rows appended since the last `clear`, dropped ones included."""
        return self._dropped + self._block_rows + self._end - self._first + len(self._tail_steps)

    @property
    def dropped(self) -> int:
        """Rows `max_rows` dropped since the last `clear`: the absolute index of the first held."""
        self._settle()
        return self._dropped

    @property
    def values(self) -> np.ndarray:
        """The N x M matrix of rows held, read-only."""
        self._join()
        return _read_only(self._values[self._first : self._end])

    @property
    def steps(self) -> np.ndarray:
        """The step of every row held (float64), read-only."""
        self._join()
        return _read_only(self._steps[self._first : self._end])

    @property
    def times(self) -> np.ndarray:
        """When every row held arrived, in seconds since the epoch, read-only."""
        self._join()
        return _read_only(self._times[self._first : self._end])

    def held_rows(self, start: int, stop: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Steps, times and values of the held rows [start, stop) (absolute indices).

        For sending: views into the arrays, cheaper than the read-only
        properties; only rows that span two arrays are copied (those rows alone).
        """
        self._settle()
        offset = self._first - self._dropped - self._block_rows
        if start >= self._block_rows:
            a, b = start + offset, stop + offset
            return self._steps[a:b], self._times[a:b], self._values[a:b]
        parts = []
        for first, arrays in zip(self._block_starts, self._blocks, strict=True):
            a, b = max(start - first, 0), min(stop - first, len(arrays[0]))
            if a < b:
                parts.append([array[a:b] for array in arrays])
        if stop > self._block_rows:
            b = stop + offset
            parts.append([self._steps[:b], self._times[:b], self._values[:b]])
        if len(parts) == 1:
            return parts[0][0], parts[0][1], parts[0][2]
        steps, times, values = (np.concatenate(arrays) for arrays in zip(*parts, strict=True))
        return steps, times, values

    def set_width(self, width: int) -> None:
        """Fix the number of columns; only allowed while empty."""
        if self.total:
            raise RuntimeError("the width of a non-empty history cannot change")
        self.width = width
        self._allocate(0)

    def widen(self, width: int) -> None:
        """Add columns on the right, NaN in the rows held (into new arrays)."""
        self._join()
        old_values, first, end = self._values, self._first, self._end
        self.width = width
        self._values = np.full((len(self._steps), width), np.nan, self.dtype)
        self._values[first:end, : old_values.shape[1]] = old_values[first:end]

    def replace(self, steps: np.ndarray, times: np.ndarray, values: np.ndarray) -> None:
        """Hold these rows instead (in new arrays); `max_rows` still applies."""
        excess = max(0, len(steps) - self._limit)
        n = len(steps) - excess
        dropped = self.dropped + excess
        self._allocate(max(n, self._initial_rows()))
        self._steps[:n] = steps[excess:]
        self._times[:n] = times[excess:]
        self._values[:n] = values[excess:]
        self._end = n
        self._dropped = dropped
        self.last_step = float(steps[-1]) if n else None

    def append(self, row: bytes | np.ndarray, step: float, time: float) -> None:
        """Append one row of `width` values: float64 bytes or an array of real numbers.

        Values too big for the dtype become inf.
        """
        if self._tail_limit:
            if type(row) is not bytes:
                row = np.asarray(row, np.float64).tobytes()
            self._tail_values += row
            self._tail_steps.append(step)
            self._tail_times.append(time)
            if len(self._tail_steps) >= self._tail_limit:
                self._settle()
        else:
            self._settle()
            values = np.frombuffer(row, np.float64) if type(row) is bytes else np.asarray(row)
            self._store(values[None], step, time)
        self.last_step = step

    def extend(self, rows: np.ndarray, steps: np.ndarray, time: float | np.ndarray) -> None:
        """Append rows: `time` is when they all came, or an array of each row's time."""
        self._settle()
        self._store(rows, steps, time)
        self.last_step = float(steps[-1])

    def _settle(self) -> None:
        """Move the rows waiting in the tail into the arrays."""
        k = len(self._tail_steps)
        if not k:
            return
        values = np.frombuffer(self._tail_values, np.float64).reshape(k, self.width or 0)
        steps = np.array(self._tail_steps, np.float64)
        times = np.array(self._tail_times, np.float64)
        self._clear_tail()
        self._store(values, steps, times)

    def _join(self) -> None:
        """Hold every row in the current arrays, copying the blocks set aside into them."""
        self._settle()
        if not self._blocks:
            return
        end = self._end
        parts = [*self._blocks, (self._steps[:end], self._times[:end], self._values[:end])]
        held = self._block_rows + end
        self._allocate_arrays(max(2 * held, self._initial_rows()))
        end = 0
        for steps, times, values in parts:
            k = len(steps)
            self._steps[end : end + k] = steps
            self._times[end : end + k] = times
            self._values[end : end + k] = values
            end += k
        self._end = end
        self._clear_blocks()

    def _clear_blocks(self) -> None:
        self._blocks = []
        self._block_starts = []
        self._block_rows = 0

    def _clear_tail(self) -> None:
        # The rows, one after another, as float64 bytes: a new buffer, since
        # a settled batch may still be read through np.frombuffer.
        self._tail_values = bytearray()
        self._tail_steps = []
        self._tail_times = []

    def _store(
        self, rows: np.ndarray, steps: np.ndarray | float, times: np.ndarray | float
    ) -> None:
        k = len(rows)
        if k > self._limit:  # only the last max_rows of them are kept
            self._dropped += self._end - self._first + k - self._limit
            self._first = self._end
            rows, k = rows[-self._limit :], self._limit
            if isinstance(steps, np.ndarray):
                steps = steps[-self._limit :]
            if isinstance(times, np.ndarray):
                times = times[-self._limit :]
        end = self._end
        if end + k > len(self._steps):
            end = self._make_room(k)
        self._values[end : end + k] = rows
        self._steps[end : end + k] = steps
        self._times[end : end + k] = times
        self._end = end = end + k
        excess = end - self._first - self._limit
        if excess > 0:
            self._first += excess
            self._dropped += excess

    def clear(self) -> None:
        self._dropped = 0
        self.last_step = None
        self._allocate(0)

    def _allocate(self, capacity: int) -> None:
        """Start new, empty arrays (no blocks, an empty tail) with room for `capacity` rows."""
        self._clear_tail()
        self._clear_blocks()
        width = self.width or 0
        self._tail_limit = max(1, _TAIL_VALUES // width) if 0 < width <= _TAIL_MAX_WIDTH else 0
        self._allocate_arrays(capacity)

    def _initial_rows(self) -> int:
        """The fewest rows new arrays have room for."""
        return max(1, min(_INITIAL_CAPACITY, _INITIAL_VALUES // max(self.width or 1, 1)))

    def _allocate_arrays(self, capacity: int) -> None:
        self._first = self._end = 0
        self._steps = np.empty(capacity, np.float64)
        self._times = np.empty(capacity, np.float64)
        self._values = np.empty((capacity, self.width or 0), self.dtype)

    def _make_room(self, k: int) -> int:
        """Start new arrays with room for `k` more rows; return where those go.

        Unbounded, the current arrays become a block and the capacity
        doubles. Bounded, the rows to keep move into the new arrays, the
        rows that `k` new ones would push out are left behind and the
        capacity stops at twice `max_rows`, so compaction happens at most
        once per `max_rows` appended rows.
        """
        if self.max_rows is None:
            end = self._end
            if end:
                self._blocks.append((self._steps[:end], self._times[:end], self._values[:end]))
                self._block_starts.append(self._block_rows)
                self._block_rows += end
            self._allocate_arrays(max(k, 2 * len(self._steps), self._initial_rows()))
            return 0
        held = self._end - self._first
        kept = min(held, self._limit - k)
        capacity = max(kept + k, 2 * len(self._steps), self._initial_rows())
        capacity = max(kept + k, min(capacity, 2 * self._limit))
        old_steps, old_times, old_values = self._steps, self._times, self._values
        start, end = self._end - kept, self._end
        self._dropped += held - kept
        self._allocate_arrays(capacity)
        self._steps[:kept] = old_steps[start:end]
        self._times[:kept] = old_times[start:end]
        self._values[:kept] = old_values[start:end]
        self._end = kept
        return kept


class ClosedHistory:
    """Stands in for the history of a closed plot: every use says it was closed.

    Swapping the history for this costs the per-row path no check of its own.
    """

    def __init__(self, owner: str) -> None:
        self._owner = owner

    def __len__(self) -> int:
        return 0

    def __getattr__(self, name: str) -> object:
        raise RuntimeError(
            f"this {self._owner} was closed with close(); its rows were freed. "
            "Make a new one to plot again"
        )


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
