"""Write a Scene as a small standalone SVG document."""

from __future__ import annotations

import base64
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from .png import encode_png
from .points_svg import point_limits, points_svg, thinned_note
from .scene import (
    FONT_FAMILY,
    FONT_SIZE,
    Image,
    Inset,
    Points,
    Polylines,
    Rect,
    Scene,
    Text,
)

_ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


def scene_to_svg(scene: Scene) -> str:
    """The scene as SVG text: one element per primitive, coordinates to 0.1 px."""
    w, h = scene.width, scene.height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" font-family={quoteattr(FONT_FAMILY)} font-size="{FONT_SIZE}">',
        f'<rect width="{w}" height="{h}" fill="{scene.background}"/>',
    ]
    limits = point_limits(scene.items)
    for item in scene.items:
        if isinstance(item, Inset):
            parts.append(_inset(item))
        elif isinstance(item, Polylines):
            parts.append(_path(item))
        elif isinstance(item, Points):
            parts.append(points_svg(item, limits[id(item)]))
        elif isinstance(item, Text):
            parts.append(_text(item))
        elif isinstance(item, Rect):
            parts.append(
                f'<rect x="{_num(item.x)}" y="{_num(item.y)}" width="{_num(item.width)}" '
                f'height="{_num(item.height)}" fill="{item.fill}"/>'
            )
        elif isinstance(item, Image):
            parts.append(_image(item))
        else:
            raise TypeError(f"cannot draw {type(item).__name__} as SVG")
    parts.append(thinned_note(scene.items, limits, w))
    parts.append("</svg>")
    return "\n".join(p for p in parts if p)


def _inset(item: Inset) -> str:
    # A nested <svg> placed at (x, y): the inner scene keeps its coordinates
    # and is clipped to its own size.
    root = '<svg xmlns="http://www.w3.org/2000/svg" '
    inner = scene_to_svg(item.scene)
    return f'<svg x="{_num(item.x)}" y="{_num(item.y)}" ' + inner.removeprefix(root)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _tenths(n: int) -> str:
    """`n` tenths as the shortest SVG number: 12 -> "1.2", -3 -> "-.3", 40 -> "4"."""
    whole, tenth = divmod(abs(n), 10)
    sign = "-" if n < 0 else ""
    if tenth == 0:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


class _TenthsText(dict[int, str]):
    """`_tenths` remembered for moves of up to 1,000 px: a path repeats few distinct moves."""

    def __missing__(self, n: int) -> str:
        text = _tenths(n)
        if -10_000 < n < 10_000:
            self[n] = text
        return text


_TENTHS_TEXT = _TenthsText()


def _path(item: Polylines) -> str:
    # Points are rounded to 0.1 px, then written as relative moves ("l dx dy")
    # between the rounded points: exact, and about half the size of absolute
    # coordinates, which keeps a saved notebook's picture small.
    commands = []
    for run in item.runs:
        if len(run) == 0:
            continue
        tenths = np.rint(np.asarray(run, np.float64) * 10).astype(np.int64)
        head = f"M{_tenths(int(tenths[0, 0]))} {_tenths(int(tenths[0, 1]))}"
        if len(run) == 1:  # a lone point still shows, as a dot
            commands.append(f"{head}h.01")
            continue
        steps = np.diff(tenths, axis=0).ravel().tolist()
        tail = " ".join(map(_TENTHS_TEXT.__getitem__, steps)).replace(" -", "-")
        commands.append(f"{head}l{tail}")
    if not commands:
        return ""
    return (
        f'<path d="{"".join(commands)}" fill="none" stroke="{item.stroke}" '
        f'stroke-width="{item.width:g}" '
        'stroke-linejoin="round" stroke-linecap="round"/>'
    )


def _text(item: Text) -> str:
    attrs = [f'x="{_num(item.x)}"', f'y="{_num(item.y)}"', f'fill="{item.fill}"']
    if item.anchor != "start":
        attrs.append(f'text-anchor="{_ANCHORS[item.anchor]}"')
    if item.size != FONT_SIZE:
        attrs.append(f'font-size="{_num(item.size)}"')
    if item.bold:
        attrs.append('font-weight="600"')
    if item.vertical:
        attrs.append(f'transform="rotate(-90 {_num(item.x)} {_num(item.y)})"')
    return f"<text {' '.join(attrs)}>{escape(item.text)}</text>"


def _image(item: Image) -> str:
    # A PNG data URI, stretched without smoothing, so cells stay sharp squares.
    data = base64.b64encode(encode_png(item.pixels)).decode("ascii")
    return (
        f'<image x="{_num(item.x)}" y="{_num(item.y)}" width="{_num(item.width)}" '
        f'height="{_num(item.height)}" preserveAspectRatio="none" '
        f'style="image-rendering:pixelated" href="data:image/png;base64,{data}"/>'
    )
