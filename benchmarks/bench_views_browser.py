"""Frame rates of the heatmap and waterfall views in headless Chromium, fed by a kernel.

Run by hand (numbers drift on shared machines; compare within one run):

    .venv/bin/python benchmarks/bench_views_browser.py [--seconds 10]

Starts JupyterLab with the browser tests' harness and Debian's chromium, opens
a notebook, and streams from its kernel:

- heatmap: 256 x 256 frames, one every 1/30 s for `--seconds`;
- waterfall: 10,000 steps of 512 values, paced to take `--seconds`.

While each streams, the page counts its animation frames (requestAnimationFrame)
and times every draw of the view. Reported: page frames per second, view draws
per second, how many of the streamed steps were shown, and draw times.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "browser"))

from _jupyter_server import JupyterServer  # noqa: E402
from _notebook_page import NotebookPage, write_notebook  # noqa: E402

CHROMIUM = "/usr/bin/chromium"

SETUP = """\
import time

import numpy as np
from IPython.display import display
from livescope import LivePlot

def paced(w, frames, per_second, row):
    started = time.perf_counter()
    i = 0
    while w.running() and i < frames:
        w.update(row(i))
        i += 1
        time.sleep(max(0.0, started + i / per_second - time.perf_counter()))
    return i, time.perf_counter() - started
"""

HEATMAP = """\
base = np.random.default_rng(0).random((256, 256))
w = LivePlot(kind="heatmap", shape=(256, 256), height=400, dtype="{dtype}", max_fps={max_fps},
             title="heatmap")
display(w)
"""
HEATMAP_STREAM = """\
n, elapsed = paced(w, {frames}, 30, lambda i: np.roll(base, i, axis=1))
print(f"SENT={{n}} IN={{elapsed:.2f}}")
"""

WATERFALL = """\
x = np.arange(512) / 40
w = LivePlot(kind="waterfall", height=400, dtype="{dtype}", max_fps={max_fps},
             title="waterfall")
display(w)
"""
WATERFALL_STREAM = """\
n, elapsed = paced(w, 10_000, 10_000 / {seconds}, lambda i: np.sin(x + i / 200))
print(f"SENT={{n}} IN={{elapsed:.2f}}")
"""

# Wraps the view's render() to time draws and note which step each showed,
# and counts animation frames, until `window.__probe.running` is cleared.
PROBE_JS = """
(root) => {
  const view = root.livescope.view;
  const probe = { frames: 0, draws: [], shown: new Set(), running: true };
  probe.start = performance.now();
  const render = view.render.bind(view);
  view.render = () => {
    const t = performance.now();
    const drew = render();
    if (drew) {
      probe.draws.push(performance.now() - t);
      probe.shown.add(view.shownIndex);
    }
    return drew;
  };
  const tick = () => {
    probe.frames++;
    if (probe.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__probe = probe;
}
"""

READ_PROBE_JS = """
() => {
  const p = window.__probe;
  p.running = false;
  return { seconds: (performance.now() - p.start) / 1000, frames: p.frames,
           draws: p.draws, shown: p.shown.size };
}
"""


def measure(nb: NotebookPage, setup_cell: int, stream_cell: int, label: str) -> None:
    nb.run_cell(setup_cell)
    root = nb.output(setup_cell).locator(".livescope")
    root.wait_for(state="visible")
    root.evaluate(PROBE_JS)
    nb.run_cell(stream_cell, timeout_s=120)
    sent, _, kernel_seconds = nb.printed_value(stream_cell, "SENT").partition(" IN=")
    rows = int(sent)
    nb.page.wait_for_function(
        "([el, n]) => Number(el.dataset.rows) >= n",
        arg=[root.element_handle(), rows],
        timeout=60_000,
    )
    result = nb.page.evaluate(READ_PROBE_JS)
    seconds, draws = result["seconds"], result["draws"]
    draws_sorted = sorted(draws)
    p95 = draws_sorted[int(0.95 * (len(draws_sorted) - 1))] if draws else float("nan")
    print(
        f"{label}: {rows} steps streamed in {kernel_seconds} s; over {seconds:.1f} s the page ran "
        f"{result['frames'] / seconds:.1f} frames/s, the view drew {len(draws) / seconds:.1f} "
        f"times/s and showed {result['shown']} distinct steps; draw median "
        f"{statistics.median(draws) if draws else float('nan'):.2f} ms, p95 {p95:.2f} ms"
    )


@contextlib.contextmanager
def bench_notebook(cells: list[str]) -> Iterator[NotebookPage]:
    """JupyterLab and headless Chromium on a notebook of `cells`, its first cell run."""
    with tempfile.TemporaryDirectory() as tmp:
        server = JupyterServer(
            base_dir=Path(tmp),
            log_path=Path(tmp) / "server.log",
            extra_pythonpath=[REPO / "src"],
        )
        server.start()
        try:
            write_notebook(server.root_dir / "bench.ipynb", cells)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
                )
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                nb = NotebookPage(page, server.url, server.token, "bench.ipynb").open()
                nb.run_cell(0)
                yield nb
                browser.close()
        finally:
            server.shutdown_all_sessions()
            server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each stream")
    parser.add_argument("--dtype", default="float64", help="history dtype of both plots")
    parser.add_argument("--max-fps", type=float, default=30, help="max_fps of both plots")
    args = parser.parse_args()
    frames = round(30 * args.seconds)
    cells = [
        SETUP,
        HEATMAP.format(dtype=args.dtype, max_fps=args.max_fps),
        HEATMAP_STREAM.format(frames=frames),
        WATERFALL.format(dtype=args.dtype, max_fps=args.max_fps),
        WATERFALL_STREAM.format(seconds=args.seconds),
    ]
    with bench_notebook(cells) as nb:
        options = f"{args.dtype}, max_fps={args.max_fps:g}"
        measure(nb, 1, 2, f"heatmap 256x256 ({options}) at 30 frames/s")
        measure(nb, 3, 4, f"waterfall 10,000 x 512 ({options}) over {args.seconds:g} s")


if __name__ == "__main__":
    main()
