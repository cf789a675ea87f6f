"""A frame of several curves in real JupyterLab.

Dict rows whose x changes every step stream in and arrive intact; the view
draws one series and one legend entry per curve, in the palette's colours,
over the shown row's own x on the range of every x received; the replay
bar shows a past step's curves; and the saved notebook reopens the plot
without the kernel, x range, legend and replay included.

Each row is a known function of its step, so the checks read the values the
browser holds and draws, not just counts.
"""

from __future__ import annotations

import json

import _livescope_dom as ls
import numpy as np
import pytest
from _pixels import colour_summary
from playwright.sync_api import expect
from test_saved_notebook_browser import WIDGET_STATE, saved_notebook

from livescope._picture.scene import PALETTE

pytestmark = pytest.mark.browser

ROWS = 120
SPIKE = 57  # a step whose x reaches far out; a saved notebook does not keep its row
ROW = '''\
def row(t, n=50):
    """Step t's sorted sample points and two curves over them."""
    x = np.sort(np.sin(np.arange(n) * 1.3 + t)) * (1 + t / 60) * (4 if t == 57 else 1)
    return {"x": x, "sample": np.cos(x) + t / 100, "fitted": np.exp(-(x**2))}
'''
namespace: dict = {"np": np}
exec(ROW, namespace)
row = namespace["row"]

SETUP = (
    """\
import json

import numpy as np
from IPython.display import display
from livescope import LivePlot

"""
    + ROW
    + """
w = LivePlot(kind="frame", x="row", markers=True, title="sample vs fit")
display(w)
"""
)
STREAM = f"""\
for t in range({ROWS}):
    w.update(row(t))
print("LEN=" + json.dumps([len(w), w.widget.view_options["curves"]]))
"""

VIEW_JS = """(el) => {
  const view = el.livescope.view;
  const u = view.uplot;
  return {
    curves: view.parts.curves.map(({ name, color, offset }) => [name, color, offset]),
    series: u.series.length - 1,
    data: u.data.map((a) => Array.from(a)),
    x: [u.scales.x.min, u.scales.x.max],
    y: [u.scales.y.min, u.scales.y.max],
    legend: [...el.querySelectorAll(".livescope-curves .livescope-legend-name")].map(
      (n) => n.textContent,
    ),
  };
}"""


def flat(t: int) -> np.ndarray:
    r = row(t)
    return np.concatenate([r["x"], r["sample"], r["fitted"]])


def x_extent(steps) -> list[float]:
    xs = np.concatenate([row(t)["x"] for t in steps])
    return [float(xs.min()), float(xs.max())]


def assert_draws_row(view: dict, t: int) -> None:
    """uPlot holds step t's own x and its two curves."""
    r = row(t)
    assert view["data"][0] == pytest.approx(r["x"].tolist())
    assert view["data"][1] == pytest.approx(r["sample"].tolist())
    assert view["data"][2] == pytest.approx(r["fitted"].tolist())


def assert_two_curve_colours(nb, root, artifacts, name: str) -> None:
    """The canvas is drawn, in the palette's first two colours (bucketed to 4 bits)."""
    png = artifacts.screenshot(root.locator("canvas").first, f"{name}-canvas")
    colours = {colour for colour, _ in colour_summary(nb.page, png).foreground}
    for colour in PALETTE[:2]:
        bucket = "#" + "".join(colour[i] for i in (1, 3, 5))
        assert bucket in colours, f"no {colour} curve in the {name} canvas: {colours}"


def test_frame_curves_stream_replay_and_reopen_from_the_saved_notebook(
    open_notebook, jupyter_server, artifacts
):
    nb = open_notebook([SETUP, STREAM])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    nb.run_cell(1)
    assert json.loads(nb.printed_value(1, "LEN")) == [ROWS, ["sample", "fitted"]]
    expect(root).to_have_attribute("data-rows", str(ROWS), timeout=15_000)
    expect(root).to_have_attribute("data-shown-index", str(ROWS - 1), timeout=10_000)
    assert ls.attr(root, "following") == "true"

    # The rows arrive flat (x, then each curve), exactly as sent.
    held = ls.row_store(root, 0, ROWS)
    assert held.width == 150
    for t in (0, SPIKE, ROWS - 1):
        np.testing.assert_allclose(held.rows[t], flat(t), rtol=1e-12)

    # One series and legend entry per curve, over the latest row's own x, on
    # the x range of every row (the spike's included).
    nb.page.wait_for_function(
        "(el) => Number(el.dataset.draws) > 0", arg=root.element_handle(), timeout=10_000
    )
    view = root.evaluate(VIEW_JS)
    assert view["curves"] == [["sample", PALETTE[0], 50], ["fitted", PALETTE[1], 100]]
    assert view["series"] == 2
    assert view["legend"] == ["sample", "fitted"]
    assert_draws_row(view, ROWS - 1)
    assert view["x"] == pytest.approx(x_extent(range(ROWS)))
    artifacts.screenshot(root, "streamed")
    assert_two_curve_colours(nb, root, artifacts, "streamed")

    # Hovering reads out the x there, and each curve's value in the legend.
    over = root.locator(".u-over").first  # uPlot's layer over the plot takes the pointer
    box = over.bounding_box()
    assert box is not None
    over.hover(position={"x": box["width"] / 2, "y": box["height"] / 2})
    expect(root.locator(".livescope-readout")).to_contain_text(f"step {ROWS - 1} · x ")
    values = root.locator(".livescope-curves .livescope-legend-value")
    expect(values.first).not_to_have_text("")
    artifacts.screenshot(root, "hovered")
    nb.page.mouse.move(0, 0)

    # The replay bar shows a past step: its own x and curves.
    ls.slider(root).fill("30")
    expect(root).to_have_attribute("data-shown-index", "30", timeout=5_000)
    expect(root).to_have_attribute("data-following", "false")
    expect(root.locator(".livescope-readout")).to_have_text("step 30")
    view = root.evaluate(VIEW_JS)
    assert_draws_row(view, 30)
    assert view["x"] == pytest.approx(x_extent(range(ROWS)))  # still axes
    artifacts.screenshot(root, "replayed")
    root.get_by_role("button", name="Latest").click()
    expect(root).to_have_attribute("data-following", "true")

    # Saved: the options with the learned names, the snapshot and the picture.
    nb.save()
    notebook = saved_notebook(jupyter_server, nb)
    states = notebook["metadata"]["widgets"][WIDGET_STATE]["state"].values()
    (model,) = [m for m in states if m["state"].get("kind") == "frame"]
    options = model["state"]["view_options"]
    assert (options["x"], options["curves"], options["markers"]) == (
        "row",
        ["sample", "fitted"],
        True,
    )
    (output,) = notebook["cells"][0]["outputs"]
    picture = "".join(output["data"]["image/svg+xml"])
    assert "step 119" in picture and ">sample<" in picture and ">fitted<" in picture
    assert PALETTE[0] in picture and PALETTE[1] in picture

    jupyter_server.shutdown_all_sessions()
    nb.open()  # a fresh kernel, which knows nothing of the plot
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
    expect(root).to_have_attribute("data-last-step", str(ROWS - 1))
    kept = ls.rows(root)
    assert kept == 100
    held = ls.row_store(root, 0, kept)
    assert SPIKE not in held.steps, "the test wants the spike's row left out of the snapshot"
    nb.page.wait_for_function(
        "(el) => Number(el.dataset.draws) > 0", arg=root.element_handle(), timeout=10_000
    )
    view = root.evaluate(VIEW_JS)
    assert view["legend"] == ["sample", "fitted"]
    assert_draws_row(view, ROWS - 1)
    # The x range is every row's, the spike's too, from the snapshot's x_range.
    assert view["x"] == pytest.approx(x_extent(range(ROWS)), rel=1e-6)
    artifacts.screenshot(root, "reopened")
    assert_two_curve_colours(nb, root, artifacts, "reopened")
    ls.slider(root).fill("3")
    expect(root).to_have_attribute("data-shown-index", "3")
    assert_draws_row(root.evaluate(VIEW_JS), int(held.steps[3]))
