"""The previous runs of each plot name in this kernel, for a plot made again to compare with.

A plot made with a name (its title, or `name=`) starts a `LiveRun` here and
is handed the runs of that name recorded before. A run is recorded as a
compact copy (`RecordedRun`, at most `RUN_BYTES` of points: a long run keeps
its min/max envelope; a frame run keeps whole rows instead, at most
`ROW_RUN_ROWS` of them sampled evenly by step in `ROW_RUN_BYTES`): when its
cell ends, when it is closed, when a plot of the same name is made while it
still lives, and when Python frees it, so a run outlives its plot. What the
registry holds is bounded: `MAX_RUNS` per name, and `MAX_BYTES` in all (the
least recently used names go first).
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .._core.decimate import reduce_path
from .._core.envelope import keep_points, narrowest_float

MAX_RUNS = 10  # per name: more than anyone compares at once
RUN_BYTES = 128 << 10  # per recorded run: 2,000 points of 2 series take 48 KB
MAX_BYTES = 16 << 20  # every name's runs together
MAX_POINTS = 2000  # per recorded run, as a saved line plot keeps
PATH_KINDS = ("trajectory",)  # whose runs are paths: x, y points, reduced keeping their shape
ROW_KINDS = ("frame",)  # whose runs are whole rows, one shown at a time: sampled, never merged
ROW_RUN_ROWS = 200  # per recorded frame run: a row every 0.5 % of its steps
ROW_RUN_BYTES = 1 << 20  # per recorded frame run: 200 rows of 1,300 float32 values


@dataclass(frozen=True)
class RecordedRun:
    """One earlier run of a plot name.

    Attributes
    ----------
    id : str
        Unique; a run recorded again (it grew) replaces its earlier copy.
    label : str
        What the legend calls it, e.g. ``"run 2"``.
    started : float
        Wall clock of its first row, seconds since the epoch.
    params : dict
        The parameters it was made with (str -> JSON scalar); {} for none.
    columns : tuple of str
        Series names, in column order.
    steps : ndarray
        (P,) float64, non-decreasing.
    times : ndarray
        (P,) float64, seconds after `started`.
    values : ndarray
        P x M, float32 or float64; NaN are gaps.
    status : str
        ``"running"`` (copied from a plot still going) or ``"finished"``.
    rows : int or None
        Rows the run had; None when the points are every row (P).
    kind : str
        The kind of the plot that made it: ``"lines"``, ``"trajectory"``
        (its values are the x, y points of a path) or ``"frame"`` (its values
        are whole rows, some of them).
    """

    id: str
    label: str
    started: float
    params: dict[str, Any] = field(default_factory=dict)
    columns: tuple[str, ...] = ()
    steps: np.ndarray = field(default_factory=lambda: np.zeros(0))
    times: np.ndarray = field(default_factory=lambda: np.zeros(0))
    values: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    status: str = "finished"
    rows: int | None = None
    kind: str = "lines"

    @property
    def row_count(self) -> int:
        """Rows the run had (more than its points when they are an envelope)."""
        return len(self.steps) if self.rows is None else self.rows

    @property
    def nbytes(self) -> int:
        return self.steps.nbytes + self.times.nbytes + self.values.nbytes


def compact(
    run: RecordedRun, max_bytes: int = RUN_BYTES, max_points: int = MAX_POINTS
) -> RecordedRun:
    """`run` in at most `max_bytes` of points (and `max_points`): its envelope when long.

    Steps stay float64; times and values become float32 when the points are
    an envelope, or when values fit float32 (a faded curve needs no more).
    A path (kind "trajectory") keeps its shape instead: its points decimated
    on a grid, NaN rows where points were left out (see `reduce_path`).
    Whole rows (kind "frame") are sampled instead (see `sample_run_rows`).
    """
    if run.kind in ROW_KINDS:
        return sample_run_rows(run, ROW_RUN_ROWS, ROW_RUN_BYTES)
    width = run.values.shape[1] if run.values.ndim == 2 else 0
    points = max(4, min(max_points, max_bytes // (8 + 4 + 4 * max(width, 1))))
    if run.kind in PATH_KINDS:
        rows, values, exact = _path_points(run.values, points)
    else:
        rows, values, exact = keep_points(run.steps, run.values, points)
    return _kept(run, rows, values, exact)


def sample_run_rows(run: RecordedRun, max_rows: int, max_bytes: int) -> RecordedRun:
    """At most `max_rows` whole rows of `run` in `max_bytes`, spread evenly over its steps.

    Each row kept is the last one at or before a step of an even grid from
    the first step to the last, so the last row is always kept (even when
    it alone is larger than `max_bytes`) and a long run keeps a row every
    1/`max_rows` of its steps however its rows were spaced.
    """
    steps = np.asarray(run.steps, np.float64)
    n = len(steps)
    width = run.values.shape[1] if run.values.ndim == 2 else 0

    def pick(itemsize: int) -> np.ndarray:
        keep = max(1, min(max_rows, max_bytes // (8 + 4 + itemsize * width)))
        if n <= keep:
            return np.arange(n)
        if keep == 1:
            return np.array([n - 1])
        grid = np.linspace(steps[0], steps[-1], keep)
        return np.unique(np.searchsorted(steps, grid, side="right") - 1)

    # float32 unless a kept value overflows it: then float64, and fewer rows fit.
    rows = pick(4)
    values = run.values[rows]
    if narrowest_float(values).itemsize == 8:
        rows = pick(8)
        values = run.values[rows]
    return _kept(run, rows, values, len(rows) == n)


def _kept(run: RecordedRun, rows: np.ndarray, values: np.ndarray, exact: bool) -> RecordedRun:
    """`run` with its points `rows` (`values` for them), unchanged when they are all of it."""
    values = values.astype(narrowest_float(values))
    if exact and values.dtype == run.values.dtype and run.times.dtype == np.float32:
        return run
    return replace(
        run,
        steps=np.ascontiguousarray(run.steps[rows], np.float64),
        times=np.ascontiguousarray(run.times[rows], np.float32),
        values=np.ascontiguousarray(values),
        rows=run.row_count,
    )


def _path_points(values: np.ndarray, points: int) -> tuple[np.ndarray, np.ndarray, bool]:
    # A little under `points`: reduce_path may add a gap row for each stretch left out.
    rows, gaps = reduce_path(values, points * 3 // 4)
    kept = np.array(values[rows], np.float64)
    kept[gaps] = np.nan
    return rows, kept, len(rows) == len(values) and not gaps.any()


class LiveRun:
    """The run a live plot is making: what the registry reads to record it.

    The plot hands over its history and lock (never itself, which the
    registry must not keep alive) and keeps `columns` current.
    """

    def __init__(
        self, name: str, label: str, params: dict[str, Any], history: Any, lock: Any,
        kind: str = "lines",
    ) -> None:  # fmt: skip
        self.name = name
        self.kind = kind
        self.id = uuid.uuid4().hex
        self.label = label
        self.params = params
        self.columns: tuple[str, ...] = ()
        self.history = history  # None once the run ended
        self.lock = lock

    def copy(self, status: str) -> RecordedRun | None:
        """A compact copy of the rows so far; None without rows (nothing to compare)."""
        with self.lock:
            history = self.history
            if history is None or len(history) == 0:
                return None
            steps, times, values = history.steps, history.times, history.values
        started = float(times[0])
        run = RecordedRun(
            self.id, self.label, started, dict(self.params), self.columns,
            steps, times - started, values, status, kind=self.kind,
        )  # fmt: skip
        return compact(run)


class SessionRuns:
    """The registry: recorded runs by name, and the live runs that will add to them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._recorded: OrderedDict[str, OrderedDict[str, RecordedRun]] = OrderedDict()
        self._live: dict[str, dict[str, LiveRun]] = {}
        self._counts: dict[str, itertools.count[int]] = {}

    def start(
        self, name: str, params: dict[str, Any], history: Any, lock: Any, kind: str = "lines"
    ) -> LiveRun:
        """Begin the run of a plot named `name` (labelled "run k", k counting from 1)."""
        with self._lock:
            count = self._counts.setdefault(name, itertools.count(1))
            run = LiveRun(name, f"run {next(count)}", params, history, lock, kind)
            self._live.setdefault(name, {})[run.id] = run
            return run

    def previous(
        self, name: str, limit: int, exclude_id: str | None = None, kind: str | None = None
    ) -> list[RecordedRun]:
        """The newest `limit` runs of `name` but `exclude_id` (of `kind`, if given), newest first.

        Live runs of the name (a plot still referenced while the cell that
        replaces it runs) are recorded as they are now first.
        """
        with self._lock:
            live = [r for r in self._live.get(name, {}).values() if r.id != exclude_id]
        for run in live:
            self._store(name, run.copy("running"))
        with self._lock:
            runs = self._recorded.get(name)
            if not runs or limit <= 0:
                return []
            self._recorded.move_to_end(name)
            found = [
                run
                for run in reversed(runs.values())
                if run.id != exclude_id and kind in (None, run.kind)
            ]
            return found[:limit]

    def record(self, run: LiveRun, *, end: bool = False) -> None:
        """Record `run` as it is now; `end` also forgets its history (the plot is done)."""
        self._store(run.name, run.copy("finished"))
        if end:
            with self._lock:
                run.history = None
                self._live.get(run.name, {}).pop(run.id, None)

    def add(self, name: str, run: RecordedRun) -> None:
        """Keep `run` (of any source) as the newest run of `name`, compacted."""
        self._store(name, compact(run))

    def clear(self) -> None:
        """Forget every run (recorded and live)."""
        with self._lock:
            self._recorded.clear()
            self._live.clear()
            self._counts.clear()

    @property
    def nbytes(self) -> int:
        """Bytes of points held by every recorded run."""
        with self._lock:
            return sum(r.nbytes for runs in self._recorded.values() for r in runs.values())

    def _store(self, name: str, run: RecordedRun | None) -> None:
        if run is None:
            return
        with self._lock:
            runs = self._recorded.setdefault(name, OrderedDict())
            runs[run.id] = run  # a newer copy of a run keeps its place (runs are by age)
            self._recorded.move_to_end(name)
            self._trim(name)

    def _trim(self, newest: str) -> None:
        runs = self._recorded[newest]
        while len(runs) > MAX_RUNS:
            runs.popitem(last=False)
        total = sum(r.nbytes for rs in self._recorded.values() for r in rs.values())
        for name in list(self._recorded):
            if total <= MAX_BYTES or name == newest:
                break
            total -= sum(r.nbytes for r in self._recorded.pop(name).values())


session_runs = SessionRuns()
