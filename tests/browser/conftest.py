"""Fixtures for tests that drive real JupyterLab / Notebook 7 in headless Chromium.

One Jupyter server and one browser serve the whole session; each test gets a
fresh browser context (no shared cookies or storage) and its notebook
kernels are shut down when it ends.

Environment knobs:

``LIVESCOPE_CHROMIUM``
    Chromium executable (default ``/usr/bin/chromium``); Playwright's own
    browser download is not used.
``LIVESCOPE_TEST_INSTALLED=1``
    Test the installed ``livescope`` instead of this checkout's ``src/``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from _chromium import VIEWPORT
from _jupyter_server import IPYKERNEL6_KERNEL, KERNELS_SETTINGS, JupyterServer, ipykernel6_python
from _notebook_page import NotebookPage, Ui, write_notebook
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "test-artifacts" / "browser"

DEFAULT_TIMEOUT_MS = 30_000


# -- reporting ---------------------------------------------------------------


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    report = yield
    # Lets fixtures see during teardown whether the test itself failed.
    setattr(item, f"rep_{report.when}", report)
    return report


def _failed(request: pytest.FixtureRequest) -> bool:
    report = getattr(request.node, "rep_call", None)
    return report is None or report.failed


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")[:120]


class Artifacts:
    """Files a test leaves behind under ``test-artifacts/browser/<test>/``."""

    def __init__(self, test_id: str) -> None:
        self.dir = ARTIFACTS_DIR / _slug(test_id)
        # Only this run's files: a stale failure.png would mislead.
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name: str) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        return self.dir / name

    def screenshot(self, target: Page | Locator, name: str) -> bytes:
        """Save a PNG of a page or element as ``<name>.png`` and return its bytes."""
        path = self.path(f"{_slug(name)}.png")
        if isinstance(target, Locator):
            return target.screenshot(path=path, animations="disabled")
        return target.screenshot(path=path, full_page=True, animations="disabled")

    def write_text(self, name: str, text: str) -> Path:
        path = self.path(name)
        path.write_text(text, encoding="utf-8")
        return path


@pytest.fixture
def artifacts(request: pytest.FixtureRequest) -> Artifacts:
    return Artifacts(request.node.nodeid.split("::", 1)[-1])


# -- server and browser ------------------------------------------------------


@contextlib.contextmanager
def _running_server(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    settings: dict[str, dict[str, object]] | None = None,
) -> Iterator[JupyterServer]:
    pythonpath = []
    if (
        not os.environ.get("LIVESCOPE_TEST_INSTALLED")
        and (REPO_ROOT / "src" / "livescope").is_dir()
    ):
        # Kernels import the checkout under test, not whatever is installed.
        pythonpath.append(REPO_ROOT / "src")
    server = JupyterServer(
        base_dir=tmp_path_factory.mktemp(name),
        log_path=ARTIFACTS_DIR / f"{name}-server.log",
        extra_pythonpath=pythonpath,
        settings=settings or {},
        kernels={IPYKERNEL6_KERNEL: ipykernel6_python()},
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def jupyter_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """A JupyterLab server (Lab at /lab, Notebook 7 at /notebooks) for the session."""
    with _running_server(tmp_path_factory, "jupyter") as server:
        yield server


@pytest.fixture(scope="session")
def comms_off_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JupyterServer]:
    """A second server whose JupyterLab sends comm messages to no kernel subshell."""
    settings = {KERNELS_SETTINGS: {"commsOverSubshells": "disabled"}}
    with _running_server(tmp_path_factory, "jupyter-comms-off", settings) as server:
        yield server


@pytest.fixture
def page(
    browser: Browser,
    jupyter_server: JupyterServer,
    artifacts: Artifacts,
    request: pytest.FixtureRequest,
) -> Iterator[Page]:
    """A fresh tab in its own context; on failure leaves a screenshot and console log."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    log: list[str] = []

    def on_console(msg: ConsoleMessage) -> None:
        log.append(f"[{msg.type}] {msg.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda exc: log.append(f"[pageerror] {exc}"))
    # "Leave page with unsaved changes?" must not block a reload.
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        yield page
    finally:
        if _failed(request):
            try:
                artifacts.screenshot(page, "failure")
            finally:
                artifacts.write_text("console.log", "\n".join(log))
        context.close()
        jupyter_server.shutdown_all_sessions()


@pytest.fixture
def open_notebook(
    page: Page, jupyter_server: JupyterServer, request: pytest.FixtureRequest
) -> Callable[..., NotebookPage]:
    """Write a notebook with the given code cells, open it, wait for an idle kernel.

    ``open_notebook(["import x", "x.f()"], ui="notebook")`` returns a
    :class:`NotebookPage`; ``ui`` is ``"lab"`` (default) or ``"notebook"``,
    ``kernel`` the notebook's kernelspec. Pass a ``Path`` instead of a list to
    open a copy of an existing notebook.
    """
    count = 0

    def _open(
        cells: list[str] | Path, ui: Ui = "lab", name: str | None = None, kernel: str = "python3"
    ) -> NotebookPage:
        nonlocal count
        count += 1
        name = name or f"{_slug(request.node.name)}-{count}.ipynb"
        if isinstance(cells, Path):
            shutil.copyfile(cells, jupyter_server.root_dir / name)
        else:
            write_notebook(jupyter_server.root_dir / name, cells, kernel)
        nb = NotebookPage(
            page=page, base_url=jupyter_server.url, token=jupyter_server.token, path=name, ui=ui
        )
        return nb.open()

    return _open
