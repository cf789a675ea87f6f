"""JupyterLab and headless Chromium for the benchmarks, on the browser tests' harness.

The server, the Chromium launch and the notebook driver are the ones
``tests/browser`` uses; this module only adds what a measurement needs: one
tab per notebook, the websocket recorder and the page probes.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from _page_probes import PageProbes
from _wire_recorder import WireRecorder
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT / "tests" / "browser"))

from _chromium import VIEWPORT, launch_chromium  # noqa: E402
from _jupyter_server import JupyterServer  # noqa: E402
from _notebook_page import CellError, NotebookPage, write_notebook  # noqa: E402

__all__ = ["REPO_ROOT", "Bench", "CellError", "Tab", "wait_for_json"]

CELL_TIMEOUT_S = 120.0


def wait_for_json(path: Path, timeout_s: float) -> object:
    """The JSON a kernel wrote to ``path``.

    Polled instead of read from the page: a plot can swamp the page so badly
    that the cell never shows as finished, and its numbers still count.
    """
    deadline = time.monotonic() + timeout_s
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the kernel wrote no {path.name} within {timeout_s:.0f} s")
        time.sleep(0.1)  # polling interval of a wait with its own deadline
    return json.loads(path.read_text())


@dataclass
class Tab:
    """One notebook open in its own browser context."""

    context: BrowserContext
    page: Page
    nb: NotebookPage
    wire: WireRecorder
    probes: PageProbes

    def run(self, index: int, timeout_s: float = CELL_TIMEOUT_S) -> list[dict]:
        return self.nb.run_cell(index, timeout_s)

    def start_cell(self, index: int) -> None:
        """Run cell ``index`` without waiting for the page to show it finished."""
        self.nb.start_cell(index)


class Bench:
    """A JupyterLab server and a headless Chromium for one benchmark run."""

    def __init__(self, log_dir: Path) -> None:
        self._base = Path(tempfile.mkdtemp(prefix="livescope-bench-"))
        self.server = JupyterServer(
            base_dir=self._base,
            log_path=log_dir / "jupyter-server.log",
            # Kernels import this checkout's livescope.
            extra_pythonpath=[REPO_ROOT / "src"],
        )
        self._playwright: Playwright | None = None
        self.browser: Browser | None = None

    def __enter__(self) -> Bench:
        self.server.start()
        self._playwright = sync_playwright().start()
        self.browser = launch_chromium(self._playwright)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.browser is not None:
                self.browser.close()
            if self._playwright is not None:
                self._playwright.stop()
        finally:
            self.server.stop()

    def open(self, name: str, cells: list[str]) -> Tab:
        """Write a notebook of `cells`, open it in a fresh context, wait for an idle kernel."""
        assert self.browser is not None
        write_notebook(self.server.root_dir / name, cells)
        context = self.browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
        context.set_default_timeout(60_000)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        wire = WireRecorder(page)
        nb = NotebookPage(
            page=page, base_url=self.server.url, token=self.server.token, path=name, ui="lab"
        )
        nb.open()
        return Tab(context=context, page=page, nb=nb, wire=wire, probes=PageProbes(page))

    def close(self, tab: Tab) -> None:
        """Close the tab and shut its kernel down."""
        tab.context.close()
        self.server.shutdown_all_sessions()
