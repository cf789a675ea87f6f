"""View options and the header in a real browser: tick labels drawn whole, what the
Stop button says once a cell ended, the step replayed, colormap lines and the
heatmap's annotations, colorbar label and rotated column labels.
"""

from __future__ import annotations

import _livescope_dom as ls
import pytest
from _pixels import colour_summary
from playwright.sync_api import expect

from livescope._picture.colormaps import colormap_rgb

pytestmark = pytest.mark.browser

MANY_SERIES_SPIKE = """\
import numpy as np
from livescope import LivePlot

values = np.random.default_rng(0).uniform(-3, 0, size=(300, 40))
values[100:105, 0] = 22
w = LivePlot([f"t{i}" for i in range(40)], title="40 series")
w.extend(values)
w
"""

# Where uPlot draws each y tick label (right-aligned left of the tick) against
# the canvas: the left edge of the widest must not fall outside it.
Y_LABEL_BOXES = """(root) => {
  const u = root.livescope.view.uplot;
  const axis = u.axes[1];
  u.ctx.font = axis.font[0];
  const right = axis._pos + axis._size - axis.ticks.size - axis.gap;
  return axis._values.map((text) => ({
    text,
    left: right - u.ctx.measureText(text).width / devicePixelRatio,
  }));
}"""


def test_y_tick_labels_of_many_series_are_drawn_whole(open_notebook, artifacts):
    nb = open_notebook([MANY_SERIES_SPIKE])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "300", timeout=15_000)
    boxes = root.evaluate(Y_LABEL_BOXES)
    artifacts.screenshot(root, "forty-series-spike")
    assert {"20", "15", "10"} <= {box["text"] for box in boxes}
    clipped = [box for box in boxes if box["left"] < 0]
    assert not clipped, f"labels reach past the canvas's left edge: {clipped}"


LOOP_THEN_REUSE = [
    """\
from livescope import LivePlot
w = LivePlot(["loss"], title="done after its cell")
display(w)
for i in range(50):
    w.update([1 / (i + 1)])
""",
    # Runs until Stop is clicked.
    "import time\nw.update([0.01])\nwhile w.running():\n    time.sleep(0.05)",
]


def test_stop_says_done_once_the_cell_ended_and_comes_back_when_reused(open_notebook, artifacts):
    nb = open_notebook(LOOP_THEN_REUSE)
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    button = root.locator(".livescope-stop")
    expect(button).to_have_text("Done", timeout=10_000)
    expect(button).to_be_disabled()
    artifacts.screenshot(root, "done")
    before = nb.start_cell(1)  # a later cell writes again: Stop is a button again
    expect(button).to_have_text("Stop", timeout=10_000)
    button.click()
    nb.wait_cell_done(1, before)
    expect(button).to_have_text("Done", timeout=10_000)


FROM_HISTORY = """\
import numpy as np
from livescope import LivePlot
w = LivePlot.from_history(np.random.default_rng(0).normal(size=(100, 64)), title="recorded")
w
"""


def test_a_recorded_history_names_the_step_on_screen(open_notebook, artifacts):
    nb = open_notebook([FROM_HISTORY])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-shown-step", "0", timeout=15_000)
    step = root.locator(".livescope-stat-value").first
    expect(step).to_have_text("0")
    expect(root.locator(".livescope-stop")).to_have_text("Done")
    ls.show_index(root, 42)
    expect(step).to_have_text("42")
    artifacts.screenshot(root, "from-history-step-42")


THREE_COLUMNS = """\
import numpy as np
from livescope import Dashboard, LivePlot

names = ["training loss per step", "validation accuracy", "learning rate schedule"]
d = Dashboard({n: LivePlot([n], title=n) for n in names}, columns=3, title="three columns")
for plot in d.plots.values():
    plot.extend(np.random.default_rng(0).normal(size=(300, 1)))
d
"""

# Each panel's header: the lines its statistics take, and whether its step is cut.
HEADER_LAYOUT = """(roots) => roots.map((root) => {
  const stats = [...root.querySelectorAll('.livescope-stats > *')]
    .filter((node) => node.offsetParent !== null);
  const step = root.querySelector('.livescope-stat-step');
  const header = root.querySelector('.livescope-header').getBoundingClientRect();
  const box = step.getBoundingClientRect();
  return {
    tops: [...new Set(stats.map((node) => Math.round(node.getBoundingClientRect().top)))],
    stepInside: box.left >= header.left && box.right <= header.right && step.offsetWidth > 0,
    title: root.querySelector('.livescope-title').title,
  };
})"""


def test_panel_headers_of_a_three_column_dashboard_stay_on_one_line(open_notebook, artifacts):
    nb = open_notebook([THREE_COLUMNS])
    nb.run_cell(0)
    roots = nb.output(0).locator(".livescope[data-kind='lines']")
    expect(roots).to_have_count(3, timeout=15_000)
    expect(roots.first).to_have_attribute("data-rows", "300", timeout=15_000)
    layout = roots.evaluate_all(HEADER_LAYOUT)
    artifacts.screenshot(nb.output(0), "three-columns")
    for panel in layout:
        assert len(panel["tops"]) == 1, f"the statistics wrap: {panel}"
        assert panel["stepInside"], f"the step is cut: {panel}"
    assert [p["title"] for p in layout] == [
        "training loss per step",
        "validation accuracy",
        "learning rate schedule",
    ]


COLORMAP_LINES = """\
import numpy as np
from livescope import LivePlot

x = np.linspace(0, 6, 200)
w = LivePlot([f"t{i}" for i in range(40)], colormap="viridis", title="timesteps")
w.extend(np.sin(x[:, None] + np.linspace(0, 3, 40)) * np.linspace(1, 2, 40))
w
"""

# Bucketed colours (4 bits a channel) of viridis' ends: the first and last series.
VIRIDIS_LOW, VIRIDIS_HIGH = "#405", "#fe2"


def test_forty_series_along_a_colormap_with_a_ramp_legend(open_notebook, artifacts):
    nb = open_notebook([COLORMAP_LINES])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "200", timeout=15_000)
    expect(root.locator(".livescope-legend-bar")).to_have_text("t0t3940 series")
    png = artifacts.screenshot(ls.canvas(root), "colormap-lines")
    colours = {colour for colour, _ in colour_summary(nb.page, png).foreground}
    assert {VIRIDIS_LOW, VIRIDIS_HIGH} <= colours, colours
    artifacts.screenshot(root, "colormap-lines-widget")
    entries = root.locator(".livescope-legend-entries")
    expect(entries).to_be_hidden()
    root.get_by_role("button", name="40 series").click()
    expect(entries.locator(".livescope-legend-item")).to_have_count(40)
    expect(entries).to_be_visible()


SIGNED_WEIGHTS = """\
import numpy as np
from IPython.display import display
from livescope import LivePlot

w = LivePlot(kind="heatmap", shape=(4, 6), colormap="RdBu", vcenter=0, annotate="{:.3f}",
             colorbar_label="weight", title="signed weights",
             col_labels=[f"feature_{i}" for i in range(6)])
w.update(np.linspace(-1, 3, 24).reshape(4, 6))
wide = LivePlot(kind="heatmap", shape=(6, 16), colormap="YlGn", title="labels on end",
                col_labels=[f"feature_{i}" for i in range(16)])
wide.update(np.random.default_rng(0).random((6, 16)))
display(w, wide)
w
"""

# Every text the page's canvases write, in order: annotations, labels, ticks.
RECORD_TEXTS = """() => {
  window.__texts = [];
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    window.__texts.push(String(text));
    return fill.call(this, text, ...rest);
  };
}"""


def test_heatmap_values_colorbar_label_centre_and_labels_on_end(open_notebook, artifacts):
    nb = open_notebook([SIGNED_WEIGHTS])
    nb.page.evaluate(RECORD_TEXTS)
    nb.run_cell(0)
    root = nb.output(0).locator(ls.ROOT).first
    expect(root).to_have_attribute("data-rows", "1", timeout=15_000)
    nb.page.wait_for_function("() => window.__texts.includes('weight')")
    texts = set(nb.page.evaluate("() => window.__texts"))
    assert {"-1.000", "0.391", "3.000", "weight"} <= texts, sorted(texts)[:40]
    artifacts.screenshot(root, "signed-weights")
    # -1 and 3 (vmin and vmax) take the two ends of RdBu.
    png = artifacts.screenshot(root.locator("canvas").first, "signed-weights-canvas")
    colours = {colour for colour, _ in colour_summary(nb.page, png).foreground}
    table = colormap_rgb("RdBu")
    ends = {"#" + "".join(f"{int(c) >> 4:x}" for c in table[i]) for i in (0, 255)}
    assert ends <= colours, colours
    # Sixteen labels too wide for their cells: every one drawn (on end), none thinned away.
    labels_on_end = nb.output(0).locator(ls.ROOT).nth(1)
    expect(labels_on_end).to_have_attribute("data-rows", "1", timeout=15_000)
    assert {f"feature_{i}" for i in range(16)} <= set(nb.page.evaluate("() => window.__texts"))
    artifacts.screenshot(labels_on_end, "labels-on-end")
