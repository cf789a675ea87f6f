"""The core of livescope in the oldest and the newest JupyterLab 4 and their Notebook 7.

The oldest is the lowest JupyterLab anywidget develops against (4.2.4, with
Notebook 7.2), from its own venv; the newest is the one in the test venv. In
each front end a plot renders, streams while its loop's cell runs, and Stop
ends that loop while the cell is busy, every row reaching the browser. A
notebook saved with widget state (the server's settings turn on "Save Widget
State Automatically") reopens in a new tab, its kernel gone, with the plot
drawn from its saved snapshot.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import _livescope_dom as ls
import pytest
from _hosts import REPO_ROOT, host_python
from _jupyter_server import JupyterServer
from _notebook_page import NotebookPage, write_notebook
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.hosts

# Ends the loop if Stop does not (about 40 s): the test then fails, not hangs.
CAP_ROWS = 20_000
CELL_DONE_TIMEOUT_S = 120.0

CELLS = [
    """\
import math, time
import jupyterlab, notebook
from livescope import LivePlot

w = LivePlot(columns=["a", "b"], title="versions")
display(w)
print(f"JUPYTERLAB={jupyterlab.__version__} NOTEBOOK={notebook.__version__}")
""",
    f"""\
i = 0
while w.running() and i < {CAP_ROWS}:
    w.update([math.sin(i / 50), math.cos(i / 50)])
    i += 1
    time.sleep(0.002)
print(f"ROWS={{i}}")
print(f"STOPPED={{w.stopped}}")
""",
]


@dataclass
class VersionedServer(JupyterServer):
    """A Jupyter server run by another venv's Python (its JupyterLab, Notebook and kernel)."""

    python: Path = Path(sys.executable)

    def command(self) -> list[str]:
        return [str(self.python), *super().command()[1:]]


@pytest.fixture(scope="module", params=["oldest", "newest"])
def server(request: pytest.FixtureRequest) -> Iterator[tuple[str, VersionedServer]]:
    """The oldest (own venv) or newest (this venv) JupyterLab 4, one server per module."""
    if request.param == "oldest":
        python = host_python("LIVESCOPE_LAB_OLDEST_PYTHON", ".venv-lab-oldest")
    else:
        python = Path(sys.executable)
    with tempfile.TemporaryDirectory(prefix=f"livescope-lab-{request.param}-") as base:
        server = VersionedServer(
            base_dir=Path(base),
            log_path=REPO_ROOT / "test-artifacts" / "hosts" / f"lab-{request.param}-server.log",
            extra_pythonpath=[REPO_ROOT / "src"],
            python=python,
        )
        server.start()
        try:
            yield request.param, server
        finally:
            server.stop()


def open_notebook(
    page: Page, jupyter: VersionedServer, name: str, cells: list[str], ui: str
) -> NotebookPage:
    """Write notebook `name` of `cells` on `jupyter` and open it in `ui` ("lab" or "notebook")."""
    write_notebook(jupyter.root_dir / name, cells)
    nb = NotebookPage(page=page, base_url=jupyter.url, token=jupyter.token, path=name, ui=ui)
    return nb.open()


@pytest.mark.parametrize("ui", ["lab", "notebook"])
def test_plot_streams_and_stop_ends_the_busy_loop(page: Page, server, ui, artifacts):
    version, jupyter = server
    nb = open_notebook(page, jupyter, f"versions-{version}-{ui}.ipynb", CELLS, ui)
    try:
        nb.run_cell(0)
        print(f"\n[{version}-{ui}] {nb.stdout(0).strip()}")
        if version == "oldest":
            assert nb.printed_value(0, "JUPYTERLAB").startswith("4.2.")
        root = ls.wait_rendered(nb, 0)

        loop_before = nb.start_cell(1)
        first = ls.wait_rows_at_least(root, 50, timeout_s=30)
        ls.wait_rows_at_least(root, first + 100, timeout_s=30)  # streams while busy
        ls.stop_button(root).click()
        nb.wait_cell_done(1, loop_before, timeout_s=CELL_DONE_TIMEOUT_S)

        n = int(nb.printed_value(1, "ROWS"))
        assert nb.printed_value(1, "STOPPED") == "True"
        assert 0 < n < CAP_ROWS, f"the loop ran to its bound ({n} rows): Stop did not end it"
        expect(root).to_have_attribute("data-rows", str(n), timeout=15_000)
        summary = ls.store_summary(root, last=1)
        assert (summary.dropped, summary.length, summary.last_step) == (0, n, n - 1)
        artifacts.screenshot(page, f"stopped-{version}-{ui}")
    finally:
        jupyter.shutdown_all_sessions()


WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
PLOT_MODEL = "livescope._widget.models.LivePlotWidget"
SAVED_ROWS = 5_000

SAVED_CELLS = [
    """\
import math
from livescope import LivePlot

w = LivePlot(columns=["sin", "cos"], title="saved")
display(w)
""",
    f"""\
for i in range({SAVED_ROWS}):
    w.update([math.sin(i / 100), math.cos(i / 100)])
print(f"LAST={{w.history[-1].tolist()}}")
""",
]

LAST_ROW_JS = """
(root) => root.livescope.store.columns.map((column) => column[root.livescope.store.length - 1])
"""


@pytest.mark.parametrize("ui", ["lab", "notebook"])
def test_a_notebook_saved_with_widget_state_reopens_with_the_plot(
    page: Page, server, ui, artifacts
):
    version, jupyter = server
    name = f"saved-{version}-{ui}.ipynb"
    nb = open_notebook(page, jupyter, name, SAVED_CELLS, ui)
    try:
        nb.run_cell(0)
        nb.run_cell(1)
        last = json.loads(nb.printed_value(1, "LAST"))
        root = ls.wait_rendered(nb, 0)
        expect(root).to_have_attribute("data-rows", str(SAVED_ROWS), timeout=15_000)
        nb.save()
    finally:
        jupyter.shutdown_all_sessions()

    saved = json.loads((jupyter.root_dir / name).read_text(encoding="utf-8"))
    widgets = saved["metadata"].get("widgets")
    assert widgets, f"{name} was saved without widget state: metadata {saved['metadata']}"
    models = widgets[WIDGET_STATE]["state"].values()
    (plot,) = [m for m in models if m["state"].get("_anywidget_id") == PLOT_MODEL]
    assert [b["path"] for b in plot.get("buffers", [])] == [["_snapshot"]]

    # A new tab, and a new kernel that knows nothing of the plot.
    fresh = page.context.new_page()
    reopened = replace(nb, page=fresh).open()
    try:
        root = ls.wait_rendered(reopened, 0)
        expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
        assert ls.attr(root, "last-step") == str(SAVED_ROWS - 1)
        assert root.evaluate(LAST_ROW_JS) == pytest.approx(last, rel=1e-6)
        expect(root.locator(".livescope-legend-step")).to_have_text(
            f"latest step {SAVED_ROWS - 1}"
        )
        expect(reopened.output(0).locator("img, .jp-RenderedSVG")).to_have_count(0)
        expect(root.get_by_role("button", name="Stop")).to_be_hidden()
        artifacts.screenshot(fresh, f"reopened-{version}-{ui}")
    finally:
        jupyter.shutdown_all_sessions()
