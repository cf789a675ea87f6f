"""kind="scatter": each row is one frame of K points, drawn as x, y pairs."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

import numpy as np

from .._core.check import check_color, check_colormap, check_int, check_range, check_size
from .._core.spec import STYLE
from .._picture.scatter import scatter_frames, scatter_scene
from .base import Kind, View, reject_options
from .points import PointRows
from .points_snapshot import scatter_snapshot

OPTIONS = (
    "points",
    "colormap",
    "color",
    "colors",
    "trail",
    "paths",
    "facet",
    "facet_columns",
    "xlim",
    "ylim",
    "size",
)
DEFAULT_COLORMAP = "viridis"  # for `colors=` values when no colormap is named
MAX_POINTS = 10_000_000
MAX_TRAIL = 1000
MAX_PANELS = 64
# Per-point colour values travel as one byte each: 0..254 along the colormap,
# 255 for a missing value (the colormap tables have 256 entries anyway).
COLOR_LEVELS = 255
MISSING_COLOR = 255


def make(
    points: int | None = None,
    colormap: str | None = None,
    color: str | None = None,
    colors: object = None,
    trail: int = 0,
    paths: bool = False,
    facet: int | Sequence[object] | None = None,
    facet_columns: int | None = None,
    xlim: object = None,
    ylim: object = None,
    size: float | None = None,
    **unknown: object,
) -> View:
    """Validate the scatter options (README); K comes from `points`, `facet` or `colors`."""
    reject_options("scatter", unknown, OPTIONS)
    if points is not None:
        points = check_int("points", points, at_least=1, at_most=MAX_POINTS)
    if colormap is not None:
        check_colormap(colormap)
    check_color(color)
    trail = check_int("trail", trail, at_least=0, at_most=MAX_TRAIL)
    if not isinstance(paths, bool):
        raise TypeError(f"paths must be True or False; got {type(paths).__name__} {paths!r}")
    if paths and trail == 0:
        raise ValueError(
            "paths=True draws each point's path through its trail; it needs trail >= 1"
        )
    facet_option, facet_points, minimum = check_facet(facet)
    points = agree("facet", facet_points, points)
    colors_option = None
    if colors is not None:
        if color is not None:
            raise ValueError(
                "pass either color= (one colour) or colors= (values per point), not both"
            )
        levels, value_range = _color_levels(colors)
        points = agree("colors", len(levels), points)
        colors_option = {"levels": _b64(levels), "range": value_range}
    elif color is None and colormap is None:
        # Colours by point index mean nothing unless asked for (colormap=...): one colour.
        color = STYLE["palette"][0]
    if points is not None and points < minimum:
        raise ValueError(f"facet={facet} needs at least {minimum} points; points={points}")
    rows = PointRows(points, minimum)
    extra = {}
    if facet_columns is not None:  # panels a row; default: the most square that fit
        extra["facet_columns"] = check_int(
            "facet_columns", facet_columns, at_least=1, at_most=MAX_PANELS
        )
    return View(
        kind="scatter",
        options={
            **extra,
            "points": points,
            "colormap": colormap or DEFAULT_COLORMAP,
            "color": color,
            "colors": colors_option,
            "trail": trail,
            "paths": paths,
            "facet": facet_option,
            "xlim": check_range("xlim", xlim),
            "ylim": check_range("ylim", ylim),
            "size": check_size("size", size),
        },
        width=None if points is None else 2 * points,
        columns=(),
        named_columns=False,
        reshape=rows.row,
        reshape_rows=rows.rows,
        replayable=True,
    )


def check_facet(facet: object) -> tuple[dict[str, Any] | None, int | None, int]:
    """The facet option for the front end, the K it implies (or None), the fewest points."""
    if facet is None:
        return None, None, 1
    if isinstance(facet, (int, np.integer)) and not isinstance(facet, bool):
        count = check_int("facet", facet, at_least=1, at_most=MAX_PANELS)
        return {"count": count}, None, count
    if isinstance(facet, (str, bytes)) or not isinstance(facet, (Sequence, np.ndarray)):
        raise TypeError(
            "facet must be a number of panels, or a sequence with one panel label per point; "
            f"got {type(facet).__name__} {facet!r}"
        )
    labels = [_label(label) for label in facet]
    if not labels:
        raise ValueError("facet labels must name a panel for each point; got an empty sequence")
    panels = list(dict.fromkeys(labels))  # panels in order of first appearance
    if len(panels) > MAX_PANELS:
        raise ValueError(f"facet labels must name at most {MAX_PANELS} panels; got {len(panels)}")
    panel_of = {label: i for i, label in enumerate(panels)}
    index = np.fromiter((panel_of[label] for label in labels), np.uint8, len(labels))
    return {"labels": panels, "index": _b64(index)}, len(labels), 1


def _label(label: object) -> str:
    if isinstance(label, (str, np.str_)):
        return str(label)
    if isinstance(label, (int, np.integer)) and not isinstance(label, bool):
        return str(int(label))
    raise TypeError(
        f"facet labels must be strings or integers; got {type(label).__name__} {label!r}"
    )


def _color_levels(colors: object) -> tuple[np.ndarray, list[float] | None]:
    """Per-point values as bytes (min..max along the colormap, 255 for NaN), and min, max."""
    array = np.asarray(colors)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(
            f"colors must be a 1-D array with one value per point; got shape {array.shape}"
        )
    if array.dtype.kind not in "fiub":
        raise TypeError(f"colors must be real numbers; got {array.dtype} values")
    values = array.astype(np.float64)
    finite = np.isfinite(values)
    levels = np.full(len(values), MISSING_COLOR, np.uint8)
    if not finite.any():
        return levels, None
    lo, hi = float(values[finite].min()), float(values[finite].max())
    span = hi - lo if hi > lo else 1.0
    scaled = (values[finite] - lo) / span * (COLOR_LEVELS - 1)
    levels[finite] = np.rint(scaled).astype(np.uint8)
    return levels, [lo, hi]


def agree(name: str, implied: int | None, points: int | None) -> int | None:
    """K from `points` and from an option with one entry per point must agree."""
    if implied is None:
        return points
    if points is not None and implied != points:
        raise ValueError(f"{name} must have one entry per point (points={points}); got {implied}")
    return implied


def _b64(array: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(array, np.uint8).tobytes()).decode("ascii")


KIND = Kind(
    name="scatter",
    make=make,
    snapshot=scatter_snapshot,
    scene=lambda data, width: scatter_scene(data, width=width),
    frames=scatter_frames,
)
