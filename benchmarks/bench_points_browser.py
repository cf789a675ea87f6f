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
import sys
from pathlib import Path

# The harness, the paced loop and the frame probe are the image views' benchmark's.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_views_browser import SETUP, bench_notebook, measure

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
    with bench_notebook(cells) as nb:
        k = f"{args.points:,}"
        measure(nb, 1, 2, f"scatter {k} points/frame at 30 frames/s, no trail")
        measure(nb, 3, 4, f"scatter {k} points/frame at 30 frames/s, trail=5")
        measure(nb, 5, 6, "trajectory 1,000,000 points, one update() each")
        redraw = nb.output(5).locator(".livescope").evaluate(FULL_REDRAW_JS)
        print(
            f"trajectory: the whole line was drawn {redraw['fullRedraws'] - 1} times "
            f"while streaming; one whole redraw of 1,000,000 points takes "
            f"{redraw['ms']:.0f} ms"
        )


if __name__ == "__main__":
    main()
