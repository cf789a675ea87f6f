"""A LivePlot in a marimo notebook (`marimo edit`), in headless Chromium.

Measured here: the plot renders as the cell's output, rows stream while the
loop's cell runs, and every row the loop made shows once it ends. marimo hands
a front end's widget messages to the kernel only between cells, so a Stop
click does not end a running loop (the header says so); marimo's own interrupt
does, and the plot keeps its history.

What outlives the kernel: marimo's session cache brings a reopened notebook's
printed output back, but not the plot (the cache names the widget's model and
keeps none of its state). `marimo export html` keeps the widget's state, and
livescope's front end runs from it with no network of its own; the page itself
loads marimo's front end from a CDN, so offline it stays blank. The exported
plot has no rows: livescope refreshes a plot's saved snapshot when a cell ends,
which marimo does not tell it.
"""

from __future__ import annotations

import contextlib
import json
import mimetypes
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import _livescope_dom as ls
import pytest
from _chromium import VIEWPORT
from _hosts import STARTUP_TIMEOUT_S, host_python, kernel_env, stop_process, wait_listening
from _jupyter_server import free_port
from playwright.sync_api import Browser, Locator, Page, Route, expect
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


@contextlib.contextmanager
def marimo_edit(notebook: Path, log: Path) -> Iterator[Marimo]:
    """`marimo edit` of `notebook`, from the marimo venv, on a free port."""
    python = host_python("LIVESCOPE_MARIMO_PYTHON", ".venv-marimo")
    port = free_port()
    command = [str(python), "-m", "marimo", "-y", "edit", str(notebook), "--headless"]
    command += ["--no-token", "--port", str(port), "--skip-update-check"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=notebook.parent,
            env=marimo_env(notebook.parent),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        wait_listening(process, port, log)
        yield Marimo(f"http://127.0.0.1:{port}/", log)
    finally:
        stop_process(process)


def marimo_env(home: Path) -> dict[str, str]:
    return {**kernel_env(), "HOME": str(home)}  # no user config of marimo


@pytest.fixture
def marimo(tmp_path: Path, artifacts) -> Iterator[Marimo]:
    """`marimo edit` of the notebook above."""
    notebook = tmp_path / "live.py"
    notebook.write_text(NOTEBOOK, encoding="utf-8")
    with marimo_edit(notebook, artifacts.path("marimo.log")) as server:
        yield server


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


SAVED_ROWS = 5_000
PLOT_MODEL = "livescope._widget.models.LivePlotWidget"
LAST = r"LAST=\[([-0-9.e, ]+)\]"

SAVED_NOTEBOOK = f"""\
import marimo

app = marimo.App()


@app.cell
def _():
    import math

    from livescope import LivePlot

    return LivePlot, math


@app.cell
def _(LivePlot):
    w = LivePlot(columns=["sin", "cos"], title="saved")
    w
    return (w,)


@app.cell
def _(math, w):
    for i in range({SAVED_ROWS}):
        w.update([math.sin(i / 100), math.cos(i / 100)])
    print(f"LAST={{w.history[-1].tolist()}}")
    return


@app.cell
def _(w):
    w.save_html("plot.html")
    return


if __name__ == "__main__":
    app.run()
"""


def wait_session_cache(notebook: Path) -> dict:
    """The session cache marimo writes beside `notebook`, once it holds the last cell's print."""
    cache = notebook.parent / "__marimo__" / "session" / f"{notebook.name}.json"
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        # Written in the background, and not at once: a read may see half a file.
        with contextlib.suppress(FileNotFoundError, json.JSONDecodeError):
            session = json.loads(cache.read_text(encoding="utf-8"))
            if re.search(LAST, json.dumps(session["cells"][2]["console"])):
                return session
        time.sleep(0.2)  # polling interval, not a wait for readiness
    raise AssertionError(f"no session cache with the loop's print at {cache}")


def test_a_reopened_notebook_shows_the_plot_only_once_its_cells_run_again(
    page: Page, tmp_path: Path, artifacts
):
    notebook = tmp_path / "saved.py"
    notebook.write_text(SAVED_NOTEBOOK, encoding="utf-8")
    with marimo_edit(notebook, artifacts.path("marimo.log")) as server:
        page.goto(server.url)
        root = _run_all(page)
        expect(page.get_by_text(re.compile(LAST))).to_be_visible(timeout=60_000)
        expect(root).to_have_attribute("data-rows", str(SAVED_ROWS), timeout=15_000)
        session = wait_session_cache(notebook)

    # The cache keeps the plot cell's output as marimo's element naming the
    # widget's model, and nothing of the model's state.
    (output,) = session["cells"][1]["outputs"]
    assert "<marimo-anywidget" in output["data"]["text/html"]
    assert "_snapshot" not in json.dumps(session)

    # A new server (a new kernel) and a new tab, as a user reopening the notebook.
    fresh = page.context.new_page()
    with marimo_edit(notebook, artifacts.path("marimo-reopened.log")) as server:
        fresh.goto(server.url)
        expect(fresh.get_by_text(re.compile(LAST))).to_be_visible(timeout=30_000)  # the cache
        widget = fresh.locator("marimo-anywidget")
        expect(widget).to_have_count(1)
        expect(fresh.locator(".output-area", has=widget)).to_have_attribute(
            "title", "This output is stale"
        )
        expect(fresh.locator(ls.ROOT)).to_have_count(0)
        expect(widget).to_be_hidden()  # an element with nothing in it
        artifacts.screenshot(fresh, "reopened")

        root = _run_all(fresh)
        expect(root).to_have_attribute("data-rows", str(SAVED_ROWS), timeout=30_000)
        artifacts.screenshot(fresh, "run-again")


def export_html(notebook: Path) -> Path:
    """`marimo export html` of `notebook` (which runs it) into a file beside it."""
    python = host_python("LIVESCOPE_MARIMO_PYTHON", ".venv-marimo")
    html = notebook.with_suffix(".html")
    subprocess.run(
        [str(python), "-m", "marimo", "-y", "export", "html", str(notebook), "-o", str(html)],
        cwd=notebook.parent,
        env=marimo_env(notebook.parent),
        check=True,
        capture_output=True,
        timeout=STARTUP_TIMEOUT_S,
    )
    return html


def embedded_models(html: str) -> list[dict]:
    """The widget models a marimo HTML export embeds (its `modelNotifications`)."""
    start = html.index("modelNotifications: Object.freeze(") + len(
        "modelNotifications: Object.freeze("
    )
    models, _ = json.JSONDecoder().raw_decode(html, start)
    return models


def marimo_static(python: Path) -> Path:
    """The marimo front end that the marimo wheel itself serves."""
    code = "import marimo, pathlib; print(pathlib.Path(marimo.__file__).parent / '_static')"
    found = subprocess.run([str(python), "-c", code], check=True, capture_output=True, text=True)
    return Path(found.stdout.strip())


def test_exported_html_shows_the_plot_without_rows_and_offline_nothing(
    browser: Browser, tmp_path: Path, artifacts
):
    notebook = tmp_path / "saved.py"
    notebook.write_text(SAVED_NOTEBOOK, encoding="utf-8")
    html = export_html(notebook)
    text = html.read_text(encoding="utf-8")

    # The plot's model is embedded, livescope's front end with it, but its snapshot is empty.
    (plot,) = [
        model["message"]
        for model in embedded_models(text)
        if model["message"]["state"].get("_anywidget_id") == PLOT_MODEL
    ]
    assert plot["buffer_paths"] == [["_snapshot"]] and plot["buffers"] == [""]
    assert plot["esm_spec"]["url"].startswith("data:text/javascript")

    # The page loads marimo's front end from a CDN.
    found = re.search(r'<script type="module"[^>]* src="(https://[^"]+/dist/)assets/', text)
    assert found, "the export no longer loads marimo's front end from a CDN"
    cdn = found.group(1)

    # Offline: nothing renders; the plot's own save_html page shows every row.
    offline = browser.new_context(viewport=VIEWPORT)
    failed: list[str] = []
    offline.route(re.compile(r"^https?://"), lambda route: route.abort())
    page = offline.new_page()
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(html.as_uri())
    assert any(url.startswith(cdn) for url in failed)
    expect(page.locator("#root > *")).to_have_count(0)
    artifacts.screenshot(page, "offline")
    page.goto((tmp_path / "plot.html").as_uri())
    expect(page.locator(ls.ROOT)).to_have_attribute("data-rows", str(SAVED_ROWS))
    expect(page.locator(ls.ROOT)).to_have_attribute("data-last-step", str(SAVED_ROWS - 1))
    artifacts.screenshot(page, "save-html-offline")
    offline.close()

    # With that CDN reachable (here: served from the marimo wheel's copy of the
    # same build) the plot renders from its embedded state, with no rows.
    static = marimo_static(host_python("LIVESCOPE_MARIMO_PYTHON", ".venv-marimo"))
    asked: list[str] = []

    def serve_cdn(route: Route) -> None:
        url = route.request.url
        asked.append(url)
        local = static / url.removeprefix(cdn).split("?")[0]
        if not url.startswith(cdn) or not local.is_file():
            route.abort()
            return
        route.fulfill(path=local, content_type=mimetypes.guess_type(local.name)[0])

    online = browser.new_context(viewport=VIEWPORT)
    online.route(re.compile(r"^https?://"), serve_cdn)
    page = online.new_page()
    page.goto(html.as_uri())
    root = page.locator(ls.ROOT)
    expect(root).to_be_visible(timeout=30_000)
    expect(root.locator(".livescope-title")).to_have_text("saved")
    expect(root).to_have_attribute("data-rows", "0")
    assert all(url.startswith(cdn) for url in asked), "livescope asked the network"
    artifacts.screenshot(page, "exported")
    online.close()
