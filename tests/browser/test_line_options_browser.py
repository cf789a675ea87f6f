"""The lines view's options in a real browser: log-scale y, hiding a series from
the legend, smoothing and a time axis, synced to the kernel and kept on reload.
"""

from __future__ import annotations

import json

import _livescope_dom as ls
import pytest
from _pixels import colour_summary
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

# "loss" is positive and noisy, "acc" rises, "margin" crosses zero: on a log
# scale its values <= 0 are gaps, the rest still drawn.
SETUP = """\
import numpy as np
from IPython.display import display
from livescope import LivePlot

rng = np.random.default_rng(0)
steps = np.arange(400)
loss = np.exp(-steps / 120) * (1 + 0.4 * rng.standard_normal(400).clip(-2, 2)) + 0.01
acc = 1 - np.exp(-steps / 80)
margin = np.sin(steps / 25) * 0.5
w = LivePlot(columns=["loss", "acc", "margin"], title="options")
for row in np.column_stack([loss, acc, margin]):
    w.update(row)  # one wall-clock time per row, for the time axis
display(w)
"""
REPORT = """\
import json
print(f"OPTIONS={json.dumps(w._widget.view_options, sort_keys=True)}")
"""
CHANGED = {"hidden": ["acc"], "log_y": True, "smoothing": 0.8, "x_axis": "time"}

# Bucketed colours (4 bits a channel) of the palette's first three series.
BLUE, ORANGE, GREEN = "#38f", "#f71", "#1b8"


def view_options(root) -> dict:
    return json.loads(ls.attr(root, "view-options"))


def wait_view_options(root, **expected) -> None:
    root.page.wait_for_function(
        "([el, want]) => Object.entries(want).every("
        "([k, v]) => JSON.stringify(JSON.parse(el.dataset.viewOptions)[k]) === JSON.stringify(v))",
        arg=[root.element_handle(), expected],
        timeout=10_000,
    )


def chart_colours(nb, root, artifacts, name):
    png = artifacts.screenshot(ls.canvas(root), name)
    return {colour for colour, _ in colour_summary(nb.page, png).foreground}


def test_log_y_hidden_series_smoothing_and_time_axis(open_notebook, artifacts):
    nb = open_notebook([SETUP, REPORT])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "400", timeout=15_000)
    before = ls.store(root)
    assert {BLUE, ORANGE, GREEN} <= chart_colours(nb, root, artifacts, "before")

    draws = int(ls.attr(root, "draws"))
    root.get_by_role("checkbox", name="log y").check()
    acc = root.get_by_role("button", name="acc", exact=True)
    acc.click()
    expect(acc).to_have_attribute("aria-pressed", "false")
    wait_view_options(root, log_y=True, hidden=["acc"])
    nb.page.wait_for_function(
        "([el, n]) => Number(el.dataset.draws) > n", arg=[root.element_handle(), draws]
    )
    colours = chart_colours(nb, root, artifacts, "log-y-acc-hidden")
    assert ORANGE not in colours, "the hidden series is still drawn"
    assert {BLUE, GREEN} <= colours, "log scale lost a series that has positive values"
    artifacts.screenshot(root, "log-y-acc-hidden-widget")

    root.locator(".livescope-smoothing input").fill("0.8")
    root.get_by_role("combobox", name="x axis").select_option("time")
    wait_view_options(root, smoothing=0.8, x_axis="time")
    assert view_options(root) == CHANGED
    expect(root.locator(".livescope-smoothing output")).to_have_text("0.80")
    artifacts.screenshot(root, "smoothed-time-axis")

    # Only the drawing changed: the rows the browser holds are the same.
    after = ls.store(root)
    assert (after.length, after.steps, after.columns) == (400, before.steps, before.columns)

    # The kernel got every change, so a reloaded page starts from them.
    nb.wait_kernel_idle()
    nb.run_cell(1)
    assert json.loads(nb.printed_value(1, "OPTIONS")) == CHANGED
    nb.save()
    nb.reload()
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "400", timeout=15_000)
    assert view_options(root) == CHANGED
    expect(root.get_by_role("checkbox", name="log y")).to_be_checked()
    expect(root.get_by_role("button", name="acc", exact=True)).to_have_attribute(
        "aria-pressed", "false"
    )
    artifacts.screenshot(root, "after-reload")


MANY_SERIES = """\
import numpy as np
from livescope import LivePlot

w = LivePlot(columns=[f"s{i}" for i in range(64)], title="many series")
w.extend(np.cumsum(np.random.default_rng(1).normal(size=(200, 64)), axis=0))
w
"""


def test_dozens_of_series_scroll_in_a_legend_of_a_few_rows(open_notebook, artifacts):
    nb = open_notebook([MANY_SERIES])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "200", timeout=15_000)
    legend = root.locator(".livescope-legend")
    entry = root.get_by_role("button", name="s0", exact=True).bounding_box()
    assert legend.bounding_box()["height"] <= 5 * (entry["height"] + 2), "legend pushes the chart"
    assert legend.evaluate("(el) => el.scrollHeight > el.clientHeight")
    artifacts.screenshot(root, "many-series")

    # The last series is reached by scrolling the legend, and still toggles.
    last = root.get_by_role("button", name="s63", exact=True)
    last.click()
    expect(last).to_have_attribute("aria-pressed", "false")
    wait_view_options(root, hidden=["s63"])


# A value changing in its 7th digit, a tiny one and a huge one, at steps with a fraction.
LARGE_VALUES = """\
import numpy as np
from livescope import LivePlot

k = np.arange(50)
w = LivePlot(columns=["loss offset", "tiny", "huge"], title="large values")
w.extend(
    np.column_stack([1_000_000 + k, 1e-5 * (1 + k / 7), np.full(50, -1.234567e12)]),
    steps=1_000_000 + 0.5 * k,
)
w
"""


def test_large_values_and_fractional_steps_show_their_digits_and_fit(open_notebook, artifacts):
    nb = open_notebook([LARGE_VALUES])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "50", timeout=15_000)
    expect(root.locator(".livescope-stat-step .livescope-stat-value")).to_have_text("1000024.5")
    expect(root.locator(".livescope-legend-step")).to_have_text("latest step 1000024.5")
    expect(root.locator(".livescope-legend-value")).to_have_text(
        ["1000049", "8e-5", "-1.234567e+12"]
    )
    legend = root.locator(".livescope-legend")
    assert legend.evaluate("(el) => el.scrollWidth <= el.clientWidth"), "the legend overflows"
    right = root.bounding_box()["x"] + root.bounding_box()["width"]
    for item in root.locator(".livescope-legend-item").all():
        box = item.bounding_box()
        assert box["x"] + box["width"] <= right, "a legend entry reaches past the plot"
    artifacts.screenshot(root, "large-values")
