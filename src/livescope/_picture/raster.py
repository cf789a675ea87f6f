"""Paint a Scene into a Pillow image (the optional `livescope[export]` extra).

Pillow brings what a hand-written PNG encoder would lack: a bundled font
for the labels, line drawing, and the GIF encoder. Pillow's lines are not
anti-aliased, so scenes are drawn `supersample` times larger and averaged
down.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .points_raster import paint_points
from .scene import Image, Inset, Points, Polylines, Rect, Scene, Text

_ANCHORS = {"start": "ls", "middle": "ms", "end": "rs"}


def require_pillow(feature: str) -> Any:
    """Import PIL, or say which extra to install for `feature`."""
    try:
        import PIL.Image
        import PIL.ImageDraw
        import PIL.ImageFont
    except ImportError as error:
        raise ImportError(
            f"{feature} needs Pillow, which livescope installs as an optional extra: "
            "pip install 'livescope[export]'"
        ) from error
    return PIL


def scene_to_image(scene: Scene, scale: int = 1, supersample: int = 4) -> Any:
    """The scene as an RGB `PIL.Image.Image`, `scale` pixels per CSS pixel.

    `supersample` trades time for smoother lines (2 is half as smooth, 4x faster).
    """
    pil = require_pillow("drawing a plot as an image")
    k = supersample * scale
    image = pil.Image.new("RGB", (scene.width * k, scene.height * k), scene.background)
    draw = pil.ImageDraw.Draw(image)
    for item in scene.items:
        if isinstance(item, Inset):
            # Painted at this image's resolution, then averaged down with it.
            inner = scene_to_image(item.scene, scale=k, supersample=1)
            image.paste(inner, (round(item.x * k), round(item.y * k)))
        elif isinstance(item, Polylines):
            width = max(1, round(item.width * k))
            for run in item.runs:
                if len(run) == 1:
                    (x, y), r = run[0] * k, width / 2
                    draw.ellipse((x - r, y - r, x + r, y + r), fill=item.stroke)
                elif len(run):
                    points = (run * k).ravel().tolist()
                    draw.line(points, fill=item.stroke, width=width, joint="curve")
        elif isinstance(item, Text) and item.vertical:
            _paste_vertical_text(pil, image, item, k)
        elif isinstance(item, Text):
            draw.text(
                (item.x * k, item.y * k),
                item.text,
                fill=item.fill,
                font=_font(round(item.size * k)),
                anchor=_ANCHORS[item.anchor],
                stroke_width=1 if item.bold else 0,
                stroke_fill=item.fill,
            )
        elif isinstance(item, Points):
            paint_points(image, item, scene.background, k)
        elif isinstance(item, Rect):
            box = (item.x * k, item.y * k, (item.x + item.width) * k, (item.y + item.height) * k)
            draw.rectangle(box, fill=item.fill)
        elif isinstance(item, Image):
            _paste(pil, image, item, k)
        else:
            raise TypeError(f"cannot paint {type(item).__name__}")
    return image.reduce(supersample)


def _paste_vertical_text(pil: Any, image: Any, item: Text, k: int) -> None:
    """`item` drawn level on its own layer, turned a quarter left and laid over `image`."""
    font = _font(round(item.size * k))
    left, top, right, bottom = font.getbbox(item.text, anchor=_ANCHORS[item.anchor])
    layer = pil.Image.new("RGBA", (max(1, right - left), max(1, bottom - top)), (0, 0, 0, 0))
    pil.ImageDraw.Draw(layer).text(
        (-left, -top), item.text, fill=item.fill, font=font, anchor=_ANCHORS[item.anchor]
    )
    turned = layer.transpose(pil.Image.Transpose.ROTATE_90)
    # Level, the anchor sat at (-left, -top) of the layer; turned, at (-top, right).
    x, y = round(item.x * k + top), round(item.y * k - right)
    image.paste(turned, (x, y), turned)


def _paste(pil: Any, image: Any, item: Image, k: int) -> None:
    """Stretch `item`'s pixels over its rectangle (nearest neighbour), alpha as a mask."""
    left, top = round(item.x * k), round(item.y * k)
    size = (
        max(1, round((item.x + item.width) * k) - left),
        max(1, round((item.y + item.height) * k) - top),
    )
    pixels = pil.Image.fromarray(item.pixels).resize(size, pil.Image.Resampling.NEAREST)
    image.paste(pixels.convert("RGB"), (left, top), pixels if pixels.mode == "RGBA" else None)


@cache
def _font(size: int) -> Any:
    # Pillow's bundled font: the same look on every machine, no font files needed.
    return require_pillow("drawing text").ImageFont.load_default(size=size)
