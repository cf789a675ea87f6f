"""The picture of an image plot: the frame shown, its pixels as they are, scaled to fit.

As js/kinds/image.js lays it out: the step caption, then the image as large
as fits the plot's height and width, whole pixels per image pixel when it
is enlarged, unsmoothed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np

from .._core.data import LinesData
from . import scene as s
from .grid import caption_row, hatch
from .lines import DEFAULT_WIDTH

PAD = 6  # around the image, as the widget


def image_fit(h: int, w: int, width: float, height: float) -> tuple[float, float]:
    """The drawn size of an h x w image in a width x height box: whole pixels when enlarged."""
    scale = min(max(1.0, width - 2 * PAD) / w, max(1.0, height - 2 * PAD) / h)
    if scale >= 1:
        scale = math.floor(scale)
    return w * scale, h * scale


def image_scene(data: LinesData, *, width: int = DEFAULT_WIDTH, row: int | None = None) -> s.Scene:
    """Draw row `row` of `data` (default: the last) as the widget shows it."""
    n = len(data)
    shown = n - 1 if row is None else row
    scene = s.Scene(width, 0)
    top = caption_row(scene, data, shown, s.title_row(scene, data.title, s.PAD))
    scene.height = int(top + data.height)
    shape = data.options.get("shape")
    if shown < 0 or not shape:
        hatch(scene, s.PAD, top + PAD, width - 2 * s.PAD, data.height - 2 * PAD)
        return scene
    h, w, c = shape
    dw, dh = image_fit(h, w, width, data.height)
    x = (width - dw) / 2
    pixels = np.asarray(data.values[shown], np.uint8).reshape(h, w, c)
    scene.plot = s.PlotArea(x, top + PAD, dw, dh, (0.0, float(w)), (float(h), 0.0))
    if c == 4:  # transparent pixels show the "no data" hatch, as in the widget
        hatch(scene, x, top + PAD, dw, dh)
    scene.items.append(s.Image(x, top + PAD, dw, dh, np.ascontiguousarray(pixels)))
    return scene


def image_frames(data: LinesData, every: int, width: int = DEFAULT_WIDTH) -> Iterator[s.Scene]:
    """The history replayed: every `every`-th frame, the last frame last."""
    for end in s.replay_ends(len(data), every):
        yield image_scene(data, width=width, row=end - 1)
