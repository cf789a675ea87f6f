"""One notebook open in a browser tab: what the benchmarks do with it, driver-neutral.

Everything here goes through page-side functions (``_page_js``), so a
driver only has to call a function in the page, wait for one to hold, count
kernel traffic, read the heap, click and take screenshots. Two drivers exist:
``PlaywrightTab`` and ``CdpTab``.
"""

from __future__ import annotations

import itertools
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path

from _page_js import (
    CELL_DONE_JS,
    DROP_FRAMES_JS,
    FRAMES_JS,
    INSTALL_JS,
    NOTEBOOK_IDLE_JS,
    PAINTS_JS,
    WATCH_JS,
)

# Kernel messages that are not a plot's own traffic: the notebook's own
# bookkeeping and cell values. Printed output counts: a peer may print.
NOT_PLOT_TRAFFIC = {"status", "execute_input", "execute_result", "error"}

PAGE_LOAD_TIMEOUT_S = 90.0
CELL_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Traffic:
    """Plot traffic the page received on kernel websockets between two marks."""

    messages: int
    bytes: int
    by_type: dict[str, int]
    closed: int  # kernel websockets that closed (the server drops a page that fell behind)
    # (kernel send, page arrival) in epoch ms of the latest plot messages;
    # only the DevTools driver records them.
    arrivals: tuple[tuple[float, float], ...] = ()


def latency_parts(traffic: Traffic, loop_end_ms: float, shown_ms: float | None) -> dict | None:
    """Split an end latency at the last plot message the page received before showing the point.

    ``kernel_ms``: loop end to the kernel sending that message;
    ``transit_ms``: on to the page's script receiving it (the server, the
    websocket, and waiting for the page's main thread); ``page_ms``: on to
    the point being shown. None without arrival times.
    """
    if shown_ms is None:
        return None
    before = [pair for pair in traffic.arrivals if pair[1] <= shown_ms]
    if not before:
        return None
    sent, arrived = before[-1]
    return {
        "kernel_ms": sent - loop_end_ms,
        "transit_ms": arrived - sent,
        "page_ms": shown_ms - arrived,
    }


@dataclass(frozen=True)
class FrameStats:
    fps: float
    longest_frame_ms: float
    seconds: float


def frame_stats(frames: list[float], t0_ms: float, t1_ms: float) -> FrameStats:
    """Frames per second in [t0, t1] and the longest gap between painted frames."""
    seconds = max(t1_ms - t0_ms, 1e-9) / 1000
    edges = [t0_ms, *frames, t1_ms]
    longest = max(b - a for a, b in itertools.pairwise(edges))
    return FrameStats(fps=len(frames) / seconds, longest_frame_ms=longest, seconds=seconds)


class NotebookTab(ABC):
    """A notebook of code cells open in JupyterLab, with the probes installed."""

    name: str

    # -- what a driver provides -----------------------------------------------

    @abstractmethod
    def call(self, function: str, *args: object) -> object:
        """``function(...args)`` in the page (JSON arguments); its value, awaited."""

    @abstractmethod
    def wait(self, function: str, args: list, timeout_s: float, what: str) -> None:
        """Until ``function(...args)`` is truthy; TimeoutError naming ``what`` if not."""

    @abstractmethod
    def traffic_mark(self) -> object:
        """A point in the kernel traffic the page received so far."""

    @abstractmethod
    def traffic(self, start: object, end: object) -> Traffic: ...

    @abstractmethod
    def heap_bytes(self) -> dict[str, float]:
        """``Runtime.getHeapUsage`` after a full garbage collection."""

    @abstractmethod
    def click(self, x: float, y: float) -> None: ...

    @abstractmethod
    def screenshot(self, path: Path) -> None: ...

    @abstractmethod
    def close(self) -> None: ...

    # -- the notebook ----------------------------------------------------------

    def install(self) -> None:
        """Wait for the notebook and an idle kernel, then add the probes."""
        self.wait(NOTEBOOK_IDLE_JS, [], PAGE_LOAD_TIMEOUT_S, "the notebook and an idle kernel")
        self.call(INSTALL_JS)

    def start_cell(self, index: int) -> str:
        """Run cell ``index`` (Run > Run Selected Cell); return its prompt from before."""
        before = self.call("(i) => window.__bench.prompt(i)", index)
        self.call("(i) => window.__bench.runCell(i)", index)
        return before

    def run_cell(self, index: int, timeout_s: float = CELL_TIMEOUT_S) -> None:
        before = self.start_cell(index)
        self.wait(CELL_DONE_JS, [index, before], timeout_s, f"cell {index} of {self.name}")
        errors = [o for o in self.outputs(index) if o.get("output_type") == "error"]
        if errors:
            raise CellError(
                f"cell {index} of {self.name} raised {errors[0]['ename']}: {errors[0]['evalue']}"
            )

    def outputs(self, index: int) -> list[dict]:
        return self.call("(i) => window.__bench.outputs(i)", index)

    def kernel_status(self) -> str | None:
        return self.call("() => window.__bench.kernelStatus()")

    def wait_selector(self, index: int, selector: str, timeout_s: float = CELL_TIMEOUT_S):
        self.wait(
            "(i, s) => !!window.__bench.output(i).querySelector(s)",
            [index, selector],
            timeout_s,
            f"{selector} in the output of cell {index}",
        )

    def on_output(self, index: int, function: str, arg: object = None) -> object:
        """``function(outputArea, arg)`` for the output area of cell ``index``."""
        return self.call(f"(i, arg) => ({function})(window.__bench.output(i), arg)", index, arg)

    def scroll_to_output(self, index: int) -> None:
        self.on_output(index, "(el) => el.scrollIntoView({ block: 'center' })")

    # -- probes ----------------------------------------------------------------

    def now_ms(self) -> float:
        return self.call("() => window.__bench.now()")

    def watch(self, name: str, index: int, check_js: str, arg: object) -> None:
        """Run ``check_js(outputArea, arg)`` after every frame; remember when it first holds."""
        self.call(WATCH_JS, name, index, check_js, arg)

    def watch_result(self, name: str) -> tuple[float | None, str | None]:
        w = self.call(
            "(n) => { const w = window.__bench.watches[n]; return [w.at, w.error]; }", name
        )
        return w[0], w[1]

    def count_paints(self, name: str, index: int, *, images: bool) -> None:
        """Count canvas draws in the output of cell ``index`` (and decoded <img>s)."""
        self.call(PAINTS_JS, name, index, images)

    def paints(self, name: str) -> tuple[int, float | None]:
        p = self.call("(n) => window.__bench.paints[n]", name)
        return p["count"], p["last"]

    def frames(self, t0_ms: float, t1_ms: float) -> FrameStats:
        """The frames of [t0, t1], once that window has passed in the page."""
        # A window that ends in the future would count its rest as one long frame.
        timeout_s = max(0.0, t1_ms - self.now_ms()) / 1000 + 10
        self.wait("(t) => window.__bench.now() > t", [t1_ms], timeout_s, "the frame window")
        return frame_stats(self.call(FRAMES_JS, t0_ms, t1_ms), t0_ms, t1_ms)

    def drop_frames_before(self, t_ms: float) -> None:
        self.call(DROP_FRAMES_JS, t_ms)


class CellError(AssertionError):
    """A cell raised an exception in the kernel."""
