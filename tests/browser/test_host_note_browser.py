"""What a host keeps a live plot from doing (Stop in marimo or VS Code), as the header says it.

The note gets a line of its own under the header, so in a narrow cell it
never pushes Stop and PNG out of view; a dashboard says it once, in its own
header, so its panels stay level; and a view without a kernel behind it (a
reopened notebook, an exported page) does not say it at all.
"""

from __future__ import annotations

import _livescope_dom as ls
import pytest
from playwright.sync_api import Locator, expect

pytestmark = pytest.mark.browser

NARROW = {"width": 700, "height": 900}  # the notebook's cells about 370 px wide

PLOT = """\
import numpy as np
from livescope import Dashboard, LivePlot
from livescope._kernel.host import MARIMO_NOTE

w = LivePlot(["loss", "val_loss"], title="a rather long title for a narrow cell")
w.widget.host_note = MARIMO_NOTE  # as a plot made in marimo has it
w.extend(np.random.default_rng(0).random((50, 2)))
display(w)
"""

DASHBOARD = """\
d = Dashboard({"a": LivePlot(["x"]), "b": LivePlot(["y"]), "c": LivePlot(["z"])}, columns=3)
d._controls.host_note = MARIMO_NOTE  # as a dashboard made in marimo has it
display(d)
"""


def right_edge(locator: Locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["x"] + box["width"]


def test_a_long_host_note_keeps_stop_in_view_and_is_not_saved(
    open_notebook, jupyter_server, artifacts
):
    nb = open_notebook([PLOT, DASHBOARD])
    nb.page.set_viewport_size(NARROW)
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    expect(root.locator(".livescope-note")).to_contain_text("use marimo's interrupt")
    for button in ("Done", "PNG"):
        assert right_edge(root.get_by_role("button", name=button)) <= right_edge(root) + 0.5
    artifacts.screenshot(root, "narrow-plot")

    nb.run_cell(1)
    dashboard = nb.output(1).locator(".livescope-dashboard")
    expect(dashboard.locator(".livescope-note")).to_contain_text("use marimo's interrupt")
    panels = nb.output(1).locator(".livescope:not(.livescope-dashboard)")
    expect(panels).to_have_count(3)
    expect(panels.locator(".livescope-note:visible")).to_have_count(0)
    tops = {round(ls.canvas(panels.nth(i)).bounding_box()["y"]) for i in range(3)}
    assert len(tops) == 1, f"the panels' charts start at different heights: {tops}"
    artifacts.screenshot(nb.output(1), "narrow-dashboard")

    nb.save()
    jupyter_server.shutdown_all_sessions()
    nb.open()
    root = ls.wait_rendered(nb, 0)
    expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
    expect(root.locator(".livescope-note")).to_be_hidden()
    expect(nb.output(1).locator(".livescope-dashboard .livescope-note")).to_be_hidden()
    artifacts.screenshot(root, "reopened-plot")
