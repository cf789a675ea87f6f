"""kind="waterfall": the whole history as an image, one line per step."""

from __future__ import annotations

from .._core.check import check_colormap, check_limits
from .._picture.waterfall import waterfall_frames, waterfall_scene
from .base import Kind, View, reject_options
from .grid_snapshot import WATERFALL_ROWS, grid_snapshot

OPTIONS = ("colormap", "vmin", "vmax")


def make(**options: object) -> View:
    """Options: ``colormap``, ``vmin`` and ``vmax`` (None: automatic)."""
    reject_options("waterfall", options, OPTIONS)
    vmin, vmax = check_limits(options.get("vmin"), options.get("vmax"))
    return View(
        kind="waterfall",
        options={
            "colormap": check_colormap(options.get("colormap", "viridis")),
            "vmin": vmin,
            "vmax": vmax,
        },
        replayable=True,
        named_columns=False,
    )


KIND = Kind(
    name="waterfall",
    make=make,
    snapshot=lambda data, max_points=WATERFALL_ROWS: grid_snapshot("waterfall", data, max_points),
    scene=lambda data, width: waterfall_scene(data, width=width),
    frames=waterfall_frames,
)
