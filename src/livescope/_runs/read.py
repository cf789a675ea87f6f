"""Reading runs back: `runs()` lists them, `load_run` and `previous_runs` read their rows.

`list_runs` and `read_rows` do the same on a store kept open, for a reader
that follows runs as they grow (livescope serve).
"""

from __future__ import annotations

import json
import os
import time
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._core.rows import MAX_VALUES
from .connect import open_store
from .store import STALE_AFTER, EmptyStore, Store, StoreError, check_target


class DamagedRun(StoreError):
    """A run whose record or rows do not read as livescope writes them (a bad disk, an edit)."""


@dataclass(frozen=True)
class RunInfo:
    """One run of a store, as `livescope.runs` lists it."""

    id: int
    """Unique in the store; increases with every run started."""
    name: str
    """The run's name (the plot's ``name=``, by default its title)."""
    label: str
    """The plot's ``run=`` (by default when it started, local time)."""
    params: dict[str, Any]
    """The plot's ``params=``, and what a framework adapter adds."""
    started: float
    """When the run started, in seconds since the epoch."""
    ended: float | None
    """When it ended, in seconds since the epoch; None while running."""
    status: str
    """``"running"``, ``"finished"``, ``"stopped"``, or ``"died"`` (its process is gone)."""
    rows: int
    """Rows recorded."""
    columns: tuple[str, ...]
    """Series names (empty for kinds whose values are positions)."""
    kind: str
    """The plot's kind."""
    last_step: float | None
    """The step of the last row recorded."""


@dataclass(frozen=True)
class StoredRun:
    """A recorded run with its rows (what `LivePlot.open` draws)."""

    id: int
    """Unique in the store."""
    name: str
    """The run's name."""
    label: str
    """The run's label (``run=``)."""
    params: dict[str, Any]
    """The run's parameters."""
    started: float
    """When the run started, in seconds since the epoch."""
    ended: float | None
    """When it ended; None while running."""
    status: str
    """``"running"``, ``"finished"``, ``"stopped"`` or ``"died"``."""
    columns: tuple[str, ...]
    """Series names (empty for kinds whose values are positions)."""
    kind: str
    """The plot's kind."""
    options: dict[str, Any]
    """The plot's view options, as recorded."""
    last_step: float | None
    """The step of the last row recorded."""
    steps: np.ndarray = field(repr=False)
    """The step of every row, shape (N,)."""
    times: np.ndarray = field(repr=False)
    """When every row was recorded, seconds since the epoch, shape (N,)."""
    values: np.ndarray = field(repr=False)
    """The rows, N x M."""


def runs(store: str | os.PathLike[str]) -> list[RunInfo]:
    """The runs recorded in a store, oldest first.

    Parameters
    ----------
    store : str or os.PathLike[str]
        An SQLite file, or a ``postgresql://`` address, that plots made with
        ``LivePlot(..., store=...)`` record into.

    Returns
    -------
    list of RunInfo
        Runs whose process is gone while they were running read as ``"died"``
        (and are marked so in the store when it can be written). A run whose
        record does not read as livescope writes it (a bad disk, an edit by
        hand) is left out, with a warning naming it.

    Examples
    --------
    >>> for r in livescope.runs("runs.db"):  # doctest: +SKIP
    ...     print(r.id, r.label, r.status, r.rows, r.params)
    """
    with _opened(store) as opened:
        return [listed.info for listed in list_runs(opened)]


@dataclass(frozen=True)
class ListedRun:
    """A run of an open store as `list_runs` gives it."""

    info: RunInfo
    generation: int  # of its rows (see `read_rows`)
    options: dict[str, Any]  # its view options, as recorded


def list_runs(store: Store) -> list[ListedRun]:
    """The runs of an open store, oldest first.

    As `runs`: a running run whose writer is gone reads as died, and a
    damaged run is left out with a warning.
    """
    listed = []
    for row in _checked_rows(store, "ORDER BY id"):
        try:
            options = _decoded(store, row, 6, "options", dict)
            listed.append(ListedRun(_info(store, row), row[12], options))
        except DamagedRun as error:  # one damaged run must not hide the others
            warnings.warn(f"{error}; it is left out", stacklevel=2)
    return listed


def load_run(store: str | os.PathLike[str], run: int | str = -1) -> StoredRun:
    """One run with its rows: by id, by label (the latest of that label), or -1 the latest.

    Negative numbers count from the latest run (-1, -2, ...).
    """
    with _opened(store) as opened:
        row = _find(opened, run)
        return _with_rows(opened, _checked_rows(opened, "WHERE id = ?", (row[0],))[0])


def previous_runs(
    store: str | os.PathLike[str],
    name: str,
    limit: int,
    exclude_id: int | None = None,
    kind: str | None = None,
) -> list[StoredRun]:
    """The latest `limit` runs named `name` (of `kind`, if given), newest first, with their rows.

    For comparing a run with the runs before it; `exclude_id` leaves out the
    current run. An SQLite store not made yet (the plot asking makes it) has none.
    """
    checked = check_target(store)
    if not isinstance(checked, str) and not checked.exists():
        return []
    try:
        opened_store = _opened(store)
    except EmptyStore:  # the plot asking will make the store
        return []
    with opened_store as opened:
        # A kind of None matches every run: "kind = kind" holds for each (kind is never NULL).
        rows = _checked_rows(
            opened,
            "WHERE name = ? AND id <> ? AND kind = COALESCE(?, kind) ORDER BY id DESC LIMIT ?",
            (name, -1 if exclude_id is None else exclude_id, kind, limit),
        )
        return [run for run in (_compared(opened, row) for row in rows) if run is not None]


def _compared(store: Store, row: tuple[Any, ...]) -> StoredRun | None:
    """The run of `row` with its rows, or None, with a warning, when it is damaged.

    A damaged earlier run must not keep a new plot from starting.
    """
    try:
        return _with_rows(store, row)
    except DamagedRun as error:
        warnings.warn(f"{error}; it is not compared", stacklevel=2)
        return None


class _opened:
    """A store opened for reading, closed on leaving the block."""

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.store = open_store(target, create=False)

    def __enter__(self) -> Store:
        return self.store

    def __exit__(self, *exc_info: object) -> None:
        self.store.close()


def _checked_rows(store: Store, where: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run rows; a running run whose writer is gone is returned (and marked) as died."""
    rows = store.run_rows(where, args)
    now = time.time()
    checked = []
    for row in rows:
        status, heartbeat, host, pid = row[9], row[13], row[14], row[15]
        # A pid may be reused: a stale heartbeat says died even when the pid lives.
        stale = now - heartbeat > STALE_AFTER
        if status == "running" and (stale or store.process_alive(host, pid) is False):
            store.mark_died(row[0], heartbeat)
            row = (*row[:8], heartbeat, "died", *row[10:])
        checked.append(row)
    return checked


def _find(store: Store, run: int | str) -> tuple[Any, ...]:
    if isinstance(run, bool) or not isinstance(run, (int, str)):
        raise TypeError(
            f"run must be a run id, a negative index (-1: the latest) or a label; "
            f"got {type(run).__name__} {run!r}"
        )
    if isinstance(run, str):
        rows = store.run_rows("WHERE label = ? ORDER BY id DESC LIMIT 1", (run,))
    elif run < 0:
        rows = store.run_rows("ORDER BY id DESC LIMIT 1 OFFSET ?", (-run - 1,))
    else:
        rows = store.run_rows("WHERE id = ?", (run,))
    if not rows:
        known = store.run_rows("ORDER BY id DESC LIMIT 5")
        listed = ", ".join(f"{row[0]} ({row[2]!r})" for row in known) or "none"
        raise StoreError(f"{store.name} has no run {run!r}; the latest runs: {listed}")
    return rows[0]


def _info(store: Store, row: tuple[Any, ...]) -> RunInfo:
    return RunInfo(
        id=row[0],
        name=row[1],
        label=row[2],
        params=_decoded(store, row, 3, "params", dict),
        started=row[7],
        ended=row[8],
        status=row[9],
        rows=row[11],
        columns=_columns(store, row),
        kind=row[5],
        last_step=row[10],
    )


def _decoded(store: Store, row: tuple[Any, ...], at: int, field: str, kind: type) -> Any:
    """The JSON text `row[at]`, a `kind`; DamagedRun naming the run's `field` when it is not."""
    try:
        value = json.loads(row[at])
    except (TypeError, ValueError):
        value = None
    if not isinstance(value, kind):
        raise _damaged(store, row[0], field, row[at])
    return value


def _columns(store: Store, row: tuple[Any, ...]) -> tuple[str, ...]:
    names = _decoded(store, row, 4, "columns", list)
    if not all(isinstance(name, str) for name in names):
        raise _damaged(store, row[0], "columns", row[4])
    return tuple(names)


def _damaged(store: Store, run_id: int, field: str, text: object) -> DamagedRun:
    what = "a list of names" if field == "columns" else "a mapping"
    return DamagedRun(
        f"{store.name} is damaged: run {run_id}'s {field} are not {what} as livescope "
        f"writes them; got {str(text)[:80]!r}"
    )


def _with_rows(store: Store, row: tuple[Any, ...]) -> StoredRun:
    columns = _columns(store, row)
    steps, times, values = read_rows(store, row[0], row[12], 0, len(columns))
    info = _info(store, row)
    return StoredRun(
        id=info.id,
        name=info.name,
        label=info.label,
        params=info.params,
        started=info.started,
        ended=info.ended,
        status=info.status,
        columns=columns,
        kind=info.kind,
        options=_decoded(store, row, 6, "options", dict),
        last_step=info.last_step,
        steps=steps,
        times=times,
        values=values,
    )


def read_rows(
    store: Store, run_id: int, generation: int, first_row: int, width: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Steps, times and values of a run's rows from `first_row` on, in `generation`.

    A run's rows are the batches of its current generation (a reset or a
    rewritten history starts a new one); `first_row` is where a batch
    starts: 0, or the number of rows read before. Values
    are at least `width` wide; columns added during the run (a listener's)
    are NaN in the batches written before them.
    """
    batches = store.execute(
        "SELECT row_count, width, steps, times, data, first_row FROM batches "
        "WHERE run_id = ? AND generation = ? AND first_row >= ? ORDER BY first_row",
        (run_id, generation, first_row),
    ).fetchall()
    for batch in batches:  # before anything is made of what they say
        _check_batch(store, run_id, *batch)
    width = max([width, *(batch[1] for batch in batches)])
    count = sum(batch[0] for batch in batches)
    steps = np.empty(count)
    times = np.empty(count)
    values = np.full((count, width), np.nan) if width else np.empty((count, 0))
    at = 0
    for rows, batch_width, step_bytes, time_bytes, data, _ in batches:
        steps[at : at + rows] = _unpacked(step_bytes)
        times[at : at + rows] = _unpacked(time_bytes)
        values[at : at + rows, :batch_width] = _unpacked(data).reshape(rows, batch_width)
        at += rows
    return steps, times, values


def _check_batch(
    store: Store, run_id: int, rows: Any, width: Any, steps: Any, times: Any, data: Any, first: Any
) -> None:
    """DamagedRun unless the batch holds the float64 values its counts say."""
    sizes = [len(blob) for blob in (steps, times, data)]
    holds = (
        isinstance(rows, int)
        and isinstance(width, int)
        and rows >= 0
        and 0 <= width <= MAX_VALUES
        and sizes == [8 * rows, 8 * rows, 8 * rows * width]
    )
    if not holds:
        held = ", ".join(map(str, sizes))
        raise DamagedRun(
            f"{store.name} is damaged: run {run_id}'s rows from row {first} say {rows} rows x "
            f"{width} values but hold {held} bytes of steps, times and values"
        )


def _unpacked(blob: Any) -> np.ndarray:
    return np.frombuffer(blob, "<f8")
