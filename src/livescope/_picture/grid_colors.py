"""Values to colours for the image kinds (heatmap, waterfall), as the front end maps them.

The tables are the front end's (`_spec/colormaps.json`),
and the mapping and the automatic limits follow js/draw/pixels.js and
js/draw/value_range.js, so a picture has the widget's colours.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from .._core.spec import COLORMAPS, DEFAULT_COLORMAP
from .colormaps import colormap_rgb


def colormap_lut(name: str) -> np.ndarray:
    """The 256 x 3 uint8 RGB table of colormap `name` (unknown names get viridis)."""
    return colormap_rgb(name if name in COLORMAPS else DEFAULT_COLORMAP)


def value_extent(values: np.ndarray) -> tuple[float | None, float | None, bool]:
    """Min and max of the finite values (None, None if none), and whether any was not."""
    finite = np.isfinite(values)
    if not finite.any():
        return None, None, values.size > 0
    kept = values[finite]
    return float(kept.min()), float(kept.max()), not finite.all()


def resolve_limits(
    lo: float | None, hi: float | None, vmin: float | None, vmax: float | None
) -> tuple[float, float]:
    """The [lo, hi] to draw with: `vmin`/`vmax` where given, the data's extent otherwise.

    Never empty or flat; js/draw/value_range.js resolveLimits.
    """
    a = vmin if vmin is not None else lo
    b = vmax if vmax is not None else hi
    if a is None:
        if b is None:
            return 0.0, 1.0
        a = b - 1
    elif b is None:
        b = a + 1
    if b > a:
        return float(a), float(b)
    if vmin is not None:
        return float(a), float(a) + 1
    if vmax is not None:
        return float(b) - 1, float(b)
    pad = abs(a) * 0.1 or 0.5
    return float(a) - pad, float(b) + pad


def centered_limits(lo: float, hi: float, center: float) -> tuple[float, float]:
    """[lo, hi] with `center` strictly inside: a side it lies beyond mirrors the other.

    js/draw/pixels.js centeredLimits.
    """
    if lo >= center:
        lo = center - (hi - center)
    if hi <= center:
        hi = center + (center - lo)
    return lo, hi


def color_fraction(values: np.ndarray, lo: float, hi: float, center: float | None) -> np.ndarray:
    """Where each value falls on the colormap, 0..1 (unclamped), as js colorFraction.

    Linear on [lo, hi]; with `center`, two slopes meeting at the middle colour.
    """
    values = np.asarray(values, np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        if center is None:
            return (values - lo) / (hi - lo)
        below = 0.5 * (values - lo) / (center - lo)
        above = 0.5 + 0.5 * (values - center) / (hi - center)
        return np.where(values < center, below, above)


def color_indices(
    values: np.ndarray, lo: float, hi: float, center: float | None = None
) -> np.ndarray:
    """Colormap index 0..255 of each value on [lo, hi] (clamped); -1 where not finite."""
    values = np.asarray(values, np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        if center is None:
            index = np.floor((values - lo) * (256 / (hi - lo)))
        else:
            index = np.floor(color_fraction(values, lo, hi, center) * 256)
    index = np.clip(np.nan_to_num(index, nan=-1.0, posinf=255.0, neginf=0.0), 0, 255)
    return np.where(np.isfinite(values), index, -1).astype(np.int16)


def colorize(
    values: np.ndarray, lut: np.ndarray, lo: float, hi: float, center: float | None = None
) -> np.ndarray:
    """An H x W x 4 RGBA image of 2-D `values`: transparent where not finite ("no data")."""
    # Index -1 ("no data") picks the table's last entry: transparent.
    image: np.ndarray = _rgba_table(lut.tobytes())[color_indices(values, lo, hi, center)]
    return image


@cache
def _rgba_table(lut: bytes) -> np.ndarray:
    """The 256 opaque colours of a lut, then one transparent entry."""
    table = np.zeros((257, 4), np.uint8)
    table[:256, :3] = np.frombuffer(lut, np.uint8).reshape(256, 3)
    table[:256, 3] = 255
    return table


def text_color_on(lut: np.ndarray, index: int) -> str:
    """Black or white, whichever reads better on colour `index` (js textColorOn)."""
    r, g, b = (int(c) for c in lut[index])
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"
