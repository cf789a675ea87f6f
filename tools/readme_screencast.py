"""Record the README's animated picture: a live plot in JupyterLab, streaming, then stopped.

Real screenshots: JupyterLab runs a cell whose loop streams into a plot,
headless Chromium (as tests/browser drives it) takes a picture every few
hundred rows, then clicks Stop; Pillow assembles them into one small GIF,
``docs/pictures/jupyterlab.gif``. Run by ``./dev pictures``.
"""

from __future__ import annotations

import sys
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))

from _chromium import launch_chromium  # noqa: E402
from _jupyter_server import JupyterServer  # noqa: E402
from _notebook_page import NotebookPage, write_notebook  # noqa: E402
from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

OUT = ROOT / "docs" / "pictures" / "jupyterlab.gif"
VIEWPORT = {"width": 1000, "height": 900}
WIDTH = 720  # of the GIF, in pixels
STREAMING_FRAMES = 10
ROWS_BETWEEN_FRAMES = 120
FRAME_MS = 300
LAST_FRAME_MS = 3000
COLOURS = 96

CELL = """\
import time, numpy as np
from livescope import LivePlot

w = LivePlot(["loss", "val_loss"], title="training", height=240)
display(w)
while w.running():              # False once Stop is clicked
    time.sleep(0.004)           # a training step
    step = len(w)
    w.update([np.exp(-step / 400) + 0.1 * np.random.rand(), np.exp(-step / 450) + 0.1])
print(f"stopped at step {len(w)}")"""

ROWS_JS = "(el) => Number(el.dataset.rows)"
TIMEOUT_MS = 60_000


def record(page, nb: NotebookPage) -> list[Image.Image]:
    """Screenshots of the notebook while the cell streams, at Stop, and after."""
    cell = nb.cell(0)
    root = nb.output(0).locator(".livescope")
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")  # the notebook's full width

    def shot() -> Image.Image:
        return Image.open(BytesIO(cell.screenshot(animations="disabled"))).convert("RGB")

    before = nb.start_cell(0)
    page.mouse.move(5, 5)  # no hover effects in the shots
    root.wait_for(timeout=TIMEOUT_MS)
    frames = []
    for i in range(1, STREAMING_FRAMES + 1):
        page.wait_for_function(
            f"(el) => Number(el.dataset.rows) >= {i * ROWS_BETWEEN_FRAMES}",
            arg=root.element_handle(),
            timeout=TIMEOUT_MS,
        )
        frames.append(shot())
    stop = root.get_by_role("button", name="Stop")
    stop.hover()
    frames.append(shot())
    stop.click()
    nb.wait_cell_done(0, before)
    page.mouse.move(5, 5)
    frames.append(shot())
    return frames


def save_gif(frames: list[Image.Image]) -> None:
    """One palette for every frame (no flicker), scaled down, the last frame held."""
    height = round(frames[0].height * WIDTH / frames[0].width)
    scaled = [f.resize((WIDTH, height), Image.LANCZOS) for f in frames]
    sample = Image.new("RGB", (WIDTH, height * 2))
    sample.paste(scaled[len(scaled) // 2], (0, 0))
    sample.paste(scaled[-1], (0, height))
    palette = sample.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT)
    indexed = [f.quantize(palette=palette, dither=Image.Dither.NONE) for f in scaled]
    durations = [FRAME_MS] * (len(indexed) - 1) + [LAST_FRAME_MS]
    indexed[0].save(
        OUT,
        save_all=True,
        append_images=indexed[1:],
        duration=durations,
        loop=0,
        optimize=True,
    )


def main() -> int:
    """Record the screencast into docs/pictures/jupyterlab.gif."""
    with tempfile.TemporaryDirectory() as tmp:
        server = JupyterServer(
            base_dir=Path(tmp), log_path=Path(tmp) / "server.log", extra_pythonpath=[ROOT / "src"]
        )
        server.start()
        try:
            write_notebook(server.root_dir / "live.ipynb", [CELL])
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
                page.set_default_timeout(TIMEOUT_MS)
                nb = NotebookPage(
                    page=page, base_url=server.url, token=server.token, path="live.ipynb"
                )
                frames = record(page, nb.open())
                browser.close()
        finally:
            server.stop()
    save_gif(frames)
    print(f"{OUT.relative_to(ROOT)}: {len(frames)} frames, {OUT.stat().st_size / 1024:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
