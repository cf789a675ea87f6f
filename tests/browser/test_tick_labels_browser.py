"""Tick labels of the lines view in a real browser: values that vary in a small
fraction of their size (at most 0.0012, around 1e-5, a million and a few
thousandths, a log scale of small values) streamed into LivePlots, and the y
labels uPlot draws read back: each one different from the others.
"""

from __future__ import annotations

import _livescope_dom as ls
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROWS = 200
TITLES = ["up to 0.0012", "around 1e-5", "a million and thousandths", "log of small values"]
# Steps of a millionth above a million put the x axis to the same test.
STREAM = f"""\
import math
from IPython.display import display
from livescope import LivePlot

plots = [LivePlot(["y"], title=title) for title in {TITLES[:3]!r}]
plots.append(LivePlot(["y"], title={TITLES[3]!r}, log_y=True))
display(*plots)
for i in range({ROWS}):
    step = 1000000 + i / 1000000
    plots[0].update([0.0012 * i / {ROWS - 1}], step=step)
    plots[1].update([1e-5 + 2e-6 * math.sin(i / 20)], step=step)
    plots[2].update([1000000.001 + 0.002 * i / {ROWS - 1}], step=step)
    plots[3].update([2e-6 * 10 ** (2 * i / {ROWS - 1})], step=step)
"""

# What uPlot drew on the x and y axes (the labels of hidden log splits are empty).
AXIS_LABELS = """(root) => {
  const shown = (axis) => axis._values.filter((text) => text !== "");
  const [x, y] = root.livescope.view.uplot.axes;
  return { x: shown(x), y: shown(y) };
}"""

# Every text the page's canvases write.
RECORD_TEXTS = """() => {
  window.__texts = new Set();
  const fill = CanvasRenderingContext2D.prototype.fillText;
  CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
    window.__texts.add(String(text));
    return fill.call(this, text, ...rest);
  };
}"""


def test_y_labels_of_small_variation_are_distinct(open_notebook, artifacts):
    nb = open_notebook([STREAM])
    nb.page.evaluate(RECORD_TEXTS)
    nb.run_cell(0)
    roots = nb.output(0).locator(ls.ROOT)
    expect(roots).to_have_count(len(TITLES), timeout=15_000)
    for index, title in enumerate(TITLES):
        root = roots.nth(index)
        expect(root.locator(".livescope-title")).to_have_text(title)
        expect(root).to_have_attribute("data-rows", str(ROWS), timeout=15_000)
        labels = root.evaluate(AXIS_LABELS)
        artifacts.screenshot(root, title)
        drawn = set(nb.page.evaluate("() => [...window.__texts]"))
        for axis in ("y", "x"):
            shown = labels[axis]
            assert len(shown) >= 2, f"{title}: {axis} labels {shown}"
            assert len(set(shown)) == len(shown), f"{title}: {axis} labels repeat: {shown}"
            assert set(shown) <= drawn, f"{title}: {axis} labels not drawn: {shown}"
        assert len(labels["y"]) >= 3, f"{title}: y labels {labels['y']}"
