"""Comparing runs in real JupyterLab: a training cell run twice shows both runs, the
earlier one faded; a run hides with a click; a saved notebook keeps both."""

from __future__ import annotations

import re

import _livescope_dom as ls
import pytest
from _pixels import colour_summary
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# Each run of the cell is a new run of "mnist", with its own learning rate.
TRAIN = """\
import numpy as np
from livescope import LivePlot

runs_made = globals().get("runs_made", 0) + 1
lr = 0.01 * runs_made
w = LivePlot(["loss", "val_loss"], title="mnist", params={"lr": lr, "batch": 64})
k = np.arange(300 - 100 * runs_made + 100)
w.extend(np.stack([np.exp(-k * lr), np.exp(-k * lr) + 0.1], axis=1))
w
"""

RUN_ENTRIES = ".livescope-run"
COMPARE = ".livescope-compare"


def test_a_cell_run_twice_shows_the_earlier_run_faded_and_a_click_hides_it(
    open_notebook, jupyter_server, artifacts
):
    nb = open_notebook([TRAIN])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "300", timeout=15_000)
    # The first run has nothing to compare with and looks as plots always did.
    expect(root.locator(RUN_ENTRIES)).to_have_count(0)
    expect(root.locator(COMPARE)).to_be_hidden()

    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "200", timeout=15_000)
    entries = root.locator(RUN_ENTRIES)
    expect(entries).to_have_count(2, timeout=15_000)
    expect(entries.nth(0)).to_contain_text("run 2")
    expect(entries.nth(0)).to_contain_text("this run · 200 rows lr=0.02")
    expect(entries.nth(1)).to_contain_text("run 1")
    expect(entries.nth(1)).to_contain_text("300 rows lr=0.01")
    # batch is the same in both runs, so the legend leaves it out.
    expect(root.locator(".livescope-runs")).not_to_contain_text("batch")
    opacity = entries.nth(1).locator(".livescope-swatch").evaluate("(e) => e.style.opacity")
    assert 0 < float(opacity) < 1, "the earlier run is not faded"
    # Following shows the longer earlier run whole.
    assert root.evaluate("(root) => root.livescope.view.xRange") == [0, 299]
    expect(root.locator(COMPARE)).to_be_visible()
    artifacts.screenshot(root, "two-runs")
    png = artifacts.screenshot(ls.canvas(root), "two-runs-canvas")
    with_runs = colour_summary(nb.page, png).foreground

    # Hovering shows the earlier run's values at that step too.
    box = ls.canvas(root).bounding_box()
    nb.page.mouse.move(box["x"] + box["width"] * 0.2, box["y"] + box["height"] / 2)
    expect(entries.nth(1).locator(".livescope-legend-value")).to_contain_text("loss")
    nb.page.mouse.move(0, 0)

    run_id = entries.nth(1).get_attribute("data-run-id")
    entries.nth(1).get_by_role("button").click()
    expect(entries.nth(1)).to_have_class("livescope-run livescope-legend-hidden")
    hidden = re.compile(re.escape(f'"hidden_runs":["{run_id}"]'))
    expect(root).to_have_attribute("data-view-options", hidden)
    png = artifacts.screenshot(ls.canvas(root), "run-1-hidden")
    assert len(colour_summary(nb.page, png).foreground) < len(with_runs)
    entries.nth(1).get_by_role("button").click()
    expect(entries.nth(1)).to_have_class("livescope-run")

    # The saved notebook shows both runs without a kernel.
    nb.save()
    jupyter_server.shutdown_all_sessions()
    nb.open()
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
    entries = root.locator(RUN_ENTRIES)
    expect(entries).to_have_count(2)
    expect(entries.nth(1)).to_contain_text("300 rows lr=0.01")
    artifacts.screenshot(root, "reopened-two-runs")


# A zigzag earlier run behind a flat live one: raw, the run spans 0..1; smoothed
# as the live run is, it settles near 0.5, and so does the y axis.
SMOOTHED = """\
import numpy as np
from livescope import LivePlot

zigzag = LivePlot(["loss"], title="noisy")
zigzag.extend(np.where(np.arange(300) % 2, 1.0, 0.0))
zigzag.close()
w = LivePlot(["loss"], title="noisy", smoothing=0.9)
w.extend(np.full(300, 0.5))
w
"""
SET_SMOOTHING = 'w.widget.view_options = {{**w.widget.view_options, "smoothing": {}}}'
Y_MAX = "(root) => root.livescope.view.uplot.scales.y.max"


def test_with_smoothing_the_earlier_run_is_smoothed_as_the_live_one(
    open_notebook, jupyter_server, artifacts
):
    nb = open_notebook([SMOOTHED, SET_SMOOTHING.format(0), SET_SMOOTHING.format(0.9)])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root.locator(RUN_ENTRIES)).to_have_count(2, timeout=15_000)
    expect(root).to_have_attribute("data-rows", "300", timeout=15_000)
    smoothed_top = root.evaluate(Y_MAX)
    assert smoothed_top < 0.8, "the earlier run is drawn raw: its zigzag reaches 1"
    smoothed = artifacts.screenshot(ls.canvas(root), "smoothed")

    nb.run_cell(1)  # smoothing off: the earlier run's zigzag, raw
    expect(root).to_have_attribute("data-view-options", re.compile(r'"smoothing":0(\.0)?[,}]'))
    nb.page.wait_for_function(f"() => ({Y_MAX})(document.querySelector('.livescope')) >= 1")
    raw = artifacts.screenshot(ls.canvas(root), "raw")
    assert inked(nb.page, raw) > 1.5 * inked(nb.page, smoothed)

    nb.run_cell(2)
    nb.save()
    jupyter_server.shutdown_all_sessions()
    nb.open()
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
    expect(root.locator(RUN_ENTRIES)).to_have_count(2)
    assert root.evaluate(Y_MAX) == pytest.approx(smoothed_top, rel=0.05)
    artifacts.screenshot(root, "reopened-smoothed")


def inked(page, png):
    """Pixels of any colour but the background."""
    return sum(n for _, n in colour_summary(page, png).foreground)


def path_ink(page, png):
    """Pixels of the paths' blues, faded or not (no grey grid, no orange head)."""
    # Colours come as "#rgb", 4 bits a channel: blue well above red.
    foreground = colour_summary(page, png).foreground
    return sum(n for colour, n in foreground if int(colour[3], 16) - int(colour[1], 16) >= 3)


# Each run of the cell makes the dashboard again: runs "mnist/loss" and "mnist/acc".
DASHBOARD = """\
import numpy as np
from livescope import Dashboard, LivePlot

runs_made = globals().get("runs_made", 0) + 1
lr = 0.01 * runs_made
d = Dashboard({"loss": LivePlot(["loss"]), "acc": LivePlot(["acc"])},
              title="mnist", params={"lr": lr})
k = np.arange(300 - 100 * runs_made + 100)
d["loss"].extend(np.exp(-k * lr))
d["acc"].extend(1 - np.exp(-k * lr))
d
"""


def test_a_dashboard_cell_run_twice_shows_each_panels_earlier_run(
    open_notebook, jupyter_server, artifacts
):
    nb = open_notebook([DASHBOARD])
    nb.run_cell(0)
    panels = nb.output(0).locator(f"{ls.ROOT}:not(.livescope-dashboard)")
    expect(panels).to_have_count(2, timeout=30_000)
    for i in range(2):
        expect(panels.nth(i)).to_have_attribute("data-rows", "300", timeout=15_000)
        expect(panels.nth(i).locator(RUN_ENTRIES)).to_have_count(0)

    nb.run_cell(0)
    panels = nb.output(0).locator(f"{ls.ROOT}:not(.livescope-dashboard)")
    expect(panels).to_have_count(2, timeout=30_000)
    for i in range(2):
        expect(panels.nth(i)).to_have_attribute("data-rows", "200", timeout=15_000)
        entries = panels.nth(i).locator(RUN_ENTRIES)
        expect(entries).to_have_count(2, timeout=15_000)
        expect(entries.nth(0)).to_contain_text("this run · 200 rows lr=0.02")
        expect(entries.nth(1)).to_contain_text("300 rows lr=0.01")
        # Following shows the longer earlier run whole.
        assert panels.nth(i).evaluate("(root) => root.livescope.view.xRange") == [0, 299]
    artifacts.screenshot(nb.output(0), "dashboard-two-runs")

    nb.save()
    jupyter_server.shutdown_all_sessions()
    nb.open()
    panels = nb.output(0).locator(f"{ls.ROOT}:not(.livescope-dashboard)")
    expect(panels).to_have_count(2, timeout=30_000)
    for i in range(2):
        expect(panels.nth(i)).to_have_attribute("data-source", "snapshot", timeout=15_000)
        expect(panels.nth(i).locator(RUN_ENTRIES)).to_have_count(2)
        expect(panels.nth(i).locator(RUN_ENTRIES).nth(1)).to_contain_text("300 rows lr=0.01")
    artifacts.screenshot(nb.output(0), "reopened-dashboard-two-runs")


# Each run of the cell draws a spiral, the first one twice as large.
ORBIT = """\
import numpy as np
from livescope import LivePlot

runs_made = globals().get("runs_made", 0) + 1
t = np.linspace(0, 6 * np.pi, 400)
scale = 2.0 if runs_made == 1 else 1.0
w = LivePlot(kind="trajectory", title="orbit", params={"scale": scale})
w.extend(scale * np.stack([t * np.cos(t), t * np.sin(t)], axis=1))
w
"""
X_MAX = "(root) => root.livescope.view.ranges()[0][1]"


def test_a_trajectory_cell_run_twice_shows_the_earlier_path_faded(
    open_notebook, jupyter_server, artifacts
):
    nb = open_notebook([ORBIT])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "400", timeout=15_000)
    expect(root.locator(RUN_ENTRIES)).to_have_count(0)
    alone = inked(nb.page, artifacts.screenshot(ls.canvas(root), "one-run"))

    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    entries = root.locator(RUN_ENTRIES)
    expect(entries).to_have_count(2, timeout=15_000)
    expect(entries.nth(0)).to_contain_text("this run · 400 rows scale=1")
    expect(entries.nth(1)).to_contain_text("400 rows scale=2")
    # The axes hold the earlier, larger path whole: |x| reaches 2 * 6 pi.
    nb.page.wait_for_function(
        f"() => ({X_MAX})(document.querySelector('.livescope')) >= 2 * 5.9 * Math.PI"
    )
    artifacts.screenshot(root, "two-runs")
    both = inked(nb.page, artifacts.screenshot(ls.canvas(root), "two-runs-canvas"))

    entries.nth(1).get_by_role("button").click()
    expect(entries.nth(1)).to_have_class("livescope-run livescope-legend-hidden")
    nb.page.wait_for_function(
        f"() => ({X_MAX})(document.querySelector('.livescope')) < 2 * 5.9 * Math.PI"
    )
    hidden = inked(nb.page, artifacts.screenshot(ls.canvas(root), "run-1-hidden"))
    assert both > hidden, "hiding the earlier run leaves its path drawn"
    entries.nth(1).get_by_role("button").click()
    expect(entries.nth(1)).to_have_class("livescope-run")
    assert alone > 0

    # Replayed at an early step, the earlier path too is drawn only up to it.
    paths = path_ink(nb.page, artifacts.screenshot(ls.canvas(root), "two-runs-again"))
    ls.slider(root).fill("40")
    ls.wait_shown_index(root, 40)
    early = path_ink(nb.page, artifacts.screenshot(ls.canvas(root), "replayed-step-40"))
    assert early < paths / 4, "replay draws the earlier run's whole path"
    root.get_by_role("button", name="Latest", exact=True).click()
    ls.wait_shown_index(root, 399)
    expect(root).to_have_attribute("data-following", "true")
    latest = path_ink(nb.page, artifacts.screenshot(ls.canvas(root), "latest-again"))
    assert latest > 0.9 * paths, "following the latest row draws the earlier path cut short"

    # The compare toggle turns comparing off: the earlier path and its runs row go.
    toggle = root.locator(f"{COMPARE} input")
    expect(toggle).to_be_checked()
    toggle.click()
    expect(root).to_have_attribute("data-view-options", re.compile(r'"compare":false'))
    expect(root.locator(".livescope-runs")).to_be_hidden()
    nb.page.wait_for_function(
        f"() => ({X_MAX})(document.querySelector('.livescope')) < 2 * 5.9 * Math.PI"
    )
    assert root.evaluate("(root) => root.livescope.view.comparedRuns.length") == 0
    artifacts.screenshot(root, "compare-off")
    off = inked(nb.page, artifacts.screenshot(ls.canvas(root), "compare-off-canvas"))
    # The picture of the live path alone, as with the earlier run hidden from the legend.
    assert off < both, "compare off leaves the earlier path drawn"
    assert off == pytest.approx(hidden, rel=0.02)

    # The saved notebook keeps it off, and its toggle brings the earlier run back.
    nb.save()
    jupyter_server.shutdown_all_sessions()
    nb.open()
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
    toggle = root.locator(f"{COMPARE} input")
    expect(toggle).not_to_be_checked()
    expect(root.locator(".livescope-runs")).to_be_hidden()
    assert root.evaluate(X_MAX) < 2 * 5.9 * 3.14159
    artifacts.screenshot(root, "reopened-compare-off")
    toggle.click()
    expect(root.locator(RUN_ENTRIES)).to_have_count(2)
    nb.page.wait_for_function(
        f"() => ({X_MAX})(document.querySelector('.livescope')) >= 2 * 5.9 * Math.PI"
    )
    artifacts.screenshot(root, "reopened-two-runs")


# Each run of the cell is a new run of "spectrum": two named curves, the first
# run's 2 higher than the second's.
SPECTRUM = """\
import numpy as np
from livescope import LivePlot

runs_made = globals().get("runs_made", 0) + 1
offset = 2.0 if runs_made == 1 else 0.0
w = LivePlot(kind="frame", title="spectrum", curves=["fit", "data"], params={"offset": offset})
x = np.linspace(0, 2 * np.pi, 100)
for step in range(60):
    w.update({"fit": np.sin(x + step / 10) + offset, "data": np.cos(x) + offset}, step=step)
w
"""
Y_TOP = "(root) => root.livescope.view.uplot.scales.y.max"


def test_a_frame_cell_run_twice_draws_the_earlier_runs_row_faded(
    open_notebook, jupyter_server, artifacts
):
    nb = open_notebook([SPECTRUM])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "60", timeout=15_000)
    expect(root.locator(RUN_ENTRIES)).to_have_count(0)

    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    entries = root.locator(RUN_ENTRIES)
    expect(entries).to_have_count(2, timeout=15_000)
    expect(entries.nth(0)).to_contain_text("this run · 60 rows offset=0")
    expect(entries.nth(1)).to_contain_text("60 rows offset=2")
    # The view holds the earlier run's rows, draws it, and its y axis spans them (up to 3).
    state = root.evaluate(
        "(root) => { const v = root.livescope.view;"
        " return [v.comparedRuns.length, v.allRuns[0].steps.length, v.runsStep]; }"
    )
    assert state == [1, 60, 59]
    nb.page.wait_for_function(f"() => ({Y_TOP})(document.querySelector('.livescope')) >= 3")
    artifacts.screenshot(root, "frame-two-runs")
    both = inked(nb.page, artifacts.screenshot(ls.canvas(root), "frame-two-runs-canvas"))

    entries.nth(1).get_by_role("button").click()
    expect(entries.nth(1)).to_have_class("livescope-run livescope-legend-hidden")
    nb.page.wait_for_function(f"() => ({Y_TOP})(document.querySelector('.livescope')) < 3")
    hidden = inked(nb.page, artifacts.screenshot(ls.canvas(root), "frame-run-1-hidden"))
    assert both > hidden, "hiding the earlier run leaves its row drawn"
    entries.nth(1).get_by_role("button").click()
    expect(entries.nth(1)).to_have_class("livescope-run")
    # The compare toggle takes the earlier run away, and brings it back.
    root.locator(f"{COMPARE} input").click()
    expect(root).to_have_attribute("data-view-options", re.compile(r'"compare":false'))
    nb.page.wait_for_function(f"() => ({Y_TOP})(document.querySelector('.livescope')) < 3")
    artifacts.screenshot(root, "frame-compare-off")
    root.locator(f"{COMPARE} input").click()
    expect(entries).to_have_count(2)
    nb.page.wait_for_function(f"() => ({Y_TOP})(document.querySelector('.livescope')) >= 3")

    nb.save()
    jupyter_server.shutdown_all_sessions()
    nb.open()
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
    expect(root.locator(RUN_ENTRIES)).to_have_count(2)
    assert root.evaluate(Y_TOP) >= 3
    artifacts.screenshot(root, "frame-reopened-two-runs")
    # Replayed to an earlier step, the earlier run's row is the one at that step.
    ls.show_index(root, 0)
    ls.wait_shown_index(root, 0)
    nb.page.wait_for_function(
        "() => document.querySelector('.livescope').livescope.view.runsStep === 0"
    )
    artifacts.screenshot(root, "frame-reopened-replayed-step-0")
