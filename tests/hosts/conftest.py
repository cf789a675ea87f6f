"""Fixtures for tests that open livescope in other notebook hosts (marimo, Voila, JupyterLab
versions) in headless Chromium; one Chromium serves every test (see _hosts.py for the venvs).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from _hosts import REPO_ROOT  # first: puts the browser tests' helpers on sys.path

# isort: split
from _chromium import VIEWPORT
from playwright.sync_api import Browser, ConsoleMessage, Page

ARTIFACTS_DIR = REPO_ROOT / "test-artifacts" / "hosts"
DEFAULT_TIMEOUT_MS = 30_000


class Artifacts:
    """Files a test leaves under ``test-artifacts/hosts/<test>/``."""

    def __init__(self, test_id: str) -> None:
        self.dir = ARTIFACTS_DIR / re.sub(r"[^A-Za-z0-9_.-]+", "_", test_id).strip("_")[:120]
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name: str) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        return self.dir / name

    def screenshot(self, page: Page, name: str) -> None:
        page.screenshot(path=self.path(f"{name}.png"), full_page=True, animations="disabled")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Artifacts:
    return Artifacts(request.node.nodeid.split("::", 1)[-1])


@pytest.fixture
def page(browser: Browser, artifacts: Artifacts, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh tab in its own context; on failure leaves a screenshot and the console log."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    log: list[str] = []

    def on_console(msg: ConsoleMessage) -> None:
        log.append(f"[{msg.type}] {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: log.append(f"[pageerror] {exc}"))
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        yield page
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is None or report.failed:
            try:
                artifacts.screenshot(page, "failure")
            finally:
                artifacts.path("console.log").write_text("\n".join(log), encoding="utf-8")
        context.close()
