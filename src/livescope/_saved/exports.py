"""Files of a plot or a dashboard: an interactive HTML page, a PNG, an animated GIF, an MP4.

`Exports` is the one base both facades share: the `save_*` methods, their
checks and docstrings exist once here. A facade states what it draws
(`_scene`, `_frames`, `_page`, `_replay_rows`, `_default_width`).
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._core.check import check_int, check_path, check_real
from .._core.snapshot import pack
from .._kinds import Kind
from .._picture.raster import require_pillow, scene_to_image
from .._picture.scene import Scene, replay_every
from .._widget.models import LivePlotWidget
from .video import MAX_FPS as MAX_VIDEO_FPS
from .video import require_imageio_ffmpeg, write_mp4

HTML_POINTS = 20_000  # per series: zooming 10x into a full-width chart stays sharp
GIF_FRAMES = 100  # frames of a GIF when neither `every` nor `frames` is given
MAX_GIF_FPS = 50  # browsers slow down GIF frames shorter than 20 ms


class Exports(ABC):
    """save_html, save_png, save_gif and save_mp4 of a LivePlot or a Dashboard."""

    _default_width: int  # CSS pixels of a picture when `width` is not given

    @abstractmethod
    def _scene(self, width: int) -> Scene:
        """The final picture, `width` CSS pixels wide."""

    @abstractmethod
    def _frames(self, every: int, width: int) -> Iterable[Scene]:
        """The history replayed, `every` rows (of the longest history) more per frame."""

    @abstractmethod
    def _page(self, max_points: int | None) -> str:
        """The self-contained HTML page, data kept at `max_points`."""

    @abstractmethod
    def _replay_rows(self) -> int:
        """Rows a replay goes through (a dashboard: its longest panel's)."""

    def save_html(
        self, path: str | os.PathLike[str], *, max_points: int | None = HTML_POINTS
    ) -> None:
        """Write one self-contained HTML file with the interactive plot.

        The page inlines the front end and the data (no network, no server,
        no kernel); zoom, hover, replay and "Follow latest" work as in the
        notebook. A Dashboard's page shows every panel in its grid.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        max_points : int or None
            At most this many points per series (at least 4): up to that
            many rows are kept exactly, longer histories as a min/max
            envelope that keeps every spike. None keeps every row (large
            files for long runs). For frame, heatmap and waterfall plots:
            at most this many whole rows, sampled evenly, within 2 MB; for a
            scatter, at most this many frames (and 2 MB); for a trajectory,
            points of its path.
        """
        target = check_path(path)
        if max_points is not None:
            check_int("max_points", max_points, at_least=4)
        target.write_text(self._page(max_points), encoding="utf-8")

    def save_png(
        self, path: str | os.PathLike[str], *, width: int | None = None, scale: int = 1
    ) -> None:
        """Write the plot as a PNG, drawn as the notebook's static picture is.

        Needs Pillow: ``pip install 'livescope[export]'``.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        width : int, optional
            Width in CSS pixels, 200 to 10,000; default 800 for a plot and
            1,000 for a Dashboard. The height follows the plot's.
        scale : int
            Pixels per CSS pixel, 1 to 4 (2 is sharp on high-DPI screens).
        """
        target = check_path(path)
        width = self._check_width(width)
        check_int("scale", scale, at_least=1, at_most=4)
        require_pillow("save_png")
        scene_to_image(self._scene(width), scale=scale).save(target, format="PNG", optimize=True)

    def save_gif(
        self,
        path: str | os.PathLike[str],
        *,
        fps: float = 10,
        every: int | None = None,
        frames: int | None = None,
        width: int | None = None,
    ) -> None:
        """Write the history replayed as an animated GIF, on the final axes and colours.

        Lines, a trajectory's path and a waterfall's image grow frame by
        frame; a frame or heatmap shows the row reached at each frame; a
        scatter shows its frames one after the other, with their trail. A
        Dashboard's frame i shows every panel at the same fraction of its own
        history, so panels with different numbers of rows end together.

        Needs Pillow: ``pip install 'livescope[export]'``.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        fps : float
            Frames per second, 0 < fps <= 50.
        every : int, optional
            Rows added per frame (a Dashboard: rows of its longest panel);
            by default at most 100 frames in all. The first frame shows
            the first row, the last every row.
        frames : int, optional
            At most this many frames instead (the rows per frame rounded
            up); not together with `every`.
        width : int, optional
            Width in CSS pixels, 200 to 10,000; default as for `save_png`.
        """
        self._save_replay(GIF, path, fps, every, frames, width)

    def save_mp4(
        self,
        path: str | os.PathLike[str],
        *,
        fps: float = 10,
        every: int | None = None,
        frames: int | None = None,
        width: int | None = None,
    ) -> None:
        """Write the history replayed as an MP4 video (H.264), the frames `save_gif` draws.

        Needs imageio-ffmpeg and Pillow: ``pip install 'livescope[video]'``.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write.
        fps : float
            Frames per second, 0 < fps <= 120.
        every : int, optional
            Rows added per frame; by default about 100 frames in all.
        frames : int, optional
            At most this many frames instead; not together with `every`.
        width : int, optional
            Width in CSS pixels, 200 to 10,000; default as for `save_png`.
        """
        self._save_replay(MP4, path, fps, every, frames, width)

    def _save_replay(
        self,
        form: ReplayFormat,
        path: object,
        fps: object,
        every: object,
        frames: object,
        width: object,
    ) -> None:
        target = check_path(path)
        rate = check_real("fps", fps, above=0, at_most=form.max_fps)
        if every is not None and frames is not None:
            raise ValueError(
                f"give every or frames, not both; got every={every!r}, frames={frames!r}"
            )
        if every is None:
            count = check_int("frames", GIF_FRAMES if frames is None else frames, at_least=1)
            every = replay_every(self._replay_rows(), count)
        rows_per_frame = check_int("every", every, at_least=1)
        pixels = self._check_width(width)
        form.require(form.method)
        form.write(list(self._frames(rows_per_frame, pixels)), target, rate)

    def _check_width(self, width: object) -> int:
        if width is None:
            return self._default_width
        return check_int("width", width, at_least=200, at_most=10_000)


def page_state(
    widget: LivePlotWidget, kind: Kind, data: Any, max_points: int | None
) -> dict[str, Any]:
    """The traits a page needs to show `widget` without a kernel, its snapshot included."""
    names = sorted(LivePlotWidget.class_own_traits(sync=True))
    state: dict[str, Any] = widget.get_state(key=names)
    state["_snapshot"] = pack(kind.snapshot(data, max_points))
    return state


def write_gif(scenes: list[Scene], target: Path, fps: float) -> None:
    """Write `scenes` as the frames of a looping GIF."""
    pil = require_pillow("save_gif")
    # One palette for every frame, from the last (it has every colour); frames
    # are reduced to it as they come, so no more than one RGB frame is held.
    palette = scene_to_image(scenes[-1], supersample=2).quantize(
        colors=64, method=pil.Image.Quantize.FASTOCTREE
    )
    frames = [
        scene_to_image(scene, supersample=2).quantize(
            palette=palette, dither=pil.Image.Dither.NONE
        )
        for scene in scenes
    ]
    frames[0].save(
        target,
        format="GIF",
        save_all=True,
        append_images=frames[1:],
        duration=round(1000 / fps),
        loop=0,
    )


@dataclass(frozen=True)
class ReplayFormat:
    """What a GIF and an MP4 of a replay differ in."""

    method: str  # the save_* method, named when its optional extra is missing
    max_fps: float
    require: Callable[[str], object]  # raises ImportError naming the extra to install
    write: Callable[[list[Scene], Path, float], None]


GIF = ReplayFormat("save_gif", MAX_GIF_FPS, require_pillow, write_gif)
MP4 = ReplayFormat("save_mp4", MAX_VIDEO_FPS, require_imageio_ffmpeg, write_mp4)
