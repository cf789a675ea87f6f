"""Rows from background sources into a plot: one row per step, columns as they come."""

from __future__ import annotations

import math
import threading
from collections.abc import Hashable, Mapping
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

_lock = threading.Lock()

Row = Mapping[str, float]


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
    starts a second row at that step.

    A row that comes after its step was drawn is not lost, nor drawn at the
    wrong step: it fills the empty cells of the drawn row of its step, or is
    inserted after it, and the plot's front ends load the history again.
    Each time that happens the hold doubles (up to the window), so a source
    that lags keeps its rows aligned without more rewrites. Columns missing
    from the plot are added as they first appear.
    """

    def __init__(
        self, plot: Any, *, hold: float = HOLD_SECONDS, window: float = WINDOW_SECONDS
    ) -> None:
        self._plot = plot
        self._hold = hold
        self._window = window
        self._lock = threading.Lock()
        self._open: dict[float, dict[str, float]] = {}  # step -> values
        self._opened_at: dict[float, float] = {}
        self._late: list[tuple[float, Row]] = []
        self._next_rewrite = -math.inf
        self._sources: dict[Hashable, tuple[float, float]] = {}  # last step, last seen
        self._settle_until = -math.inf

    def add(self, source: Hashable, steps: Any, rows: list[Row], now: float) -> None:
        """Add rows (a mapping name -> value each) at `steps` from `source`."""
        with self._lock:
            drawn = self._last_drawn_step()
            for raw_step, values in zip(steps, rows, strict=True):
                step = float(raw_step)
                row = self._open.get(step)
                if row is not None and not _agree(row, values):
                    self._commit_through(step)  # the repeat goes in a row of its own
                    drawn = step
                    row = None
                elif row is None and step <= drawn:
                    self._late.append((step, values))
                    continue
                if row is None:
                    row = self._open[step] = {}
                    self._opened_at[step] = now
                row.update(values)
            if len(steps):
                self._sources[source] = (float(steps[-1]), now)

    def announce(self, source: Hashable, now: float) -> None:
        """Make rows wait for a source that is alive but has sent no rows yet."""
        with self._lock:
            if source not in self._sources:
                self._sources[source] = (-math.inf, now)

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
            due = [
                step
                for step, opened in self._opened_at.items()
                if (step <= frontier and now - opened >= self._hold)
                or now - opened >= self._window
            ]
            if due:
                self._commit_through(max(due))
            if self._late and now >= self._next_rewrite:
                self._next_rewrite = now + REWRITE_EVERY
                self._hold = min(2 * self._hold, self._window)
                self._rewrite()

    def flush(self) -> None:
        """Draw every row now."""
        with self._lock:
            if self._open:
                self._commit_through(max(self._open))
            if self._late:
                self._rewrite()

    def forget(self) -> None:
        """Drop the rows not drawn yet and what is known of the sources (the plot was reset)."""
        with self._lock:
            self._open.clear()
            self._opened_at.clear()
            self._late.clear()
            self._sources.clear()

    def _last_drawn_step(self) -> float:
        last = self._plot._history.last_step
        return -math.inf if last is None else last

    def _commit_through(self, last_step: float) -> None:
        steps = sorted(step for step in self._open if step <= last_step)
        rows = [self._open.pop(step) for step in steps]
        for step in steps:
            del self._opened_at[step]
        matrix = self._matrix(rows)
        # The user may have added rows of their own meanwhile; never step back.
        self._plot.extend(matrix, steps=np.maximum(steps, self._last_drawn_step()))

    def _rewrite(self) -> None:
        late: list[tuple[float, dict[str, float]]] = []
        for step, values in sorted(self._late, key=lambda item: item[0]):
            if late and late[-1][0] == step and _agree(late[-1][1], values):
                late[-1][1].update(values)
            else:
                late.append((step, dict(values)))
        self._late = []
        late_steps = np.array([step for step, _ in late])
        late_values = self._matrix([values for _, values in late])
        self._plot._rewrite(
            lambda steps, times, values, now: place_rows(
                steps, times, values, late_steps, late_values, now
            )
        )

    def _matrix(self, rows: list[Row]) -> np.ndarray:
        """Rows as a matrix in the plot's column order, NaN where a row has no value."""
        self._plot._add_columns(name for row in rows for name in row)
        index = {name: i for i, name in enumerate(self._plot.columns)}
        matrix = np.full((len(rows), len(index)), np.nan)
        for r, row in enumerate(rows):
            for name, value in row.items():
                matrix[r, index[name]] = value
        return matrix


def _agree(row: Row, values: Row) -> bool:
    """Whether `values` can join `row`: the columns they share hold the same values."""
    for name, value in values.items():
        held = row.get(name)
        if held is not None and held != value and not (math.isnan(held) and math.isnan(value)):
            return False
    return True


def place_rows(
    steps: np.ndarray,
    times: np.ndarray,
    values: np.ndarray,
    new_steps: np.ndarray,
    new_values: np.ndarray,
    now: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The history with new rows (sorted by step) put at their steps.

    Each new row fills the first row of its step that is empty in the columns
    it has, or goes in after the rows of its step.
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
    return steps, times, values
