"""Plots of rows recorded before: a matrix in hand (`from_history`), a run in a store (`open`)."""

from __future__ import annotations

import os
import warnings
from typing import TYPE_CHECKING, Any

from .._core.arrays import as_array
from .._kinds import make_view, taken_options
from .._runs.read import load_run

if TYPE_CHECKING:
    import threading

    from typing_extensions import Self

    from .._core.history import History
    from .._widget.models import LivePlotWidget


class Recorded:
    """The constructors of a LivePlot from recorded rows (a mixin).

    Both open the plot on its replay at the first row; the rows reach a view
    when it asks for them, like any plot's.
    """

    _history: History
    _live: bool
    _sent: int
    _lock: threading.Lock
    _widget: LivePlotWidget

    if TYPE_CHECKING:

        def _extend(self, rows: object, steps: object, name: str) -> None: ...

    @classmethod
    def from_history(cls, history: object, *, steps: object = None, **kwargs: object) -> Self:
        """A plot of a recorded N x M matrix, opened on its replay at the first row.

        Parameters
        ----------
        history : array-like, N x M
            One row per step (for ``kind="heatmap"`` also N x rows x cols).
        steps : array-like of N numbers, optional
            The step of every row, non-decreasing; default 0..N-1.
        **kwargs
            Any argument of `LivePlot`; `kind` defaults to ``"frame"`` here, so
            the rows play as an animation.

        Returns
        -------
        LivePlot
            Holding the rows. A view of it opens paused at the first row with
            the replay bar ready to play. The rows reach the browser when a
            view asks for them, as binary messages like any plot's rows; the
            plot takes further updates as usual.

        Examples
        --------
        >>> A = np.random.default_rng(0).normal(size=(100, 64))
        >>> w = LivePlot.from_history(A, title="recorded")
        >>> w.history.shape
        (100, 64)
        """
        shape = as_array(history, "history").shape
        if len(shape) < 2 or not shape[0]:
            got = "x".join(map(str, shape)) or "scalar"
            raise ValueError(
                f"history must be an N x M matrix, one row per step, with at least one row; "
                f"got shape {got}"
            )
        kwargs.setdefault("kind", "frame")
        plot = cls(**kwargs)
        # A new view asks for every row when it starts; sending them now as
        # well would only make the browser receive them twice.
        live, plot._live = plot._live, False
        try:
            plot._extend(history, steps, "history")
        finally:
            plot._live = live
        plot._sent = plot._history.total
        plot._widget.replay_start = "first"
        return plot

    @classmethod
    def open(cls, store: str | os.PathLike[str], run: int | str = -1, **kwargs: object) -> Self:
        """A run recorded in a store, as a plot opened on its replay (see `from_history`).

        Parameters
        ----------
        store : str or os.PathLike[str]
            An SQLite file or a ``postgresql://`` address (see `livescope.runs`).
        run : int or str
            A run id; a label (the latest run of that label); or -1 for the
            latest run (-2 the one before, ...).
        **kwargs
            Any argument of `LivePlot`, over the recorded kind, columns, title
            and view options.
        """
        recorded = load_run(store, run)
        kind = kwargs.get("kind", recorded.kind)
        asked = {k: v for k, v in recorded.options.items() if k not in kwargs}
        view_options = taken_options(kind, asked)
        left = ", ".join(f"{k}={v!r}" for k, v in sorted(asked.items()) if k not in view_options)
        if left and kind == recorded.kind:  # recorded by another version of livescope
            warnings.warn(
                f"run {recorded.id} of {recorded.name!r} was recorded with view options this "
                f"livescope does not take: {left}; they are left out",
                stacklevel=2,
            )
        view = make_view(kind, view_options)
        options: dict[str, Any] = {"kind": kind, "title": recorded.name, **view_options}
        if recorded.columns and view.columns is None:  # not a kind that names its own (x, y)
            options["columns"] = list(recorded.columns)
        options.update(kwargs)
        if not len(recorded.steps):
            return cls(**options)
        # Stored as float64; a kind keeping its own dtype (an image's uint8) gets it back.
        values = recorded.values if view.dtype is None else recorded.values.astype(view.dtype)
        plot = cls.from_history(values, steps=recorded.steps, **options)
        with plot._lock:  # when the rows came, as recorded
            plot._history.replace(recorded.steps, recorded.times, values)
        return plot
