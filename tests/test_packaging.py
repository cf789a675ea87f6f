"""The wheel users install carries the built front end and works on its own."""

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).parent.parent


def test_python_and_js_versions_agree():
    python = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    js = json.loads((ROOT / "package.json").read_text())["version"]
    assert python == js


@pytest.mark.packaging
def test_wheel_carries_the_bundle_and_imports_in_a_clean_venv(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, ROOT], check=True
    )
    (wheel,) = dist.glob("livescope-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for bundle in (
        "widget.js",
        "widget.css",
        "dashboard.js",
        "dashboard.css",
        "loader.js",
        "page.js",
        "page.css",
    ):
        assert f"livescope/static/{bundle}" in names
    assert "livescope/_spec/style.json" in names  # read by the picture at run time
    assert not [name for name in names if "/fixtures/" in name]  # test data stays home

    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "-q", wheel], check=True)
    check = (
        "import livescope, pathlib;"
        "w = livescope.LivePlot(columns=2); w.update([1, 2]);"
        "assert len(w) == 1;"
        "esm = w._widget._esm;"
        "assert 'export' in (esm if isinstance(esm, str) else pathlib.Path(esm).read_text());"
        "w.save_html('plot.html');"
        "assert 'livescopePage' in pathlib.Path('plot.html').read_text()"
    )
    subprocess.run([python, "-c", check], check=True, cwd=tmp_path)
