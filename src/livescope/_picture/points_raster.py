"""Points painted with numpy into a Pillow image: every point, however many.

Drawing 100,000 ellipses one Pillow call at a time takes seconds; instead
each marker is a stamp of pixel offsets written for many points at once,
points in order so later points cover earlier ones, as in the widget
(js/kinds/scatter/splat.js).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .scene import Points

_CHUNK = 8192  # points per write: bounds the temporary index arrays


def paint_points(image: Any, item: Points, background: str, k: int) -> None:
    """Paint `item` onto the RGB `image` (drawn at `k` pixels per CSS pixel)."""
    import PIL.Image
    import PIL.ImageColor

    xy = np.asarray(item.xy, np.float64) * k
    shown = np.flatnonzero(np.isfinite(xy).all(axis=1))
    if len(shown) == 0:
        return
    back = np.array(PIL.ImageColor.getrgb(background)[:3], np.float64)
    palette = np.array([PIL.ImageColor.getrgb(c)[:3] for c in item.palette], np.float64)
    palette = np.rint(palette * item.opacity + back * (1 - item.opacity)).astype(np.uint8)
    opaque = np.full((len(palette), 1), 255, np.uint8)
    # RGBA bytes read as one uint32 per pixel: one write per pixel, not three.
    words = np.ascontiguousarray(np.hstack((palette, opaque))).view(np.uint32).ravel()
    colours = words[np.asarray(item.levels)[shown]]
    dx, dy = _stamp(item.size * k / 2, item.square)

    # Only the box the markers cover is converted and written, so a head marker costs little.
    centre = np.floor(xy[shown]).astype(np.int64)
    box = (
        max(0, int(centre[:, 0].min() + dx.min())),
        max(0, int(centre[:, 1].min() + dy.min())),
        min(image.width, int(centre[:, 0].max() + dx.max()) + 1),
        min(image.height, int(centre[:, 1].max() + dy.max()) + 1),
    )
    if box[0] >= box[2] or box[1] >= box[3]:
        return
    rgba = np.array(image.crop(box).convert("RGBA"))  # a copy we may write
    height, width = rgba.shape[:2]
    flat = rgba.view(np.uint32).reshape(-1)
    centre -= np.array(box[:2])
    for start in range(0, len(shown), _CHUNK):
        cx = centre[start : start + _CHUNK, :1] + dx  # points x stamp offsets
        cy = centre[start : start + _CHUNK, 1:] + dy
        inside = (cx >= 0) & (cx < width) & (cy >= 0) & (cy < height)
        rows = np.broadcast_to(np.arange(len(cx))[:, None], cx.shape)[inside]
        # Point-major order: a pixel written twice keeps the later point's colour.
        flat[(cy * width + cx)[inside]] = colours[start + rows]
    image.paste(PIL.Image.fromarray(rgba, "RGBA").convert("RGB"), box[:2])


def _stamp(radius: float, square: bool) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (x, y) from a marker's centre pixel of the pixels it covers."""
    reach = max(0, int(np.ceil(radius - 0.5)))
    dy, dx = np.mgrid[-reach : reach + 1, -reach : reach + 1]
    if not square:
        keep = dx**2 + dy**2 <= max(radius, 0.5) ** 2
        dx, dy = dx[keep], dy[keep]
    return dx.ravel()[None, :], dy.ravel()[None, :]
