"""The notebook tab driven over a bare DevTools connection: nothing watches the network.

Playwright turns on the DevTools Network domain for every page it drives,
so Chromium ships every websocket frame, base64-encoded, to the driver. At
the megabytes a second some plots send, that instrumentation is a large
part of the work and the page shows the data late (a 10,000,000-value
livescope stream: its last row 45 s after the loop under Playwright, 6 s
without it). This driver starts its own headless Chromium, speaks the
protocol over one websocket, never enables Network, and counts kernel
traffic inside the page instead (``wire_counter_js``).
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
import os
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import websocket
from _harness import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, free_port
from _notebook_tab import NOT_PLOT_TRAFFIC, NotebookTab, Traffic
from _page_js import wire_counter_js

STARTUP_TIMEOUT_S = 30.0


class CdpError(RuntimeError):
    """Chromium answered a DevTools call with an error."""


class CdpTab(NotebookTab):
    """One tab of a headless Chromium this object starts and stops."""

    def __init__(self, url: str, name: str, log_path: Path) -> None:
        self.name = name
        self._port = free_port()
        profile = tempfile.mkdtemp(prefix="livescope-chromium-")
        with log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [
                    CHROMIUM,
                    "--headless",
                    f"--remote-debugging-port={self._port}",
                    f"--user-data-dir={profile}",
                    f"--window-size={VIEWPORT['width']},{VIEWPORT['height']}",
                    *CHROMIUM_ARGS,
                    "about:blank",
                ],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group: close() ends every process Chromium started.
                start_new_session=True,
            )
        try:
            self._socket = websocket.create_connection(
                self._page_target(), suppress_origin=True, timeout=900
            )
            self._id = 0
            self._send("Page.enable")
            # The viewport and pixel ratio the Playwright driver uses.
            self._send(
                "Emulation.setDeviceMetricsOverride",
                width=VIEWPORT["width"],
                height=VIEWPORT["height"],
                deviceScaleFactor=1,
                mobile=False,
            )
            self._send(
                "Page.addScriptToEvaluateOnNewDocument", source=wire_counter_js(NOT_PLOT_TRAFFIC)
            )
            self._send("Page.navigate", url=url)
            self.install()
        except BaseException:
            self.close()
            raise

    def _page_target(self) -> str:
        """The DevTools websocket of the browser's first tab, once it answers."""
        url = f"http://127.0.0.1:{self._port}/json/list"
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    targets = json.loads(response.read())
                return next(t for t in targets if t["type"] == "page")["webSocketDebuggerUrl"]
            except (OSError, StopIteration):
                if time.monotonic() > deadline or self._process.poll() is not None:
                    raise CdpError(f"{CHROMIUM} gave no DevTools endpoint on {url}") from None
                time.sleep(0.1)  # polling interval of a wait with its own deadline

    def _send(self, method: str, **params: object) -> dict:
        """One DevTools command and its result (events in between are dropped)."""
        self._id += 1
        self._socket.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            reply = json.loads(self._socket.recv())
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                return reply["result"]

    # -- the driver ------------------------------------------------------------

    def call(self, function: str, *args: object) -> object:
        result = self._send(
            "Runtime.evaluate",
            expression=f"({function})(...{json.dumps(list(args))})",
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise CdpError(details.get("exception", {}).get("description") or details["text"])
        return result["result"].get("value")

    def wait(self, function: str, args: list, timeout_s: float, what: str) -> None:
        deadline = time.monotonic() + timeout_s
        while not self.call(function, *args):
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out after {timeout_s:.0f} s waiting for {what}")
            time.sleep(0.1)  # polling interval of a wait with its own deadline

    def traffic_mark(self) -> object:
        return self.call("() => JSON.parse(JSON.stringify(window.__wire))")

    def traffic(self, start: object, end: object) -> Traffic:
        after = start["arrivals"][-1][1] if start["arrivals"] else -math.inf
        by_type = {
            k: n - start["by_type"].get(k, 0)
            for k, n in end["by_type"].items()
            if n > start["by_type"].get(k, 0)
        }
        return Traffic(
            messages=end["messages"] - start["messages"],
            bytes=end["bytes"] - start["bytes"],
            by_type=by_type,
            closed=end["closed"] - start["closed"],
            arrivals=tuple(
                (sent, arrived) for sent, arrived in end["arrivals"] if arrived > after
            ),
        )

    def heap_bytes(self) -> dict[str, float]:
        self._send("HeapProfiler.collectGarbage")
        return {k: float(v) for k, v in self._send("Runtime.getHeapUsage").items()}

    def click(self, x: float, y: float) -> None:
        """A real mouse click, through Chromium's input pipeline."""
        for kind in ("mousePressed", "mouseReleased"):
            self._send(
                "Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1
            )

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self._send("Page.captureScreenshot")["data"]))

    def close(self) -> None:
        with contextlib.suppress(AttributeError, OSError):
            self._socket.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signal.SIGTERM)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self._process.pid, signal.SIGKILL)
            self._process.wait(timeout=10)
