"""An exported HTML file, opened from disk in Chromium with the network blocked:
the chart shows the data, zooms, and downloads the current view as a PNG; a
Dashboard's page shows every panel in its grid."""

from __future__ import annotations

import math
from collections.abc import Iterator

import _livescope_dom as ls
import numpy as np
import pytest
from _chromium import CHROMIUM_ARGS, VIEWPORT
from _pixels import colour_summary
from conftest import DEFAULT_TIMEOUT_MS
from playwright.sync_api import Browser, Page, Route, expect

from livescope import Dashboard, LivePlot

pytestmark = pytest.mark.browser

N = 3000

STORE_JS = """
(root) => {
  const { store } = root.livescope;
  const n = store.length;
  return { steps: Array.from(store.steps.subarray(0, n)),
           columns: store.columns.map((c) => Array.from(c.subarray(0, n))) };
}
"""


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[tuple[Page, list[str], list[str]]]:
    """A tab that may load file:// URLs only; yields it, the refused URLs and page errors."""
    assert "--disable-background-networking" in CHROMIUM_ARGS
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1, accept_downloads=True)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    refused: list[str] = []
    errors: list[str] = []

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", only_files)
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    try:
        yield page, refused, errors
    finally:
        context.close()


def test_exported_html_shows_the_plot_from_disk_without_network(offline_page, tmp_path, artifacts):
    page, refused, errors = offline_page
    steps = np.arange(N, dtype=np.float64)
    values = np.column_stack([np.sin(steps / 300), np.where(steps % 1000 < 50, np.nan, steps / N)])
    w = LivePlot(columns=["wave", "ramp"], title="exported run")
    w.extend(values)
    path = tmp_path / "exported.html"
    w.save_html(path)

    page.goto(path.as_uri())
    root = page.locator(ls.ROOT)
    expect(root).to_have_attribute("data-source", "snapshot")
    expect(root).to_have_attribute("data-rows", str(N))
    expect(root).to_have_attribute("data-last-step", str(N - 1))
    page.wait_for_function("(el) => Number(el.dataset.draws) > 0", arg=root.element_handle())
    held = root.evaluate(STORE_JS)
    np.testing.assert_array_equal(held["steps"], steps)
    for c in range(2):
        np.testing.assert_array_equal(
            [math.nan if v is None else v for v in held["columns"][c]], values[:, c]
        )
    expect(root.get_by_role("button", name="Stop")).to_be_hidden()
    expect(page).to_have_title("exported run")
    canvas = artifacts.screenshot(ls.canvas(root), "exported-canvas")
    colours = colour_summary(page, canvas)
    assert len(colours.foreground) >= 2, f"the chart looks blank: {colours}"

    # Interactive: a drag zooms in, a double-click follows the whole range again.
    box = ls.canvas(root).bounding_box()
    middle = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.2, middle)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.4, middle, steps=5)
    page.mouse.up()
    follow = root.get_by_role("button", name="Follow latest")
    expect(follow).to_be_enabled()
    artifacts.screenshot(root, "exported-zoomed")
    follow.click()
    expect(follow).to_be_disabled()

    with page.expect_download() as download_info:
        root.get_by_role("button", name="PNG").click()
    download = download_info.value
    assert download.suggested_filename == "exported_run.png"
    download.save_as(tmp_path / "view.png")
    png = (tmp_path / "view.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    picture = colour_summary(page, png)
    assert picture.width == round(root.bounding_box()["width"])
    assert len(picture.foreground) >= 3, f"the downloaded PNG looks blank: {picture}"
    artifacts.path("downloaded.png").write_bytes(png)

    assert refused == [], f"the page tried to fetch {refused}"
    assert errors == []


def test_an_exported_dashboard_shows_every_panel_from_disk_without_network(
    offline_page, tmp_path, artifacts
):
    page, refused, errors = offline_page
    d = Dashboard(
        {
            "loss": LivePlot(["loss"], title="loss"),
            "acc": LivePlot(["train", "val"]),
            "pixels": LivePlot(kind="heatmap", shape=(2, 2)),
        },
        layout={"loss": (0, 0, 1, 2), "acc": (1, 0), "pixels": (1, 1)},
        title="exported dashboard",
    )
    steps = np.arange(N, dtype=np.float64)
    d["loss"].extend(np.exp(-steps / 500)[:, None])
    d["acc"].extend(np.column_stack([steps / N, steps / (2 * N)]))
    d["pixels"].update(np.eye(2))
    path = tmp_path / "dashboard.html"
    d.save_html(path)

    page.goto(path.as_uri())
    expect(page).to_have_title("exported dashboard")
    controls = page.locator(".livescope-dashboard")
    expect(controls.locator(".livescope-title")).to_have_text("exported dashboard")
    expect(controls.get_by_role("button", name="Ended")).to_be_disabled()
    panels = page.locator(f"{ls.ROOT}:not(.livescope-dashboard)")
    expect(panels).to_have_count(3)
    for i, plot in enumerate([d["loss"], d["acc"]]):
        root = panels.nth(i)
        expect(root).to_have_attribute("data-source", "snapshot")
        expect(root).to_have_attribute("data-rows", str(N))
        page.wait_for_function("(el) => Number(el.dataset.draws) > 0", arg=root.element_handle())
        held = root.evaluate(STORE_JS)
        for c in range(len(plot.columns)):
            np.testing.assert_array_equal(held["columns"][c], plot.history[:, c])
        canvas = artifacts.screenshot(ls.canvas(root), f"panel-{i}")
        assert len(colour_summary(page, canvas).foreground) >= 2, f"panel {i} looks blank"
    expect(panels.nth(2)).to_have_attribute("data-kind", "heatmap")
    expect(panels.nth(2)).to_have_attribute("data-source", "snapshot")
    expect(panels.nth(2)).to_have_attribute("data-rows", "1")
    loss, acc, pixels = (panels.nth(i).bounding_box() for i in range(3))
    assert loss["width"] > 1.8 * acc["width"] and acc["y"] > loss["y"]
    assert pixels["x"] > acc["x"] and abs(pixels["y"] - acc["y"]) < 2
    artifacts.screenshot(page.locator("#livescope-plot"), "exported-dashboard")
    assert refused == [], f"the page tried to fetch {refused}"
    assert errors == []
