"""Every notebook in notebooks/ runs top to bottom headless (nbclient, as
`jupyter nbconvert --execute` and papermill do), and its executed outputs keep
the static picture of every plot for renderers without widgets.

No front end is there: `running()` finds nobody to press Stop, so each loop
ends by its own bound, and the picture is refreshed when each cell ends.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import nbformat
import pytest
from harness import REPO, kernel_env

pytestmark = pytest.mark.kernel

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SVG = "image/svg+xml"
KERNEL = "livescope-headless"


def execute(path: Path, tmp_path: Path) -> nbformat.NotebookNode:
    """`path` executed by `jupyter nbconvert --execute` (nbclient) in a kernel of this Python."""
    spec_dir = tmp_path / "jupyter" / "kernels" / KERNEL
    spec_dir.mkdir(parents=True)
    spec = {
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": KERNEL,
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec))
    env = {**kernel_env(), "JUPYTER_PATH": str(tmp_path / "jupyter")}
    run = tmp_path / "run"  # the notebook's files (quickstart writes one) go here
    run.mkdir()
    command = [
        *(sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute"),
        f"--ExecutePreprocessor.kernel_name={KERNEL}",
        "--ExecutePreprocessor.timeout=300",
        *("--output-dir", str(tmp_path), "--output", "executed.ipynb", str(path)),
    ]
    done = subprocess.run(command, cwd=run, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return nbformat.read(tmp_path / "executed.ipynb", as_version=4)


def plot_outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [
        output
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if WIDGET_VIEW in output.get("data", {})
    ]


def test_the_notebooks_are_found() -> None:
    assert len(NOTEBOOKS) >= 5, NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_headless_and_keeps_every_picture(path: Path, tmp_path: Path) -> None:
    nb = execute(path, tmp_path)

    plots = plot_outputs(nb)
    assert plots, f"{path.name} shows no plot"
    for output in plots:
        summary = output["data"]["text/plain"]
        assert SVG in output["data"], f"{path.name}: {summary} has no picture"
        svg = ET.fromstring(output["data"][SVG])
        assert svg.tag.endswith("svg")
        # Vector kinds draw many elements; raster kinds (heatmap, waterfall,
        # image) draw their data as one embedded image.
        elements = [el.tag.rsplit("}", 1)[-1] for el in svg.iter()]
        drawn = len(elements) > 10 or "image" in elements
        assert drawn, f"{path.name}: the picture of {summary} is empty"
        # The picture was refreshed when the cell ended: it shows the rows.
        assert " rows=0 " not in summary, summary
    # nbclient keeps the widget state, as a notebook saved in JupyterLab does.
    assert "application/vnd.jupyter.widget-state+json" in nb.metadata.get("widgets", {})
