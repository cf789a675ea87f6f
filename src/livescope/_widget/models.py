"""The anywidget models: synced configuration, plus the bundled front end."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

import anywidget
import traitlets

from .runtime import SharedBundleWidget, bundle_file

log = logging.getLogger("livescope")

# A running cell or a listener's publishers (Stop reaches them); only followed
# files (Stop cannot reach their writers); nothing any more.
ACTIVITIES = ("live", "following", "done")


class KernelOwnedState:
    """A widget whose synced state the kernel owns (a mixin, before the widget class).

    ipywidgets applies whatever a front end sends in an `update` message. Here
    a front end may change only what `_accept` allows; any other change is
    refused and the front ends are sent the kernel's value again.
    """

    def set_state(self, sync_data: dict[str, Any]) -> None:
        accepted, refused = {}, []
        for key, value in sync_data.items():
            try:
                accepted[key] = self._accept(key, value)
            except (TypeError, ValueError) as error:
                log.info("livescope refused %s from a front end: %s", key, error)
                refused.append(key)
        if accepted:
            super().set_state(accepted)  # type: ignore[misc]
        if refused:
            self.send_state(refused)  # type: ignore[attr-defined]

    def _accept(self, key: str, value: object) -> object:
        """`value` as trait `key` takes it from a front end; TypeError or ValueError refuse it."""
        raise ValueError(f"{key} is set by the kernel only")


class LivePlotWidget(KernelOwnedState, SharedBundleWidget):
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
    # What the host keeps a live plot from doing (Stop in marimo, VS Code):
    # shown only while a kernel is behind the view, never in a saved page.
    host_note = traitlets.Unicode("").tag(sync=True)
    # What can still write rows (see _sources/attach.py activity_of): the Stop
    # button reads "Stop" while "live", "Following" or "Done" otherwise.
    activity = traitlets.Enum(ACTIVITIES, "live").tag(sync=True)
    # Series rows left out -> the steps of their reported non-finite values
    # (see _core/sparse.py): drawn through their own points, broken there only.
    sparse = traitlets.Dict().tag(sync=True)
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

    # Set by the plot: its kind's check of the view options a view's controls
    # write (View.front_end_options in _kinds/base.py); None refuses them all.
    check_options: Callable[[dict[str, Any]], dict[str, Any]] | None = None

    def _accept(self, key: str, value: object) -> object:
        if key != "view_options" or self.check_options is None:
            return super()._accept(key, value)
        if not isinstance(value, dict):
            raise TypeError(f"view_options must be a dict; got {type(value).__name__}")
        return self.check_options(value)


class DashboardControlsWidget(KernelOwnedState, anywidget.AnyWidget):
    """A Dashboard's title and its one Stop button; the panels are LivePlot widgets."""

    _esm = bundle_file("dashboard.js")
    _css = bundle_file("dashboard.css")

    title = traitlets.Unicode("").tag(sync=True)
    stopped = traitlets.Bool(False).tag(sync=True)
    activity = traitlets.Enum(ACTIVITIES, "live").tag(sync=True)
    stop_button = traitlets.Bool(True).tag(sync=True)  # False where Stop would wait (VS Code)
    host_note = traitlets.Unicode("").tag(sync=True)  # as a LivePlotWidget's, for the panels
    # Tells models apart in the browser: a view rendered anew (the picture
    # refreshed at cell end) knows at once that a kernel answered before.
    _uid = traitlets.Unicode().tag(sync=True)

    @traitlets.default("_uid")
    def _new_uid(self) -> str:
        return uuid.uuid4().hex
