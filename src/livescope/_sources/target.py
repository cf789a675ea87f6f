"""What background sources write into a plot through: a mixin of LivePlot."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .._core import rows as _rows
from .._core.history import History
from .._core.sparse import SparseColumns
from .attach import class_or_instance, follow_into, following, listen_into, listening

if TYPE_CHECKING:
    from .._kinds import View
    from .._widget.models import LivePlotWidget


class SourceTarget:
    """The methods listeners, followers and the run recorder call on a plot.

    They run on the sources' own threads, so each takes the plot's `_lock`
    (`_note_given` and `_note_gaps_held` excepted: their callers hold it).
    """

    _lock: threading.Lock
    _history: History
    _widget: LivePlotWidget
    _view: View
    _columns: tuple[str, ...]
    _index: dict[str, int]
    _generation: int
    _live: bool
    _sparse: SparseColumns
    _notes: dict[object, str]

    if TYPE_CHECKING:

        @property
        def kind(self) -> str: ...

        def _send_rows(self, start: int) -> None: ...

        def _set_columns(self, names: tuple[str, ...]) -> None: ...

    listen = class_or_instance(listen_into, listening)
    """``w.listen(address, *, allow_remote=False, authorized_keys=None, max_columns=1024)``:
    show the rows `Publisher` processes send to `address`; on the class,
    ``LivePlot.listen(address, **plot_options)`` makes the plot. Returns the listener."""
    follow = class_or_instance(follow_into, following)
    """``w.follow(path, *, format=None, step="step", max_columns=1024)``: show the
    records of a JSON-lines or CSV file as it grows; on the class,
    ``LivePlot.follow(path, **plot_options)`` makes the plot. Returns the follower."""

    def _add_columns(self, names: Iterable[str]) -> None:
        """Add the columns among `names` that this plot lacks; earlier rows get NaN there.

        Series from publishers and files appear as they come. Front ends hold
        rows of the old width, so the history goes out again as a new
        generation: once per new column, not per row.
        """
        with self._lock:
            new = tuple(dict.fromkeys(name for name in names if name not in self._index))
            if not new:
                return
            if not self._view.named_columns:
                raise ValueError(
                    f"kind={self.kind!r} has no named columns; cannot add columns {list(new)}"
                )
            _rows.check_series_count(len(self._columns) + len(new), "the columns added")
            started = self._history.total > 0
            if started:
                self._history.widen(len(self._columns) + len(new))
                self._generation += 1
                self._sparse.add_columns(new)  # earlier rows had no value there
                self._widget.sparse = self._sparse.state()
            self._set_columns(self._columns + new)
            if started and self._live:
                self._send_rows(0)

    def _rewrite(self, change: Callable[..., tuple[np.ndarray, np.ndarray, np.ndarray]]) -> None:
        """Replace the history by `change(steps, times, values, now)`; front ends reload it.

        For rows that background sources deliver after their step was drawn.
        """
        with self._lock:
            history = self._history
            now = time.time()
            history.replace(*change(history.steps, history.times, history.values, now))
            self._generation += 1
            if self._live:
                self._send_rows(0)

    def _note_given(self, given: dict[str, Any], step: float, columns: Iterable[str] = ()) -> None:
        """A named row (a dict, a record) gave `given` at `step`; the caller holds the lock.

        `columns`: names the row could have given besides the plot's (a file's fields).
        """
        names = dict.fromkeys((*self._columns, *columns))
        if self._sparse.note_row(given, names, step, self._held_gaps):
            self._widget.sparse = self._sparse.state()

    def _held_gaps(self, name: str) -> np.ndarray:
        """The steps of the non-finite values the history holds in column `name`."""
        if name not in self._index:
            return np.empty(0)
        history = self._history
        gaps: np.ndarray = history.steps[~np.isfinite(history.values[:, self._index[name]])]
        return gaps

    def _note_records(self, steps: list[float], records: list[dict[str, float]]) -> None:
        """A source's named records, before they reach the history (see _core/sparse.py)."""
        fields = tuple(dict.fromkeys(name for record in records for name in record))
        with self._lock:
            for step, record in zip(steps, records, strict=True):
                self._note_given(record, step, fields)

    def _note_reported(
        self, names: Sequence[str], steps: np.ndarray, reported: np.ndarray
    ) -> None:
        """Rows a source sent, before they reach the history, gave non-finite values.

        `reported[r, c]` where row r gave `names[c]` one (a NaN too), which
        `_note_gaps` then tells from values left out.
        """
        if not reported.any():
            return
        with self._lock:
            changed = False
            for c in np.flatnonzero(reported.any(axis=0)).tolist():
                changed |= self._sparse.note_reported(names[c], steps[reported[:, c]])
            if changed:
                self._widget.sparse = self._sparse.state()

    def _note_gaps(self, steps: np.ndarray, values: np.ndarray) -> None:
        """Rows over the plot's columns, about to reach the history: NaNs left out.

        Their sources noted the values they reported (`_note_reported`,
        `_note_records`); any other NaN is a value the row left out.
        """
        with self._lock:
            self._note_gaps_held(steps, values)

    def _note_gaps_held(self, steps: np.ndarray, values: np.ndarray) -> None:
        """`_note_gaps` for a caller that holds the lock (a `_rewrite` change)."""
        if self._sparse.note_gaps(steps, self._columns, values, self._held_gaps):
            self._widget.sparse = self._sparse.state()

    def _set_note(self, source: object, text: str) -> None:
        """Show what `source` reports (skipped lines, rejected messages) in the header."""
        with self._lock:
            if text:
                self._notes[source] = text
            else:
                self._notes.pop(source, None)
            self._widget.note = " · ".join(self._notes.values())
