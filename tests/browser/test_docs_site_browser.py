"""The built documentation site, opened from disk in Chromium with the network blocked:
a kind's page shows its example's plot live, answering a hover without a kernel."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import _livescope_dom as ls
import pytest
from _chromium import VIEWPORT
from conftest import DEFAULT_TIMEOUT_MS
from playwright.sync_api import Browser, Route, expect

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site as ./dev docs builds it, warnings as errors."""
    out = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    return out


def test_a_kind_page_shows_its_plot_live_from_disk(browser: Browser, site, artifacts):
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
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
    try:
        page.goto((site / "kinds" / "lines.html").as_uri())
        expect(page.get_by_role("heading", level=1)).to_contain_text("Lines")
        iframe = page.locator("iframe.livescope-live")
        expect(iframe).to_have_attribute("src", "../plots/lines.html")
        iframe.scroll_into_view_if_needed()
        root = page.frame_locator("iframe.livescope-live").locator(ls.ROOT)
        expect(root).to_have_attribute("data-source", "snapshot")
        expect(root).to_have_attribute("data-rows", "2000")
        readout = root.locator(".livescope-legend-step")
        expect(readout).to_have_text("latest step 1999")
        artifacts.screenshot(page, "lines-page")

        box = ls.canvas(root).bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] / 2)
        expect(readout).to_contain_text("at step")
        assert readout.inner_text() != "latest step 1999"
        artifacts.screenshot(iframe, "lines-hovered")
    finally:
        context.close()
    assert refused == [], f"the site tried to fetch {refused}"
    assert errors == []
