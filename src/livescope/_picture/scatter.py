"""The static picture of a scatter: one frame of K points, its trail, paths and panels.

Frame i of the history is row i, K points as x0, y0, x1, y1, ... The
picture draws frame `shown` and the `trail` frames before it, fading, with
the colours, panels and marker size the widget uses (js/kinds/scatter.js).
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from typing import Any

import numpy as np

from .._core.data import LinesData
from . import points as p
from . import scene as s
from .colormaps import colormap_rgb, hex_color
from .lines import DEFAULT_WIDTH

MISSING_LEVEL, SINGLE_LEVEL = 256, 257  # palette entries after the colormap's 256
PATH_POINTS = 2000  # points whose paths through the trail are drawn, evenly chosen
_PATH_BUCKETS = 16  # colour groups of path segments, as the widget's


def auto_size(k: int) -> float:
    """Marker diameter in CSS pixels for K points (js/kinds/scatter.js autoSize)."""
    return 7 if k <= 500 else 4 if k <= 5000 else 2.5 if k <= 50_000 else 2


def point_levels(k: int, options: dict[str, Any]) -> tuple[np.ndarray, tuple[str, ...]]:
    """Each point's palette level, and the palette: colormap, missing and single colours."""
    palette = (
        *(hex_color(c) for c in colormap_rgb(options.get("colormap") or "viridis")),
        s.MUTED,
        options.get("color") or s.PALETTE[0],
    )
    colors = options.get("colors")
    if options.get("color"):
        levels = np.full(k, SINGLE_LEVEL, np.int64)
    elif colors:
        values = np.full(k, 255, np.int64)
        given = np.frombuffer(base64.b64decode(colors["levels"]), np.uint8)[:k]
        values[: len(given)] = given
        levels = np.where(values >= 255, MISSING_LEVEL, np.rint(values * 255 / 254))
    else:
        levels = np.rint(np.arange(k) * 255 / max(1, k - 1))
    return levels.astype(np.int64), palette


def facet_membership(facet: dict[str, Any] | None, k: int) -> tuple[list[str], np.ndarray | None]:
    """Panel titles and each point's panel (None: one panel), as js/kinds/scatter/facets.js."""
    if not facet or k == 0:
        return [], None
    if "labels" in facet:
        panel_of = np.zeros(k, np.int64)
        index = np.frombuffer(base64.b64decode(facet.get("index") or ""), np.uint8)[:k]
        panel_of[: len(index)] = index
        return [str(label) for label in facet["labels"]], panel_of
    count = max(1, min(int(facet.get("count") or 1), k))
    if count == 1:
        return [], None
    panel_of = np.zeros(k, np.int64)
    labels = []
    for panel in range(count):
        first, end = panel * k // count, (panel + 1) * k // count
        panel_of[first:end] = panel
        # A hyphen, not the widget's en dash: Pillow's bundled font has none.
        labels.append(f"point {first}" if end - first == 1 else f"points {first}-{end - 1}")
    return labels, panel_of


def scatter_ranges(
    data: LinesData, first: int, last: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The fixed limits, or the round ranges of frames first..last (as the widget's)."""
    frames = data.values[first : last + 1]
    xlim, ylim = data.options.get("xlim"), data.options.get("ylim")
    x = tuple(xlim) if xlim else p.nice_range(*p.finite_extent(frames[:, 0::2]))
    y = tuple(ylim) if ylim else p.nice_range(*p.finite_extent(frames[:, 1::2]))
    return x, y


def scatter_scene(
    data: LinesData,
    *,
    width: int = DEFAULT_WIDTH,
    shown: int | None = None,
    ranges: tuple[tuple[float, float], tuple[float, float]] | None = None,
) -> s.Scene:
    """Frame `shown` (default: the last) with its trail, within `ranges` if given."""
    options = data.options
    n = len(data)
    shown = n - 1 if shown is None else shown
    k = data.values.shape[1] // 2 if n else int(options.get("points") or 0)
    trail = int(options.get("trail") or 0)
    first = max(0, shown - trail)
    scene = s.Scene(width, 0)
    top = s.title_row(scene, data.title, s.PAD)
    levels, palette = point_levels(k, options)
    if shown < 0:
        text = "no frames yet"
    else:
        text = f"step {s.format_step(data.steps[shown])} · {p.format_count(k)} points"
    top = p.readout_row(scene, text, top, _color_key(options, k)) + 4
    scene.height = int(top + data.height + s.PAD)
    if ranges is None:
        ranges = scatter_ranges(data, first, shown) if shown >= 0 else ((0, 1), (0, 1))
    labels, panel_of = facet_membership(options.get("facet"), k)
    titled = bool(labels)
    plot_top = top + p.MARGIN_TOP
    plot_height = data.height - p.MARGIN_TOP - p.MARGIN_BOTTOM

    x_range, y_range = ranges

    def grid(left: float) -> tuple[int, list[p.Panel]]:
        box = (left, plot_top, width - left - p.MARGIN_RIGHT, plot_height)
        return p.panel_grid(
            len(labels) or 1, box, x_range, y_range, titled, options.get("facet_columns")
        )

    # The y labels' width depends on the panel height through the tick step.
    first_guess = grid(40)[1][0].area.height
    columns, panels = grid(p.y_label_width(ranges[1], first_guess))
    scene.plot = panels[0].area
    # Many panels make the picture taller rather than smaller than the minimum.
    bottom = max(panel.area.top + panel.area.height for panel in panels) + p.MARGIN_BOTTOM
    scene.height = max(scene.height, int(bottom + s.PAD))
    for panel in panels:
        p.panel_grid_lines(scene, panel.area)
    if shown >= 0:
        size = float(options.get("size") or auto_size(k))
        if options.get("paths") and trail > 0:
            frames = range(first, shown + 1)
            _paths(scene, data, panels, panel_of, levels, palette, frames, trail)
        for i in range(first, shown + 1):
            xy, keep = _pixels(data.values[i], panels, panel_of)
            scene.items.append(
                s.Points(
                    xy[keep],
                    levels[keep],
                    palette,
                    size,
                    opacity=_trail_alpha(shown - i, trail),
                    square=size <= 2,
                )
            )
    for i, panel in enumerate(panels):
        outer_row = i + columns >= len(panels)
        p.panel_frame(scene, panel.area, x_labels=outer_row, y_labels=panel.column == 0)
        if titled and i < len(labels):
            scene.items.append(s.Text(panel.area.left, panel.area.top - 4, labels[i]))
    return scene


def scatter_frames(data: LinesData, every: int, width: int = DEFAULT_WIDTH) -> Iterator[s.Scene]:
    """The history replayed: one scene per `every` frames (with their trail), the last included.

    Every scene has the ranges of the whole history, so the points move in a still frame.
    """
    n = len(data)
    ranges = scatter_ranges(data, 0, n - 1) if n else None
    for end in s.replay_ends(n, every):
        yield scatter_scene(data, width=width, shown=end - 1, ranges=ranges)


def _pixels(
    row: np.ndarray, panels: list[p.Panel], panel_of: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """The points of one frame in pixels, each in its panel, and which fall inside it."""
    x, y = row[0::2].astype(np.float64), row[1::2].astype(np.float64)
    areas = [panel.area for panel in panels]
    if panel_of is None:
        index = np.zeros(len(x), np.int64)
    else:
        index = np.minimum(panel_of, len(areas) - 1)
    left, top, w, h = (np.array([getattr(a, f) for a in areas])[index] for f in _BOX)
    (x0, x1), (y0, y1) = areas[0].x_range, areas[0].y_range
    px = left + (x - x0) * (w / (x1 - x0))
    py = top + h - (y - y0) * (h / (y1 - y0))
    with np.errstate(invalid="ignore"):
        keep = (px >= left) & (px <= left + w) & (py >= top) & (py <= top + h)
    return np.column_stack((px, py)), keep


_BOX = ("left", "top", "width", "height")


def _paths(
    scene: s.Scene,
    data: LinesData,
    panels: list[p.Panel],
    panel_of: np.ndarray | None,
    levels: np.ndarray,
    palette: tuple[str, ...],
    frames: range,
    trail: int,
) -> None:
    """Each point's path through the trail `frames`, by colour group and age.

    Paths of at most PATH_POINTS points, evenly chosen, keep a picture of
    100,000 points quick to draw and small as SVG.
    """
    k = len(levels)
    chosen = np.unique(np.linspace(0, k - 1, min(k, PATH_POINTS)).round().astype(np.int64))
    span = 256 / _PATH_BUCKETS
    buckets = np.where(levels < 256, levels // span, levels)[chosen]
    shown = frames[-1]
    for i in frames[1:]:
        a, _ = _pixels(data.values[i - 1], panels, panel_of)
        b, _ = _pixels(data.values[i], panels, panel_of)
        segments = np.stack((a[chosen], b[chosen]), axis=1)
        ok = np.isfinite(segments).all(axis=(1, 2))
        alpha = _trail_alpha(shown - i, trail)
        for bucket in np.unique(buckets):
            pick = ok & (buckets == bucket)
            if not pick.any():
                continue
            level = min(255, round((bucket + 0.5) * span)) if bucket < _PATH_BUCKETS else bucket
            colour = p.blend(palette[int(level)], alpha)
            scene.items.append(s.Polylines(tuple(segments[pick]), colour, 1.0))


def _trail_alpha(age: int, trail: int) -> float:
    """Opacity of a frame `age` frames older than the one shown.

    As js/kinds/scatter/point_colors.js.
    """
    return 1 - age / (trail + 1)


def _color_key(options: dict[str, Any], k: int) -> tuple[str, str, str] | None:
    colors = options.get("colors")
    if options.get("color") or k == 0 or (colors and not colors.get("range")):
        return None
    colormap = options.get("colormap") or "viridis"
    if colors:
        low, high = colors["range"]
        return colormap, s.format_value(low), s.format_value(high)
    return colormap, "point 0", f"point {p.format_count(k - 1)}"
