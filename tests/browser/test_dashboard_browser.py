"""Dashboard in a real browser: panels in a grid, one Stop ends the loop feeding all."""

from __future__ import annotations

import _livescope_dom as ls
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SETUP = """\
import time
from livescope import Dashboard, LivePlot

d = Dashboard(
    {"loss": LivePlot(["loss"]), "a": LivePlot(["a", "b"]), "b": LivePlot(["c"])},
    layout={"loss": (0, 0, 1, 2), "a": (1, 0), "b": (1, 1)},
    title="training",
)
d
"""

# The caps only bound a broken Stop.
STREAM_UNTIL_STOPPED = """\
t0 = time.monotonic()
i = 0
while d.running() and time.monotonic() - t0 < 60:
    d["loss"].update([1 / (i + 1)])
    d["a"].update([i, -i])
    d["b"].update([i % 7])
    i += 1
    time.sleep(0.001)
print(f"ELAPSED={time.monotonic() - t0:.3f}")
print(f"LEN={len(d['loss'])},{len(d['a'])},{len(d['b'])}")
print(f"STOPPED={d.stopped},{d['loss'].stopped}")
"""


def test_one_stop_ends_the_loop_feeding_every_panel(open_notebook, artifacts):
    nb = open_notebook([SETUP, STREAM_UNTIL_STOPPED])
    nb.run_cell(0)
    output = nb.output(0)
    panels = output.locator(f"{ls.ROOT}:not(.livescope-dashboard)")
    expect(panels).to_have_count(3, timeout=30_000)
    controls = output.locator(".livescope-dashboard")
    expect(controls.locator(".livescope-title")).to_have_text("training")
    # The panels' own Stop buttons give way to the dashboard's.
    for i in range(3):
        expect(ls.stop_button(panels.nth(i))).to_be_hidden()

    loss, left, right = (panels.nth(i).bounding_box() for i in range(3))
    assert loss["width"] > 1.8 * left["width"], "the spanning panel should be two columns wide"
    assert abs(left["width"] - right["width"]) < 2
    assert right["x"] > left["x"] and left["y"] > loss["y"]

    before = nb.start_cell(1)
    for i in range(3):
        ls.wait_rows_at_least(panels.nth(i), 50, timeout_s=20)
    ls.stop_button(controls).click()
    nb.wait_cell_done(1, before, timeout_s=90)

    assert float(nb.printed_value(1, "ELAPSED")) < 30, "Stop did not end the loop"
    counts = [int(n) for n in nb.printed_value(1, "LEN").split(",")]
    assert counts[0] == counts[1] == counts[2] > 0
    assert nb.printed_value(1, "STOPPED") == "True,True"
    expect(ls.stopped_button(controls)).to_be_visible(timeout=15_000)
    for i in range(3):
        expect(panels.nth(i)).to_have_attribute("data-rows", str(counts[0]), timeout=15_000)
        expect(panels.nth(i)).to_have_attribute("data-stopped", "true")
    artifacts.screenshot(output, "dashboard-stopped")

    # A narrower notebook gives narrower panels.
    nb.page.set_viewport_size({"width": 900, "height": 900})
    nb.page.wait_for_function(
        "([el, w]) => el.getBoundingClientRect().width < w - 100",
        arg=[panels.nth(1).element_handle(), left["width"]],
        timeout=10_000,
    )
    artifacts.screenshot(output, "dashboard-narrow")
