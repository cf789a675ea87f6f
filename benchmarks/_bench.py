"""A Jupyter server and a browser for one benchmark run, tabs opened by either driver."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Literal

from _cdp_tab import CdpTab
from _harness import REPO_ROOT, JupyterServer, launch_chromium, write_notebook
from _notebook_tab import NotebookTab
from _playwright_tab import PlaywrightTab
from playwright.sync_api import Browser, Playwright, sync_playwright

Driver = Literal["cdp", "playwright"]
DRIVERS: tuple[Driver, ...] = ("cdp", "playwright")


class Bench:
    """JupyterLab on 127.0.0.1 and headless Chromium (one per tab for ``cdp``)."""

    def __init__(self, out_dir: Path, driver: Driver) -> None:
        self.out_dir = out_dir
        self.driver = driver
        self.server = JupyterServer(
            base_dir=Path(tempfile.mkdtemp(prefix="livescope-bench-")),
            log_path=out_dir / "jupyter-server.log",
            # Kernels import this checkout's livescope.
            extra_pythonpath=[REPO_ROOT / "src"],
        )
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None

    def __enter__(self) -> Bench:
        self.server.start()
        if self.driver == "playwright":
            self._playwright = sync_playwright().start()
            self._browser = launch_chromium(self._playwright)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
            if self._playwright is not None:
                self._playwright.stop()
        finally:
            self.server.stop()

    def open(self, name: str, cells: list[str]) -> NotebookTab:
        """Write a notebook of ``cells``, open it in a new tab, wait for an idle kernel."""
        write_notebook(self.server.root_dir / name, cells)
        # `reset`: an empty workspace, so no earlier notebook is restored.
        url = f"{self.server.url}/lab/tree/{name}?token={self.server.token}&reset"
        if self.driver == "playwright":
            return PlaywrightTab(self._browser, url, name)
        return CdpTab(url, name, self.out_dir / "chromium.log")

    def close(self, tab: NotebookTab) -> None:
        """Close the tab and shut its kernel down."""
        tab.close()
        self.server.shutdown_all_sessions()
