"""Dashboard: several LivePlots in a grid, one Stop button, one running()."""

from __future__ import annotations

import os
import uuid
import weakref
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import ipywidgets

from ._core.check import check_str
from ._core.layout import flow_layout, grid_layout
from ._kernel.host import host_note, in_marimo, in_vscode
from ._kernel.shell import current_shell, watch_cell_end
from ._kinds import REGISTRY
from ._picture.dashboard import DEFAULT_WIDTH, PanelPicture, dashboard_frames, dashboard_scene
from ._picture.scene import Scene, replay_ends
from ._picture.svg import scene_to_svg
from ._plot import LivePlot
from ._runs.panels import check_dashboard_runs, name_panel_runs
from ._saved.exports import Exports, page_state
from ._saved.html import dashboard_page, saved_form
from ._saved.state import SVG_MIME
from ._sources.attach import activity_of, check_panel_fields
from ._widget.guard import LoopGuard
from ._widget.lifetime import Shown, call_weakly, free_widgets, on_msg_weakly
from ._widget.messages import unknown_messages
from ._widget.models import DashboardControlsWidget, LivePlotWidget

PART_CLASS = "livescope-dashboard-part"
# What Dashboard.follow hands the dashboard rather than each panel.
RUN_ARGUMENTS = ("name", "compare", "params", "store", "run")


class Dashboard(LoopGuard, Exports):
    """Several LivePlots laid out in a grid, ended together by one Stop button.

    Each plot keeps its own history and streams on its own; the dashboard
    adds the layout, the shared Stop button and the shared loop guard.

    Parameters
    ----------
    plots : mapping of str to LivePlot, or sequence of LivePlot
        The panels, by name (a sequence names them "0", "1", ...).
    layout : mapping of str to tuple, optional
        Panel name -> (row, col) or (row, col, rowspan, colspan), 0-based.
        Without it, panels flow left to right, `columns` per row.
    columns : int
        Panels per row when there is no `layout`.
    title : str, optional
        Shown above the grid, beside the Stop button.
    name : str, optional
        What the runs of its panels are called, to record and compare them:
        each panel's run is ``"<name>/<panel>"``; default its `title`. A
        plot given its own ``name=`` keeps it; without a name or title, each
        panel's run is named as its plot's.
    compare : int or bool, optional
        How many previous runs each line panel draws behind its live one (as
        `LivePlot`'s `compare`); default each plot's own (1 for a line plot):
        a re-run dashboard cell shows every panel's previous run.
    params : dict, optional
        The runs' parameters, under each plot's own `params`.
    store : str or os.PathLike[str], optional
        Record every panel's rows into this run store, one run per panel
        (see `LivePlot`); `compare` then reads the previous runs from it.
    run : str, optional
        The label of every panel's run in the store; default its start time.

    Notes
    -----
    `close()` closes the dashboard and its plots. A dashboard nothing refers
    to any more is closed when Python frees it, its plots when they are freed.

    Examples
    --------
    >>> d = Dashboard({"loss": LivePlot(["loss"]), "acc": LivePlot(["acc"])}, columns=2)
    >>> while d.running() and len(d["loss"]) < 3:
    ...     d["loss"].update([0.5])
    ...     d["acc"].update([0.9])
    """

    def __init__(
        self,
        plots: Mapping[str, LivePlot] | Sequence[LivePlot],
        *,
        layout: Mapping[str, tuple[int, ...]] | None = None,
        columns: int = 2,
        title: str | None = None,
        name: str | None = None,
        compare: int | bool | None = None,
        params: dict[str, Any] | None = None,
        store: str | os.PathLike[str] | None = None,
        run: str | None = None,
    ) -> None:
        self._plots = _named_plots(plots)
        names = list(self._plots)
        if layout is None:
            cells, width = flow_layout(names, columns)
        else:
            cells, width = grid_layout(names, layout)
        check_str("title", title, optional=True)
        runs = check_dashboard_runs(
            name=name, title=title, compare=compare, params=params, store=store, run=run,
            kinds=[plot.kind for plot in self._plots.values()],
        )  # fmt: skip
        name_panel_runs(self._plots, runs)

        # As a plot's: VS Code holds a Stop click until the cell ends, and the
        # dashboard's header says so instead, once for its panels.
        self._controls = DashboardControlsWidget(
            title=title or "", stop_button=not in_vscode(), host_note=host_note()
        )
        on_msg_weakly(self._controls, self._on_message)  # the widget must not keep us alive
        panels = []
        for name, plot in self._plots.items():
            plot.widget.stop_button = False
            plot.widget.host_note = ""
            # A panel written to again wakes the dashboard's Stop (held weakly: the
            # plot may outlive the dashboard).
            plot._wake_hooks.append(call_weakly(self._wake))
            # A column flexbox stretches the plot to the width of its grid cell.
            area = ipywidgets.Layout(
                grid_area=cells[name].css_area, min_width="0", flex_flow="column"
            )
            panels.append(ipywidgets.Box([plot.widget], layout=area))
        grid = ipywidgets.GridBox(
            panels,
            layout=ipywidgets.Layout(
                grid_template_columns=f"repeat({width}, minmax(0, 1fr))",
                grid_gap="8px 12px",
                width="100%",
            ),
        )
        self._box = ipywidgets.VBox([self._controls, grid], layout=ipywidgets.Layout(width="100%"))
        # Reopened without a kernel, Jupyter marks every widget of the dashboard
        # with a broken-link icon; the dashboard's Stop says "Ended" once instead
        # (dashboard.css hides the icons of widgets with this class).
        for part in (self._box, grid, self._controls, *panels, *self._widgets()):
            part.add_class(PART_CLASS)
        # The plots' own widgets close with their plots; these when the
        # dashboard is freed, unless it was shown (see free_widgets).
        self._shown = Shown()
        self._free_widgets = weakref.finalize(
            self, free_widgets, [self._box, grid, *panels, self._controls], self._shown
        )
        self._cells = cells
        self._grid_columns = width
        self._display_uid = uuid.uuid4().hex
        self._shown_key: Hashable | None = None  # what the shown picture shows
        self._stopped = False
        self._next_poll = 0.0
        self._live = current_shell() is not None or in_marimo()

    @classmethod
    def follow(
        cls,
        path: str | os.PathLike[str],
        *,
        panels: Mapping[str, Sequence[str]],
        columns: int = 2,
        title: str | None = None,
        format: str | None = None,
        step: str = "step",
        **plot_options: Any,
    ) -> Dashboard:
        """A dashboard of a JSON-lines or CSV file, one panel per group of its fields.

        Each panel is a `LivePlot` following `path` with only its fields (see
        `LivePlot.follow`), titled with its name: ``Dashboard.follow("log.jsonl",
        panels={"loss": ["loss", "val_loss"], "acc": ["acc", "val_acc"]})``.

        Parameters
        ----------
        path : str or os.PathLike
            The metrics file.
        panels : mapping of str to list of str
            Panel name -> the fields it shows, in order.
        columns : int
            Panels per row.
        title : str, optional
            Shown above the grid.
        format, step
            As for `LivePlot.follow`.
        **plot_options
            Any further `LivePlot` argument for every panel (``height``, ``max_rows``, ...);
            ``name``, ``compare``, ``params``, ``store`` and ``run`` go to the
            dashboard (see `Dashboard`): each panel's run is ``"<title>/<panel>"``.

        Returns
        -------
        Dashboard
            Following the file; `close()` ends every panel's follower.
        """
        groups = check_panel_fields(panels)
        runs = {key: plot_options.pop(key) for key in RUN_ARGUMENTS if key in plot_options}
        plots: dict[str, LivePlot] = {}
        try:
            for name, fields in groups.items():
                plot = LivePlot(columns=fields, title=name, **plot_options)
                plots[name] = plot
            # Before the rows come: each panel's run is named and recorded from its first row.
            dashboard = cls(plots, columns=columns, title=title, **runs)
            for plot in plots.values():
                plot.follow(path, format=format, step=step)
            return dashboard
        except BaseException:
            for plot in plots.values():  # their followers and widgets, not left behind
                plot.close()
            raise

    # ----- panels -------------------------------------------------------------

    def _widgets(self) -> list[LivePlotWidget]:
        return [plot.widget for plot in self._plots.values()]

    def __getitem__(self, name: str) -> LivePlot:
        try:
            return self._plots[name]
        except KeyError:
            raise KeyError(f"{name!r} is not a panel; panels are {list(self._plots)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._plots)

    def __len__(self) -> int:
        return len(self._plots)

    @property
    def plots(self) -> dict[str, LivePlot]:
        """The panels by name."""
        return dict(self._plots)

    def __repr__(self) -> str:
        if self._closed:
            return f"<Dashboard panels={list(self._plots)} closed>"
        state = "stopped" if self._stopped else "running"
        return f"<Dashboard panels={list(self._plots)} {state}>"

    # ----- the loop guard -------------------------------------------------------

    def _send_due(self, now: float) -> None:
        for plot in self._plots.values():
            plot._send_due(now)

    def reset(self) -> None:
        """Clear every panel's history and resume."""
        for plot in self._plots.values():
            plot.reset()
        self._set_stopped(False)

    # ----- lifetime -------------------------------------------------------------------

    def close(self) -> None:
        """Close every plot (see `LivePlot.close`), the controls and the grid.

        `running()` then returns False; closing twice does nothing.
        """
        if self._closed:
            return
        self._closed = True
        self._stopped = True
        for plot in self._plots.values():
            plot.close()
        self._shown.value = False  # closed on purpose: shown or not
        self._free_widgets()

    def __enter__(self) -> Dashboard:
        return self

    def __exit__(self, *exc_info: object) -> None:
        """End the loop as `LivePlot`'s ``with`` block does, for every panel; the view stays."""
        if self._closed:
            return
        # The panels first: each records its run as finished unless Stop (the
        # dashboard's reaches every panel) or an exception ended it.
        for plot in self._plots.values():
            plot.__exit__(*exc_info)
        self.stop()

    # ----- messages -------------------------------------------------------------------

    def _on_message(self, _widget: object, content: object, _buffers: object) -> None:
        kind = content.get("type") if isinstance(content, dict) else None
        if kind == "stop":
            self._set_stopped(True)
        elif kind == "sync":  # a view of the controls asks whether a kernel is behind it
            self._controls.send({"type": "live"})
        else:
            unknown_messages.warn(content)

    def _set_stopped(self, stopped: bool) -> None:
        # The panels first: a loop that sees the dashboard stopped finds every
        # panel stopped as well, whenever it looks.
        for plot in self._plots.values():
            plot._set_stopped(stopped)
        self._stopped = stopped
        self._controls.stopped = stopped

    # ----- what the header says can still write ----------------------------------------

    def _settle_activity(self) -> None:
        """Say what can still write to any panel now that no cell runs (see activity_of)."""
        sources = [source for plot in self._plots.values() for source in plot._sources]
        self._controls.activity = activity_of(sources)

    def _wake(self) -> None:
        self._controls.activity = "live"

    # ----- display: the widgets and a picture of the grid --------------------------------

    _default_width = DEFAULT_WIDTH

    def _repr_mimebundle_(self, **kwargs: object) -> dict[str, Any]:
        bundle = self._box._repr_mimebundle_(**kwargs)
        return {**bundle, "text/plain": repr(self), SVG_MIME: scene_to_svg(self._scene())}

    def _ipython_display_(self) -> None:
        # Shown under a display id, so the picture can follow the panels' data.
        from IPython.display import display

        for plot in self._plots.values():  # their snapshots, so a save right away keeps them
            plot._refresh_at_cell_end()
        key = self._picture_key()
        display(self._repr_mimebundle_(), raw=True, display_id=self._display_id())
        self._shown_key = key
        self._shown.value = True
        watch_cell_end(self)

    def _flush_at_cell_end(self) -> None:
        """Nothing to send: the panels are plots, watched on their own."""

    def _refresh_at_cell_end(self) -> None:
        """Bring the displayed picture up to date if a panel changed."""
        if self._closed:
            return
        self._settle_activity()
        key = self._picture_key()
        if self._shown_key is None or key == self._shown_key:
            return
        from IPython.display import update_display

        update_display(self._repr_mimebundle_(), raw=True, display_id=self._display_id())
        self._shown_key = key

    def _display_id(self) -> str:
        return f"livescope-dashboard-{self._display_uid}"

    def _picture_key(self) -> Hashable:
        return (self._controls.title, *(plot._data_key() for plot in self._plots.values()))

    # ----- what the exports draw (save_*: Exports) ---------------------------------------

    def _panel_pictures(self) -> list[PanelPicture]:
        pictures = []
        for name, plot in self._plots.items():
            data = plot._data()
            pictures.append(
                PanelPicture(
                    name=name,
                    cell=self._cells[name],
                    kind=plot.kind,
                    exports=REGISTRY[plot.kind],
                    data=data,
                    rows=len(data),
                    title=plot.widget.title,
                    height=plot.widget.height,
                )
            )
        return pictures

    def _scene(self, width: int = DEFAULT_WIDTH) -> Scene:
        return dashboard_scene(
            self._controls.title, self._panel_pictures(), self._grid_columns, width
        )

    def _frames(self, every: int, width: int) -> Iterable[Scene]:
        frames = len(replay_ends(self._replay_rows(), every))
        return dashboard_frames(
            self._controls.title, self._panel_pictures(), self._grid_columns, frames, width
        )

    def _replay_rows(self) -> int:
        return max(len(plot) for plot in self._plots.values())

    def _page(self, max_points: int | None) -> str:
        panels = []
        for name, plot in self._plots.items():
            state = page_state(plot.widget, REGISTRY[plot.kind], plot._data(), max_points)
            panels.append(
                {
                    "name": name,
                    "area": self._cells[name].css_area,
                    "kind": plot.kind,
                    "height": plot.widget.height,
                    "saved": saved_form(state),
                }
            )
        controls = self._controls.get_state(key=["title", "stopped"])
        saved = {"columns": self._grid_columns, "controls": saved_form(controls), "panels": panels}
        return dashboard_page(saved, self._controls.title)


def _named_plots(plots: object) -> dict[str, LivePlot]:
    if isinstance(plots, Mapping):
        named = dict(plots)
        for name in named:
            if not isinstance(name, str):
                raise TypeError(f"panel names must be strings; got {type(name).__name__} {name!r}")
    elif isinstance(plots, Sequence) and not isinstance(plots, str):
        named = {str(i): plot for i, plot in enumerate(plots)}
    else:
        raise TypeError(
            f"plots must be a mapping name -> LivePlot or a list of LivePlots; "
            f"got {type(plots).__name__}"
        )
    if not named:
        raise ValueError("plots must hold at least one LivePlot; got none")
    for name, plot in named.items():
        if not isinstance(plot, LivePlot):
            raise TypeError(f"panel {name!r} must be a LivePlot; got {type(plot).__name__}")
    if len({id(plot) for plot in named.values()}) < len(named):
        raise ValueError("each LivePlot can be one panel only; a plot was given twice")
    return named
