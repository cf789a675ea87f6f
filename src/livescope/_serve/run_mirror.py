"""One run of a store as `livescope serve` shows it: its rows, read as they are written.

A `MirroredRun` holds a run's rows in a `History`, as a plot would, so the
tabs showing it get them in the plot's own `rows` messages
(docs/wire-format.md). `refresh` reads only the batches written since the
last look; a reset or rewritten run (a new generation in the store), or
rows wider than before, read the run again as a new generation of the
mirror, which the tabs then load anew.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._core.history import History
from .._core.wire import Message, encode_rows
from .._kinds import make_view, taken_options
from .._kinds.base import View
from .._runs.read import ListedRun, RunInfo, read_rows
from .._runs.session import RecordedRun, compact
from .._runs.store import Store
from .._widget.models import LivePlotWidget

# The widget traits a page builds its view from; the snapshot is for saved notebooks.
_TRAITS = {
    name: trait
    for name, trait in LivePlotWidget.class_own_traits(sync=True).items()
    if name != "_snapshot"
}


@dataclass(frozen=True)
class Change:
    """What a `refresh` found: rows appended from `start`, a new generation, a new status."""

    start: int | None = None  # the first new row, when rows were appended
    restarted: bool = False  # a new generation: every row, and maybe new columns
    header: bool = False  # the run's status changed (what the header says)


class MirroredRun:
    """A run's rows and what the page's widget needs to show them."""

    def __init__(self, store: Store, listed: ListedRun) -> None:
        info = listed.info
        self.info = info
        self.view = _view(info.kind, listed.options)
        self.generation = 0  # of the mirror: goes up whenever the tabs must load it anew
        self._stored_generation = listed.generation
        self.columns: tuple[str, ...] = info.columns
        self.history = self._new_history()
        self._read(store, 0)

    @property
    def total(self) -> int:
        return self.history.total

    def refresh(self, store: Store, listed: ListedRun) -> Change:
        """Read what was written since the last look (the listing says `listed`)."""
        info, stored_generation = listed.info, listed.generation
        header = info.status != self.info.status
        self.info = info
        if stored_generation != self._stored_generation or info.columns != self.columns:
            self._stored_generation = stored_generation
            self._restart(store)
            return Change(restarted=True, header=header)
        if info.rows <= self.total:
            return Change(header=header)
        start = self.total
        if not self._read(store, start):
            self._restart(store)  # wider rows than those held
            return Change(restarted=True, header=header)
        return Change(start=start if self.total > start else None, header=header)

    def state(self, height: int) -> dict[str, Any]:
        """The widget's traits for a page to mount a view of this run."""
        state = {name: trait.default() for name, trait in _TRAITS.items()}
        state.update(
            title=self.info.name,
            height=height,
            kind=self.view.kind,
            view_options=self.view.options,
            columns=list(self.columns),
            _uid=uuid.uuid4().hex,
            **header_state(self.info),
        )
        return state

    def rows(self, start: int) -> Iterator[Message]:
        """`rows` messages of the rows from `start` (from the first held if it is not one)."""
        history = self.history
        if not history.dropped <= start <= history.total:
            start = history.dropped
        return encode_rows(history, start, history.total, self.generation)

    def recorded(self) -> RecordedRun:
        """The run as a previous run to compare with (compact, as a plot's are)."""
        info, history = self.info, self.history
        return compact(
            RecordedRun(
                id=f"store:{info.id}",
                label=info.label,
                started=info.started,
                params=json_safe(info.params),
                columns=self.columns,
                steps=history.steps,
                times=history.times - info.started,
                values=history.values,
                status=info.status,
                kind=info.kind,  # a trajectory's path keeps its shape (see compact)
            )
        )

    def _restart(self, store: Store) -> None:
        self.generation += 1
        self.columns = self.info.columns
        self.history = self._new_history()
        self._read(store, 0)

    def _read(self, store: Store, start: int) -> bool:
        """Append the rows from `start` on; False if they are wider than those held."""
        width = self.history.width or 0
        steps, times, values = read_rows(
            store, self.info.id, self._stored_generation, start, max(width, len(self.columns))
        )
        if not len(steps):
            return True
        if self.history.width is None:
            self.history.set_width(values.shape[1])
        elif values.shape[1] != self.history.width:
            return False
        self.history.extend(values.astype(self.history.dtype), steps, times)
        return True

    def _new_history(self) -> History:
        # The width comes with the first rows read.
        return History(np.dtype(self.view.dtype or "float64"), None)


def header_state(info: RunInfo) -> dict[str, Any]:
    """What the header says of a run: Following while it is written, else Done."""
    note = "its process is gone: the run died" if info.status == "died" else ""
    return {"activity": "following" if info.status == "running" else "done", "note": note}


def json_safe(value: Any) -> Any:
    """`value` with non-finite floats as text: JSON has no NaN, and pages refuse it."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_safe(item) for item in value]
    return value


def _view(kind: str, options: dict[str, Any]) -> View:
    """The run's view as `LivePlot.open` makes it: without options this version refuses."""
    return make_view(kind, taken_options(kind, options))
