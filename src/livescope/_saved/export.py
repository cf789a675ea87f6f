"""Exports of a plot to files: an interactive HTML page, a PNG, an animated GIF, an MP4."""

from __future__ import annotations

import math
import numbers
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .._core.snapshot import pack
from .._kinds.registry import KindExports
from .._picture.raster import require_pillow, scene_to_image
from .._picture.scene import Scene
from .._widget.models import LivePlotWidget
from .html import html_page
from .video import MAX_FPS as MAX_VIDEO_FPS
from .video import require_imageio_ffmpeg, write_mp4

HTML_POINTS = 20_000  # per series: zooming 10x into a full-width chart stays sharp
GIF_FRAMES = 100  # frames of a GIF when neither `every` nor `frames` is given
MAX_GIF_FPS = 50  # browsers slow down GIF frames shorter than 20 ms


def save_html(
    widget: LivePlotWidget, kind: KindExports, data: Any, path: object, max_points: object
) -> None:
    """Write the page for `widget`, its data snapshot taken at `max_points`."""
    target = _check_path(path)
    _check_max_points(max_points)
    state = page_state(widget, kind, data, max_points)
    target.write_text(html_page(state, widget.title), encoding="utf-8")


def page_state(widget: LivePlotWidget, kind: KindExports, data: Any, max_points: object) -> dict:
    """The traits a page needs to show `widget` without a kernel, its snapshot included."""
    names = sorted(LivePlotWidget.class_own_traits(sync=True))
    state = widget.get_state(key=names)
    state["_snapshot"] = pack(kind.snapshot(data, max_points))
    return state


def save_png(kind: KindExports, data: Any, path: object, width: object, scale: object) -> None:
    """Write the final picture of `data` as a PNG."""
    target = _check_path(path)
    _check_int("width", width, at_least=200, at_most=10_000)
    _check_int("scale", scale, at_least=1, at_most=4)
    require_pillow("save_png")
    scene_to_image(kind.scene(data, width), scale=scale).save(target, format="PNG", optimize=True)


def save_replay(
    form: ReplayFormat,
    kind: KindExports,
    data: Any,
    path: object,
    fps: object,
    every: object,
    frames: object,
    width: object,
) -> None:
    """Write the history of `data` replayed as a GIF or an MP4 (`form`)."""
    target, every = _check_replay(path, fps, form.max_fps, every, frames, len(data), width)
    form.require(form.method)
    form.write(list(kind.frames(data, every, width)), target, fps)


def _check_replay(
    path: object,
    fps: object,
    max_fps: float,
    every: object,
    frames: object,
    rows: int,
    width: object,
) -> tuple[Path, int]:
    """The target and rows per frame of a replay: `every`, or from `frames` (or GIF_FRAMES)."""
    target = _check_path(path)
    _check_fps(fps, max_fps)
    if every is not None and frames is not None:
        raise ValueError(f"give every or frames, not both; got every={every!r}, frames={frames!r}")
    if every is None:
        frames = GIF_FRAMES if frames is None else frames
        _check_int("frames", frames, at_least=1)
        every = max(1, math.ceil(rows / frames))  # type: ignore[operator]
    _check_int("every", every, at_least=1)
    _check_int("width", width, at_least=200, at_most=10_000)
    return target, every


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


def _check_fps(fps: object, at_most: float) -> None:
    if isinstance(fps, bool) or not isinstance(fps, numbers.Real):
        raise TypeError(f"fps must be a number; got {type(fps).__name__} {fps!r}")
    if not 0 < fps <= at_most:
        raise ValueError(f"fps must be > 0 and <= {at_most}; got {fps}")


def _check_max_points(max_points: object) -> None:
    if max_points is not None:
        _check_int("max_points", max_points, at_least=4)


def _check_path(path: object) -> Path:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike; got {type(path).__name__} {path!r}")
    return Path(path)


def _check_int(name: str, value: object, *, at_least: int, at_most: int | None = None) -> None:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer; got {type(value).__name__} {value!r}")
    if value < at_least or (at_most is not None and value > at_most):
        bound = f">= {at_least}" if at_most is None else f"between {at_least} and {at_most}"
        raise ValueError(f"{name} must be {bound}; got {value}")


@dataclass(frozen=True)
class ReplayFormat:
    """What a GIF and an MP4 of a replay differ in."""

    method: str  # the save_* method, named when its optional extra is missing
    max_fps: float
    require: Callable[[str], object]  # raises ImportError naming the extra to install
    write: Callable[[list[Scene], Path, float], None]


GIF = ReplayFormat("save_gif", MAX_GIF_FPS, require_pillow, write_gif)
MP4 = ReplayFormat("save_mp4", MAX_VIDEO_FPS, require_imageio_ffmpeg, write_mp4)
