"""Frame, heatmap and waterfall views in real JupyterLab: streamed rows arrive
intact, the view shows the step it says, the image is drawn, and the replay
slider shows a past step when dragged.

Each view's rows are a known function of the step, so the test checks the
values the browser holds, not just a count.
"""

from __future__ import annotations

import math
from pathlib import Path

import _livescope_dom as ls
import pytest
from _pixels import colour_summary
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

IMPORTS = """\
import math
from pathlib import Path

import numpy as np
from IPython.display import display
from livescope import LivePlot
"""

FRAME = (
    IMPORTS
    + """\
x = np.linspace(0, 2 * np.pi, 200)
w = LivePlot(kind="frame", x=x, ylim=(-1.5, 1.5), title="wave")
display(w)
"""
)
STREAM_FRAME = """\
for t in range(300):
    w.update(np.sin(x + t / 10))
print(f"LEN={len(w)}")
"""


def frame_row(t: int) -> list[float]:
    return [math.sin(2 * math.pi * i / 199 + t / 10) for i in range(200)]


HEATMAP = (
    IMPORTS
    + """\
rows, cols = 6, 8
def frame(t):
    f = np.add.outer(np.arange(rows) * 10.0, np.arange(cols)) + t
    f[0, 0] = np.nan
    return f
w = LivePlot(kind="heatmap", shape=(rows, cols), colormap="magma",
             row_labels=[f"r{i}" for i in range(rows)], title="grid")
display(w)
"""
)
STREAM_HEATMAP = """\
for t in range(120):
    w.update(frame(t))
print(f"LEN={len(w)}")
"""


def heatmap_row(t: int) -> list[float]:
    values = [r * 10.0 + c + t for r in range(6) for c in range(8)]
    values[0] = math.nan
    return values


WATERFALL = (
    IMPORTS
    + """\
m = 256
w = LivePlot(kind="waterfall", title="spectrum")
display(w)
"""
)
STREAM_WATERFALL = """\
for t in range(3000):
    w.update(np.sin(np.arange(m) / 20 + t / 50) * (1 + t / 3000))
print(f"LEN={len(w)}")
"""


def waterfall_row(t: int) -> list[float]:
    return [math.sin(i / 20 + t / 50) * (1 + t / 3000) for i in range(256)]


def assert_rows(root, expected, indices) -> None:
    """The browser holds exactly the expected values at these row indices."""
    for i in indices:
        (row,) = ls.row_store(root, i, i + 1).rows
        want = expected(i)
        assert len(row) == len(want)
        bad = [
            j
            for j, (a, b) in enumerate(zip(row, want, strict=True))
            if not (math.isnan(a) and math.isnan(b)) and not math.isclose(a, b, abs_tol=1e-12)
        ]
        assert not bad, f"row {i} differs at {len(bad)} values, first {bad[0]}: {row[bad[0]]}"


def assert_drawn(nb, root, artifacts, name: str, min_colours: int) -> None:
    nb.page.wait_for_function(
        "(el) => Number(el.dataset.draws) > 0", arg=root.element_handle(), timeout=10_000
    )
    artifacts.screenshot(root, name)
    png = artifacts.screenshot(root.locator("canvas").first, f"{name}-canvas")
    colours = colour_summary(nb.page, png)
    assert len(colours.foreground) >= min_colours, (
        f"the view looks blank: background {colours.background}, others {colours.foreground}"
    )


def stream(nb, cells: list[str], rows: int):
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    assert ls.attr(root, "kind") in ("frame", "heatmap", "waterfall")
    nb.run_cell(1)
    assert nb.printed_value(1, "LEN") == str(rows)
    expect(root).to_have_attribute("data-rows", str(rows), timeout=15_000)
    # While streaming the view follows: it shows the latest step.
    expect(root).to_have_attribute("data-shown-index", str(rows - 1), timeout=10_000)
    assert ls.attr(root, "following") == "true"
    assert ls.attr(root, "shown-step") == str(rows - 1)
    return root


def test_frame_streams_and_shows_the_latest_curve(open_notebook, artifacts):
    nb = open_notebook([FRAME, STREAM_FRAME])
    root = stream(nb, [FRAME, STREAM_FRAME], 300)
    snapshot = ls.row_store(root, 0, 0)
    assert (snapshot.length, snapshot.width) == (300, 200)
    assert snapshot.steps == list(range(300))
    assert_rows(root, frame_row, [0, 1, 150, 299])
    assert_drawn(nb, root, artifacts, "frame", min_colours=2)


def test_heatmap_streams_frames_with_labels_and_no_data_cells(open_notebook, artifacts):
    nb = open_notebook([HEATMAP, STREAM_HEATMAP])
    root = stream(nb, [HEATMAP, STREAM_HEATMAP], 120)
    assert ls.row_store(root, 0, 0).width == 48
    assert_rows(root, heatmap_row, [0, 60, 119])
    assert_drawn(nb, root, artifacts, "heatmap", min_colours=8)
    # Hovering a cell reads out its row, column and value in the shown frame.
    view = root.evaluate("(el) => el.livescope.view.geometry")
    canvas = root.locator("canvas.livescope-image")
    canvas.hover(
        position={"x": view["x"] + 2.5 * view["cell"], "y": view["y"] + 4.5 * view["cell"]}
    )
    expect(root.locator(".livescope-readout")).to_have_text(
        "step 119 · row 4 (r4), col 2: 161", timeout=5_000
    )
    artifacts.screenshot(root, "heatmap-hover")


def test_waterfall_streams_the_whole_history(open_notebook, artifacts):
    nb = open_notebook([WATERFALL, STREAM_WATERFALL])
    root = stream(nb, [WATERFALL, STREAM_WATERFALL], 3000)
    assert ls.row_store(root, 0, 0).width == 256
    assert_rows(root, waterfall_row, [0, 1234, 2999])
    picture = root.evaluate(
        "(el) => { const p = el.livescope.view.picture; return {bin: p.bin, slots: p.slots}; }"
    )
    assert picture["bin"] > 1, "3000 steps should share pixel rows"
    assert picture["slots"] == math.ceil(3000 / picture["bin"])
    assert_drawn(nb, root, artifacts, "waterfall", min_colours=8)


RECORDED = (
    IMPORTS
    + """\
A = np.add.outer(np.arange(50.0), np.linspace(0, 1, 64))
w = LivePlot.from_history(A, steps=np.arange(50) * 2, ylim=(0, 51))
display(w)
"""
)


def test_dragging_the_replay_slider_shows_that_step(open_notebook, artifacts):
    nb = open_notebook([RECORDED])
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-rows", "50", timeout=15_000)
    # A recorded matrix opens on its first step, ready to play.
    expect(root).to_have_attribute("data-shown-index", "0", timeout=10_000)
    assert ls.attr(root, "following") == "false"
    expect(root.get_by_role("button", name="Play", exact=True)).to_be_enabled()
    artifacts.screenshot(root, "replay-first-step")

    slider = ls.slider(root)
    box = slider.bounding_box()
    assert box is not None
    y = box["y"] + box["height"] / 2
    nb.page.mouse.move(box["x"] + 2, y)
    nb.page.mouse.down()
    nb.page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    nb.page.mouse.move(box["x"] + box["width"] * 0.6, y, steps=5)
    nb.page.mouse.up()
    index = int(slider.input_value())
    assert 10 < index < 45, f"the drag should land mid-way; the slider says {index}"
    expect(root).to_have_attribute("data-shown-index", str(index), timeout=5_000)
    expect(root).to_have_attribute("data-shown-step", str(2 * index))
    assert ls.attr(root, "following") == "false"
    expect(root.locator(".livescope-readout")).to_have_text(f"step {2 * index}")
    # The curve drawn is that row's: uPlot holds its values.
    drawn = root.evaluate("(el) => Array.from(el.livescope.view.uplot.data[1])")
    assert drawn == pytest.approx([index + v / 63 for v in range(64)])
    artifacts.screenshot(root, "replay-dragged")

    # Play runs to the last step and then follows the latest again.
    root.locator("select.livescope-speed").select_option("1000")
    root.get_by_role("button", name="Play", exact=True).click()
    expect(root).to_have_attribute("data-following", "true", timeout=10_000)
    assert ls.attr(root, "shown-index") == "49"
    assert ls.attr(root, "playing") == "false"


NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
ROOT_IN_PAGE = f".jp-NotebookPanel:visible {ls.ROOT}"


def test_matrix_history_notebook_runs_top_to_bottom(open_notebook, artifacts):
    nb = open_notebook(NOTEBOOKS / "matrix_history.ipynb")
    nb.run_all(timeout_s=90)
    plots = nb.page.locator(ROOT_IN_PAGE)
    expect(plots).to_have_count(3, timeout=30_000)
    for i in range(3):
        expect(plots.nth(i)).to_have_attribute("data-rows", "200", timeout=15_000)
    # The recorded matrices open on their first step; the streamed one follows.
    expect(plots.nth(0)).to_have_attribute("data-shown-index", "0")
    expect(plots.nth(1)).to_have_attribute("data-kind", "waterfall")
    expect(plots.nth(2)).to_have_attribute("data-following", "true")
    assert "same values as recorded: True" in nb.stdout(9)
    artifacts.screenshot(nb.page, "matrix_history")


def test_weights_heatmap_notebook_runs_top_to_bottom(open_notebook, artifacts):
    nb = open_notebook(NOTEBOOKS / "weights_heatmap.ipynb")
    nb.run_all(timeout_s=90)
    plots = nb.page.locator(ROOT_IN_PAGE)
    expect(plots).to_have_count(3, timeout=30_000)
    kinds = [plots.nth(i).get_attribute("data-kind") for i in range(3)]
    assert kinds == ["lines", "heatmap", "waterfall"]
    for i in range(3):
        expect(plots.nth(i)).to_have_attribute("data-rows", "300", timeout=15_000)
    artifacts.screenshot(plots.nth(1), "weights-heatmap")
    artifacts.screenshot(nb.page, "weights_heatmap")
