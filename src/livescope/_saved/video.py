"""MP4 export through imageio-ffmpeg (the optional `livescope[video]` extra).

imageio-ffmpeg ships an ffmpeg binary in its wheel, so nothing needs to be
installed system-wide; frames are painted as for GIFs (`_static_raster.py`)
and piped to ffmpeg as raw RGB.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._picture.raster import require_pillow, scene_to_image
from .._picture.scene import BACKGROUND, Scene

MAX_FPS = 120
EXTRA = "pip install 'livescope[video]'"


def require_imageio_ffmpeg(feature: str) -> Any:
    """Import imageio_ffmpeg (and Pillow), or say which extra to install for `feature`."""
    try:
        import imageio_ffmpeg
    except ImportError as error:
        raise ImportError(
            f"{feature} needs imageio-ffmpeg, which livescope installs as an optional "
            f"extra: {EXTRA}"
        ) from error
    try:
        require_pillow(feature)
    except ImportError as error:
        raise ImportError(
            f"{feature} needs Pillow, which livescope installs as an optional extra: {EXTRA}"
        ) from error
    return imageio_ffmpeg


def write_mp4(scenes: list[Scene], target: Path, fps: float) -> None:
    """Write `scenes` as the frames of an H.264 MP4 that browsers and players show."""
    ffmpeg = require_imageio_ffmpeg("save_mp4")
    pil = require_pillow("save_mp4")
    # Every frame on one canvas: frames may differ in height (a legend that
    # wraps), and H.264 in yuv420p needs even sides.
    width = _even(max(scene.width for scene in scenes))
    height = _even(max(scene.height for scene in scenes))
    writer = ffmpeg.write_frames(
        str(target),
        (width, height),
        fps=fps,
        codec="libx264",
        pix_fmt_in="rgb24",
        pix_fmt_out="yuv420p",
        macro_block_size=2,
        quality=8,
        ffmpeg_log_level="error",
    )
    writer.send(None)  # starts ffmpeg
    try:
        for scene in scenes:
            frame = pil.Image.new("RGB", (width, height), BACKGROUND)
            frame.paste(scene_to_image(scene, supersample=2), (0, 0))
            writer.send(frame.tobytes())
    finally:
        writer.close()


def _even(n: int) -> int:
    return n + n % 2
