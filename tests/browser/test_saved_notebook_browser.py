"""Plots that outlive the kernel, in real JupyterLab: a notebook saved with widget
state reopens with the plot after the kernel is gone, stays small, and renders
as a static picture where widgets cannot run.

The browser tests' server saves widget state with the notebook (the JupyterLab
setting "Save Widget State Automatically"; see _jupyter_server.py).
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import _livescope_dom as ls
import nbformat
import pytest
from _notebook_page import UIS
from _pixels import colour_summary
from playwright.sync_api import expect

import livescope

pytestmark = pytest.mark.browser

WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
N = 20_000
SPIKE_AT, SPIKE = 12_345, 5.0

SETUP = """\
import math
from IPython.display import display
from livescope import LivePlot

w = LivePlot(columns=["sin", "cos"], title="saved run")
display(w)
"""

STREAM = f"""\
for i in range({N}):
    w.update([{SPIKE} if i == {SPIKE_AT} else math.sin(i / 1000), math.cos(i / 1000)])
print(f"LAST={{w.history[-1].tolist()}}")
"""

BIG = """\
import numpy as np
from livescope import LivePlot

big = LivePlot(columns=["a", "b", "c", "d"], title="a million steps")
big.extend(np.random.default_rng(0).standard_normal((1_000_000, 4)))
display(big)
"""

STORE_EXTREMES_JS = """
(root) => {
  const store = root.livescope.store;
  const n = store.length;
  return store.columns.map((column) => {
    const values = Array.from(column.subarray(0, n));
    return { min: Math.min(...values), max: Math.max(...values), last: values[n - 1] };
  });
}
"""


def saved_notebook(server, nb) -> dict:
    return json.loads((server.root_dir / nb.path).read_text(encoding="utf-8"))


def saved_plot_states(notebook: dict) -> list[dict]:
    """The saved widget states of livescope plots in a notebook file."""
    state = notebook["metadata"]["widgets"][WIDGET_STATE]["state"]
    return [
        model
        for model in state.values()
        if model["state"].get("_anywidget_id") == "livescope._widget.models.LivePlotWidget"
    ]


def images_in(nb, cell: int):
    return nb.output(cell).locator("img, .jp-RenderedSVG, .jp-RenderedImage")


SLOW_STREAM = """\
import time
for i in range(300):
    w.update([math.sin(i / 10), math.cos(i / 10)])
    time.sleep(0.01)
"""

LISTENERS_JS = "(root) => root.livescope.store._listeners.size"


@pytest.mark.parametrize("ui", UIS)
def test_the_picture_refresh_at_cell_end_keeps_the_live_view_and_its_zoom(
    open_notebook, artifacts, ui
):
    nb = open_notebook([SETUP, SLOW_STREAM], ui=ui)
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    views_of_the_model = root.evaluate(LISTENERS_JS)
    before = nb.start_cell(1)
    ls.wait_rows_at_least(root, 100, timeout_s=20)
    root.evaluate("(root) => { root.livescope.view.zoomTo(20, 60); root.marked = true; }")
    nb.wait_cell_done(1, before)
    # The kernel replaced the output's picture; the front end rendered a new
    # view, which took over the chart rather than building another.
    root = nb.output(0).locator(ls.ROOT)
    expect(root).to_have_count(1)
    assert root.evaluate("(root) => root.marked === true"), "the chart was rebuilt"
    expect(root).to_have_attribute("data-rows", "300", timeout=15_000)
    expect(images_in(nb, 0)).to_have_count(0)
    assert root.evaluate("(root) => root.livescope.view.xRange") == [20, 60]
    assert root.evaluate(LISTENERS_JS) == views_of_the_model, "the replaced view lives on"
    artifacts.screenshot(root, f"after-cell-end-{ui}")


def test_a_saved_notebook_reopens_without_the_kernel_showing_the_final_plot(
    open_notebook, jupyter_server, artifacts
):
    nb = open_notebook([SETUP, STREAM])
    nb.run_cell(0)
    nb.run_cell(1)
    last = json.loads(nb.printed_value(1, "LAST"))
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", str(N), timeout=15_000)
    # The cell end replaced the output's picture; JupyterLab still shows the widget.
    expect(nb.output(0).locator(ls.ROOT)).to_have_count(1)
    expect(images_in(nb, 0)).to_have_count(0)
    assert ls.attr(root, "source") == "kernel"
    nb.save()

    notebook = saved_notebook(jupyter_server, nb)
    (plot,) = saved_plot_states(notebook)
    assert [b["path"] for b in plot.get("buffers", [])] == [["_snapshot"]]
    (output,) = notebook["cells"][0]["outputs"]
    assert "latest step 19999" in "".join(output["data"]["image/svg+xml"])

    jupyter_server.shutdown_all_sessions()
    nb.open()  # a fresh kernel, which knows nothing of the plot
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
    assert int(ls.attr(root, "rows")) <= 2000
    assert ls.attr(root, "last-step") == str(N - 1)
    expect(images_in(nb, 0)).to_have_count(0)
    expect(root.get_by_role("button", name="Stop")).to_be_hidden()
    extremes = root.evaluate(STORE_EXTREMES_JS)
    assert extremes[0]["max"] == SPIKE
    assert extremes[0]["min"] == pytest.approx(-1, abs=1e-6)
    for column, value in zip(extremes, last, strict=True):
        assert column["last"] == pytest.approx(value, rel=1e-6)
    assert root.locator(".livescope-legend-step").inner_text() == f"latest step {N - 1}"

    # Interactive from the saved data: hover shows values, a drag zooms.
    box = ls.canvas(root).bounding_box()
    nb.page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] / 2)
    expect(root.locator(".livescope-legend-step")).to_contain_text("at step")
    nb.page.mouse.down()
    nb.page.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2, steps=5)
    nb.page.mouse.up()
    expect(root.get_by_role("button", name="Follow latest")).to_be_enabled()
    png = artifacts.screenshot(ls.canvas(root), "reopened-canvas")
    assert len(colour_summary(nb.page, png).foreground) >= 2, "the reopened chart looks blank"
    artifacts.screenshot(root, "reopened-zoomed")


def test_a_million_steps_by_four_series_save_under_320_kb(
    open_notebook, jupyter_server, artifacts
):
    nb = open_notebook([BIG])
    nb.run_cell(0, timeout_s=120)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "1000000", timeout=60_000)
    nb.save()
    path = jupyter_server.root_dir / nb.path
    size = path.stat().st_size
    notebook = saved_notebook(jupyter_server, nb)
    (plot,) = saved_plot_states(notebook)
    parts = {
        "bundle (_esm)": len(plot["state"].get("_esm", "")),
        "snapshot (base64)": sum(len(b["data"]) for b in plot["buffers"]),
        "picture (svg)": len("".join(notebook["cells"][0]["outputs"][0]["data"]["image/svg+xml"])),
    }
    artifacts.write_text("size.json", json.dumps({"file": size, **parts}, indent=2))
    assert size < 320_000, f"the saved notebook has {size} bytes: {parts}"


def several_plots(n: int) -> str:
    """A cell showing `n` small plots; plot k ends at k + 4.9 on step 49."""
    return f"""\
from IPython.display import display
from livescope import LivePlot

plots = [LivePlot(columns=["v"], title=f"plot {{k}}") for k in range({n})]
for k, p in enumerate(plots):
    p.extend([[k + i / 10] for i in range(50)])
    display(p)
"""


def test_saved_plots_share_one_front_end_bundle(open_notebook, jupyter_server, artifacts):
    bundle = len((Path(livescope.__file__).parent / "static" / "widget.js").read_bytes())
    sizes = {}
    for n in (1, 6):
        nb = open_notebook([several_plots(n)])
        nb.run_cell(0)
        roots = nb.output(0).locator(ls.ROOT)
        expect(roots).to_have_count(n, timeout=30_000)
        for k in range(n):
            expect(roots.nth(k)).to_have_attribute("data-rows", "50", timeout=15_000)
        nb.save()
        sizes[n] = (jupyter_server.root_dir / nb.path).stat().st_size
    notebook = saved_notebook(jupyter_server, nb)
    per_plot = (sizes[6] - sizes[1]) / 5
    plot_states = [len(json.dumps(plot)) for plot in saved_plot_states(notebook)]
    artifacts.write_text(
        "size.json",
        json.dumps(
            {"bundle": bundle, "files": sizes, "per_extra_plot": per_plot, "plots": plot_states},
            indent=2,
        ),
    )
    assert len(plot_states) == 6
    assert per_plot < bundle / 4, f"each extra plot adds {per_plot:.0f} bytes: {sizes}"

    jupyter_server.shutdown_all_sessions()
    nb.open()  # a fresh kernel, which knows none of the plots
    roots = nb.output(0).locator(ls.ROOT)
    expect(roots).to_have_count(6, timeout=30_000)
    for k in range(6):
        root = roots.nth(k)
        expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
        expect(root).to_have_attribute("data-last-step", "49")
        (column,) = root.evaluate(STORE_EXTREMES_JS)
        assert column["last"] == pytest.approx(k + 4.9)
        expect(root.locator(".livescope-title")).to_have_text(f"plot {k}")
    artifacts.screenshot(nb.output(0), "reopened-plots")


def test_nbconvert_without_widget_state_shows_the_static_picture(
    open_notebook, jupyter_server, artifacts, tmp_path
):
    nb = open_notebook([SETUP, STREAM])
    nb.run_cell(0)
    nb.run_cell(1)
    expect(ls.wait_rendered(nb, 0)).to_have_attribute("data-rows", str(N), timeout=15_000)
    nb.save()
    # As saved by a front end that keeps no widget state (JupyterLab's default).
    notebook = nbformat.read(jupyter_server.root_dir / nb.path, as_version=4)
    notebook.metadata.pop("widgets", None)
    source = tmp_path / "no-state.ipynb"
    nbformat.write(notebook, source)
    subprocess.run(
        [sys.executable, "-m", "nbconvert", "--to", "html", str(source)],
        check=True,
        capture_output=True,
    )
    html = (tmp_path / "no-state.html").read_text(encoding="utf-8")
    assert "model not found" not in html
    # nbconvert inlines the picture as a data URL in the first cell's output.
    pictures = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert len(pictures) == 1, "the static picture is missing from the HTML"
    svg = base64.b64decode(pictures[0]).decode("utf-8")
    assert "latest step 19999" in svg and "saved run" in svg

    page = nb.page
    page.goto((tmp_path / "no-state.html").as_uri())
    picture = page.locator('.jp-RenderedSVG img[src^="data:image/svg+xml"]')
    expect(picture).to_be_visible()
    png = artifacts.screenshot(picture, "nbconvert-picture")
    colours = colour_summary(page, png)
    assert len(colours.foreground) >= 2, f"the picture looks blank: {colours}"


DASHBOARD = """\
from livescope import Dashboard, LivePlot

d = Dashboard(
    {"loss": LivePlot(["loss"]), "acc": LivePlot(["train", "val"]), "lr": LivePlot(["lr"])},
    layout={"loss": (0, 0, 1, 2), "acc": (1, 0), "lr": (1, 1)},
    title="dash",
)
d
"""

FILL_DASHBOARD = """\
for i in range(5000):
    d["loss"].update([1 / (i + 1)])
    d["acc"].update([i / 5000, i / 6000])
    d["lr"].update([0.1 * 0.999**i])
d.stop()
"""

ICONS_SHOWN_JS = """
(els) => els.filter((el) => getComputedStyle(el, "::before").content !== "none").length
"""

# Each panel's last row, as FILL_DASHBOARD leaves it.
DASHBOARD_LAST = [[1 / 5000], [4999 / 5000, 4999 / 6000], [0.1 * 0.999**4999]]


def test_a_saved_dashboard_reopens_with_every_panel(open_notebook, jupyter_server, artifacts):
    nb = open_notebook([DASHBOARD, FILL_DASHBOARD])
    nb.run_cell(0)
    controls = nb.output(0).locator(".livescope-dashboard")
    panels = nb.output(0).locator(f"{ls.ROOT}:not(.livescope-dashboard)")
    expect(panels).to_have_count(3, timeout=30_000)
    views_of_the_model = panels.nth(0).evaluate(LISTENERS_JS)
    panels.nth(0).evaluate("(root) => { root.marked = true; }")
    nb.run_cell(1)
    # The cell end refreshed the picture: JupyterLab rendered the dashboard
    # anew, and its panels took over the charts.
    expect(panels).to_have_count(3)
    for i in range(3):
        expect(panels.nth(i)).to_have_attribute("data-rows", "5000", timeout=15_000)
    assert panels.nth(0).evaluate(LISTENERS_JS) == views_of_the_model, "replaced views live on"
    assert panels.nth(0).evaluate("(root) => root.marked === true"), "the chart was rebuilt"
    # With the kernel behind it, the Stop button is live (here: stopped by the cell).
    expect(controls).to_have_attribute("data-source", "kernel")
    expect(ls.stopped_button(controls)).to_be_disabled()  # stopped by the cell, which ended
    nb.save()

    notebook = saved_notebook(jupyter_server, nb)
    (output,) = notebook["cells"][0]["outputs"]
    svg = "".join(output["data"]["image/svg+xml"])
    assert "dash" in svg and svg.count("latest step 4999") == 3, "the picture lags the panels"

    jupyter_server.shutdown_all_sessions()
    nb.open()
    panels = nb.output(0).locator(f"{ls.ROOT}:not(.livescope-dashboard)")
    expect(panels).to_have_count(3, timeout=30_000)
    for i, last in enumerate(DASHBOARD_LAST):
        expect(panels.nth(i)).to_have_attribute("data-source", "snapshot", timeout=15_000)
        expect(panels.nth(i)).to_have_attribute("data-last-step", "4999")
        extremes = panels.nth(i).evaluate(STORE_EXTREMES_JS)
        assert [c["last"] for c in extremes] == pytest.approx(last, rel=1e-6)
    loss, acc, lr = (panels.nth(i).bounding_box() for i in range(3))
    assert loss["width"] > 1.8 * acc["width"] and acc["y"] > loss["y"] and lr["x"] > acc["x"]
    # No kernel is behind the reopened dashboard: its Stop says so and cannot be clicked.
    controls = nb.output(0).locator(".livescope-dashboard")
    expect(controls.locator(".livescope-title")).to_have_text("dash")
    expect(controls).to_have_attribute("data-source", "snapshot")
    expect(controls.get_by_role("button", name="Ended")).to_be_disabled()
    expect(images_in(nb, 0)).to_have_count(0)
    # Jupyter marks each disconnected widget with an icon; "Ended" stands for them all.
    marked = nb.output(0).locator(".jupyter-widgets-disconnected")
    assert marked.count() >= 5
    assert marked.evaluate_all(ICONS_SHOWN_JS) == 0
    artifacts.screenshot(nb.output(0), "reopened-dashboard")
