"""Frame rates of the scatter and trajectory views in headless Chromium, fed by a kernel.

Run by hand (numbers drift on shared machines; compare within one run):

    .venv/bin/python benchmarks/bench_points_browser.py [--seconds 10] [--points 100000]

Starts JupyterLab with the browser tests' harness and Debian's chromium, opens
a notebook, and streams from its kernel:

- scatter: frames of `--points` points (float32), one every 1/30 s for
  `--seconds`, with no trail and then with a trail of 5 frames;
- trajectory: a 1,000,000-point Lorenz path, one `update()` per point.

While each streams, the page counts its animation frames (requestAnimationFrame)
and times every draw of the view. Reported: page frames per second, view draws
per second, how many of the streamed steps were shown, and draw times; for the
trajectory also how often the whole line was redrawn, and the time of one
whole redraw of the 1,000,000 points (what going back in the replay costs).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
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

SCATTER = """\
rng = np.random.default_rng(0)
cloud = rng.normal(size=({points}, 2)).astype(np.float32)
turn = np.array([[np.cos(0.02), -np.sin(0.02)], [np.sin(0.02), np.cos(0.02)]], np.float32)
w = LivePlot(kind="scatter", trail={trail}, dtype="float32", height=400, title="scatter")
display(w)
"""
SCATTER_STREAM = """\
def spin(i):
    global cloud
    cloud = cloud @ turn
    return cloud

n, elapsed = paced(w, {frames}, 30, spin)
print(f"SENT={{n}} IN={{elapsed:.2f}}")
"""

TRAJECTORY = """\
def lorenz(n, dt=0.005):
    x, y, z = 1.0, 1.0, 1.0
    out = np.empty((n, 2))
    for i in range(n):
        x, y, z = x + 10 * (y - x) * dt, y + (x * (28 - z) - y) * dt, z + (x * y - 8 / 3 * z) * dt
        out[i] = x, y
    return out

path = lorenz(1_000_000)
w = LivePlot(kind="trajectory", height=400, title="Lorenz")
display(w)
"""
TRAJECTORY_STREAM = """\
started = time.perf_counter()
i = 0
while w.running() and i < len(path):
    w.update(path[i])
    i += 1
print(f"SENT={i} IN={time.perf_counter() - started:.2f}")
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

# One whole redraw of the line up to the last point: what a replay jump back costs.
FULL_REDRAW_JS = """
(root) => {
  const view = root.livescope.view;
  view.layer = null;
  view.drawnKey = "";
  const t = performance.now();
  view.render();
  return { ms: performance.now() - t, fullRedraws: view.fullRedraws };
}
"""


def measure(nb: NotebookPage, setup_cell: int, stream_cell: int, label: str) -> object:
    nb.run_cell(setup_cell)
    root = nb.output(setup_cell).locator(".livescope")
    root.wait_for(state="visible")
    root.evaluate(PROBE_JS)
    nb.run_cell(stream_cell, timeout_s=600)
    sent, _, kernel_seconds = nb.printed_value(stream_cell, "SENT").partition(" IN=")
    rows = int(sent)
    nb.page.wait_for_function(
        "([el, n]) => Number(el.dataset.rows) >= n",
        arg=[root.element_handle(), rows],
        timeout=120_000,
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
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each scatter run")
    parser.add_argument("--points", type=int, default=100_000, help="points per scatter frame")
    args = parser.parse_args()
    frames = round(30 * args.seconds)
    cells = [
        SETUP,
        SCATTER.format(points=args.points, trail=0),
        SCATTER_STREAM.format(frames=frames),
        SCATTER.format(points=args.points, trail=5),
        SCATTER_STREAM.format(frames=frames),
        TRAJECTORY,
        TRAJECTORY_STREAM,
    ]
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
                k = f"{args.points:,}"
                measure(nb, 1, 2, f"scatter {k} points/frame at 30 frames/s, no trail")
                measure(nb, 3, 4, f"scatter {k} points/frame at 30 frames/s, trail=5")
                root = measure(nb, 5, 6, "trajectory 1,000,000 points, one update() each")
                redraw = root.evaluate(FULL_REDRAW_JS)
                print(
                    f"trajectory: the whole line was drawn {redraw['fullRedraws'] - 1} times "
                    f"while streaming; one whole redraw of 1,000,000 points takes "
                    f"{redraw['ms']:.0f} ms"
                )
                browser.close()
        finally:
            server.shutdown_all_sessions()
            server.stop()


if __name__ == "__main__":
    main()
