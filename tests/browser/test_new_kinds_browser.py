"""The image, segments and bars kinds in real JupyterLab: rows streamed from a
running loop arrive intact, the view shows the latest step (or the one the
replay bar asks for) and is drawn; the saved notebook reopens without the
kernel on the plot; an exported page shows it from disk."""

from __future__ import annotations

import inspect
from pathlib import Path

import _livescope_dom as ls
import numpy as np
import pytest
from _pixels import colour_summary
from playwright.sync_api import expect
from test_export_browser import offline_page  # noqa: F401 (a fixture)
from test_saved_notebook_browser import saved_notebook, saved_plot_states

from livescope import LivePlot

pytestmark = pytest.mark.browser

FRAMES = 60
NEW_KINDS = ["image", "segments", "bars"]


def rgb(t, h=48, w=64):
    # Colour bands that move with t; each frame differs, each channel too.
    y, x = np.mgrid[0:h, 0:w]
    r = (x * 4 + 3 * t) % 256
    g = (y * 5 + 7 * t) % 256
    b = ((x + y) * 2 + 11 * t) % 256
    return np.stack([r, g, b], axis=-1).astype(np.uint8)


def field(t, n=20):
    # A turning flow on an n x n grid: K = n * n arrows, start (x, y) and end (x, y).
    y, x = np.mgrid[0:n, 0:n] / (n - 1) * 2 - 1
    a = 0.05 * t
    u, v = -y * np.cos(a) + x * np.sin(a), x * np.cos(a) + y * np.sin(a)
    start = np.stack([x.ravel(), y.ravel()], axis=-1)
    return np.stack([start, start + 0.08 * np.stack([u.ravel(), v.ravel()], axis=-1)], axis=1)


def counts(t, bins=24):
    # A bump that moves across the bins.
    centres = np.arange(bins) + 0.5
    return 100 * np.exp(-(((centres - 4 - 0.25 * t) / 3) ** 2))


CODE = (
    "import time\nimport numpy as np\nfrom IPython.display import display\n"
    "from livescope import LivePlot\n\n"
    + "\n".join(inspect.getsource(f) for f in (rgb, field, counts))
)
MAKE = {
    "image": 'w = LivePlot(kind="image", title="rgb stream")',
    "segments": 'w = LivePlot(kind="segments", color_by="length", trail=2, title="flow")',
    "bars": 'w = LivePlot(kind="bars", edges=np.linspace(0, 24, 25), title="histogram")',
}
ROW = {"image": "rgb(t)", "segments": "field(t)", "bars": "counts(t)"}


def expected_row(kind: str, t: int) -> np.ndarray:
    return {"image": rgb, "segments": field, "bars": counts}[kind](t).reshape(-1)


def cells(kind: str) -> list[str]:
    stream = f"""\
t = 0
while w.running() and t < {FRAMES}:
    w.update({ROW[kind]})
    t += 1
    time.sleep(0.01)
print(f"LEN={{len(w)}}")
"""
    return [CODE, f"{MAKE[kind]}\ndisplay(w)\n", stream]


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_a_new_kind_streams_replays_and_reopens_without_the_kernel(
    kind, open_notebook, jupyter_server, artifacts
):
    nb = open_notebook(cells(kind))
    nb.run_cell(0)
    nb.run_cell(1)
    root = ls.wait_rendered(nb, 1)
    assert root.get_attribute("data-kind") == kind
    streamed = root.element_handle()
    nb.run_cell(2)
    assert nb.printed_value(2, "LEN") == str(FRAMES)
    expect(root).to_have_attribute("data-rows", str(FRAMES), timeout=15_000)
    ls.wait_shown_index(root, FRAMES - 1)
    assert int(streamed.get_attribute("data-draws")) >= 2, "the view did not follow the stream"

    # The browser holds every row as it was sent.
    held = ls.row_store(root, 17, 18)
    np.testing.assert_allclose(held.rows[0], expected_row(kind, 17), rtol=1e-12)
    png = artifacts.screenshot(ls.canvas(root), f"{kind}-live")
    assert len(colour_summary(nb.page, png).foreground) >= 3, f"the {kind} looks blank"

    # The replay bar shows the step asked for.
    ls.slider(root).fill("20")
    ls.wait_shown_index(root, 20)
    assert ls.shown_step(root) == 20
    assert ls.attr(root, "following") == "false"
    png = artifacts.screenshot(ls.canvas(root), f"{kind}-replayed")
    assert len(colour_summary(nb.page, png).foreground) >= 3, f"the replayed {kind} is blank"
    artifacts.screenshot(root, f"{kind}-widget")
    root.get_by_role("button", name="Latest", exact=True).click()
    ls.wait_shown_index(root, FRAMES - 1)

    # Saved, then reopened with no kernel: the snapshot shows the last step.
    nb.save()
    (plot,) = saved_plot_states(saved_notebook(jupyter_server, nb))
    assert plot["state"]["kind"] == kind
    jupyter_server.shutdown_all_sessions()
    nb.open()
    root = ls.wait_rendered(nb, 1)
    expect(root).to_have_attribute("data-source", "snapshot", timeout=15_000)
    expect(root).to_have_attribute("data-last-step", str(FRAMES - 1))
    n = int(ls.attr(root, "rows"))
    ls.wait_shown_index(root, n - 1)
    (last,) = ls.row_store(root, n - 1).rows
    np.testing.assert_allclose(last, expected_row(kind, FRAMES - 1), rtol=1e-6, atol=1e-6)
    png = artifacts.screenshot(ls.canvas(root), f"{kind}-reopened")
    assert len(colour_summary(nb.page, png).foreground) >= 3, f"the reopened {kind} is blank"
    ls.slider(root).fill("3")
    ls.wait_shown_index(root, 3)
    assert ls.shown_step(root) == ls.row_store(root, 3, 4).steps[3]


def exported(kind: str) -> LivePlot:
    w = {
        "image": lambda: LivePlot(kind="image"),
        "segments": lambda: LivePlot(kind="segments", color_by="angle"),
        "bars": lambda: LivePlot(kind="bars", labels=[f"b{i}" for i in range(24)]),
    }[kind]()
    for t in range(30):
        w.update({"image": rgb, "segments": field, "bars": counts}[kind](t))
    return w


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_an_exported_new_kind_shows_its_data_from_disk(
    kind,
    offline_page,  # noqa: F811
    tmp_path,
    artifacts,
):
    page, refused, errors = offline_page
    exported(kind).save_html(tmp_path / f"{kind}.html")
    page.goto((tmp_path / f"{kind}.html").as_uri())
    root = page.locator(ls.ROOT)
    expect(root).to_have_attribute("data-source", "snapshot")
    expect(root).to_have_attribute("data-kind", kind)
    expect(root).to_have_attribute("data-last-step", "29")
    page.wait_for_function("(el) => Number(el.dataset.draws) > 0", arg=root.element_handle())
    png = artifacts.screenshot(ls.canvas(root), f"exported-{kind}")
    assert len(colour_summary(page, png).foreground) >= 3, f"the exported {kind} is blank"
    assert refused == [], f"the page tried to fetch {refused}"
    assert errors == []


NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.mark.parametrize(
    ("notebook", "kinds", "rows"),
    [
        ("vector_field.ipynb", ["segments"], ["300"]),
        ("histogram.ipynb", ["bars", "bars", "frame"], ["300", "100", "150"]),
        ("image_stream.ipynb", ["image"], ["300"]),
    ],
)
def test_the_new_kinds_notebooks_run_top_to_bottom(
    notebook, kinds, rows, open_notebook, artifacts
):
    nb = open_notebook(NOTEBOOKS / notebook)
    nb.run_all(timeout_s=180)
    plots = nb.page.locator(f".jp-NotebookPanel:visible {ls.ROOT}")
    expect(plots).to_have_count(len(kinds), timeout=30_000)
    for i, (kind, n) in enumerate(zip(kinds, rows, strict=True)):
        assert plots.nth(i).get_attribute("data-kind") == kind
        expect(plots.nth(i)).to_have_attribute("data-rows", n, timeout=30_000)
        png = artifacts.screenshot(plots.nth(i), f"{notebook}-{i}")
        assert len(colour_summary(nb.page, png).foreground) >= 3, f"{notebook} plot {i} is blank"
