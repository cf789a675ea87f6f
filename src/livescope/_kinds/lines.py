"""kind="lines": every column against step or time, smoothed and on a log scale if asked.

The options are where the view starts; its controls change them in the
browser (written back into the `view_options` trait, so a reload keeps them).
"""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np

from .._core.check import check_colormap
from .._core.rows import MAX_COLUMNS
from .._core.smoothing import MAX_SMOOTHING
from .._picture.lines import lines_frames, lines_scene
from .._runs.session import MAX_RUNS
from .base import Kind, View, reject_options
from .lines_snapshot import lines_snapshot

X_AXES = ("step", "time")


def make(**options: object) -> View:
    reject_options("lines", options, ("smoothing", "log_y", "x_axis", "colormap"))
    smoothing = _check_smoothing(options.get("smoothing", 0.0))
    log_y = options.get("log_y", False)
    x_axis = options.get("x_axis", "step")
    if not isinstance(log_y, (bool, np.bool_)):
        raise TypeError(f"log_y must be True or False; got {type(log_y).__name__} {log_y!r}")
    if not isinstance(x_axis, str):
        raise TypeError(f"x_axis must be 'step' or 'time'; got {type(x_axis).__name__} {x_axis!r}")
    if x_axis not in X_AXES:
        raise ValueError(f"x_axis must be 'step' or 'time'; got {x_axis!r}")
    checked: dict[str, Any] = {"smoothing": smoothing, "log_y": bool(log_y), "x_axis": x_axis}
    colormap = options.get("colormap")
    if colormap is not None:  # series in order through the map (timesteps, layers, quantiles)
        checked["colormap"] = check_colormap(colormap)
    return View(
        kind="lines",
        options=checked,
        front_end_options=front_end_options,
    )


def front_end_options(options: dict[str, Any]) -> dict[str, Any]:
    """The options as the toolbar and the legend (js/kinds/lines.js) write them, checked.

    Besides the options `make` takes, the legend keeps `hidden`: the names of
    the series hidden from the chart; `hidden_runs`: the ids of the earlier
    runs hidden; and the toolbar `compare`: whether earlier runs are drawn.
    """
    kept = {**hidden_view_state(options), **runs_view_state(options)}
    checked = make(**{k: v for k, v in options.items() if k not in VIEW_STATE}).options
    return {**checked, **kept}


def hidden_view_state(options: dict[str, Any]) -> dict[str, Any]:
    """The legend's `hidden` among a view's options, checked: the names of series hidden."""
    return _names("hidden", options, MAX_COLUMNS)


def runs_view_state(options: dict[str, Any]) -> dict[str, Any]:
    """What a view comparing runs writes among its options, checked: `hidden_runs`, `compare`.

    `hidden_runs` are the ids of the earlier runs hidden from the legend;
    `compare` whether earlier runs are drawn at all.
    """
    kept: dict[str, Any] = {**_names("hidden_runs", options, MAX_RUNS)}
    if "compare" in options:
        if not isinstance(options["compare"], bool):
            raise TypeError(f"compare must be true or false; got {options['compare']!r:.100}")
        kept["compare"] = options["compare"]
    return kept


def _names(key: str, options: dict[str, Any], limit: int) -> dict[str, list[str]]:
    names = options.get(key, [])
    if not (isinstance(names, list) and all(isinstance(name, str) for name in names)):
        raise TypeError(f"{key} must be a list of str; got {names!r:.100}")
    if len(names) > limit:
        raise ValueError(f"{key} must name at most {limit}; got {len(names)}")
    return {key: names} if key in options else {}


VIEW_STATE = ("hidden", "hidden_runs", "compare")
RUNS_VIEW_STATE = ("hidden_runs", "compare")


def _check_smoothing(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"smoothing must be a number from 0 to {MAX_SMOOTHING}; "
            f"got {type(value).__name__} {value!r}"
        )
    if not (math.isfinite(value) and 0 <= float(value) <= MAX_SMOOTHING):
        raise ValueError(f"smoothing must be from 0 to {MAX_SMOOTHING}; got {value}")
    return float(value)


KIND = Kind(
    name="lines",
    make=make,
    snapshot=lines_snapshot,
    scene=lambda data, width: lines_scene(data, width=width),
    frames=lines_frames,
)
