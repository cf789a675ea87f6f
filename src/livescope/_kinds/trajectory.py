"""kind="trajectory": rows are the (x, y) points of one path, drawn as a growing line."""

from __future__ import annotations

from .._core.check import check_color, check_range
from .._picture.trajectory import trajectory_frames, trajectory_scene
from .base import Kind, View, reject_options
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
    )


KIND = Kind(
    name="trajectory",
    make=make,
    snapshot=trajectory_snapshot,
    scene=lambda data, width: trajectory_scene(data, width=width),
    frames=trajectory_frames,
)
