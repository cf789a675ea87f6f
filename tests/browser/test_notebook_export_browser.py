"""A notebook saved with widget state, exported with `jupyter nbconvert --to
livescope-html` and opened from disk with the network blocked, shows its plot
(interactive, drawn from the saved state); the plain HTML export shows nothing
there offline, as its widget placeholder waits for a script from a CDN."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import _livescope_dom as ls
import nbformat
import pytest
import tomllib
from _pixels import colour_summary
from playwright.sync_api import expect
from test_export_browser import offline_page  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
CELL = """\
from livescope import LivePlot
w = LivePlot(["loss", "val_loss"], title="exported training")
step = 0
while w.running() and step < 200:
    w.update([1 / (step + 1), 2 / (step + 2)])
    step += 1
w
"""


def entry_points_of_this_checkout(root: Path) -> Path:
    """A path entry declaring pyproject.toml's nbconvert exporters, as an install would."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    exporters = project["entry-points"]["nbconvert.exporters"]
    dist = root / "livescope_checkout-0.dist-info"
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: livescope-checkout\nVersion: 0\n")
    lines = [f"{name} = {target}" for name, target in exporters.items()]
    (dist / "entry_points.txt").write_text("[nbconvert.exporters]\n" + "\n".join(lines) + "\n")
    return root


def nbconvert(tmp_path: Path, *args: str) -> None:
    paths = [str(REPO / "src"), str(entry_points_of_this_checkout(tmp_path / "entry"))]
    path = os.pathsep.join(filter(None, [*paths, os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", *args],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]


@pytest.fixture
def saved_notebook(tmp_path: Path) -> Path:
    """A notebook run headless: its outputs and widget state saved, as JupyterLab saves them."""
    source = tmp_path / "source.ipynb"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(CELL)]
    nbformat.write(nb, source)
    nbconvert(tmp_path, "--to", "notebook", "--execute", "--output", "saved.ipynb", str(source))
    saved = tmp_path / "saved.ipynb"
    assert "widgets" in nbformat.read(saved, as_version=4).metadata
    return saved


def test_livescope_html_shows_the_plot_offline(saved_notebook, offline_page, artifacts):  # noqa: F811
    page, refused, errors = offline_page
    nbconvert(
        saved_notebook.parent, "--to", "livescope-html", "--output", "offline", "saved.ipynb"
    )

    page.goto((saved_notebook.parent / "offline.html").as_uri())
    root = page.locator(ls.ROOT)
    expect(root).to_have_count(1)
    expect(root).to_have_attribute("data-source", "snapshot")
    expect(root).to_have_attribute("data-rows", "200")
    page.wait_for_function("(el) => Number(el.dataset.draws) > 0", arg=root.element_handle())
    canvas = artifacts.screenshot(ls.canvas(root), "offline-canvas")
    colours = colour_summary(page, canvas)
    assert len(colours.foreground) >= 2, f"the chart looks blank: {colours}"
    artifacts.screenshot(page, "offline-page")
    # The template's own require.js and MathJax are refused; nothing of the widgets'.
    assert not [url for url in refused if "cdnjs.cloudflare.com" not in url], refused
    assert [e for e in errors if "net::ERR_FAILED" not in e] == []


def test_the_plain_html_export_shows_no_plot_offline(saved_notebook, offline_page):  # noqa: F811
    page, refused, _ = offline_page
    nbconvert(saved_notebook.parent, "--to", "html", "--output", "plain", "saved.ipynb")

    page.goto((saved_notebook.parent / "plain.html").as_uri())
    placeholder = page.locator(".jupyter-widgets.jp-OutputArea-output")
    expect(placeholder).to_have_count(1)
    assert any("unpkg.com" in url for url in refused), refused
    assert page.locator(ls.ROOT).count() == 0
    assert page.locator("img[src^='data:image/svg+xml']").count() == 0
