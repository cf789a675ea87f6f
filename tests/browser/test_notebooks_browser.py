"""The dynamics and dashboard notebooks run top to bottom in JupyterLab and show every view."""

from __future__ import annotations

from pathlib import Path

import _livescope_dom as ls
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
ROOT_IN_PAGE = f".jp-NotebookPanel:visible {ls.ROOT}"


def test_dynamics_notebook_runs_top_to_bottom(open_notebook, artifacts):
    nb = open_notebook(NOTEBOOKS / "dynamics.ipynb")
    nb.run_all(timeout_s=180)
    plots = nb.page.locator(ROOT_IN_PAGE)
    expect(plots).to_have_count(3, timeout=30_000)
    assert [plots.nth(i).get_attribute("data-kind") for i in range(3)] == [
        "frame",
        "heatmap",
        "trajectory",
    ]
    for i, rows in enumerate(["300", "1024", "20000"]):
        expect(plots.nth(i)).to_have_attribute("data-rows", rows, timeout=30_000)
        expect(plots.nth(i)).to_have_attribute("data-following", "true")
        artifacts.screenshot(plots.nth(i), f"dynamics-{i}")


def test_dashboard_notebook_runs_top_to_bottom(open_notebook, artifacts):
    nb = open_notebook(NOTEBOOKS / "dashboard.ipynb")
    nb.run_all(timeout_s=180)
    panels = nb.page.locator(f"{ROOT_IN_PAGE}:not(.livescope-dashboard)")
    expect(panels).to_have_count(6, timeout=30_000)
    assert [panels.nth(i).get_attribute("data-kind") for i in range(6)] == [
        "lines",
        "scatter",
        "scatter",
        "heatmap",
        "frame",
        "scatter",
    ]
    for i in range(6):
        expect(panels.nth(i)).to_have_attribute("data-rows", "400", timeout=30_000)
    assert "400 steps" in nb.stdout(5)
    artifacts.screenshot(nb.page.locator(".jp-OutputArea-output").nth(0), "dashboard-notebook")


def test_training_log_notebook_runs_top_to_bottom(open_notebook, artifacts):
    nb = open_notebook(NOTEBOOKS / "training_log.ipynb")
    nb.run_all(timeout_s=180)
    panels = nb.page.locator(f"{ROOT_IN_PAGE}:not(.livescope-dashboard)")
    expect(panels).to_have_count(3, timeout=30_000)
    for i in range(3):
        expect(panels.nth(i)).to_have_attribute("data-rows", "600", timeout=30_000)
    assert "600 steps read" in nb.stdout(5)
    dashboard = nb.page.locator(f"{ROOT_IN_PAGE}.livescope-dashboard")
    expect(dashboard.locator(".livescope-stop")).to_have_text("Following", timeout=10_000)
    # The validation loss, every 20 steps, is one line: its legend shows a value, not NaN.
    legend = panels.nth(0).locator(".livescope-legend-item").nth(1)
    expect(legend).not_to_contain_text("NaN")
    artifacts.screenshot(nb.page.locator(".jp-OutputArea-output").nth(0), "training-log")
