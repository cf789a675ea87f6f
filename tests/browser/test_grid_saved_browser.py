"""Heatmaps, waterfalls and frames outliving the kernel, in Chromium: a notebook
saved with widget state reopens with them after the kernel is gone, and an
exported HTML file shows them from disk; both replay over the saved rows."""

from __future__ import annotations

import json

import _livescope_dom as ls
import numpy as np
import pytest
from _pixels import colour_summary
from playwright.sync_api import expect
from test_export_browser import offline_page  # noqa: F401  (the fixture)
from test_saved_notebook_browser import WIDGET_STATE, saved_notebook

from livescope import LivePlot

pytestmark = pytest.mark.browser

RANGE_JS = "(root) => { const r = root.livescope.view.range; return [r.min, r.max, r.nonFinite]; }"


def grid_plot(kind: str, n: int) -> LivePlot:
    """A plot of `kind` with `n` rows whose values grow with the step (so each row differs)."""
    t = np.arange(n, dtype=np.float64)[:, None]
    if kind == "heatmap":
        w = LivePlot(kind="heatmap", shape=(6, 5), title=kind)
        w.extend(t + np.arange(30) / 10)
    elif kind == "waterfall":
        w = LivePlot(kind="waterfall", title=kind)
        w.extend(np.sin(t / 40 + np.arange(128) / 9) * (1 + t / n))
    else:
        w = LivePlot(kind="frame", title=kind)
        w.extend(np.sin(np.arange(64) / 8 + t / 30) * (1 + t / n))
    return w


def check_replays(root, steps: list[float]) -> None:
    """The replay bar moves over the saved rows, and back to the latest."""
    ls.slider(root).fill("3")
    expect(root).to_have_attribute("data-shown-index", "3")
    expect(root).to_have_attribute("data-following", "false")
    assert ls.shown_step(root) == steps[3]
    root.get_by_role("button", name="Latest").click()
    expect(root).to_have_attribute("data-following", "true")


@pytest.mark.parametrize("kind", ["heatmap", "waterfall", "frame"])
def test_exported_grid_plots_show_their_saved_rows_from_disk_and_replay(
    offline_page,  # noqa: F811
    tmp_path,
    artifacts,
    kind,
):
    page, refused, errors = offline_page
    n = 1500
    w = grid_plot(kind, n)
    snapshot = w._kind.snapshot(w._data(), 20_000)
    kept = len(snapshot.arrays["steps"])
    w.save_html(tmp_path / f"{kind}.html")

    page.goto((tmp_path / f"{kind}.html").as_uri())
    root = page.locator(ls.ROOT)
    expect(root).to_have_attribute("data-source", "snapshot")
    expect(root).to_have_attribute("data-rows", str(kept))
    expect(root).to_have_attribute("data-last-step", str(n - 1))
    expect(root).to_have_attribute("data-following", "true")
    held = ls.row_store(root, kept - 1)
    np.testing.assert_allclose(held.rows[0], w.history[-1], rtol=1e-6)
    # Automatic limits span every value of the history, not only the rows kept.
    lo, hi, _ = root.evaluate(RANGE_JS)
    assert lo == pytest.approx(w.history.min(), rel=1e-6)
    assert hi == pytest.approx(w.history.max(), rel=1e-6)
    page.wait_for_function("(el) => Number(el.dataset.draws) > 0", arg=root.element_handle())
    png = artifacts.screenshot(root.locator("canvas").first, f"{kind}-canvas")
    assert len(colour_summary(page, png).foreground) >= 3, f"the {kind} looks blank"
    check_replays(root, held.steps)
    artifacts.screenshot(root, kind)
    assert refused == [], f"the page tried to fetch {refused}"
    assert errors == []


SETUP = """\
import numpy as np
from IPython.display import display
from livescope import LivePlot
"""

PLOTS = {
    "heatmap": 'h = LivePlot(kind="heatmap", shape=(6, 5), title="heat"); display(h)',
    "waterfall": 'wf = LivePlot(kind="waterfall", title="fall"); display(wf)',
    "frame": 'f = LivePlot(kind="frame", facet=2, title="curves"); display(f)',
}

STREAM = """\
for t in range(400):
    h.update(t + np.arange(30).reshape(6, 5) / 10)
    wf.update(np.sin(np.arange(256) / 9 + t / 40) * (1 + t / 400))
    f.update(np.sin(np.arange(2 * 64) / 8 + t / 30).reshape(2, 64))
print("LAST=" + json.dumps({"heatmap": h.history[-1].tolist(),
                            "waterfall": wf.history[-1].tolist(),
                            "frame": f.history[-1].tolist()}))
"""


def test_a_saved_notebook_reopens_its_grid_plots_without_the_kernel(
    open_notebook, jupyter_server, artifacts
):
    cells = [SETUP + "import json", *PLOTS.values(), STREAM]
    nb = open_notebook(cells)
    for cell in range(len(cells) - 1):
        nb.run_cell(cell)
    nb.run_cell(len(cells) - 1)
    last = json.loads(nb.printed_value(len(cells) - 1, "LAST"))
    for cell in (1, 2, 3):
        expect(ls.wait_rendered(nb, cell)).to_have_attribute("data-rows", "400", timeout=15_000)
    nb.save()

    notebook = saved_notebook(jupyter_server, nb)
    states = notebook["metadata"]["widgets"][WIDGET_STATE]["state"].values()
    snapshots = [m for m in states if m["state"].get("kind") in PLOTS]
    assert len(snapshots) == 3
    for model in snapshots:
        assert [b["path"] for b in model.get("buffers", [])] == [["_snapshot"]]
    for cell, kind in zip((1, 2, 3), PLOTS, strict=True):
        (output,) = notebook["cells"][cell]["outputs"]
        picture = "".join(output["data"]["image/svg+xml"])
        assert "step 399" in picture
        images = picture.count("data:image/png;base64,")  # cells or rows, and the colorbar
        assert images == (0 if kind == "frame" else 2)

    jupyter_server.shutdown_all_sessions()
    nb.open()  # a fresh kernel, which knows nothing of the plots
    for cell, kind in zip((1, 2, 3), PLOTS, strict=True):
        root = ls.wait_rendered(nb, cell)
        expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
        expect(root).to_have_attribute("data-last-step", "399")
        expect(root.get_by_role("button", name="Stop")).to_be_hidden()
        kept = ls.rows(root)
        assert kept == (400 if kind == "waterfall" else 100)
        held = ls.row_store(root, kept - 1)
        np.testing.assert_allclose(held.rows[0], last[kind], rtol=1e-6, atol=1e-7)
        png = artifacts.screenshot(root, f"reopened-{kind}")
        assert len(colour_summary(nb.page, png).foreground) >= 3, f"the {kind} looks blank"
        check_replays(root, held.steps)
