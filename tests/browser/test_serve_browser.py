"""Rows from elsewhere in Chromium: `livescope serve` pages (of a file, publishers, a run
store), and a notebook that listens."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import _livescope_dom as ls
import pytest
from _chromium import VIEWPORT
from _pixels import colour_summary
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

SRC = Path(__file__).resolve().parents[2] / "src"
TIMEOUT_S = 30


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    return env


class Serve:
    """`livescope serve ...` in a child process, through the console script's main()."""

    def __init__(self, *args: str) -> None:
        self.port = free_port()
        code = "import sys; from livescope._serve.cli import main; sys.exit(main())"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, "serve", *args, "--port", str(self.port)],
            env=environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self.process.stdout is not None
        self.banner = self.process.stdout.readline()
        assert "livescope: showing" in self.banner, self.banner + self.process.stdout.read()
        self.address = f"http://127.0.0.1:{self.port}/"
        # The URL it printed carries the token.
        self.url = self.banner.split(" at ", 1)[1].split()[0]
        assert self.url.startswith(self.address + "?token="), self.banner

    def close(self) -> str:
        self.process.terminate()  # SIGTERM: a clean exit
        out, _ = self.process.communicate(timeout=TIMEOUT_S)
        assert self.process.returncode == 0, out
        return out


@pytest.fixture
def serve() -> Iterator[type[Serve]]:
    started: list[Serve] = []

    def start(*args: str) -> Serve:
        started.append(Serve(*args))
        return started[-1]

    yield start
    for server in started:
        if server.process.poll() is None:
            server.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[callable]:
    """Open a fresh tab on a URL; each in its own context, as separate viewers."""
    contexts = []

    def open_tab(url: str) -> Page:
        context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
        context.set_default_timeout(TIMEOUT_S * 1000)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        return page

    yield open_tab
    for context in contexts:
        context.close()


def append(path: Path, steps: range) -> None:
    with path.open("a") as out:
        for step in steps:
            out.write(
                json.dumps({"step": step, "loss": 1 / (step + 1), "acc": step / 3000}) + "\n"
            )


def column_sum(page: Page, column: int) -> float:
    return page.evaluate(
        """(c) => {
            const store = document.querySelector(".livescope").livescope.store;
            let sum = 0;
            for (let i = 0; i < store.length; i++) sum += store.columns[c][i];
            return sum;
        }""",
        column,
    )


def test_a_followed_file_in_two_tabs_the_late_one_gets_the_whole_history(
    serve, tab, tmp_path, artifacts
):
    path = tmp_path / "metrics.jsonl"
    append(path, range(1000))
    server = serve(str(path), "--title", "training run")

    assert tab(server.address).locator("body").inner_text().startswith("403 Forbidden")
    first = tab(server.url)
    root = first.locator(".livescope")
    expect(root).to_have_attribute("data-rows", "1000")
    expect(first.locator(".livescope-title")).to_have_text("training run")
    # Stop cannot reach the file's writer: the header says where rows come from.
    expect(first.locator(".livescope-stop")).to_have_text("Following")
    expect(first.locator(".livescope-stop")).to_be_disabled()

    append(path, range(1000, 2500))  # the page is live
    expect(root).to_have_attribute("data-rows", "2500")

    late = tab(server.url)
    late.goto(server.address)  # the cookie the first visit set authenticates it now
    late_root = late.locator(".livescope")
    expect(late_root).to_have_attribute("data-rows", "2500")
    expected = sum(1 / (s + 1) for s in range(2500))
    for page in (first, late):
        assert column_sum(page, 0) == pytest.approx(expected, rel=1e-12)
    expect(late_root).to_have_attribute("data-last-step", "2499")

    late.wait_for_function("() => Number(document.querySelector('.livescope').dataset.draws) > 0")
    artifacts.screenshot(late, "serve-late-tab")
    png = artifacts.screenshot(late.locator(".livescope canvas").first, "serve-late-tab-canvas")
    colours = colour_summary(late, png)
    assert len(colours.foreground) >= 2, f"the chart looks blank: {colours}"


def test_a_file_served_in_panels_of_its_fields(serve, tab, tmp_path, artifacts):
    path = tmp_path / "metrics.jsonl"
    append(path, range(500))
    server = serve(str(path), "--panel", "loss=loss", "--panel", "acc=acc", "--height", "180")
    page = tab(server.url)
    roots = page.locator(".livescope")
    expect(roots).to_have_count(2)
    for i, name in enumerate(["loss", "acc"]):  # each panel titled and holding its field
        expect(roots.nth(i)).to_have_attribute("data-rows", "500")
        expect(roots.nth(i).locator(".livescope-title")).to_have_text(name)
        expect(roots.nth(i).locator(".livescope-legend-name")).to_have_text([name])
        expect(roots.nth(i).locator(".livescope-stop")).to_have_text("Following")
    # Side by side, each 180 px tall.
    boxes = [roots.nth(i).locator(".livescope-plot").bounding_box() for i in range(2)]
    assert boxes[0]["y"] == boxes[1]["y"] and boxes[0]["x"] < boxes[1]["x"]
    assert roots.nth(0).locator("canvas").first.bounding_box()["height"] <= 180
    append(path, range(500, 600))  # live, both panels
    for i in range(2):
        expect(roots.nth(i)).to_have_attribute("data-rows", "600")
    artifacts.screenshot(page, "serve-panels")


PUBLISH_UNTIL_STOPPED = """
import sys, time
from livescope import Publisher
pub = Publisher(sys.argv[1], name="rank0")
step = 0
while pub.running():
    pub.update({"loss": 1 / (step + 1)})
    step += 1
    time.sleep(0.002)
pub.close()
print(step, flush=True)
"""


def test_publishers_on_a_page_and_stop_in_the_page_ends_the_run(serve, tab, artifacts):
    address = f"tcp://127.0.0.1:{free_port()}"
    server = serve(address)
    publisher = subprocess.Popen(
        [sys.executable, "-c", PUBLISH_UNTIL_STOPPED, address],
        env=environment(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        page = tab(server.url)
        root = page.locator(".livescope")
        page.wait_for_function(
            "() => Number(document.querySelector('.livescope')?.dataset.rows) > 100"
        )
        expect(page.locator(".livescope-legend, .livescope-bar")).not_to_have_count(0)
        artifacts.screenshot(page, "serve-publisher")
        page.get_by_role("button", name="Stop").click()
        out, _ = publisher.communicate(timeout=TIMEOUT_S)  # its running() turned False
        sent = int(out)
        expect(root).to_have_attribute("data-stopped", "true")
        expect(root).to_have_attribute("data-rows", str(sent))
        assert column_sum(page, 0) == pytest.approx(sum(1 / (s + 1) for s in range(sent)))
    finally:
        if publisher.poll() is None:
            publisher.kill()
            publisher.communicate()


PUBLISH_SPARSE = """
import sys
from livescope import Publisher
with Publisher(sys.argv[1], linger=30) as pub:
    for step in range(60):
        pub.update({"loss": 1 / (step + 1)})
        if step % 10 == 5:
            pub.update({"val_loss": 0.8 - step / 100}, step=step)
"""

ORANGE = "#f71"  # the palette's second series, val_loss


def test_a_metric_a_publisher_sends_every_tenth_step_is_a_line(serve, tab, artifacts):
    address = f"tcp://127.0.0.1:{free_port()}"
    server = serve(address)
    page = tab(server.url)
    subprocess.run(
        [sys.executable, "-c", PUBLISH_SPARSE, address],
        env=environment(),
        check=True,
        timeout=TIMEOUT_S,
    )
    root = page.locator(".livescope")
    expect(root).to_have_attribute("data-rows", "60")
    # The legend shows the value of its step 55, not NaN.
    expect(root.locator(".livescope-legend")).to_contain_text("val_loss0.25")
    artifacts.screenshot(page, "sparse-publisher")
    png = artifacts.screenshot(ls.canvas(root), "sparse-publisher-canvas")
    orange = dict(colour_summary(page, png).foreground).get(ORANGE, 0)
    # Six isolated dots cover about 120 pixels of its colour; the line, about 350.
    assert orange > 230, colour_summary(page, png).foreground


def test_a_notebook_listens_while_idle_and_its_stop_ends_the_publisher(open_notebook, artifacts):
    address = f"tcp://127.0.0.1:{free_port()}"
    nb = open_notebook(
        [f"from livescope import LivePlot\nw = LivePlot.listen({address!r}, title='remote')\nw"]
    )
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    publisher = subprocess.Popen(
        [sys.executable, "-c", PUBLISH_UNTIL_STOPPED, address],
        env=environment(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        first = ls.wait_rows_at_least(root, 100, timeout_s=TIMEOUT_S)
        ls.wait_rows_at_least(root, first + 100, timeout_s=TIMEOUT_S)
        assert nb.kernel_status() == "idle"  # no cell runs: the listener thread streams
        ls.stop_button(root).click()
        out, _ = publisher.communicate(timeout=TIMEOUT_S)  # its running() turned False
        expect(root).to_have_attribute("data-rows", str(int(out)), timeout=TIMEOUT_S * 1000)
        artifacts.screenshot(root, "notebook-listening-stopped")
    finally:
        if publisher.poll() is None:
            publisher.kill()
            publisher.communicate()


# A run of "mnist" written row by row until the file argv[2] appears; prints its rows.
WRITE_UNTIL_TOLD = """
import sys, time
from pathlib import Path
import numpy as np
from livescope import LivePlot
w = LivePlot(["loss", "val_loss"], title="mnist", store=sys.argv[1], run="lr=0.03",
             params={"lr": 0.03, "batch": 64})
step = 0
while not Path(sys.argv[2]).exists():
    w.update([np.exp(-0.03 * step / 10), np.exp(-0.03 * step / 10) + 0.1])
    step += 1
    time.sleep(0.005)
w.close()
print(step, flush=True)
"""


def record_run(store: Path, name: str, label: str, lr: float, rows: int) -> None:
    # Imported here: the other tests of this file need no livescope in this process.
    import numpy as np

    from livescope import LivePlot

    k = np.arange(rows) / 10
    w = LivePlot(["loss", "val_loss"], title=name, store=store, run=label, params={"lr": lr})
    w.extend(np.stack([np.exp(-lr * k), np.exp(-lr * k) + 0.1], axis=1))
    w.close()


def test_a_run_store_lists_its_runs_compares_the_ones_ticked_and_a_live_one_grows(
    serve, tab, tmp_path, artifacts
):
    store = tmp_path / "runs.db"
    record_run(store, "mnist", "lr=0.01", 0.01, 300)
    record_run(store, "mnist", "lr=0.02", 0.02, 250)
    record_run(store, "cifar", "base", 0.05, 80)
    server = serve(str(store))
    page = tab(server.url)
    rows = page.locator(".livescope-store-list tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("cifar")
    root = page.locator(".livescope")
    # The newest run is shown; alone of its name, it has nothing to compare with.
    expect(root).to_have_attribute("data-rows", "80")
    expect(root.locator(".livescope-title")).to_have_text("cifar")
    expect(page.get_by_role("checkbox", name="compare lr=0.01")).to_be_disabled()

    told = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITE_UNTIL_TOLD, str(store), str(told)],
        env=environment(),
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        # The new run joins the list and, nothing picked yet, is shown, with the run before.
        expect(rows).to_have_count(4)
        expect(rows.first).to_contain_text("running")
        expect(root.locator(".livescope-title")).to_have_text("mnist")
        entries = root.locator(".livescope-run")
        expect(entries).to_have_count(2)
        expect(entries.nth(0)).to_contain_text("lr=0.03")
        expect(entries.nth(1)).to_contain_text("lr=0.02")
        expect(page.get_by_role("checkbox", name="compare lr=0.02")).to_be_checked()
        expect(root.locator(".livescope-stop")).to_have_text("Following")

        page.get_by_role("checkbox", name="compare lr=0.01").check()
        expect(entries).to_have_count(3)
        expect(entries.nth(2)).to_contain_text("lr=0.01")
        expect(entries.nth(2)).to_contain_text("300 rows")
        expect(page).to_have_url(re.compile(r"#run=4&compare=2,1$"))

        # It grows in the page as the writer writes, in the plot and in the list.
        start = ls.rows(root)
        page.wait_for_function(
            f"() => Number(document.querySelector('.livescope').dataset.rows) > {start + 200}"
        )
        expect(rows.first.locator(".livescope-store-rows")).not_to_have_text("0")
        page.wait_for_function(
            "() => Number(document.querySelector('.livescope').dataset.draws) > 0"
        )
        artifacts.screenshot(page, "serve-store-live")
        png = artifacts.screenshot(ls.canvas(root), "serve-store-live-canvas")
        assert len(colour_summary(page, png).foreground) >= 3, "the chart looks blank"

        told.touch()
        out, _ = writer.communicate(timeout=TIMEOUT_S)
        written = int(out)
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.communicate()
    expect(root).to_have_attribute("data-rows", str(written))
    expect(rows.first.locator(".livescope-store-status")).to_have_text("finished")
    expect(rows.first.locator(".livescope-store-rows")).to_have_text(f"{written:,}")
    expect(root.locator(".livescope-stop")).to_have_text("Done")
    expect(entries.nth(0)).to_contain_text(f"this run · {written:,} rows")  # kept current

    # Another run of the name: shown with the runs ticked that can compare with it.
    page.get_by_role("radio", name="show lr=0.01").check()
    expect(root).to_have_attribute("data-rows", "300")
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_contain_text("lr=0.01")
    expect(entries.nth(1)).to_contain_text("lr=0.02")
    expect(page.locator(".livescope")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"#run=1&compare=2$"))
    root.get_by_role("checkbox", name="log y").check()  # a view setting, kept for the tab
    page.reload()  # the pick is in the URL
    expect(page.get_by_role("radio", name="show lr=0.01")).to_be_checked()
    expect(root).to_have_attribute("data-rows", "300")
    expect(entries).to_have_count(2)
    expect(root.get_by_role("checkbox", name="log y")).to_be_checked()
    artifacts.screenshot(page, "serve-store-picked")
