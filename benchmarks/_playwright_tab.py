"""The notebook tab driven by Playwright, kernel traffic from its websocket frame events.

Playwright enables the DevTools Network domain on every page, so Chromium
ships each websocket frame, base64-encoded, to the driver. That costs the
machine work in proportion to the bytes a plot sends, and the page sees
them later; see ``_cdp_tab`` for the driver without it.
"""

from __future__ import annotations

from pathlib import Path

from _harness import PAGE_TIMEOUT_MS, VIEWPORT
from _notebook_tab import NotebookTab, Traffic
from _wire_recorder import WireRecorder
from playwright.sync_api import Browser
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError


class PlaywrightTab(NotebookTab):
    def __init__(self, browser: Browser, url: str, name: str) -> None:
        self.name = name
        self._context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
        self._context.set_default_timeout(PAGE_TIMEOUT_MS)
        self.page = self._context.new_page()
        self.page.on("dialog", lambda dialog: dialog.accept())
        self.wire = WireRecorder(self.page)
        self.page.goto(url)
        self._cdp = self._context.new_cdp_session(self.page)
        self.install()

    def call(self, function: str, *args: object) -> object:
        return self.page.evaluate(f"(args) => ({function})(...args)", list(args))

    def wait(self, function: str, args: list, timeout_s: float, what: str) -> None:
        try:
            self.page.wait_for_function(
                f"(args) => ({function})(...args)",
                arg=args,
                timeout=timeout_s * 1000,
                polling=100,
            )
        except PlaywrightTimeoutError:
            raise TimeoutError(f"timed out after {timeout_s:.0f} s waiting for {what}") from None

    def traffic_mark(self) -> object:
        return self.wire.mark()

    def traffic(self, start: object, end: object) -> Traffic:
        return self.wire.traffic(start, end)

    def heap_bytes(self) -> dict[str, float]:
        self._cdp.send("HeapProfiler.collectGarbage")
        return {k: float(v) for k, v in self._cdp.send("Runtime.getHeapUsage").items()}

    def click(self, x: float, y: float) -> None:
        self.page.mouse.click(x, y)

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=path)

    def close(self) -> None:
        self._context.close()
