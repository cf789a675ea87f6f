"""A notebook served as an app by Voila, in headless Chromium.

Voila runs the notebook's cells in an ipykernel. With progressive rendering
(``voila --progressive_rendering=True``) it shows their outputs as they come,
so a LivePlot renders, streams while the loop's cell runs, and its Stop button
ends that loop as in JupyterLab. By default Voila sends the page once every
cell has run: the plot then shows every row, but nothing streams before and
there is no Stop to click while the loop runs.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import _livescope_dom as ls
import pytest
from _hosts import host_python, kernel_env, stop_process, wait_listening
from _jupyter_server import free_port
from _notebook_page import write_notebook
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.hosts

# Ends the loop if Stop does not (about 60 s): the test then fails, not hangs.
CAP_ROWS = 30_000
# Rows of the loop Voila runs before it sends the page (by default).
SHORT_ROWS = 500
END = r"END ROWS=(\d+) STOPPED=(\w+)"


def cells(cap: int) -> list[str]:
    return [
        """\
import math, time
from livescope import LivePlot

w = LivePlot(columns=["a", "b"], title="voila")
w
""",
        f"""\
i = 0
while w.running() and i < {cap}:
    w.update([math.sin(i / 50), math.cos(i / 50)])
    i += 1
    time.sleep(0.002)
print(f"END ROWS={{i}} STOPPED={{w.stopped}}")
""",
    ]


@pytest.fixture
def serve(tmp_path: Path, artifacts) -> Iterator[Callable[..., str]]:
    """`serve(cells, progressive)`: Voila serving a notebook from the Voila venv; its URL."""
    python = host_python("LIVESCOPE_VOILA_PYTHON", ".venv-voila")
    processes = []

    def _serve(notebook_cells: list[str], progressive: bool) -> str:
        write_notebook(tmp_path / "live.ipynb", notebook_cells)
        port = free_port()
        log = artifacts.path("voila.log")
        command = [str(python), "-m", "voila", "live.ipynb", "--no-browser", f"--port={port}"]
        command += ["--Voila.ip=127.0.0.1", f"--progressive_rendering={progressive}"]
        with log.open("wb") as out:
            process = subprocess.Popen(
                command, cwd=tmp_path, env=_env(tmp_path), stdout=out, stderr=subprocess.STDOUT
            )
        processes.append(process)
        wait_listening(process, port, log)
        return f"http://127.0.0.1:{port}/"

    try:
        yield _serve
    finally:
        for process in processes:
            stop_process(process)


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        **kernel_env(),
        # Voila's own Jupyter paths: no user configuration or kernelspec leaks in.
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "IPYTHONDIR": str(tmp_path / "ipython"),
    }


def test_progressive_voila_streams_and_stop_ends_the_busy_loop(page: Page, serve, artifacts):
    # Voila streams the page while cells run: it finishes loading only when they end.
    page.goto(serve(cells(CAP_ROWS), progressive=True), wait_until="commit")
    root = page.locator(ls.ROOT).first
    root.wait_for(state="visible", timeout=90_000)
    expect(root.locator(".livescope-note")).to_be_hidden()

    # Rows keep arriving while the loop's cell runs.
    first = ls.wait_rows_at_least(root, 50, timeout_s=30)
    ls.wait_rows_at_least(root, first + 100, timeout_s=30)
    artifacts.screenshot(page, "streaming")

    ls.stop_button(root).click()
    end = page.get_by_text(re.compile(END))
    expect(end).to_be_visible(timeout=30_000)
    found = re.search(END, end.inner_text())
    assert found
    n, stopped = int(found.group(1)), found.group(2)
    assert stopped == "True"
    assert 0 < n < CAP_ROWS, f"the loop ran to its bound ({n} rows): Stop did not end it"
    expect(root).to_have_attribute("data-rows", str(n), timeout=15_000)
    expect(ls.stopped_button(root)).to_be_visible()
    summary = ls.store_summary(root, last=1)
    assert (summary.dropped, summary.length, summary.last_step) == (0, n, n - 1)
    assert summary.steps_increase
    artifacts.screenshot(page, "stopped")


def test_default_voila_shows_every_row_once_the_cells_have_run(page: Page, serve, artifacts):
    page.goto(serve(cells(SHORT_ROWS), progressive=False), timeout=120_000)
    end = page.get_by_text(re.compile(END))
    expect(end).to_be_visible()
    assert re.search(END, end.inner_text()).groups() == (str(SHORT_ROWS), "False")
    root = page.locator(ls.ROOT).first
    expect(root).to_have_attribute("data-rows", str(SHORT_ROWS), timeout=15_000)
    summary = ls.store_summary(root, last=1)
    assert (summary.length, summary.last_step) == (SHORT_ROWS, SHORT_ROWS - 1)
    artifacts.screenshot(page, "after-the-cells")
