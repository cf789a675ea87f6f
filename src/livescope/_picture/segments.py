"""The static picture of a segments plot: one frame of K segments, its trail and panels.

Frame i of the history is row i, K segments as x0, y0, x1, y1 each. As
js/kinds/segments.js draws it: frame `shown` and the `trail` frames before
it, fading; colours by length or angle through the colormap (in
`BUCKETS` steps), or one colour; small multiples with shared scales.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, Literal, overload

import numpy as np

from .._core.data import LinesData
from . import points as p
from . import scene as s
from .colormaps import colormap_rgb, hex_color
from .lines import DEFAULT_WIDTH
from .scatter import facet_membership

BUCKETS = 32  # colour steps along the colormap, one path each (as the widget)
LINE_WIDTH = 1.0


def segment_array(row: np.ndarray) -> np.ndarray:
    """A flat row of 4K values as K x 4 (x0, y0, x1, y1), float64."""
    return np.asarray(row, np.float64).reshape(-1, 4)


@overload
def color_values(frame: np.ndarray, color_by: Literal["length", "angle"]) -> np.ndarray: ...
@overload
def color_values(frame: np.ndarray, color_by: str | None) -> np.ndarray | None: ...
def color_values(frame: np.ndarray, color_by: str | None) -> np.ndarray | None:
    """Each segment's length or angle (radians, -pi..pi), or None for one colour."""
    dx, dy = frame[:, 2] - frame[:, 0], frame[:, 3] - frame[:, 1]
    values: np.ndarray
    if color_by == "length":
        values = np.hypot(dx, dy)
    elif color_by == "angle":
        values = np.arctan2(dy, dx)
    else:
        return None
    return values


def color_range(data: LinesData, first: int, last: int) -> tuple[float, float] | None:
    """The values the colormap spans: 0..the longest segment drawn, or -pi..pi; None."""
    color_by = data.options.get("color_by")
    if color_by == "angle":
        return -math.pi, math.pi
    if color_by != "length":
        return None
    longest = 0.0
    for i in range(first, last + 1):
        lengths = color_values(segment_array(data.values[i]), "length")
        finite = lengths[np.isfinite(lengths)]
        if finite.size:
            longest = max(longest, float(finite.max()))
    return 0.0, longest or 1.0


def buckets(
    values: np.ndarray | None, k: int, value_range: tuple[float, float] | None
) -> np.ndarray:
    """Each segment's colour step 0..BUCKETS-1 (-1: not finite; all 0 for one colour)."""
    if values is None or value_range is None:
        return np.zeros(k, np.int64)
    lo, hi = value_range
    with np.errstate(invalid="ignore"):
        steps = np.floor((values - lo) / (hi - lo) * BUCKETS)
    out: np.ndarray = np.clip(np.nan_to_num(steps, nan=-1), 0, BUCKETS - 1).astype(np.int64)
    out[~np.isfinite(values)] = -1
    return out


def bucket_colors(options: dict[str, Any]) -> list[str]:
    """The colour of each step: the colormap at the step's middle, or the one colour."""
    if not options.get("color_by"):
        return [options.get("color") or s.PALETTE[0]] * BUCKETS
    table = colormap_rgb(options.get("colormap") or "viridis")
    return [hex_color(table[min(255, int((b + 0.5) * 256 / BUCKETS))]) for b in range(BUCKETS)]


def segments_ranges(
    data: LinesData, first: int, last: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The fixed limits, or the round ranges of both ends of frames first..last."""
    frames = np.asarray(data.values[first : last + 1], np.float64).reshape(-1, 4)
    xlim, ylim = data.options.get("xlim"), data.options.get("ylim")
    x = tuple(xlim) if xlim else p.nice_range(*p.finite_extent(frames[:, 0::2]))
    y = tuple(ylim) if ylim else p.nice_range(*p.finite_extent(frames[:, 1::2]))
    return x, y


def segments_scene(
    data: LinesData,
    *,
    width: int = DEFAULT_WIDTH,
    shown: int | None = None,
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None,
    colors: tuple[float, float] | None = None,
) -> s.Scene:
    """Frame `shown` (default: the last) with its trail, within `ranges` if given."""
    options = data.options
    n = len(data)
    shown = n - 1 if shown is None else shown
    k = data.values.shape[1] // 4 if n else int(options.get("segments") or 0)
    trail = int(options.get("trail") or 0)
    first = max(0, shown - trail)
    scene = s.Scene(width, 0)
    top = s.title_row(scene, data.title, s.PAD)
    value_range = colors or (color_range(data, first, shown) if shown >= 0 else None)
    if shown < 0:
        text, key = "no frames yet", None
    else:
        text = f"step {s.format_step(data.steps[shown])} · {p.format_count(k)} segments"
        key = _key(options, value_range)
    top = p.readout_row(scene, text, top, key) + 4
    scene.height = int(top + data.height + s.PAD)
    if ranges is None:
        ranges = segments_ranges(data, first, shown) if shown >= 0 else ((0, 1), (0, 1))
    labels, panel_of = facet_membership(options.get("facet"), k)
    titled = bool(labels)
    plot_top = top + p.MARGIN_TOP
    plot_height = data.height - p.MARGIN_TOP - p.MARGIN_BOTTOM

    x_range, y_range = ranges

    def grid(left: float) -> tuple[int, list[p.Panel]]:
        box = (left, plot_top, width - left - p.MARGIN_RIGHT, plot_height)
        return p.panel_grid(len(labels) or 1, box, x_range, y_range, titled)

    first_guess = grid(40)[1][0].area.height
    columns, panels = grid(p.y_label_width(ranges[1], first_guess))
    scene.plot = panels[0].area
    for panel in panels:
        p.panel_grid_lines(scene, panel.area)
    palette = bucket_colors(options)
    for i in range(first, shown + 1) if shown >= 0 else ():
        frame = segment_array(data.values[i])
        steps = buckets(color_values(frame, options.get("color_by")), k, value_range)
        ends, keep = _pixels(frame, panels, panel_of)
        alpha = 1 - (shown - i) / (trail + 1)
        for b in np.unique(steps[keep & (steps >= 0)]):
            pick = keep & (steps == b)
            colour = p.blend(palette[int(b)], alpha)
            scene.items.append(s.Polylines(tuple(ends[pick]), colour, LINE_WIDTH))
    for i, panel in enumerate(panels):
        outer_row = i + columns >= len(panels)
        p.panel_frame(scene, panel.area, x_labels=outer_row, y_labels=panel.column == 0)
        if titled and i < len(labels):
            scene.items.append(s.Text(panel.area.left, panel.area.top - 4, labels[i]))
    return scene


def segments_frames(data: LinesData, every: int, width: int = DEFAULT_WIDTH) -> Iterator[s.Scene]:
    """The history replayed: one scene per `every` frames, on the whole history's ranges."""
    n = len(data)
    ranges = segments_ranges(data, 0, n - 1) if n else None
    colors = color_range(data, 0, n - 1) if n else None
    for end in s.replay_ends(n, every):
        yield segments_scene(data, width=width, shown=end - 1, ranges=ranges, colors=colors)


def _pixels(
    frame: np.ndarray, panels: list[p.Panel], panel_of: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """K x 2 x 2 pixel ends, each segment in its panel, and which lie whole inside it."""
    areas = [panel.area for panel in panels]
    index = np.zeros(len(frame), np.int64) if panel_of is None else panel_of
    index = np.minimum(index, len(areas) - 1)
    left, top, w, h = (np.array([getattr(a, f) for a in areas])[index] for f in _BOX)
    (x0, x1), (y0, y1) = areas[0].x_range, areas[0].y_range
    px = left[:, None] + (frame[:, 0::2] - x0) * (w[:, None] / (x1 - x0))
    py = (top + h)[:, None] - (frame[:, 1::2] - y0) * (h[:, None] / (y1 - y0))
    with np.errstate(invalid="ignore"):
        inside = (
            (px >= left[:, None])
            & (px <= (left + w)[:, None])
            & (py >= top[:, None])
            & (py <= (top + h)[:, None])
        )
    return np.stack((px, py), axis=-1), inside.all(axis=1)


_BOX = ("left", "top", "width", "height")


def _key(
    options: dict[str, Any], value_range: tuple[float, float] | None
) -> tuple[str, str, str] | None:
    color_by = options.get("color_by")
    if not color_by or value_range is None:
        return None
    colormap = options.get("colormap") or "viridis"
    lo, hi = value_range
    if color_by == "angle":
        return colormap, "angle -π", "π"
    return colormap, f"length {s.format_value(lo)}", s.format_value(hi)
