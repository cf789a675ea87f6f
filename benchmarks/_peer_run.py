"""Run one peer's streaming loops in a notebook and measure them in the page.

The notebook's cells, in order:

0. shared kernel code and the peer's ``make``/``step``
1. versions of the packages involved
2. ``p = make("main")``: the plot, displayed
3. the measured loop (``steps`` fast steps, after the same loop unplotted)
4. the last picture the kernel drew (image peers only)
5. ``q = make("work")``
6. the 5 ms/step loop: twice unplotted (the difference is the noise), once plotted
7. more runs of the fast loop, for a peer too fast to time in one (livescope)

Measuring cells write their results to files (see ``wait_for_json``).
"""

from __future__ import annotations

import base64
import contextlib
import statistics
import time
from pathlib import Path

import numpy as np
import websocket
from _bench import Bench
from _harness import wait_for_json
from _kernel_code import COMMON
from _notebook_tab import CellError, NotebookTab, latency_parts
from _peers import Peer
from playwright.sync_api import Error as PlaywrightError

# How long the page may take to show the last point after the loop ended.
LATENCY_TIMEOUT_S = 120.0
# Image peers: the picture is final once the kernel was idle and nothing was
# painted for this long.
SETTLE_S = 3.0
LOOP_TIMEOUT_S = 900.0
# Frames are counted from the loop's start to the last point shown, and over
# at least this long: a loop of milliseconds says nothing about frame rates.
MIN_FPS_WINDOW_MS = 1000.0
WORK_S = 0.005
RATE_LIMIT_WARNINGS = ("IOPub message rate exceeded", "IOPub data rate exceeded")
FAILURES = (
    CellError,
    ValueError,
    AssertionError,
    RuntimeError,
    TimeoutError,
    PlaywrightError,
    websocket.WebSocketException,
)

_CANVAS_PIXELS_JS = """
(el) => {
  const canvas = el.querySelector(".jupyter-matplotlib canvas");
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let text = "";
  for (let i = 0; i < data.length; i += 0x8000) {
    text += String.fromCharCode(...data.subarray(i, i + 0x8000));
  }
  return { width: canvas.width, height: canvas.height, rgba: btoa(text) };
}
"""


class PeerRun:
    """One peer in one notebook; its result files live in ``bench.out_dir``."""

    def __init__(self, bench: Bench, peer: Peer, repeats: int) -> None:
        self.bench = bench
        self.peer = peer
        self.repeats = repeats
        self.tab: NotebookTab | None = None

    def file(self, what: str) -> Path:
        return self.bench.out_dir / f"{self.peer.key}-{what}"

    def cells(self) -> list[str]:
        peer = self.peer
        return [
            COMMON + peer.kernel_code,
            f"versions({list(peer.packages)!r}, {str(self.file('versions.json'))!r})",
            'p = make("main")',
            f"measure(p, {peer.steps}, {str(self.file('main.json'))!r})",
            f"save_last_render(p, {str(self.file('render.npy'))!r})"
            if peer.kind == "canvas"
            else "pass",
            'q = make("work")',
            f"measure_work(q, {peer.work_steps}, {WORK_S}, {str(self.file('work.json'))!r})",
            f"cost_repeats({peer.steps}, {self.repeats}, {str(self.file('repeats.json'))!r})",
        ]

    def run(self) -> dict:
        """Measure the peer; failures are recorded with their reason, never raised."""
        peer = self.peer
        result: dict = {"peer": peer.key, "label": peer.label, "steps": peer.steps}
        try:
            self.tab = self.bench.open(f"{peer.key}.ipynb", self.cells())
        except FAILURES as exc:
            return {**result, "status": "failed", "reason": _reason(exc)}
        try:
            self.tab.run_cell(0)
            self.tab.start_cell(1)
            result["versions"] = self.wait_file("versions.json", 60)
            result["main"] = self.main_run()
        except FAILURES as exc:
            self.finish()
            return {**result, "status": "failed", "reason": _reason(exc)}
        costs = [result["main"]["cost_us"]]
        try:
            result["work"] = self.work_run()
            if self.repeats:
                self.tab.start_cell(7)
                costs += [1e6 * c for c in self.wait_file("repeats.json", LOOP_TIMEOUT_S)]
        except FAILURES as exc:
            result["work"] = {"failed": _reason(exc)}
        finally:
            self.finish()
        return {
            **result,
            "status": "ok",
            "cost_us": statistics.median(costs),
            "cost_runs_us": costs,
        }

    def finish(self) -> None:
        try:
            self.tab.screenshot(self.file("page.png"))
        finally:
            self.bench.close(self.tab)

    def wait_file(self, what: str, timeout_s: float) -> object:
        return wait_for_json(self.file(what), timeout_s)

    # -- the fast loop ---------------------------------------------------------

    def main_run(self) -> dict:
        tab, peer = self.tab, self.peer
        tab.run_cell(2)
        if peer.ready_selector:
            tab.wait_selector(2, peer.ready_selector)
        out_cell = 3 if peer.shows_in_loop_cell else 2
        arg = {"last": peer.steps - 1, "name": "main"}
        if peer.kind == "state":
            tab.watch("main", out_cell, peer.shown_js, arg)
        else:
            tab.count_paints("main", out_cell, images=peer.kind == "img")
        tab.drop_frames_before(tab.now_ms())

        start = tab.traffic_mark()
        tab.start_cell(3)
        tab.scroll_to_output(out_cell)
        timing = self.wait_file("main.json", LOOP_TIMEOUT_S)
        base, plot = timing["base"], timing["plot"]
        loop_end = plot["t1_ms"]
        if peer.kind == "state":
            shown_at = self.wait_watch("main")
        else:
            shown_at = self.wait_paints_settled("main", plot["t0_ms"])
        traffic = tab.traffic(start, tab.traffic_mark())
        window_end = shown_at if shown_at is not None else tab.now_ms()
        window_end = max(window_end, loop_end, plot["t0_ms"] + MIN_FPS_WINDOW_MS)
        frames = tab.frames(plot["t0_ms"], window_end)

        run = {
            "base_s": base["seconds"],
            "plot_s": plot["seconds"],
            "cost_us": 1e6 * (plot["seconds"] - base["seconds"]) / peer.steps,
            "messages": traffic.messages,
            "bytes": traffic.bytes,
            "by_type": traffic.by_type,
            "messages_per_step": traffic.messages / peer.steps,
            "bytes_per_step": traffic.bytes / peer.steps,
            "latency_ms": None if shown_at is None else shown_at - loop_end,
            "latency_parts": latency_parts(traffic, loop_end, shown_at),
            "fps": frames.fps,
            "longest_frame_ms": frames.longest_frame_ms,
            "fps_window_s": frames.seconds,
            "rate_limited": self.rate_limit_warnings(3),
            "websocket_closed": traffic.closed,
        }
        run.update(self.completeness(out_cell, arg))
        return run

    def wait_watch(self, name: str) -> float | None:
        """When the page first showed the last point; None if not within the timeout."""
        # Not shown within the timeout is a result ("never"), not an error.
        with contextlib.suppress(TimeoutError):
            self.tab.wait(
                "(n) => window.__bench.watches[n].at !== null",
                [name],
                LATENCY_TIMEOUT_S,
                "the last point",
            )
        at, error = self.tab.watch_result(name)
        if error:
            raise AssertionError(f"the page-side check of the last point failed: {error}")
        return at

    def wait_paints_settled(self, name: str, loop_start_ms: float) -> float | None:
        """Time of the last paint, once the kernel is idle and painting stopped."""
        tab = self.tab
        deadline = time.monotonic() + LATENCY_TIMEOUT_S
        idle_since = None
        while time.monotonic() < deadline:
            _, last = tab.paints(name)
            now = tab.now_ms()
            if tab.kernel_status() != "idle":
                idle_since = None
            else:
                # Quiet counts from the kernel going idle too: a peer that
                # draws only once the kernel is free (ipympl's draw_idle)
                # paints its last picture after that.
                idle_since = idle_since or now
                if now - max(last or 0.0, idle_since) >= SETTLE_S * 1000:
                    break
            time.sleep(0.25)  # polling interval of a wait with its own deadline
        _, last = tab.paints(name)
        return last if last is not None and last >= loop_start_ms else None

    def rate_limit_warnings(self, cell: int) -> bool:
        text = "".join(
            "".join(out.get("text", ""))
            for out in self.tab.outputs(cell)
            if out.get("output_type") == "stream"
        )
        return any(warning in text for warning in RATE_LIMIT_WARNINGS)

    def completeness(self, out_cell: int, arg: dict) -> dict:
        """Whether every point made it to the screen, by the peer's kind of drawing."""
        tab, peer = self.tab, self.peer
        if peer.kind == "state":
            points = tab.on_output(out_cell, peer.points_js, arg)
            return {"points_shown": points, "all_shown": points == peer.steps}
        if peer.kind == "img":
            images, _ = tab.paints("main")
            # One image per send(); the last one holds every point.
            return {"images_shown": images, "all_shown": images == peer.steps}
        tab.run_cell(4)
        kernel = np.load(self.file("render.npy"))
        page = tab.on_output(out_cell, _CANVAS_PIXELS_JS)
        shown = np.frombuffer(base64.b64decode(page["rgba"]), dtype=np.uint8)
        if (page["height"], page["width"], 4) != kernel.shape:
            return {"all_shown": False, "pixels_differing": None}
        differing = int(np.any(shown.reshape(kernel.shape) != kernel, axis=2).sum())
        return {"pixels_differing": differing, "all_shown": differing == 0}

    # -- the 5 ms/step loop ----------------------------------------------------

    def work_run(self) -> dict:
        tab = self.tab
        tab.run_cell(5)
        if self.peer.ready_selector:
            tab.wait_selector(5, self.peer.ready_selector)
        start = tab.traffic_mark()
        tab.start_cell(6)
        timing = self.wait_file("work.json", LOOP_TIMEOUT_S)
        traffic = tab.traffic(start, tab.traffic_mark())
        base = [b["seconds"] for b in timing["base"]]
        plot = timing["plot"]["seconds"]
        return {
            "base_s": base,
            "plot_s": plot,
            "slowdown": plot / statistics.mean(base) - 1,
            "noise": base[1] / base[0] - 1,
            "messages": traffic.messages,
            "messages_per_s": traffic.messages / plot,
        }


def _reason(exc: Exception) -> str:
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return " ".join(lines[:2])[:300] or type(exc).__name__
