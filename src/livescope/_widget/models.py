"""The anywidget models: synced configuration, plus the bundled front end."""

from __future__ import annotations

import uuid

import anywidget
import traitlets

from .runtime import SharedBundleWidget, bundle_file


class LivePlotWidget(SharedBundleWidget):
    """What the browser sees of a LivePlot; rows travel as custom messages.

    Its front end (js/widget.js) comes from the session's runtime model, so a
    saved notebook holds the bundle once, not once per plot (see _runtime.py).
    """

    columns = traitlets.List(traitlets.Unicode()).tag(sync=True)
    title = traitlets.Unicode("").tag(sync=True)
    x_label = traitlets.Unicode("step").tag(sync=True)
    height = traitlets.Int(300).tag(sync=True)
    stopped = traitlets.Bool(False).tag(sync=True)
    # False while the plot sits in a Dashboard, whose own Stop button serves it.
    stop_button = traitlets.Bool(True).tag(sync=True)
    # What background sources report, e.g. "3 lines skipped"; "" for nothing.
    note = traitlets.Unicode("").tag(sync=True)
    kind = traitlets.Unicode("lines").tag(sync=True)
    view_options = traitlets.Dict().tag(sync=True)
    # Where a replayable view opens: following the latest row, or at the first.
    replay_start = traitlets.Enum(("latest", "first"), "latest").tag(sync=True)
    # The data a saved notebook keeps (see _saved_state.py); refreshed when a cell ends.
    _snapshot = traitlets.Bytes(b"").tag(sync=True)
    # Tells models apart in the browser, where each call gets a new model proxy.
    _uid = traitlets.Unicode().tag(sync=True)

    @traitlets.default("_uid")
    def _new_uid(self) -> str:
        return uuid.uuid4().hex


class DashboardControlsWidget(anywidget.AnyWidget):
    """A Dashboard's title and its one Stop button; the panels are LivePlot widgets."""

    _esm = bundle_file("dashboard.js")
    _css = bundle_file("dashboard.css")

    title = traitlets.Unicode("").tag(sync=True)
    stopped = traitlets.Bool(False).tag(sync=True)
    # Tells models apart in the browser: a view rendered anew (the picture
    # refreshed at cell end) knows at once that a kernel answered before.
    _uid = traitlets.Unicode().tag(sync=True)

    @traitlets.default("_uid")
    def _new_uid(self) -> str:
        return uuid.uuid4().hex
