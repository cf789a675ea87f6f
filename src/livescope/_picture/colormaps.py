"""Colormaps for the static pictures: the widget's 256-entry tables as RGB bytes."""

from __future__ import annotations

import base64
import math
from functools import cache

import numpy as np

from .._core.spec import COLORMAP_TABLES


@cache
def colormap_rgb(name: str) -> np.ndarray:
    """The 256 colours of colormap `name`, low to high, as a read-only 256 x 3 uint8 array.

    "greys" is a black-to-white ramp, as the front end computes it; the other
    names are the tables of `_spec/colormaps.json`.
    """
    if name == "greys":
        table = np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1)
    else:
        table = (
            np.frombuffer(base64.b64decode(COLORMAP_TABLES[name]), np.uint8).reshape(256, 3).copy()
        )
    table.flags.writeable = False
    return table


def hex_color(rgb: np.ndarray | tuple[int, int, int]) -> str:
    """An RGB triple as "#rrggbb"."""
    r, g, b = (int(c) for c in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def series_colors(colormap: str, count: int) -> list[str]:
    """Colours of `count` series in order along `colormap`, first at its low end, last at its top.

    As js/draw/colormaps.js seriesColors: halves round up on both sides.
    """
    table = colormap_rgb(colormap)
    last = max(count - 1, 1)
    return [hex_color(table[math.floor(i * 255 / last + 0.5)]) for i in range(count)]
