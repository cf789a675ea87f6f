"""A LivePlot in a marimo notebook (`marimo edit`), in headless Chromium.

Measured here: the plot renders as the cell's output, rows stream while the
loop's cell runs, and every row the loop made shows once it ends. marimo hands
a front end's widget messages to the kernel only between cells, so a Stop
click does not end a running loop (the header says so); marimo's own interrupt
does, and the plot keeps its history.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import _livescope_dom as ls
import pytest
from _hosts import STARTUP_TIMEOUT_S, host_python, kernel_env, stop_process, wait_listening
from _jupyter_server import free_port
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

pytestmark = pytest.mark.hosts

# Ends the loop if nothing else does (about 100 s): the test then fails, not hangs.
CAP_ROWS = 50_000
# What the loop's cell prints when it ends (its source has "{i}" where this has digits).
END = r"END ROWS=(\d+) STOPPED=(\w+)"

NOTEBOOK = f"""\
import marimo

app = marimo.App()


@app.cell
def _():
    import math
    import time

    from livescope import LivePlot

    return LivePlot, math, time


@app.cell
def _(LivePlot):
    w = LivePlot(columns=["a", "b"], title="marimo")
    w
    return (w,)


@app.cell
def _(math, time, w):
    i = 0
    try:
        while w.running() and i < {CAP_ROWS}:
            w.update([math.sin(i / 50), math.cos(i / 50)])
            i += 1
            time.sleep(0.002)
    finally:
        print(f"END ROWS={{i}} STOPPED={{w.stopped}}")
    return


if __name__ == "__main__":
    app.run()
"""


@dataclass
class Marimo:
    url: str
    log: Path


@pytest.fixture
def marimo(tmp_path: Path, artifacts) -> Iterator[Marimo]:
    """`marimo edit` of the notebook above, from the marimo venv, on a free port."""
    python = host_python("LIVESCOPE_MARIMO_PYTHON", ".venv-marimo")
    notebook = tmp_path / "live.py"
    notebook.write_text(NOTEBOOK, encoding="utf-8")
    port = free_port()
    log = artifacts.path("marimo.log")
    command = [str(python), "-m", "marimo", "-y", "edit", str(notebook), "--headless"]
    command += ["--no-token", "--port", str(port), "--skip-update-check"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=tmp_path,
            env={**kernel_env(), "HOME": str(tmp_path)},  # no user config of marimo
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        wait_listening(process, port, log)
        yield Marimo(f"http://127.0.0.1:{port}/", log)
    finally:
        stop_process(process)


def _run_all(page: Page) -> Locator:
    """Press marimo's "run all" until the plot shows; return the plot's root element.

    The button takes no click until the kernel has connected, which shows
    nowhere stable, so an unanswered click is made again.
    """
    run_all = page.get_by_test_id("run-button").last  # each cell has one too
    root = page.locator(ls.ROOT).first  # in a shadow root, which Playwright reaches
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        run_all.click()
        try:
            root.wait_for(state="visible", timeout=5_000)
        except PlaywrightTimeoutError:
            continue
        return root
    raise AssertionError(f"no plot within {STARTUP_TIMEOUT_S:.0f} s of pressing run all")


def test_plot_streams_while_the_cell_runs_and_marimos_interrupt_ends_the_loop(
    page: Page, marimo: Marimo, artifacts
):
    page.goto(marimo.url)
    root = _run_all(page)
    expect(root.locator(".livescope-note")).to_contain_text("use marimo's interrupt")

    # Rows keep arriving while the loop's cell runs.
    first = ls.wait_rows_at_least(root, 50, timeout_s=30)
    ls.wait_rows_at_least(root, first + 100, timeout_s=30)
    artifacts.screenshot(page, "streaming")

    # Stop while busy: marimo holds the message until the cell ends, so the loop goes on.
    ls.stop_button(root).click()
    clicked = ls.rows(root)
    ls.wait_rows_at_least(root, clicked + 300, timeout_s=30)
    assert not re.search(END, page.content()), "the loop ended after Stop was clicked"

    # marimo's interrupt ends it; the plot keeps every row the loop made.
    page.get_by_test_id("interrupt-button").click()
    end = page.get_by_text(re.compile(END))
    expect(end).to_be_visible(timeout=30_000)
    found = re.search(END, end.inner_text())
    assert found
    n, stopped = int(found.group(1)), found.group(2)
    assert 0 < n < CAP_ROWS, f"the loop ran to its bound ({n} rows)"
    assert stopped == "False", "Stop reached the running loop: marimo now delivers it"
    expect(root).to_have_attribute("data-rows", str(n), timeout=15_000)
    summary = ls.store_summary(root, last=1)
    assert (summary.dropped, summary.length, summary.last_step) == (0, n, n - 1)
    assert summary.steps_increase
    artifacts.screenshot(page, "interrupted")
