"""Frame rates of the image and segments views in headless Chromium, fed by a kernel.

Run by hand (numbers drift on shared machines; compare within one run):

    .venv/bin/python benchmarks/bench_new_kinds_browser.py [--seconds 10]

Starts JupyterLab and Debian's chromium as bench_views_browser.py does and
streams from its kernel, one frame every 1/30 s for `--seconds`:

- image: 256 x 256 RGB frames (uint8, 192 KiB each);
- segments: frames of 10,000 segments coloured by length (a 100 x 100 field).

Reported, as there: page frames per second, view draws per second, how many
of the streamed steps were shown, and draw times.
"""

from __future__ import annotations

import argparse

from bench_views_browser import SETUP, bench_notebook, measure

IMAGE = """\
yy, xx = np.mgrid[0:256, 0:256]
def rgb(i):
    return np.stack([(xx + 3 * i) % 256, (yy + 5 * i) % 256, (xx ^ yy) % 256], -1).astype(np.uint8)
w = LivePlot(kind="image", height=400, title="image")
display(w)
"""
IMAGE_STREAM = """\
n, elapsed = paced(w, {frames}, 30, rgb)
print(f"SENT={{n}} IN={{elapsed:.2f}}")
"""

SEGMENTS = """\
gy, gx = np.mgrid[0:100, 0:100] / 99 * 2 - 1
starts = np.stack([gx.ravel(), gy.ravel()], -1)
def field(i):
    a = i / 30
    flow = np.stack([-starts[:, 1] * np.cos(a) + starts[:, 0] * np.sin(a),
                     starts[:, 0] * np.cos(a) + starts[:, 1] * np.sin(a)], -1)
    return np.stack([starts, starts + 0.02 * flow], 1)
w = LivePlot(kind="segments", color_by="length", height=400, title="segments")
display(w)
"""
SEGMENTS_STREAM = IMAGE_STREAM.replace("rgb)", "field)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each stream")
    args = parser.parse_args()
    frames = round(30 * args.seconds)
    cells = [
        SETUP,
        IMAGE,
        IMAGE_STREAM.format(frames=frames),
        SEGMENTS,
        SEGMENTS_STREAM.format(frames=frames),
    ]
    with bench_notebook(cells) as nb:
        measure(nb, 1, 2, "image 256x256 RGB uint8 at 30 frames/s")
        measure(nb, 3, 4, "segments, 10,000 a frame, at 30 frames/s")


if __name__ == "__main__":
    main()
