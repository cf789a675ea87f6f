"""What each plot kind provides so its plots outlive the kernel.

A kind registers three functions of its own data (for every kind today
a `LinesData`: the rows, the labels and the view's options):

- `snapshot(data, max_points)`: the compact `Snapshot` a saved notebook or
  an exported page loads when no kernel answers (js/kinds/index.js has the
  matching loader under the same kind name);
- `scene(data, width)`: the final picture, drawn as the static fallback
  (SVG) and by `save_png`;
- `frames(data, every, width)`: the history replayed, one scene per
  `every` rows, for `save_gif`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .._core.snapshot import Snapshot
from .._picture.frame import frame_frames, frame_scene
from .._picture.heatmap import heatmap_frames, heatmap_scene
from .._picture.lines import lines_frames, lines_scene
from .._picture.scatter import scatter_frames, scatter_scene
from .._picture.scene import Scene
from .._picture.trajectory import trajectory_frames, trajectory_scene
from .._picture.waterfall import waterfall_frames, waterfall_scene
from .grid_snapshot import FRAMES, WATERFALL_ROWS, grid_snapshot
from .lines_snapshot import lines_snapshot
from .points_snapshot import scatter_snapshot, trajectory_snapshot


@dataclass(frozen=True)
class KindExports:
    snapshot: Callable[..., Snapshot]
    scene: Callable[..., Scene]
    frames: Callable[..., Iterator[Scene]]


KINDS: dict[str, KindExports] = {
    "lines": KindExports(
        snapshot=lines_snapshot,
        scene=lambda data, width: lines_scene(data, width=width),
        frames=lines_frames,
    ),
    "scatter": KindExports(
        snapshot=scatter_snapshot,
        scene=lambda data, width: scatter_scene(data, width=width),
        frames=scatter_frames,
    ),
    "trajectory": KindExports(
        snapshot=trajectory_snapshot,
        scene=lambda data, width: trajectory_scene(data, width=width),
        frames=trajectory_frames,
    ),
    "heatmap": KindExports(
        snapshot=lambda data, max_points=FRAMES: grid_snapshot("heatmap", data, max_points),
        scene=lambda data, width: heatmap_scene(data, width=width),
        frames=heatmap_frames,
    ),
    "frame": KindExports(
        snapshot=lambda data, max_points=FRAMES: grid_snapshot("frame", data, max_points),
        scene=lambda data, width: frame_scene(data, width=width),
        frames=frame_frames,
    ),
    "waterfall": KindExports(
        snapshot=lambda data, max_points=WATERFALL_ROWS: grid_snapshot(
            "waterfall", data, max_points
        ),
        scene=lambda data, width: waterfall_scene(data, width=width),
        frames=waterfall_frames,
    ),
}


def exports_for(kind: str) -> KindExports:
    try:
        return KINDS[kind]
    except KeyError:
        raise NotImplementedError(
            f"plots of kind {kind!r} cannot be saved or exported yet; "
            f"kinds that can: {', '.join(sorted(KINDS))}"
        ) from None
