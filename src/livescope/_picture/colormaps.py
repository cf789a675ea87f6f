"""Colormaps for the static pictures: the widget's 256-entry tables as RGB bytes."""

from __future__ import annotations

import base64
from functools import cache

import numpy as np

from .colormap_data import TABLES


@cache
def colormap_rgb(name: str) -> np.ndarray:
    """The 256 colours of colormap `name`, low to high, as a read-only 256 x 3 uint8 array.

    "greys" is a black-to-white ramp, as in js/draw/colormaps.js; the other
    names are the tables in `_colormap_data.py`.
    """
    if name == "greys":
        table = np.repeat(np.arange(256, dtype=np.uint8)[:, None], 3, axis=1)
    else:
        table = np.frombuffer(base64.b64decode(TABLES[name]), np.uint8).reshape(256, 3).copy()
    table.flags.writeable = False
    return table


def hex_color(rgb: np.ndarray | tuple[int, int, int]) -> str:
    """An RGB triple as "#rrggbb"."""
    r, g, b = (int(c) for c in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"
