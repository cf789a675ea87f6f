"""LivePlot: the row history, the loop guard, and coalesced streaming to the browser."""

from __future__ import annotations

import os
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from ._core import rows as _rows
from ._core.check import check_dtype, check_int, check_real, check_str
from ._core.data import LinesData
from ._core.history import ClosedHistory, History, check_max_rows
from ._core.sparse import SparseColumns
from ._kernel.host import hears_front_end_while_busy, host_note, in_marimo, in_vscode
from ._kernel.shell import current_shell, serving_pages, watch_cell_end
from ._kinds import REGISTRY, View, columns_and_width, make_view
from ._picture.lines import DEFAULT_WIDTH
from ._picture.scene import Scene
from ._runs.compare import Comparison, check_compare, check_params, end_run
from ._runs.writer import Recorder, start_recording
from ._saved.exports import Exports, page_state
from ._saved.html import html_page
from ._saved.recorded import Recorded
from ._saved.state import SavedState
from ._sources.attach import activity_of
from ._sources.target import SourceTarget
from ._widget.guard import LoopGuard
from ._widget.lifetime import close_widgets, free_widgets, on_msg_weakly
from ._widget.messages import unknown_messages
from ._widget.models import LivePlotWidget
from ._widget.sender import RowSender

MAX_FPS_LIMIT = 120
MAX_HEIGHT = 10_000  # CSS pixels: beyond it a browser cannot allocate the canvas


class LivePlot(RowSender, LoopGuard, Exports, SourceTarget, Recorded):
    """A live plot of a growing N x M history, one row per step.

    Parameters
    ----------
    columns : list of str, int or None
        Series names; a count M (names "0".."M-1"); or None to take them
        from the first update (dict keys, or the row length). Kinds whose
        values are positions (frame, heatmap, waterfall) take only a count;
        scatter and trajectory take none (their rows are x, y pairs).
    title : str, optional
        Shown in the header.
    x_label : str
        Label of the x axis.
    max_fps : float
        At most this many frames a second go to the browser; rows that
        arrive in between are sent together. A frame is one message, or one
        message per 4 MiB of rows when they are more (a very fast loop of
        wide rows), so messages can then outnumber frames.
    dtype : {"float64", "float32"}
        Storage type of the history; float32 halves memory.
    height : int
        Chart height in CSS pixels, 50 to 10,000.
    max_rows : int or None
        Keep only the last `max_rows` rows, in Python and in the browser,
        for loops that never end; None (default) keeps every row.
    name : str, optional
        What runs of this plot are called, to record and compare them;
        default its `title`. A plot with neither is never compared.
    compare : int or bool, optional
        How many previous runs of the same name (made in this kernel, or
        read from `store`) to draw behind the live one, faded, in each
        series' colour: a line plot made again (a training cell re-run)
        then answers "is this run better than the last one?" without
        setup, and the first run looks as it always did. A trajectory
        draws the previous runs' paths, faded. Default 1 for kind="lines"
        and "trajectory" with a name; 0 (or False) turns comparing off; True
        is 1. The view's "compare" toggle shows or hides them. Other kinds
        refuse a nonzero `compare`, saying why (docs/runs.md).
    params : dict, optional
        The run's parameters (str -> str, bool, int, float or None), stored
        with the run; the legend of a later run shows those that differ.
    store : str or os.PathLike[str], optional
        Record every row into this run store: an SQLite file (made if
        missing) or a ``postgresql://`` address. Read the runs back with
        `livescope.runs` and `LivePlot.open`; `compare` then reads the
        previous runs from it (docs/runs.md).
    run : str, optional
        This run's label in the store (``"lr=3e-4"``); default its start time.
    kind : str
        One of "lines" (default), "frame", "heatmap", "waterfall",
        "scatter", "trajectory", "image", "segments" or "bars": how the
        history is drawn: every column against step; the row shown
        as curves over their index; as a rows x cols image; the whole history
        as an image, one line per step; each row as a frame of K points
        (x, y pairs); the rows as the points of one growing x, y path; each
        row as an RGB(A) picture; as K line segments; or as bars.
    **view_options
        Settings of the chosen `kind`, each kind's listed on its page of the
        documentation (docs/kinds/): ``smoothing``, ``log_y``, ``colormap``
        for lines; ``x``, ``curves``, ``markers``, ``facet`` for frame;
        ``shape``, ``colormap``, ``vmin``, ``vmax`` for heatmap; ``shape``
        for image; and so on. An option the kind does not take raises
        TypeError naming those it takes.

    Notes
    -----
    `close()` frees the plot and removes its views. A plot nothing refers to
    any more (a cell that made it ran again) is freed with its history; its
    widget closes too unless it was displayed, in which case its views keep
    showing the data as of the last cell end.

    Examples
    --------
    >>> w = LivePlot(columns=["loss", "val_loss"])
    >>> while w.running() and len(w) < 3:
    ...     w.update([0.5, 0.7])
    >>> w.history.shape
    (3, 2)
    """

    def __init__(
        self,
        columns: list[str] | tuple[str, ...] | int | None = None,
        *,
        title: str | None = None,
        x_label: str = "step",
        max_fps: float = 30,
        dtype: str | np.dtype = "float64",
        height: int = 300,
        max_rows: int | None = None,
        kind: str = "lines",
        name: str | None = None,
        compare: int | bool | None = None,
        params: dict[str, Any] | None = None,
        store: str | os.PathLike[str] | None = None,
        run: str | None = None,
        **view_options: object,
    ) -> None:
        view = make_view(kind, view_options)
        names, width = columns_and_width(view, columns)
        check_str("title", title, optional=True)
        check_str("name", name, optional=True)
        compare_count = check_compare(compare, view.kind, view.options)
        run_params = check_params(params)
        check_str("x_label", x_label)
        check_real("max_fps", max_fps, above=0, at_most=MAX_FPS_LIMIT)
        check_int("height", height, at_least=50, at_most=MAX_HEIGHT)
        self._history = History(_storage_dtype(view, dtype), width, check_max_rows(max_rows))
        self._columns: tuple[str, ...] = ()
        self._index: dict[str, int] = {}
        self._view = view
        self._kind = REGISTRY[view.kind]
        self._named = view.named_columns
        self._reshape = view.reshape
        self._reshape_rows = view.reshape_rows
        self._widget = LivePlotWidget(
            title=title or "",
            x_label=x_label,
            height=height,
            kind=view.kind,
            view_options=view.options,
        )
        self._widget.check_options = view.front_end_options
        self._lock = threading.Lock()
        # Named plots of a comparing kind leave their run behind for the next
        # plot of the name.
        self._comparison = Comparison(
            view.kind, name or title or None, compare_count, run_params, store,
            self._history, self._lock, named=name is not None,
        )  # fmt: skip
        self._leave_run = weakref.finalize(self, end_run, self._comparison.live)
        if names:
            self._set_columns(names)
        # The widget outlives the plot in ipywidgets' registry: it must not keep
        # the plot alive; when the plot is freed, it closes unless it was shown.
        on_msg_weakly(self._widget, self._on_message)
        self._saved = SavedState(self._widget)
        self._free_widget = weakref.finalize(self, free_widgets, [self._widget], self._saved.shown)

        self._interval = 1.0 / max_fps
        self._generation = 0
        self._sent = 0  # absolute index of the first row no front end was sent
        self._pending = False  # rows wait for the next frame
        self._timer_armed = False  # the flush timer will call back; never more than once
        self._next_send = 0.0
        self._last_append = 0.0
        self._next_poll = 0.0
        self._stopped = False
        self._notes: dict[object, str] = {}  # what each background source reports
        self._sources: list[Any] = []  # listeners and followers feeding this plot
        self._sparse = SparseColumns()  # series rows left out (see _core/sparse.py)
        self._activity = "live"  # what the header says can still write (see activity_of)
        self._wake_hooks: list[Callable[[], None]] = []  # a dashboard going live with it
        # Wall clock from one monotonic reading per row: cheap, and never jumps back.
        self._clock_offset = time.time() - time.monotonic()
        self._live = current_shell() is not None or serving_pages() or in_marimo()
        if self._live:
            watch_cell_end(self)
        if in_vscode():  # VS Code holds a Stop click until the cell ends: say so instead
            self._widget.stop_button = False
        self._widget.host_note = host_note()
        self._fill_late_views()
        # Last: the recorder takes its rows from the plot as made.
        self._recorder = start_recording(
            self, store, name=name, title=title, run=run, params=run_params
        )

    # ----- rows -----------------------------------------------------------

    def update(self, row: object, *, step: float | None = None) -> None:
        """Append one row.

        Parameters
        ----------
        row : sequence of numbers, array, dict or number
            M values in column order; or a dict name -> value (missing
            names are NaN); or one number when there is one column; for a
            scatter, a K x 2 array of points; for a frame of curves, an
            n x L array or a dict curve name -> L values. NaN, inf and None are kept
            and drawn as gaps.
        step : float, optional
            The row's x value; defaults to the previous step + 1 (0 first).
            It must not be smaller than the previous step.

        Raises
        ------
        ValueError
            The row has the wrong length or shape, or `step` decreases.
        TypeError
            A value is not a real number.
        KeyError
            A dict names a column this plot does not have.
        """
        now = time.monotonic()
        with self._lock:
            if self._reshape is not None:
                row = self._reshape(row, self._history.width)
            columns, index = self._columns, self._index
            values: bytes | np.ndarray
            if not self._named:
                values = _rows.coerce_values(row, self._history.width, self._history.dtype)
            else:
                if not columns:
                    columns = _rows.columns_of_first_row(row)
                    index = {name: i for i, name in enumerate(columns)}
                values = _rows.coerce_row(row, columns, index, self._history.dtype)
            last = self._history.last_step
            if step is None:
                step_value = 0.0 if last is None else last + 1.0
            else:
                step_value = _rows.check_step(step, last)
            if columns is not self._columns:  # the first row, now known to be valid
                self._set_columns(columns)
            elif self._history.width is None:  # the first row of a view without names
                self._history.set_width(len(values))
                self._learn_options()
            if type(row) is dict and (len(row) < len(columns) or self._sparse.sparse):
                self._note_given(row, step_value)
            self._history.append(values, step_value, now + self._clock_offset)
            if self._recorder is not None:
                self._recorder.appended(self, 1)
            self._after_append(now)
        if self._activity == "done":
            self._wake()

    def extend(self, rows: object, *, steps: object = None) -> None:
        """Append K rows at once.

        No rows (``[]``, or an array of length 0) add nothing and change nothing.

        Parameters
        ----------
        rows : array-like, K x M
            One row per step (a 1-D array is K rows when there is one column;
            for a scatter, a K x P x 2 array: K frames of P points).
        steps : array-like of K numbers, optional
            Non-decreasing steps; default continues from the previous step.
        """
        self._extend(rows, steps, "rows")

    def _extend(self, rows: object, steps: object, name: str) -> None:
        """`extend`, naming the rows `name` in errors."""
        now = time.monotonic()
        with self._lock:
            if _rows.no_rows(rows):
                if steps is not None:
                    _rows.coerce_steps(steps, 0, None)
                return
            if self._reshape_rows is not None:
                rows = self._reshape_rows(rows, self._history.width)
            columns = self._columns
            dtype = self._history.dtype
            if not self._named:
                array = _rows.coerce_value_rows(rows, self._history.width, dtype, name)
            else:
                if not columns:
                    columns = _rows.columns_of_first_rows(rows)
                array = _rows.coerce_rows(rows, columns, dtype, name)
            last = self._history.last_step
            if steps is None:
                first = 0.0 if last is None else last + 1.0
                step_array = first + np.arange(len(array), dtype=np.float64)
            else:
                step_array = _rows.coerce_steps(steps, len(array), last)
            if columns is not self._columns:  # the first rows, now known to be valid
                self._set_columns(columns)
            elif self._history.width is None:  # the first rows of a view without names
                self._history.set_width(array.shape[1])
                self._learn_options()
            if len(array):
                self._history.extend(array, step_array, now + self._clock_offset)
                if self._recorder is not None:
                    self._recorder.appended(self, len(array))
                self._after_append(now)
        if self._activity == "done":
            self._wake()

    @property
    def history(self) -> np.ndarray:
        """The N x M matrix of rows held (read-only view; later rows do not change it)."""
        with self._lock:  # reading moves waiting rows into the arrays (see History)
            return self._history.values

    @property
    def steps(self) -> np.ndarray:
        """The step of every row held, shape (N,)."""
        with self._lock:  # reading moves waiting rows into the arrays (see History)
            return self._history.steps

    @property
    def dropped(self) -> int:
        """How many of the oldest rows `max_rows` has dropped since the last `reset()`."""
        with self._lock:  # reading moves waiting rows into the arrays (see History)
            return self._history.dropped

    @property
    def kind(self) -> str:
        """How the history is drawn (the `kind` it was made with)."""
        return self._view.kind

    @property
    def widget(self) -> LivePlotWidget:
        """The anywidget model, to place the plot inside an ipywidgets layout."""
        return self._widget

    @property
    def columns(self) -> tuple[str, ...]:
        """Series names, in column order (empty until known, and for kinds without names)."""
        return self._columns

    def __len__(self) -> int:
        """The number of rows held (at most `max_rows`)."""
        return len(self._history)

    def __repr__(self) -> str:
        if self._closed:
            return f"<LivePlot kind={self.kind!r} closed>"
        state = "stopped" if self._stopped else "running"
        if self._named:
            return f"<LivePlot columns={list(self._columns)} rows={len(self)} {state}>"
        width = self._history.width
        return f"<LivePlot kind={self.kind!r} width={width} rows={len(self)} {state}>"

    # ----- the loop guard ---------------------------------------------------

    def reset(self) -> None:
        """Clear the history and resume; the columns stay."""
        with self._lock:
            self._history.clear()
            self._sparse.clear()
            self._widget.sparse = {}
            self._generation += 1
            if self._live:
                self._send_rows(0)  # tells every front end to drop what it holds
        self._set_stopped(False)

    # ----- lifetime -------------------------------------------------------------

    def close(self) -> None:
        """Close the plot: end its sources, free its history and close its widget.

        Views of the plot disappear, background sources (`listen`, `follow`)
        stop, `running()` returns False and `update()`, `extend()` and
        `history` raise RuntimeError. Closing twice does nothing.
        """
        if self._closed:
            return
        self._end_sources()  # they may still draw rows they hold
        self._comparison.end()  # the run stays behind for the next plot of its name
        self._leave_run.detach()
        self._end_run(close=True)
        with self._lock:
            self._closed = True
            self._stopped = True
            self._pending = False  # the flush timer finds nothing to send
            self._history = ClosedHistory("LivePlot")  # type: ignore[assignment]
        close_widgets([self._widget])
        self._free_widget.detach()

    def __enter__(self) -> LivePlot:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """End the loop: stop, end the sources and send the last rows; the view stays.

        A plot in a notebook is made to be looked at after its loop, so
        leaving the block keeps the view and the history (call `close()` to
        free them). What the block guarantees, even when its loop raised, is
        that `running()` is False, listeners and followers are closed (their
        addresses and files freed) and every row reached the front ends.
        """
        if self._closed:
            return
        stopped = self._stopped or exc_info[0] is not None
        self.stop()
        self._end_sources()
        self._end_run("stopped" if stopped else "finished")
        self._flush_pending()

    def _end_sources(self) -> None:
        sources, self._sources = self._sources, []
        for source in sources:
            source.close()

    # ----- runs store ------------------------------------------------------------

    def _end_run(
        self, status: str | None = None, *, close: bool = False, wait: bool = True
    ) -> None:
        """Record in the store that the loop ended (or that the plot closes)."""
        if self._recorder is None:
            return
        status = status or ("stopped" if self._stopped else "finished")
        if close:
            self._recorder.close(status)
        else:
            # A cell end after a `with` block keeps the status the block recorded.
            self._recorder.mark(status, wait=5.0 if wait else 0.0, again=wait)

    def _take_run(self, comparison: Comparison, recorder: Recorder | None) -> None:
        """Make the plot's run `comparison`'s, recorded by `recorder` (see _runs/panels.py)."""
        end_run(self._comparison.live)  # rows it had stay behind under the former name
        self._leave_run.detach()
        self._comparison = comparison
        self._leave_run = weakref.finalize(self, end_run, comparison.live)
        self._recorder = recorder

    # ----- what saved notebooks and exports show ---------------------------------

    _default_width = DEFAULT_WIDTH

    def _repr_mimebundle_(self, **kwargs: object) -> tuple[dict[str, Any], dict[str, Any]]:
        self._fill_late_views()
        return self._saved.mimebundle(self._data(), self._kind, repr(self))

    def _fill_late_views(self) -> None:
        """Where a view's `sync` waits for the cell's end, repeat every row for a while."""
        if self._live and not hears_front_end_while_busy():
            self._send_keyframes_for_a_while()

    def _ipython_display_(self) -> None:
        # Shown under a display id, so the picture can follow the data.
        self._saved.display(self._data(), self._kind, repr(self), self._data_key())

    def _flush_at_cell_end(self) -> None:
        self._flush_pending()
        if not self._sources:  # a plot fed from elsewhere runs on after its cell
            self._end_run(wait=False)

    def _refresh_at_cell_end(self) -> None:
        """Bring the snapshot trait and the displayed picture up to date."""
        if self._closed:
            return
        self._comparison.record()
        self._settle_activity()
        self._saved.refresh(self._data(), self._kind, repr(self), self._data_key())

    def _scene(self, width: int) -> Scene:
        return self._kind.scene(self._data(), width)

    def _frames(self, every: int, width: int) -> Iterable[Scene]:
        return self._kind.frames(self._data(), every, width)

    def _page(self, max_points: int | None) -> str:
        state = page_state(self._widget, self._kind, self._data(), max_points)
        return html_page(state, self._widget.title)

    def _replay_rows(self) -> int:
        return len(self)

    def _data(self) -> LinesData:
        with self._lock:
            return LinesData(
                self._columns,
                self._history.steps,
                self._history.times,
                self._history.values,
                self._generation,
                self._widget.title,
                self._widget.x_label,
                self._widget.height,
                dict(self._widget.view_options),
                self._comparison.runs,
                self._comparison.description,
                sparse=dict(self._widget.sparse),
            )

    def _data_key(self) -> tuple[Any, ...]:
        widget = self._widget
        labels = (
            widget.title,
            widget.x_label,
            repr(sorted(widget.view_options.items())),
            repr(sorted(widget.sparse.items())),
        )
        return (self._generation, self._history.total, self._columns, *labels)

    # ----- messages from the browser -----------------------------------------

    def _on_message(self, _widget: object, content: object, _buffers: object) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "stop":
            self._set_stopped(True)
        elif kind == "sync" and isinstance(content, dict):
            self._answer_sync(content)
        else:
            unknown_messages.warn(content)

    def _set_stopped(self, stopped: bool) -> None:
        self._stopped = stopped
        self._widget.stopped = stopped
        if not stopped and self._activity == "done":
            self._wake()

    # ----- what the header says can still write ----------------------------------

    def _settle_activity(self) -> None:
        """Say what can still write now that no cell runs: a source, or nothing ("Done")."""
        self._set_activity(activity_of(self._sources))

    def _wake(self) -> None:
        """A plot said "Done" is written to again (a cell re-uses it): Stop comes back."""
        self._set_activity("live")
        for hook in self._wake_hooks:
            hook()

    def _set_activity(self, activity: str) -> None:
        self._activity = activity
        self._widget.activity = activity

    def _learn_options(self) -> None:
        """Merge into `view_options` what the first row fixed (an image's shape)."""
        if self._view.learned_options is not None:
            options = {**self._widget.view_options, **self._view.learned_options()}
            self._widget.view_options = options

    def _set_columns(self, names: tuple[str, ...]) -> None:
        if self._history.width != len(names):
            self._history.set_width(len(names))
        self._columns = names
        self._index = {name: i for i, name in enumerate(names)}
        self._widget.columns = list(names)
        self._comparison.set_columns(names)


def _storage_dtype(view: View, dtype: object) -> np.dtype:
    """The history's dtype: the view's own (an image's uint8), else the `dtype` argument."""
    checked = check_dtype(dtype)
    if view.dtype is None:
        return checked
    if checked != np.float64:
        raise ValueError(
            f"LivePlot(kind={view.kind!r}) keeps its rows as {view.dtype}; "
            f"dtype does not apply; got dtype={dtype!r}"
        )
    return np.dtype(view.dtype)
