"""kind="segments": each row is one frame of K line segments, start (x, y) to end (x, y).

For vector fields and displacements. A row holds the K segments flattened
to x0, y0, x1, y1 per segment (4K values); segments are coloured by their
length or angle through a colormap, or all in one colour, with a fading
trail of earlier frames and small multiples, as a scatter's points.
"""

from __future__ import annotations

import numpy as np

from .._core.arrays import shape_text
from .._core.check import check_color, check_colormap, check_int, check_range
from .._picture.segments import segments_frames, segments_scene
from .base import Kind, View, reject_options
from .points import numeric_array
from .points_snapshot import scatter_snapshot
from .scatter import MAX_POINTS, MAX_TRAIL, agree, check_facet

OPTIONS = ("segments", "color_by", "colormap", "color", "trail", "facet", "xlim", "ylim")
COLOR_BY = ("length", "angle")


class SegmentRows:
    """Turns K x 2 x 2 arrays (one frame) and N x K x 2 x 2 arrays (N frames) into flat rows.

    K is `segments` when given, else fixed by the first frame (the history
    width, 4K, is passed in once a row is held).
    """

    def __init__(self, segments: int | None, minimum: int = 1) -> None:
        self.segments = segments
        self.minimum = minimum

    def row(self, value: object, width: int | None) -> np.ndarray:
        """One frame as 4K values: a K x 2 x 2 array, or a flat row of 4K values."""
        k = self._known(width)
        array = numeric_array(value, "row")
        if array.ndim == 3 and array.shape[1:] == (2, 2) and self._fits(array.shape[0], k):
            return array.reshape(-1)
        if array.ndim == 1 and array.size % 4 == 0 and self._fits(array.size // 4, k):
            return array
        hint = " (use extend() to add several frames)" if array.ndim == 4 else ""
        raise ValueError(
            f"row must be a K x 2 x 2 array{self._k(k)} of segments, each its start (x, y) "
            f"and end (x, y) (or a flat row of 4K values); got shape {shape_text(array)}{hint}"
        )

    def rows(self, value: object, width: int | None) -> np.ndarray:
        """N frames as an N x 4K array: an N x K x 2 x 2 array, or N flat rows of 4K values."""
        k = self._known(width)
        array = numeric_array(value, "rows")
        if array.ndim == 4 and array.shape[2:] == (2, 2) and self._fits(array.shape[1], k):
            return array.reshape(len(array), -1)
        if array.ndim == 2 and array.shape[1] % 4 == 0 and self._fits(array.shape[1] // 4, k):
            return array
        raise ValueError(
            f"rows must be an N x K x 2 x 2 array{self._k(k)}, N frames of segments "
            f"(or N flat rows of 4K values); got shape {shape_text(array)}"
        )

    def _known(self, width: int | None) -> int | None:
        return self.segments if width is None else width // 4

    def _fits(self, count: int, k: int | None) -> bool:
        return count == k if k is not None else count >= self.minimum

    def _k(self, k: int | None) -> str:
        if k is not None:
            return f" (K={k})"
        return f" (K >= {self.minimum})" if self.minimum > 1 else ""


def make(
    segments: int | None = None,
    color_by: str | None = None,
    colormap: str = "viridis",
    color: str | None = None,
    trail: int = 0,
    facet: object = None,
    xlim: object = None,
    ylim: object = None,
    **unknown: object,
) -> View:
    """Validate the segments options (docs/kinds.md); K comes from `segments` or `facet`."""
    reject_options("segments", unknown, OPTIONS)
    if segments is not None:
        segments = check_int("segments", segments, at_least=1, at_most=MAX_POINTS)
    if color_by is not None and color_by not in COLOR_BY:
        raise ValueError(f"color_by must be 'length', 'angle' or None; got {color_by!r}")
    check_colormap(colormap)
    check_color(color)
    if color is not None and color_by is not None:
        raise ValueError(
            "pass either color= (one colour) or color_by= (colours by a value), not both"
        )
    trail = check_int("trail", trail, at_least=0, at_most=MAX_TRAIL)
    facet_option, facet_segments, minimum = check_facet(facet)
    segments = agree("facet", facet_segments, segments)
    if segments is not None and segments < minimum:
        raise ValueError(f"facet={facet} needs at least {minimum} segments; segments={segments}")
    rows = SegmentRows(segments, minimum)
    return View(
        kind="segments",
        options={
            "segments": segments,
            "color_by": color_by,
            "colormap": colormap,
            "color": color,
            "trail": trail,
            "facet": facet_option,
            "xlim": check_range("xlim", xlim),
            "ylim": check_range("ylim", ylim),
        },
        width=None if segments is None else 4 * segments,
        columns=(),
        named_columns=False,
        reshape=rows.row,
        reshape_rows=rows.rows,
        replayable=True,
    )


KIND = Kind(
    name="segments",
    make=make,
    snapshot=lambda data, max_points=100: scatter_snapshot(data, max_points, "segments"),
    scene=lambda data, width: segments_scene(data, width=width),
    frames=segments_frames,
)
