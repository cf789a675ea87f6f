"""Scatter and trajectory plots that outlive the kernel: a notebook saved with
widget state reopens without the kernel on the final frame and point, and the
replay bar moves over the saved frames; an exported HTML file opened from disk
with the network blocked shows the data."""

from __future__ import annotations

import inspect

import _livescope_dom as ls
import numpy as np
import pytest
from _pixels import colour_summary
from playwright.sync_api import expect
from test_export_browser import offline_page  # noqa: F401 (a fixture)
from test_saved_notebook_browser import saved_notebook, saved_plot_states

from livescope import LivePlot

pytestmark = pytest.mark.browser

K = 50
FRAMES = 300
POINTS = 50_000


def frame(t, k):
    # K points on a wobbling ring that turns: point i keeps its place on the ring.
    a = np.linspace(0, 2 * np.pi, k, endpoint=False) + 0.05 * t
    r = 1 + 0.25 * np.sin(5 * a + 0.3 * t)
    return np.column_stack([r * np.cos(a), r * np.sin(a)])


def path(n):
    # A spiral that winds out many times: more points than a snapshot keeps.
    t = np.linspace(0, 120 * np.pi, n)
    return np.column_stack([np.cos(t) * (1 + t / 50), np.sin(t) * (1 + t / 50)])


CODE = "import numpy as np\n\n" + inspect.getsource(frame) + "\n" + inspect.getsource(path)
SCATTER = f"""\
from IPython.display import display
from livescope import LivePlot

s = LivePlot(kind="scatter", trail=4, title="saved ring")
display(s)
for t in range({FRAMES}):
    s.update(frame(t, {K}))
"""
TRAJECTORY = f"""\
tr = LivePlot(kind="trajectory", title="saved spiral")
display(tr)
tr.extend(path({POINTS}))
"""


def check_replay(root, artifacts, name):
    """The replay bar moves over the saved rows: a seek shows that row, Latest the last."""
    n = int(ls.attr(root, "rows"))
    middle = n // 2
    root.evaluate("(root, i) => root.livescope.replay.seek(i)", middle)
    ls.wait_shown_index(root, middle)
    assert ls.attr(root, "following") == "false"
    step = ls.shown_step(root)
    assert step == root.evaluate("(root, i) => root.livescope.store.steps[i]", middle)
    png = artifacts.screenshot(ls.canvas(root), f"{name}-replayed")
    assert len(colour_summary(root.page, png).foreground) >= 2, f"the replayed {name} is blank"
    root.get_by_role("button", name="Latest", exact=True).click()
    ls.wait_shown_index(root, n - 1)
    return step


def test_saved_scatter_and_trajectory_reopen_without_the_kernel(
    open_notebook, jupyter_server, artifacts
):
    nb = open_notebook([CODE, SCATTER, TRAJECTORY])
    for cell in range(3):
        nb.run_cell(cell, timeout_s=60)
    scatter, trajectory = ls.wait_rendered(nb, 1), ls.wait_rendered(nb, 2)
    expect(scatter).to_have_attribute("data-rows", str(FRAMES), timeout=15_000)
    expect(trajectory).to_have_attribute("data-rows", str(POINTS), timeout=15_000)
    nb.save()

    notebook = saved_notebook(jupyter_server, nb)
    plots = saved_plot_states(notebook)
    assert sorted(p["state"]["kind"] for p in plots) == ["scatter", "trajectory"]
    for plot in plots:
        assert [b["path"] for b in plot["buffers"]] == [["_snapshot"]]
        assert sum(len(b["data"]) for b in plot["buffers"]) < 300_000
    svg = "".join(notebook["cells"][1]["outputs"][0]["data"]["image/svg+xml"])
    assert f"step {FRAMES - 1} · {K} points" in svg

    jupyter_server.shutdown_all_sessions()
    nb.open()
    scatter, trajectory = ls.wait_rendered(nb, 1), ls.wait_rendered(nb, 2)
    for root in (scatter, trajectory):
        expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
        expect(root.get_by_role("button", name="Stop")).to_be_hidden()

    # The scatter: at most 100 frames, the last one as it was, with its trail.
    assert int(ls.attr(scatter, "rows")) <= 100
    assert ls.attr(scatter, "last-step") == str(FRAMES - 1)
    ls.wait_shown_index(scatter, int(ls.attr(scatter, "rows")) - 1)
    latest = ls.shown_frame(scatter)
    np.testing.assert_allclose(latest["x"], frame(FRAMES - 1, K)[:, 0], rtol=1e-6)
    np.testing.assert_allclose(latest["y"], frame(FRAMES - 1, K)[:, 1], rtol=1e-6)
    png = artifacts.screenshot(ls.canvas(scatter), "scatter-reopened")
    assert len(colour_summary(nb.page, png).foreground) >= 8, "the reopened scatter looks blank"
    step = check_replay(scatter, artifacts, "scatter")
    assert 0 < step < FRAMES - 1
    artifacts.screenshot(scatter, "scatter-reopened-widget")

    # The trajectory: a decimated path that ends on the last point.
    assert int(ls.attr(trajectory, "rows")) <= 10_000
    assert ls.attr(trajectory, "last-step") == str(POINTS - 1)
    held = ls.store(trajectory)
    np.testing.assert_allclose(
        [held.columns[0][-1], held.columns[1][-1]], path(POINTS)[-1], rtol=1e-6
    )
    png = artifacts.screenshot(ls.canvas(trajectory), "trajectory-reopened")
    assert len(colour_summary(nb.page, png).foreground) >= 2, "the reopened path looks blank"
    check_replay(trajectory, artifacts, "trajectory")
    artifacts.screenshot(trajectory, "trajectory-reopened-widget")


def test_exported_scatter_and_trajectory_show_their_data_from_disk(
    offline_page,  # noqa: F811
    tmp_path,
    artifacts,
):
    page, refused, errors = offline_page
    s = LivePlot(kind="scatter", trail=3, colors=np.arange(1000) % 7, title="exported ring")
    for t in range(40):
        s.update(frame(t, 1000))
    tr = LivePlot(kind="trajectory", title="exported spiral")
    tr.extend(path(POINTS))
    for name, plot in (("scatter", s), ("trajectory", tr)):
        plot.save_html(tmp_path / f"{name}.html")
        page.goto((tmp_path / f"{name}.html").as_uri())
        root = page.locator(ls.ROOT)
        expect(root).to_have_attribute("data-source", "snapshot")
        expect(root).to_have_attribute("data-kind", name)
        page.wait_for_function("(el) => Number(el.dataset.draws) > 0", arg=root.element_handle())
        png = artifacts.screenshot(ls.canvas(root), f"exported-{name}")
        assert len(colour_summary(page, png).foreground) >= 2, f"the exported {name} is blank"
        check_replay(root, artifacts, f"exported-{name}")

    root = page.locator(ls.ROOT)  # the trajectory
    expect(root).to_have_attribute("data-last-step", str(POINTS - 1))
    page.goto((tmp_path / "scatter.html").as_uri())
    root = page.locator(ls.ROOT)
    expect(root).to_have_attribute("data-rows", "40")
    ls.wait_shown_index(root, 39)
    np.testing.assert_allclose(ls.shown_frame(root)["x"], frame(39, 1000)[:, 0], rtol=1e-6)
    assert refused == [], f"the page tried to fetch {refused}"
    assert errors == []
