"""Hiding a frame's curve from its legend, in real JupyterLab, with a fixed x range.

A click on a curve's legend entry hides the curve (uPlot's series off, the
entry pressed no more, muted), the y axis then spans the curves shown, and
the kernel keeps the choice in `view_options`, so the saved notebook's
picture and its reopened view without a kernel agree: the curve stays
hidden, and the y range is the shown curve's whole history (its spike
included, though the snapshot does not keep that row). `xlim` holds the x
axis throughout.
"""

from __future__ import annotations

import json

import _livescope_dom as ls
import pytest
from _pixels import colour_summary
from playwright.sync_api import expect
from test_saved_notebook_browser import WIDGET_STATE, saved_notebook

from livescope._picture.scene import PALETTE

pytestmark = pytest.mark.browser

ROWS = 120
SPIKE = 57  # "small" reaches 5 at this step only; a saved notebook does not keep its row
XLIM = (-1.0, 12.0)

SETUP = f"""\
import json

import numpy as np
from IPython.display import display
from livescope import LivePlot

x = np.linspace(0, 10, 40)
w = LivePlot(kind="frame", x=x, curves=["small", "big"], xlim={XLIM}, title="hide big")
display(w)
"""
STREAM = f"""\
for t in range({ROWS}):
    small = np.sin(x + t / 10) * (5 if t == {SPIKE} else 1)
    w.update({{"small": small, "big": 100 + 50 * np.cos(x - t / 10)}})
print("LEN=" + str(len(w)))
"""
OPTIONS = 'print("OPTIONS=" + json.dumps(w.widget.view_options.get("hidden")))'

VIEW_JS = """(el) => {
  const u = el.livescope.view.uplot;
  const toggles = [...el.querySelectorAll(".livescope-curves .livescope-legend-toggle")];
  return {
    shown: u.series.slice(1).map((s) => s.show),
    pressed: toggles.map((b) => b.getAttribute("aria-pressed")),
    hidden: el.livescope.view.options.hidden ?? [],
    x: [u.scales.x.min, u.scales.x.max],
    y: [u.scales.y.min, u.scales.y.max],
  };
}"""


def colours(nb, root, artifacts, name: str) -> set[str]:
    """The canvas's colours, bucketed to 4 bits a channel."""
    png = artifacts.screenshot(root.locator("canvas").first, f"{name}-canvas")
    return {colour for colour, _ in colour_summary(nb.page, png).foreground}


def bucket(colour: str) -> str:
    return "#" + "".join(colour[i] for i in (1, 3, 5))


def assert_big_hidden(view: dict) -> None:
    """Curve "big" off, its entry not pressed; the y axis spans "small" (spike and all)."""
    assert view["shown"] == [True, False]
    assert view["pressed"] == ["true", "false"]
    assert view["hidden"] == ["big"]
    assert view["x"] == pytest.approx(list(XLIM))
    lo, hi = view["y"]
    assert -6 <= lo <= -4.9 and 4.9 <= hi <= 6, view["y"]


def test_a_click_on_a_legend_entry_hides_the_curve_live_saved_and_reopened(
    open_notebook, jupyter_server, artifacts
):
    nb = open_notebook([SETUP, STREAM, OPTIONS])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    nb.run_cell(1)
    assert nb.printed_value(1, "LEN") == str(ROWS)
    expect(root).to_have_attribute("data-rows", str(ROWS), timeout=15_000)
    nb.page.wait_for_function(
        "(el) => Number(el.dataset.draws) > 0", arg=root.element_handle(), timeout=10_000
    )
    view = root.evaluate(VIEW_JS)
    assert view["shown"] == [True, True]
    assert view["x"] == pytest.approx(list(XLIM))
    assert view["y"][1] >= 150  # "big" reaches 150
    artifacts.screenshot(root, "both")
    both = colours(nb, root, artifacts, "both")
    assert {bucket(PALETTE[0]), bucket(PALETTE[1])} <= both, both

    root.locator(".livescope-curves").get_by_role("button", name="big").click()
    nb.page.wait_for_function(
        "(el) => el.livescope.view.uplot.series[2].show === false",
        arg=root.element_handle(),
        timeout=10_000,
    )
    assert_big_hidden(root.evaluate(VIEW_JS))
    expect(root.locator(".livescope-curves .livescope-legend-hidden")).to_have_text("big")
    artifacts.screenshot(root, "big-hidden")
    shown = colours(nb, root, artifacts, "big-hidden")
    assert bucket(PALETTE[0]) in shown and bucket(PALETTE[1]) not in shown, shown
    nb.run_cell(2)
    assert json.loads(nb.printed_value(2, "OPTIONS")) == ["big"]  # the kernel keeps it

    # Saved: the options keep "big" hidden, and the picture draws "small" alone.
    nb.save()
    notebook = saved_notebook(jupyter_server, nb)
    states = notebook["metadata"]["widgets"][WIDGET_STATE]["state"].values()
    (model,) = [m for m in states if m["state"].get("kind") == "frame"]
    options = model["state"]["view_options"]
    assert (options["hidden"], options["xlim"]) == (["big"], list(XLIM))
    (output,) = notebook["cells"][0]["outputs"]
    picture = "".join(output["data"]["image/svg+xml"])
    assert ">big<" in picture and f'stroke="{PALETTE[0]}"' in picture
    assert f'stroke="{PALETTE[1]}"' not in picture  # neither its curve nor its swatch

    jupyter_server.shutdown_all_sessions()
    nb.open()  # a fresh kernel, which knows nothing of the plot
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
    held = ls.row_store(root, 0, ls.rows(root))
    assert SPIKE not in held.steps, "the test wants the spike's row left out of the snapshot"
    nb.page.wait_for_function(
        "(el) => Number(el.dataset.draws) > 0", arg=root.element_handle(), timeout=10_000
    )
    assert_big_hidden(root.evaluate(VIEW_JS))
    artifacts.screenshot(root, "reopened")
    reopened = colours(nb, root, artifacts, "reopened")
    assert bucket(PALETTE[0]) in reopened and bucket(PALETTE[1]) not in reopened, reopened
