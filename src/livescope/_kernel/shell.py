"""Where we run (a Jupyter kernel, `livescope serve`, or neither) and the one cell-end hook."""

from __future__ import annotations

import sys
import weakref
from typing import Any, Protocol


def current_shell() -> Any | None:
    """The IPython shell of a Jupyter kernel, or None (plain Python, terminal IPython).

    Typed Any: IPython ships no type information.
    """
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return None
    shell = ipython.get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    return shell


_page_server = False  # widgets of this process are shown by `livescope serve`


def serve_pages() -> None:
    """Declare that this process's widgets have front ends: the pages `livescope serve` serves."""
    global _page_server
    _page_server = True


def serving_pages() -> bool:
    """Whether `livescope serve` shows this process's widgets (outside any kernel)."""
    return _page_server


class CellEndWatcher(Protocol):
    """A plot or dashboard that catches up when a cell ends."""

    def _flush_at_cell_end(self) -> None:
        """Send what waits for the next frame (cheap; every watcher's runs first)."""

    def _refresh_at_cell_end(self) -> None:
        """Refresh what a saved notebook keeps (slower; after every flush)."""


class CellEnd:
    """One post_run_cell hook for every watcher, held weakly so nothing here keeps a plot."""

    def __init__(self) -> None:
        self._watchers: weakref.WeakSet[CellEndWatcher] = weakref.WeakSet()
        self._hooked = False

    def watch(self, watcher: CellEndWatcher) -> None:
        """Have `watcher` flushed and refreshed after every cell, if in a kernel."""
        self._watchers.add(watcher)
        if not self._hooked:
            shell = current_shell()
            if shell is not None:
                shell.events.register("post_run_cell", lambda _result: self.cell_ended())
                self._hooked = True

    def cell_ended(self) -> None:
        """Flush every watcher, then refresh every watcher: the last rows go out first."""
        watchers = list(self._watchers)
        for watcher in watchers:
            watcher._flush_at_cell_end()
        for watcher in watchers:
            watcher._refresh_at_cell_end()


cell_end = CellEnd()


def watch_cell_end(watcher: CellEndWatcher) -> None:
    """Have `watcher` flushed and refreshed after every cell (see `CellEnd`)."""
    cell_end.watch(watcher)
