"""kind="waterfall": the whole history as an image, one line per step."""

from __future__ import annotations

from .base import View, reject_options
from .options import check_colormap, check_limits

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
