"""Recording a plot's rows into a runs store from a background thread, in batches.

The loop pays for nothing but a counter: the writer thread takes the rows
appended since its last look out of the plot's history (under the plot's
lock; rows written there never change, so views of them are enough) every
`FLUSH_INTERVAL`, and writes them in one transaction. A killed process so
loses at most the rows of the last interval. The loop itself hands rows
over only when more than `BATCH_ROWS` wait (or half of a bounded history,
which would drop them otherwise).
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import weakref
from dataclasses import dataclass
from typing import Any

import numpy as np

from .connect import open_store
from .store import Store, describe, to_json

log = logging.getLogger("livescope")

FLUSH_INTERVAL = 0.25  # seconds between writes: what a killed process can lose
HEARTBEAT_INTERVAL = 1.0  # seconds between "still alive" writes while no rows come
BATCH_ROWS = 1 << 16  # rows per stored batch at most, and per hand-over from the loop
CLOSE_WAIT = 30.0  # seconds close() waits for the last write

_recorders: weakref.WeakSet[Recorder] = weakref.WeakSet()


@dataclass(frozen=True)
class Batch:
    """Rows taken from a plot: `first_row` is their index in the run's `generation`."""

    generation: int
    first_row: int
    steps: np.ndarray
    times: np.ndarray
    values: np.ndarray
    columns: tuple[str, ...]
    options: dict[str, Any]  # the view's, with those its first row fixed (a frame's curves)


class Recorder:
    """Records one plot as one run of a store (made by a LivePlot given ``store=``).

    The plot calls `appended(plot, k)` under its lock after adding `k`
    rows, `mark(status)` when a loop or cell ends, and `close(status)` when
    it closes. A reset or a rewritten history (late rows of a listener)
    starts a new generation of the run: its rows replace those stored.
    """

    def __init__(
        self,
        plot: Any,
        target: object,
        *,
        name: str,
        label: str,
        params: dict[str, Any],
        kind: str,
        options: dict[str, Any],
    ) -> None:
        self._store: Store = open_store(target, create=True)  # type: ignore[arg-type]
        self.name = describe(target)  # type: ignore[arg-type]
        started = time.time()
        self.run_id = self._store.create_run(name, label, params, kind, options, started)
        self._params = dict(params)
        self._plot = weakref.ref(plot)
        history = plot._history
        self._limit = BATCH_ROWS
        if history.max_rows is not None:
            self._limit = max(1, min(BATCH_ROWS, history.max_rows // 2))
        self._pending = 0  # rows appended since the last take
        self._generation = plot._generation
        self._taken = 0  # absolute index in the history of the next row to take
        self._stored = 0  # rows of this generation taken: the next batch's first row
        self._columns: tuple[str, ...] = plot._columns
        self._options = dict(options)
        self._learned_options = plot._view.learned_options
        self._lost = 0  # rows a bounded history dropped before they were taken
        # Shared with the writer thread, under _lock:
        self._lock = threading.Lock()
        self._queue: list[Batch] = []
        self._status: str | None = None  # to record once the queued rows are written
        self._new_params: dict[str, Any] | None = None
        self._waiters: list[threading.Event] = []
        self._closing = False
        self.ended_as: str | None = None  # the status marked, until rows come again
        # The writer thread's own:
        self._db_generation = plot._generation
        self._row_count = 0
        self._last_step: float | None = None
        self._stored_columns = ""
        self._stored_options = to_json(self._options)
        self._next_heartbeat = 0.0
        self._failing = False
        self._note = ""  # what the plot's header says of this recorder
        self._wake = threading.Event()
        self._thread = threading.Thread(target=self._run, name="livescope-runs", daemon=True)
        self._thread.start()
        # A plot freed without close(): its last rows are still taken, from its history.
        self._orphan_finalizer = weakref.finalize(plot, self._orphaned, history)
        _recorders.add(self)

    # ----- the plot's side (under the plot's lock for appended and take) ---------

    def appended(self, plot: Any, k: int) -> None:
        """`k` rows were appended; hand them over if many wait."""
        self._pending += k
        if self._pending >= self._limit:
            self._take(plot._history, plot._generation, plot._columns)
            self._wake.set()

    def add_params(self, params: dict[str, Any]) -> None:
        """Add parameters a framework exposes; those given by the user win."""
        with self._lock:
            self._params = {**params, **self._params}
            self._new_params = self._params

    def mark(self, status: str, *, wait: float = 0.0, again: bool = True) -> None:
        """Record `status` after the rows appended so far; wait up to `wait` s for the write.

        With ``again=False``, a run already ended (no rows since) keeps its status.
        """
        done = self._take_from_plot()
        with self._lock:
            if not again and self.ended_as is not None:
                return
            self._status = self.ended_as = status
            if wait:
                self._waiters.append(done)
        self._wake.set()
        if wait:
            done.wait(wait)

    def close(self, status: str) -> None:
        """Record the last rows and `status`, and end the writer thread."""
        if self._closing:
            return
        self.mark(self.ended_as or status)
        self._orphan_finalizer.detach()  # it holds the history, which close() frees
        with self._lock:
            self._closing = True
        self._wake.set()
        self._thread.join(CLOSE_WAIT)
        if self._thread.is_alive():
            log.warning("livescope: %s: last rows not written in %ss", self.name, CLOSE_WAIT)

    def _take_from_plot(self) -> threading.Event:
        plot = self._plot()
        if plot is not None:
            with plot._lock:
                if not plot._closed:
                    self._take(plot._history, plot._generation, plot._columns)
        return threading.Event()

    def _take(self, history: Any, generation: int, columns: tuple[str, ...]) -> None:
        """Queue the rows appended since the last take (the caller holds the plot's lock)."""
        self._pending = 0
        self._columns = columns
        new_generation = generation != self._generation
        if new_generation:
            self._generation, self._stored = generation, 0
            start = history.dropped
        else:
            start = self._taken
            dropped = history.dropped
            if dropped > start:
                self._lost += dropped - start
                start = dropped
        stop = history.total
        if stop <= start and not new_generation:
            return
        if stop > start:
            steps, times, values = history.held_rows(start, stop)
        else:
            steps = times = np.empty(0)
            values = np.empty((0, history.width or 0))
        options = self._options
        if self._learned_options is not None and history.width is not None:
            options = {**options, **self._learned_options()}
        batch = Batch(generation, self._stored, steps, times, values, columns, options)
        self._taken = stop
        self._stored += stop - start
        with self._lock:
            self._queue.append(batch)
            if stop > start:  # rows after a mark: running again
                self._status = self.ended_as = None

    def _orphaned(self, history: Any) -> None:
        """The plot was freed without close(): record what its history holds, then end."""
        if self._closing:
            return
        self._take(history, self._generation, self._columns)
        with self._lock:
            self._status = self._status or self.ended_as or "finished"
            self._closing = True
        self._wake.set()

    # ----- the writer thread -------------------------------------------------------

    def _run(self) -> None:
        while True:
            self._wake.wait(FLUSH_INTERVAL)
            self._wake.clear()
            with self._lock:
                closing = self._closing
            if not closing:
                self._take_from_plot()
            self._write()
            if closing:
                with self._lock:
                    if not self._queue or self._failing:
                        break
        self._store.close()

    def _write(self) -> None:
        with self._lock:
            batches, self._queue = self._queue, []
            status, params, self._new_params = self._status, self._new_params, None
            waiters, self._waiters = self._waiters, []
        now = time.time()
        quiet = not batches and status is None and params is None
        # Heartbeats tell readers a running run's writer lives; an ended run needs none.
        if quiet and (now < self._next_heartbeat or self.ended_as is not None):
            return
        store = self._store
        # What this thread knows of the stored run, as it was should the write fail.
        known = (self._db_generation, self._row_count, self._last_step, self._stored_columns)
        try:
            store.begin_write()
            for batch in batches:
                self._write_batch(batch)
            self._update_run(now, batches, status, params)
            store.commit()
        except (*store.errors(), OSError) as error:  # type: ignore[misc]  # mypy reads no star in an except tuple
            store.rollback_quietly()
            self._db_generation, self._row_count, self._last_step, self._stored_columns = known
            with self._lock:
                self._queue[:0] = batches
                self._status = self._status or status
                if params is not None and self._new_params is None:
                    self._new_params = params
            self._set_failing(error)
        else:
            self._next_heartbeat = now + HEARTBEAT_INTERVAL
            if status is not None:
                with self._lock:
                    if self._status == status:
                        self._status = None
            self._set_failing(None)
        finally:
            for done in waiters:
                done.set()

    def _write_batch(self, batch: Batch) -> None:
        store = self._store
        if batch.generation != self._db_generation:
            store.execute(
                "DELETE FROM batches WHERE run_id = ? AND generation <> ?",
                (self.run_id, batch.generation),
            )
            self._db_generation = batch.generation
            self._row_count = 0
            self._last_step = None
        rows = []
        for first in range(0, len(batch.steps), BATCH_ROWS):
            part = slice(first, first + BATCH_ROWS)
            values = np.ascontiguousarray(batch.values[part], "<f8")
            rows.append(
                (
                    self.run_id,
                    batch.generation,
                    batch.first_row + first,
                    len(values),
                    values.shape[1],
                    _packed(batch.steps[part]),
                    _packed(batch.times[part]),
                    values.tobytes(),
                )
            )
        if rows:
            store.executemany(
                "INSERT INTO batches (run_id, generation, first_row, row_count, width, steps, "
                "times, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            self._row_count = batch.first_row + len(batch.steps)
            self._last_step = float(batch.steps[-1])

    def _update_run(
        self, now: float, batches: list[Batch], status: str | None, params: dict[str, Any] | None
    ) -> None:
        store = self._store
        sets = ["heartbeat = ?"]
        args: list[object] = [now]
        if batches:
            columns = to_json(list(batches[-1].columns))
            sets += ["row_count = ?", "last_step = ?", "generation = ?"]
            args += [self._row_count, self._last_step, self._db_generation]
            if columns != self._stored_columns:
                sets.append("columns = ?")
                args.append(columns)
                self._stored_columns = columns
            options = to_json(batches[-1].options)
            if options != self._stored_options:
                sets.append("options = ?")
                args.append(options)
                self._stored_options = options
        if params is not None:
            sets.append("params = ?")
            args.append(to_json(params))
        if status is not None:
            sets += ["status = ?", "ended = ?"]
            args += [status, now]
        elif batches and any(len(batch.steps) for batch in batches):
            sets += ["status = 'running'", "ended = NULL"]
        else:  # a reader that took a stalled writer for dead was wrong
            sets += [
                "ended = CASE WHEN status = 'died' THEN NULL ELSE ended END",
                "status = CASE WHEN status = 'died' THEN 'running' ELSE status END",
            ]
        store.execute(f"UPDATE runs SET {', '.join(sets)} WHERE id = ?", (*args, self.run_id))

    def _set_failing(self, error: BaseException | None) -> None:
        """Say in the plot's header when rows cannot be written, or were dropped unrecorded."""
        if error is not None and not self._failing:
            log.warning("livescope: %s: writing rows failed: %s", self.name, error)
        self._failing = error is not None
        if error is not None:
            text = f"runs store: cannot write ({error}); the rows stay in memory, retrying"
        elif self._lost:
            text = f"runs store: {self._lost} rows dropped by max_rows before they were recorded"
        else:
            text = ""
        if text != self._note:
            self._note = text
            plot = self._plot()
            if plot is not None:
                plot._set_note(self, text)


def _packed(array: np.ndarray) -> bytes:
    return np.ascontiguousarray(array, "<f8").tobytes()


@atexit.register
def _close_all() -> None:
    """At exit, record the last rows of every run still open, as finished or stopped."""
    for recorder in list(_recorders):
        plot = recorder._plot()
        stopped = plot is not None and plot._stopped
        recorder.close("stopped" if stopped else "finished")


def start_recording(
    plot: Any, store: object, *, name: object, title: str | None, run: object, params: object
) -> Recorder | None:
    """The recorder of a plot made with ``store=`` (None without one), arguments checked."""
    if store is None:
        # params= also serves comparing runs in the kernel; a run label needs a store.
        if run is not None:
            raise TypeError(
                f"run= labels a run recorded in a store; pass store= too; got run={run!r}"
            )
        return None
    for argument, value in (("name", name), ("run", run)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{argument} must be a string; got {type(value).__name__} {value!r}")
    if params is None:
        params = {}
    if not isinstance(params, dict) or not all(isinstance(key, str) for key in params):
        raise TypeError(
            f"params must be a dict with string keys; got {type(params).__name__} {params!r:.100}"
        )
    return Recorder(
        plot,
        store,
        name=name if isinstance(name, str) else (title or "untitled"),
        label=run if isinstance(run, str) else time.strftime("%Y-%m-%d %H:%M:%S"),
        params=params,
        kind=plot.kind,
        options=dict(plot._view.options),
    )
