"""Scatter and trajectory views in real JupyterLab: frames and points streamed
from a running loop arrive intact, the view shows the latest step (or the one
asked for), and the canvas is drawn.
"""

from __future__ import annotations

import inspect

import numpy as np
import pytest
from _livescope_dom import (
    attr,
    row_store,
    show_index,
    shown_frame,
    shown_index,
    shown_step,
    slider,
    wait_rendered,
    wait_shown_index,
)
from _pixels import colour_summary
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

K = 300
FRAMES = 80


def frame(t, k):
    # K points on a wobbling ring that turns: point i keeps its place on the ring.
    a = np.linspace(0, 2 * np.pi, k, endpoint=False) + 0.05 * t
    r = 1 + 0.25 * np.sin(5 * a + 0.3 * t)
    return np.column_stack([r * np.cos(a), r * np.sin(a)])


# The kernel computes the same frames as the test.
FRAME_CODE = "import numpy as np\n\n" + inspect.getsource(frame)
SCATTER_SETUP = (
    FRAME_CODE
    + """
import time
from IPython.display import display
from livescope import LivePlot

w = LivePlot(kind="scatter", trail=6, paths=True, colormap="viridis", title="ring", height=360)
display(w)
"""
)
SCATTER_STREAM = f"""\
t = 0
while w.running() and t < {FRAMES}:
    w.update(frame(t, {K}))
    t += 1
    time.sleep(0.01)
print(f"LEN={{len(w)}}")
print(f"SUM={{float(w.history.sum())!r}}")
"""


def test_scatter_with_trail_streams_frames_and_shows_the_latest(open_notebook, artifacts):
    nb = open_notebook([SCATTER_SETUP, SCATTER_STREAM])
    nb.run_cell(0)
    root = wait_rendered(nb, 0)
    assert root.get_attribute("data-kind") == "scatter"
    assert shown_index(root) is None
    # The view live while the loop runs: at the cell's end the kernel refreshes the
    # static picture beside it, and JupyterLab renders a new view of the plot.
    streamed = root.element_handle()

    nb.run_cell(1)
    assert nb.printed_value(1, "LEN") == str(FRAMES)
    expect(root).to_have_attribute("data-rows", str(FRAMES), timeout=15_000)
    wait_shown_index(root, FRAMES - 1)
    assert shown_step(root) == FRAMES - 1
    assert attr(root, "following") == "true"

    # The browser holds every frame, flattened to x0, y0, x1, y1, ...
    held = row_store(root)
    assert held.width == 2 * K
    total = sum(sum(row) for row in held.rows)
    assert total == pytest.approx(float(nb.printed_value(1, "SUM")), rel=1e-9, abs=1e-9)
    np.testing.assert_allclose(held.rows[17], frame(17, K).reshape(-1), atol=1e-12)
    latest = shown_frame(root)
    np.testing.assert_allclose(latest["x"], frame(FRAMES - 1, K)[:, 0], atol=1e-12)
    np.testing.assert_allclose(latest["y"], frame(FRAMES - 1, K)[:, 1], atol=1e-12)
    draws = int(streamed.get_attribute("data-draws"))
    assert draws >= 2, "the view drew only once: it did not follow the stream"

    artifacts.screenshot(root, "scatter-trail-latest")
    png = artifacts.screenshot(root.locator("canvas"), "scatter-trail-canvas")
    colours = colour_summary(nb.page, png)
    # Colormap by index and fading trail: many colours, not one line colour.
    assert len(colours.foreground) >= 8, f"the scatter looks blank or flat: {colours}"

    # Dragging the replay slider shows that frame (with its trail).
    bar = slider(root)
    box = bar.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    nb.page.mouse.move(box["x"] + box["width"] - 2, y)
    nb.page.mouse.down()
    nb.page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=5)
    nb.page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    nb.page.mouse.up()
    index = int(bar.input_value())
    assert 10 < index < FRAMES - 20, f"the drag should land mid-way; the slider says {index}"
    wait_shown_index(root, index)
    assert shown_step(root) == index
    assert attr(root, "following") == "false"
    np.testing.assert_allclose(shown_frame(root)["x"], frame(index, K)[:, 0], atol=1e-12)
    png = artifacts.screenshot(root.locator("canvas"), "scatter-trail-dragged")
    assert len(colour_summary(nb.page, png).foreground) >= 8

    root.get_by_role("button", name="Latest", exact=True).click()
    wait_shown_index(root, FRAMES - 1)
    assert attr(root, "following") == "true"


FACET_CELLS = [
    """\
import numpy as np
from IPython.display import display
from livescope import LivePlot

rng = np.random.default_rng(0)
k = 4000
groups = np.repeat(["a", "b", "c", "d"], k // 4)
w = LivePlot(kind="scatter", facet=list(groups), colors=np.arange(k) % 97, colormap="plasma")
display(w)
for t in range(5):
    centres = np.repeat(rng.normal(size=(4, 2)) * 3, k // 4, axis=0)
    w.update(centres + rng.normal(size=(k, 2)) * (0.3 + 0.2 * np.arange(k)[:, None] / k))
print(f"LEN={len(w)}")
"""
]


def test_scatter_small_multiples_share_scales(open_notebook, artifacts):
    nb = open_notebook(FACET_CELLS)
    nb.run_cell(0)
    root = wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "5", timeout=15_000)
    wait_shown_index(root, 4)
    panels = root.evaluate("(root) => root.livescope.view.layout.panels.length")
    assert panels == 4
    png = artifacts.screenshot(root.locator("canvas"), "scatter-facets")
    colours = colour_summary(nb.page, png)
    assert len(colours.foreground) >= 8, f"the panels look blank: {colours}"


TRAJECTORY_CELLS = [
    """\
import time
import numpy as np
from IPython.display import display
from livescope import LivePlot

def lorenz(n, dt=0.005, state=(1.0, 1.0, 1.0)):
    x, y, z = state
    out = np.empty((n, 2))
    for i in range(n):
        x, y, z = x + 10 * (y - x) * dt, y + (x * (28 - z) - y) * dt, z + (x * y - 8 / 3 * z) * dt
        out[i] = x, y
    return out

path = lorenz(6000)
w = LivePlot(kind="trajectory", title="Lorenz", height=360)
display(w)
""",
    """\
i = 0
while w.running() and i < len(path):
    w.update(path[i])
    i += 1
    if i % 100 == 0:
        time.sleep(0.005)
print(f"LEN={len(w)}")
print(f"SUM={float(w.history.sum())!r}")
""",
]


def test_trajectory_streams_a_growing_line(open_notebook, artifacts):
    nb = open_notebook(TRAJECTORY_CELLS)
    nb.run_cell(0)
    root = wait_rendered(nb, 0)
    assert root.get_attribute("data-kind") == "trajectory"
    streamed = root.element_handle()  # the view live while the loop runs (see above)

    nb.run_cell(1)
    n = int(nb.printed_value(1, "LEN"))
    assert n == 6000
    expect(root).to_have_attribute("data-rows", str(n), timeout=15_000)
    wait_shown_index(root, n - 1)
    held = root.evaluate(
        "(root) => { const s = root.livescope.store; let t = 0;"
        " for (let i = 0; i < s.length; i++) t += s.columns[0][i] + s.columns[1][i]; return t; }"
    )
    assert held == pytest.approx(float(nb.printed_value(1, "SUM")), rel=1e-9)
    # The line grew row by row: redrawn whole only when the ranges changed.
    redraws = streamed.evaluate("(root) => root.livescope.view.fullRedraws")
    draws = int(streamed.get_attribute("data-draws"))
    assert redraws < draws

    png = artifacts.screenshot(root.locator("canvas"), "trajectory-lorenz")
    artifacts.screenshot(root, "trajectory-lorenz-widget")
    colours = colour_summary(nb.page, png)
    assert len(colours.foreground) >= 2, f"the trajectory looks blank: {colours}"

    show_index(root, 1000)
    wait_shown_index(root, 1000)
    assert shown_step(root) == 1000
    artifacts.screenshot(root, "trajectory-up-to-1000")
