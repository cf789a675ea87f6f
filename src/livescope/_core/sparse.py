"""Series some rows leave out: "no value this row" as opposed to a reported NaN.

A dict row without a column's key (``update({"loss": 0.3})`` while
``val_loss`` is logged every 10 steps), a followed file's record without
the field, or a row a publisher sent without the name stores NaN there as
a reported NaN or None does: the history stays one float matrix and the
wire format stays as it is. What tells them apart is kept beside it, small:
the columns rows have left out ("sparse"), and the steps at which a
non-finite value was really reported. Views draw a sparse series as a line
through its own points, broken only at those steps, and its legend shows its
latest reported value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence

import numpy as np


class SparseColumns:
    """The columns rows left out, and the steps of reported non-finite values."""

    def __init__(self) -> None:
        self.sparse: dict[str, list[float]] = {}  # column -> its reported non-finite steps
        # Reported non-finite values of named rows in columns not (yet) sparse:
        # rare, and a file's records may reach the history after a later row is noted.
        self._reported: dict[str, list[float]] = {}

    def note_row(
        self,
        given: Mapping[str, object],
        columns: Iterable[str],
        step: float,
        held_gaps: Callable[[str], np.ndarray],
    ) -> bool:
        """Take a named row giving `given` at `step`; returns whether `state()` changed.

        `held_gaps(name)` gives the steps of the non-finite values the history
        holds in column `name`: all reported while no row left the column out.
        """
        changed = False
        for name, value in given.items():
            if not _finite(value):
                changed |= self.note_reported(name, (step,))
        for name in columns:
            if name not in given:
                changed |= self.note_left_out(name, held_gaps)
        return changed

    def note_reported(self, name: str, steps: Iterable[float]) -> bool:
        """Non-finite values reported in column `name` at `steps`; whether `state()` changed."""
        sparse = name in self.sparse
        reported = self.sparse[name] if sparse else self._reported.setdefault(name, [])
        reported.extend(float(step) for step in steps)
        return sparse

    def note_left_out(self, name: str, held_gaps: Callable[[str], np.ndarray]) -> bool:
        """A row left column `name` out; returns whether `state()` changed."""
        if name in self.sparse:
            return False
        steps = [float(s) for s in held_gaps(name)] + self._reported.pop(name, [])
        self.sparse[name] = sorted(set(steps))
        return True

    def note_gaps(
        self,
        steps: np.ndarray,
        columns: Sequence[str],
        values: np.ndarray,
        held_gaps: Callable[[str], np.ndarray],
    ) -> bool:
        """Take rows `values[r, c]` for `columns[c]` at `steps`, their non-finite values noted.

        For sources that note the values they report (`note_reported`) before
        their rows come: a NaN where no value was reported at its step is a
        value left out. Returns whether `state()` changed.
        """
        gaps = np.isnan(values)
        changed = False
        for c in np.flatnonzero(gaps.any(axis=0)).tolist():
            name = columns[c]
            if name in self.sparse:
                continue
            reported = self._reported.get(name, ())
            if not np.isin(steps[gaps[:, c]], reported).all():
                changed |= self.note_left_out(name, held_gaps)
        return changed

    def add_columns(self, names: Iterable[str]) -> None:
        """Columns added after rows came: left out of every earlier row."""
        for name in names:
            self.sparse.setdefault(name, self._reported.pop(name, []))

    def clear(self) -> None:
        self.sparse.clear()
        self._reported.clear()

    def state(self) -> dict[str, list[float]]:
        """Sparse column -> its reported non-finite steps (the widget's `sparse` trait)."""
        return {name: list(steps) for name, steps in self.sparse.items()}


def _finite(value: object) -> bool:
    try:
        return value is not None and math.isfinite(value)  # type: ignore[arg-type]
    except TypeError:
        return True  # not a number: refused when the row is coerced
