"""Rows from background sources into a plot: one row per step, columns as they come."""

from __future__ import annotations

import math
import threading
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

import numpy as np

# A row waits at least HOLD seconds for the values of its step from other
# sources (the first rows of another publisher may be on their way), then
# until every active source has reached its step, but at most WINDOW seconds;
# a source that sent nothing for WINDOW seconds holds nothing back.
HOLD_SECONDS = 0.1
WINDOW_SECONDS = 2.0
# Rows that come after their step was drawn are put in place by rewriting the
# history, which every front end then loads again: at most this often.
REWRITE_EVERY = 1.0
# Sources add columns to a plot until it has this many; rows are dense, so
# every column costs 8 bytes in every row held, and every new column
# rewrites the history.
MAX_COLUMNS = 1024

_lock = threading.Lock()

Row = Mapping[str, float]


def check_max_columns(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"max_columns must be a positive number of columns; got {value!r}")
    return value


def merger_of(plot: Any) -> Merger:
    """The one Merger of `plot`, shared by all its sources so they align together."""
    with _lock:
        merger = getattr(plot, "_merger", None)
        if merger is None:
            merger = plot._merger = Merger(plot)
        return merger


class Merger:
    """Collects rows of named values from sources into a LivePlot, aligned by step.

    Several publishers (one per rank, say) report the same steps at slightly
    different times; the values of one step should share one row. Open rows
    wait as the constants above say, then are appended to the plot. A value
    for a column that the row of its step holds already, with another value,
    starts a second row at that step. NaN is no value: it fills nothing and
    conflicts with nothing.

    A row that comes after its step was drawn is not lost, nor drawn at the
    wrong step: it fills the empty cells of the drawn row of its step, or is
    inserted after it, and the plot's front ends load the history again.
    Each time that happens the hold doubles (up to the window), so a source
    that lags keeps its rows aligned without more rewrites. Columns missing
    from the plot are added as they first appear, all those of one draw at
    once, until the plot has `max_columns`.

    Rows are kept as matrices over the columns the merger knows (its own
    order), never as one object per row, so the rows waiting cost what the
    plot will hold for them.
    """

    def __init__(
        self, plot: Any, *, hold: float = HOLD_SECONDS, window: float = WINDOW_SECONDS
    ) -> None:
        self._plot = plot
        self._hold = hold
        self._window = window
        self._lock = threading.Lock()
        self._names: list[str] = []  # the merger's columns, in the order first seen
        self._index: dict[str, int] = {}
        # The open rows: unique steps, ascending, with when each was opened.
        self._open_steps = np.empty(0)
        self._opened_at = np.empty(0)
        self._open_values = np.empty((0, 0))
        self._late: list[tuple[np.ndarray, np.ndarray]] = []  # steps, values (a prefix of names)
        self._next_rewrite = -math.inf
        self._sources: dict[Hashable, tuple[float, float]] = {}  # last step, last seen
        self._settle_until = -math.inf

    def add(
        self, source: Hashable, steps: Any, rows: Sequence[Row], now: float
    ) -> tuple[str, ...]:
        """Add rows (a mapping name -> value each) at `steps` from `source`.

        Returns the names refused because the plot has `MAX_COLUMNS` columns.
        """
        columns = list(dict.fromkeys(name for row in rows for name in row))
        index = {name: i for i, name in enumerate(columns)}
        values = np.full((len(rows), len(columns)), np.nan)
        given = np.zeros(values.shape, bool)
        for r, row in enumerate(rows):
            for name, value in row.items():
                values[r, index[name]] = value
                given[r, index[name]] = True
        reported = given & ~np.isfinite(values)
        return self.add_block(source, steps, columns, values, now, reported=reported)

    def add_block(
        self,
        source: Hashable,
        steps: Any,
        columns: Sequence[str],
        values: np.ndarray,
        now: float,
        *,
        max_columns: int = MAX_COLUMNS,
        reported: np.ndarray | None = None,
    ) -> tuple[str, ...]:
        """Add rows at `steps` (not decreasing) with `values[r, c]` for `columns[c]`.

        Columns the plot lacks are taken while the plot has fewer than
        `max_columns`; returns the names refused, whose values are dropped.
        `reported[r, c]` is where row r gave a non-finite value, so that the
        plot tells it from a value left out (see _core/sparse.py); without it
        the source notes that itself (`_note_records`).
        """
        steps = np.asarray(steps, np.float64).reshape(-1)
        values = np.asarray(values, np.float64).reshape(len(steps), len(columns))
        with self._lock:
            if len(steps):
                self._sources[source] = (float(steps[-1]), now)
            where, refused = self._columns_of(columns, max_columns)
            if refused:
                taken = [c for c, name in enumerate(columns) if name in self._index]
                values, columns = values[:, taken], [columns[c] for c in taken]
                reported = None if reported is None else reported[:, taken]
            if not len(steps) or not len(where):
                return refused
            if reported is not None:
                self._plot._note_reported(columns, steps, reported)
            if len(where) == len(self._names) and (where == np.arange(len(where))).all():
                rows = values
            else:
                rows = np.full((len(steps), len(self._names)), np.nan)
                rows[:, where] = values
            first = 0
            while first < len(steps):
                first = self._merge(steps, rows, first, now)
            return refused

    def announce(self, source: Hashable, now: float) -> None:
        """Make rows wait for a source that is alive but has sent no rows yet."""
        with self._lock:
            if source not in self._sources:
                self._sources[source] = (-math.inf, now)

    def drop_source(self, source: Hashable) -> None:
        """Stop waiting for a source that is gone."""
        with self._lock:
            self._sources.pop(source, None)

    def settle(self, until: float) -> None:
        """Draw nothing before `until`, so every live source can announce itself first."""
        with self._lock:
            self._settle_until = max(self._settle_until, until)

    def commit_due(self, now: float) -> None:
        """Draw the open rows that every active source has reached, or that waited long enough."""
        with self._lock:
            if now < self._settle_until:
                return
            active = [s for s, seen in self._sources.values() if now - seen < self._window]
            frontier = min(active, default=math.inf)
            waited = now - self._opened_at
            due = ((self._open_steps <= frontier) & (waited >= self._hold)) | (
                waited >= self._window
            )
            if due.any():
                self._commit_through(self._open_steps[due].max())
            if self._late and now >= self._next_rewrite:
                self._next_rewrite = now + REWRITE_EVERY
                self._hold = min(2 * self._hold, self._window)
                self._rewrite()

    def flush(self) -> None:
        """Draw every row now."""
        with self._lock:
            if len(self._open_steps):
                self._commit_through(self._open_steps[-1])
            if self._late:
                self._rewrite()

    def forget(self) -> None:
        """Drop the rows not drawn yet and what is known of the sources (the plot was reset)."""
        with self._lock:
            self._set_open(np.empty(0), np.empty(0), np.empty((0, len(self._names))))
            self._late.clear()
            self._sources.clear()

    # ----- under the lock -------------------------------------------------------

    def _columns_of(
        self, columns: Sequence[str], max_columns: int
    ) -> tuple[np.ndarray, tuple[str, ...]]:
        """The merger's index of each column taken, in order, and the names refused."""
        unknown = [name for name in columns if name not in self._index]
        refused: list[str] = []
        if unknown:
            width = len(set(self._plot.columns).union(self._names))
            for name in unknown:
                if name in self._plot._index or width < max_columns:
                    width += name not in self._plot._index
                    self._index[name] = len(self._names)
                    self._names.append(name)
                else:
                    refused.append(name)
            self._widen_open()
        taken = [self._index[name] for name in columns if name in self._index]
        return np.array(taken, np.intp), tuple(refused)

    def _widen_open(self) -> None:
        grown = np.full((len(self._open_steps), len(self._names)), np.nan)
        grown[:, : self._open_values.shape[1]] = self._open_values
        self._open_values = grown

    def _merge(self, steps: np.ndarray, rows: np.ndarray, first: int, now: float) -> int:
        """Merge rows from `first` on, up to a repeated step or a clash; return where it ended."""
        repeats = np.flatnonzero(np.diff(steps[first:]) == 0)
        end = first + (repeats[0] + 1 if len(repeats) else len(steps) - first)
        new_steps, new_rows = steps[first:end], rows[first:end]
        at = np.searchsorted(self._open_steps, new_steps)
        found = at < len(self._open_steps)
        found[found] = self._open_steps[at[found]] == new_steps[found]
        held = self._open_values[at[found]]
        incoming = new_rows[found]
        clashes = (~np.isnan(held) & ~np.isnan(incoming) & (held != incoming)).any(axis=1)
        clash = None
        if clashes.any():  # rows from the first clash on wait for its row to be drawn
            clash = first + int(np.flatnonzero(found)[np.argmax(clashes)])
            keep = slice(0, clash - first)
            new_steps, new_rows, at, found = new_steps[keep], new_rows[keep], at[keep], found[keep]
            held, incoming = held[: found.sum()], incoming[: found.sum()]
        self._open_values[at[found]] = np.where(np.isnan(incoming), held, incoming)
        fresh = ~found
        late = fresh & (new_steps <= self._last_drawn_step())
        if late.any():
            self._late.append((new_steps[late], new_rows[late]))
        self._open_rows(new_steps[fresh & ~late], new_rows[fresh & ~late], now)
        if clash is None:
            return end
        self._commit_through(steps[clash])  # the repeat goes in a row of its own
        self._open_rows(steps[clash : clash + 1], rows[clash : clash + 1], now)
        return clash + 1

    def _open_rows(self, steps: np.ndarray, rows: np.ndarray, now: float) -> None:
        """Open rows at steps that have none open."""
        if not len(steps):
            return
        all_steps = np.concatenate([self._open_steps, steps])
        order = np.argsort(all_steps, kind="stable")
        self._set_open(
            all_steps[order],
            np.concatenate([self._opened_at, np.full(len(steps), now)])[order],
            np.concatenate([self._open_values, rows])[order],
        )

    def _set_open(self, steps: np.ndarray, opened_at: np.ndarray, values: np.ndarray) -> None:
        self._open_steps, self._opened_at, self._open_values = steps, opened_at, values

    def _last_drawn_step(self) -> float:
        last = self._plot._history.last_step
        return -math.inf if last is None else last

    def _commit_through(self, last_step: float) -> None:
        n = int(np.searchsorted(self._open_steps, last_step, "right"))
        steps, values = self._open_steps[:n], self._open_values[:n]
        # Copies: a view of the rows left open would keep the drawn ones alive.
        self._set_open(
            self._open_steps[n:].copy(), self._opened_at[n:].copy(), self._open_values[n:].copy()
        )
        matrix = self._in_plot_columns(values)
        # The user may have added rows of their own meanwhile; never step back.
        steps = np.maximum(steps, self._last_drawn_step())
        self._plot._note_gaps(steps, matrix)
        self._plot.extend(matrix, steps=steps)

    def _rewrite(self) -> None:
        width = len(self._names)
        steps = np.concatenate([s for s, _ in self._late])
        values = np.full((len(steps), width), np.nan)
        row = 0
        for _, block in self._late:
            values[row : row + len(block), : block.shape[1]] = block
            row += len(block)
        self._late = []
        order = np.argsort(steps, kind="stable")
        steps, values = steps[order], values[order]
        # Late rows of one step share a row while they agree.
        keep = np.ones(len(steps), bool)
        for r in np.flatnonzero(np.diff(steps) == 0) + 1:
            into = r - 1
            while not keep[into]:
                into -= 1
            held, incoming = values[into], values[r]
            both = ~np.isnan(held) & ~np.isnan(incoming)
            if not (held[both] != incoming[both]).any():
                values[into] = np.where(np.isnan(incoming), held, incoming)
                keep[r] = False
        late_steps, late_values = steps[keep], self._in_plot_columns(values[keep])

        def place(
            steps: np.ndarray, times: np.ndarray, values: np.ndarray, now: float
        ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            placed = place_rows(steps, times, values, late_steps, late_values, now)
            new_steps, new_times, new_values, inserted = placed
            # Only rows of their own leave columns out; the others fill drawn rows.
            self._plot._note_gaps_held(late_steps[inserted], late_values[inserted])
            return new_steps, new_times, new_values

        self._plot._rewrite(place)

    def _in_plot_columns(self, values: np.ndarray) -> np.ndarray:
        """Rows over the merger's columns as rows over the plot's, adding the columns it lacks."""
        names = self._names[: values.shape[1]]
        self._plot._add_columns(names)
        index = self._plot._index
        where = np.fromiter((index[name] for name in names), np.intp, len(names))
        if len(where) == len(index) and (where == np.arange(len(where))).all():
            return values
        matrix = np.full((len(values), len(index)), np.nan)
        matrix[:, where] = values
        return matrix


def place_rows(
    steps: np.ndarray,
    times: np.ndarray,
    values: np.ndarray,
    new_steps: np.ndarray,
    new_values: np.ndarray,
    now: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The history with new rows (sorted by step) put at their steps, and which went in.

    Each new row fills the first row of its step that is empty in the columns
    it has, or goes in after the rows of its step: the last array returned
    indexes those new rows.
    """
    steps, times, values = steps.copy(), times.copy(), values.copy()
    inserts: list[int] = []
    insert_rows: list[int] = []
    for r, (step, row) in enumerate(zip(new_steps, new_values, strict=True)):
        has = ~np.isnan(row)
        lo, hi = np.searchsorted(steps, step, "left"), np.searchsorted(steps, step, "right")
        for i in range(lo, hi):
            if np.isnan(values[i, has]).all():
                values[i, has] = row[has]
                break
        else:
            inserts.append(hi)
            insert_rows.append(r)
    if inserts:
        steps = np.insert(steps, inserts, new_steps[insert_rows])
        times = np.insert(times, inserts, now)
        values = np.insert(values, inserts, new_values[insert_rows], axis=0)
    return steps, times, values, np.array(insert_rows, np.intp)
