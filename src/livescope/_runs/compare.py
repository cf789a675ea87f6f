"""What a plot compares itself with: its name, the previous runs of that name, its own run."""

from __future__ import annotations

import importlib
import math
import numbers
from typing import Any

from .session import MAX_RUNS, LiveRun, RecordedRun, compact, session_runs

# Without `compare=`, a named line plot shows the run before it (see LivePlot).
DEFAULT_COMPARE = 1
COMPARING_KINDS = ("lines", "trajectory", "frame")
# Why each other kind draws no previous runs (docs/runs.md#kinds says the same).
_NO_COMPARING = {
    "scatter": "each row is a frame of many points, and the previous run's frames are not "
    "kept: a run is kept as a compact envelope of its rows",
    "segments": "each row is a frame of many segments, and the previous run's frames are not "
    "kept: a run is kept as a compact envelope of its rows",
    "heatmap": "a matrix faded behind another cannot be read apart from it; put the runs "
    "side by side in a Dashboard",
    "waterfall": "an image of the whole history faded behind another cannot be read apart "
    "from it; put the runs side by side in a Dashboard",
    "image": "a picture faded behind another cannot be read apart from it; put the runs "
    "side by side in a Dashboard",
    "bars": "bars of two runs drawn over each other hide one another; put the runs side by "
    "side in a Dashboard",
}


# A frame split into `facet` panels draws no previous runs (docs/runs.md#kinds).
_FACETS = (
    "its rows are split into facet panels, and the previous runs' rows faded in each small "
    "panel cannot be read apart from the live ones; draw the curves in one panel with "
    "curves= to compare"
)


def check_compare(compare: object, kind: str, options: dict[str, Any] | None = None) -> int:
    """How many previous runs to show: `compare` checked, None read as the kind's default.

    `options` are the view's checked options (a faceted frame compares with nothing).
    """
    comparing = can_compare(kind, options)
    if compare is None:
        return DEFAULT_COMPARE if comparing else 0
    if isinstance(compare, bool):
        count = DEFAULT_COMPARE if compare else 0
    elif isinstance(compare, numbers.Integral):
        count = int(compare)
    else:
        raise TypeError(
            f"compare must be a number of previous runs from 0 to {MAX_RUNS}, or True or "
            f"False; got {type(compare).__name__} {compare!r}"
        )
    if not 0 <= count <= MAX_RUNS:
        raise ValueError(f"compare must be from 0 to {MAX_RUNS} previous runs; got {count}")
    if count and not comparing:
        kinds = ", ".join(repr(k) for k in COMPARING_KINDS)
        why = _NO_COMPARING.get(kind, "it draws no previous runs")
        if kind in COMPARING_KINDS:
            why = _FACETS
        raise ValueError(
            f"compare={compare!r}: kind={kind!r} cannot show previous runs: {why}; "
            f"only kinds {kinds} can (pass compare=0 or leave it out)"
        )
    return count


def can_compare(kind: str, options: dict[str, Any] | None) -> bool:
    """Whether a plot of `kind` with view `options` draws previous runs (no faceted frame)."""
    facet = (options or {}).get("facet", 1)
    faceted = kind == "frame" and isinstance(facet, int) and facet > 1
    return kind in COMPARING_KINDS and not faceted


def check_params(params: object) -> dict[str, Any]:
    """`params` as a run keeps them: str keys, values str, bool, int, finite float or None."""
    if params is None:
        return {}
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of name -> value; got {type(params).__name__}")
    kept: dict[str, Any] = {}
    for key, value in params.items():
        if not isinstance(key, str):
            raise TypeError(f"params keys must be str; got {type(key).__name__} {key!r}")
        if value is None or isinstance(value, (str, bool)):
            kept[key] = value
        elif isinstance(value, numbers.Integral):
            kept[key] = int(value)
        elif isinstance(value, numbers.Real) and math.isfinite(value):
            kept[key] = float(value)
        else:
            raise TypeError(
                f"params[{key!r}] must be a str, bool, int, finite float or None; "
                f"got {type(value).__name__} {value!r:.60}"
            )
    return kept


class Comparison:
    """A named plot's own run and the previous runs it shows.

    `name` is the run's name (the plot's `name=`, else its title; `named`
    says it was given as `name=`). Plots of a comparing kind with a name
    start a run in this kernel's registry; `runs` are fixed when the plot is
    made: the newest `count` runs of its name from `store` when one is given
    (the run store), else from the registry (`session_runs`).
    """

    def __init__(
        self,
        kind: str,
        name: str | None,
        count: int,
        params: dict[str, Any],
        store: object,
        history: Any,
        lock: Any,
        *,
        named: bool = False,
    ) -> None:
        self.kind = kind
        self.name = name
        self.named = named
        self.count = count
        self.params = params
        self._store = store
        self._history = history
        self._lock = lock
        self.live: LiveRun | None = None
        self.runs: tuple[RecordedRun, ...] = ()
        self._recorded_at: tuple[int, int, int] | None = None  # rows at the last record
        if name is None or kind not in COMPARING_KINDS:
            return
        self.live = session_runs.start(name, params, history, lock, kind)
        if count:
            if store is not None:
                found = _stored_runs(store, name, count, kind)
            else:
                found = session_runs.previous(name, count, exclude_id=self.live.id, kind=kind)
            self.runs = tuple(compact(run) for run in found)

    def renamed(
        self, name: str | None, count: int, params: dict[str, Any], store: object
    ) -> Comparison:
        """The same plot's comparison under another name (a dashboard names its panels')."""
        return Comparison(
            self.kind, name, count, params, store, self._history, self._lock, named=self.named
        )

    @property
    def description(self) -> dict[str, Any]:
        """The live run's label and params, for the legend; {} when nothing is compared."""
        if self.live is None or not self.runs:
            return {}
        return {"label": self.live.label, "params": self.live.params}

    def set_columns(self, columns: tuple[str, ...]) -> None:
        if self.live is not None:
            self.live.columns = columns

    def record(self) -> None:
        """Record the run as it is now (at the end of a cell), unless unchanged since."""
        live = self.live
        if live is None or live.history is None:
            return
        with live.lock:
            at = (live.history.dropped, live.history.total, len(live.columns))
        if at != self._recorded_at:
            session_runs.record(live)
            self._recorded_at = at

    def end(self) -> None:
        """Record the run a last time and let go of its history (close)."""
        if self.live is not None:
            session_runs.record(self.live, end=True)


def end_run(live: LiveRun | None) -> None:
    """For a plot freed by Python: its run stays behind, recorded."""
    if live is not None:
        session_runs.record(live, end=True)


def _stored_runs(store: object, name: str, limit: int, kind: str) -> list[RecordedRun]:
    # Imported by name: the run store (read.py beside this module) is optional.
    try:
        previous_runs = importlib.import_module(f"{__package__}.read").previous_runs
    except (ImportError, AttributeError) as error:
        raise ImportError(
            "store= needs livescope's run store (livescope._runs.read), "
            "which this installation lacks"
        ) from error
    return [
        RecordedRun(
            id=f"store:{stored.id}",
            label=stored.label,
            started=stored.started,
            params=stored.params,
            columns=stored.columns,
            steps=stored.steps,
            times=stored.times - stored.started,  # the store keeps wall-clock times
            values=stored.values,
            status=stored.status,
            kind=kind,
        )
        for stored in previous_runs(store, name, limit, kind=kind)
    ]
