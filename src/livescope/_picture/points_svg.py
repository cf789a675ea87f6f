"""Points as SVG: one path of dots per colour, and at most SVG_MAX_POINTS dots in a picture.

A dot is a zero-length stroke with a round (or square) cap, written as a
relative move in tenths of a pixel ("m12.3-4h0"): about 10 bytes a point,
against about 40 for a <circle>. A picture of 100,000 points would still
weigh a megabyte in every saved notebook, so the SVG draws at most
SVG_MAX_POINTS markers: first, markers that would land on the same spot in
the same colour are drawn once (the picture does not change); if that is not
enough, an evenly spaced subset of the points is drawn. PNG and GIF, painted
by Pillow, draw every point.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

from .scene import MUTED, Points

SVG_MAX_POINTS = 5000


def point_limits(items: Iterable[object]) -> dict[int, int | None]:
    """How many markers each Points item (by id) may draw: shares of SVG_MAX_POINTS."""
    points = [item for item in items if isinstance(item, Points)]
    total = sum(len(item.xy) for item in points)
    if total <= SVG_MAX_POINTS:
        return {id(item): None for item in points}
    return {id(item): math.floor(SVG_MAX_POINTS * len(item.xy) / total) for item in points}


def thinned_note(items: Iterable[object], limits: dict[int, int | None], width: int) -> str:
    """A muted note in the top right corner when the SVG draws fewer markers than there are."""
    points = [item for item in items if isinstance(item, Points)]
    total = sum(len(item.xy) for item in points)
    if total <= SVG_MAX_POINTS:
        return ""
    drawn = sum(len(thin(item, limits[id(item)])) for item in points)
    return (
        f'<text x="{width - 8}" y="12" fill="{MUTED}" font-size="10" text-anchor="end">'
        f"{drawn:,} of {total:,} markers drawn (PNG: all)</text>"
    )


def thin(item: Points, limit: int | None) -> np.ndarray:
    """Indices of the points of `item` to draw, in drawing order, at most `limit` of them."""
    xy = np.asarray(item.xy, np.float64)
    index = np.flatnonzero(np.isfinite(xy).all(axis=1))
    if limit is None or len(index) <= limit:
        return index
    # Same spot (a cell of half a marker) and same colour: only the last one shows.
    cell = max(0.5, item.size / 2)
    qx, qy = np.floor(xy[index] / cell).astype(np.int64).T
    level = np.asarray(item.levels, np.int64)[index]
    # One integer per (cell, colour); pixel cells of a picture stay far below 2**20.
    spots = ((qx + 2**20) << 42) | ((qy + 2**20) << 21) | level
    _, last_first = np.unique(spots[::-1], return_index=True)
    index = index[np.sort(len(index) - 1 - last_first)]
    if len(index) > limit:
        index = index[np.unique(np.linspace(0, len(index) - 1, max(1, limit)).round().astype(int))]
    return index


def points_svg(item: Points, limit: int | None) -> str:
    """The markers of `item` as SVG paths, one per colour (at most `limit` markers)."""
    index = thin(item, limit)
    if len(index) == 0:
        return ""
    tenths = np.rint(np.asarray(item.xy, np.float64)[index] * 10).astype(np.int64)
    levels = np.asarray(item.levels)[index]
    cap = "square" if item.square else "round"
    opacity = f' stroke-opacity="{item.opacity:.3g}"' if item.opacity < 1 else ""
    paths = []
    for level in np.unique(levels):
        spots = tenths[levels == level]
        moves = np.diff(spots, axis=0, prepend=np.zeros((1, 2), np.int64)).tolist()
        d = "".join(f"m{_tenths(dx)} {_tenths(dy)}h0" for dx, dy in moves).replace(" -", "-")
        paths.append(
            f'<path d="M0 0{d}" stroke="{item.palette[int(level)]}" '
            f'stroke-width="{item.size:g}" stroke-linecap="{cap}"{opacity}/>'
        )
    return "\n".join(paths)


def _tenths(n: int) -> str:
    """`n` tenths as the shortest SVG number: 12 -> "1.2", -3 -> "-.3", 40 -> "4"."""
    whole, tenth = divmod(abs(n), 10)
    sign = "-" if n < 0 else ""
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"
