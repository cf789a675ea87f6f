"""kind="trajectory": rows are the (x, y) points of one path, drawn as a growing line."""

from __future__ import annotations

from typing import Any

from .._core.check import check_color, check_range
from .._picture.trajectory import trajectory_frames, trajectory_scene
from .base import Kind, View, reject_options
from .lines import RUNS_VIEW_STATE, runs_view_state
from .points_snapshot import trajectory_snapshot


def make(
    xlim: object = None, ylim: object = None, color: str | None = None, **unknown: object
) -> View:
    """Validate the trajectory options: fixed axis ranges and the line's colour."""
    reject_options("trajectory", unknown, ("xlim", "ylim", "color"))
    return View(
        kind="trajectory",
        options={
            "xlim": check_range("xlim", xlim),
            "ylim": check_range("ylim", ylim),
            "color": check_color(color),
        },
        columns=("x", "y"),
        replayable=True,
        front_end_options=front_end_options,
    )


def front_end_options(options: dict[str, Any]) -> dict[str, Any]:
    """The options as the view writes them: the runs legend's `hidden_runs` and `compare`."""
    kept = runs_view_state(options)
    checked = make(**{k: v for k, v in options.items() if k not in RUNS_VIEW_STATE}).options
    return {**checked, **kept}


KIND = Kind(
    name="trajectory",
    make=make,
    snapshot=trajectory_snapshot,
    scene=lambda data, width: trajectory_scene(data, width=width),
    frames=trajectory_frames,
)
