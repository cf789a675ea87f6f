"""Write a Scene as a small standalone SVG document."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

import numpy as np

from ._static_scene import FONT_FAMILY, FONT_SIZE, Polylines, Rect, Scene, Text

_ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


def scene_to_svg(scene: Scene) -> str:
    """The scene as SVG text: one element per primitive, coordinates to 0.1 px."""
    w, h = scene.width, scene.height
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" font-family={quoteattr(FONT_FAMILY)} font-size="{FONT_SIZE}">',
        f'<rect width="{w}" height="{h}" fill="{scene.background}"/>',
    ]
    for item in scene.items:
        if isinstance(item, Polylines):
            parts.append(_path(item))
        elif isinstance(item, Text):
            parts.append(_text(item))
        elif isinstance(item, Rect):
            parts.append(
                f'<rect x="{_num(item.x)}" y="{_num(item.y)}" width="{_num(item.width)}" '
                f'height="{_num(item.height)}" fill="{item.fill}"/>'
            )
        else:
            raise TypeError(f"cannot draw {type(item).__name__} as SVG")
    parts.append("</svg>")
    return "\n".join(p for p in parts if p)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _path(item: Polylines) -> str:
    commands = []
    for run in item.runs:
        if len(run) == 0:
            continue
        coords = np.round(run, 1)
        head = f"M{_num(coords[0, 0])} {_num(coords[0, 1])}"
        if len(run) == 1:  # a lone point still shows, as a dot
            commands.append(f"{head}h0.01")
            continue
        tail = " ".join(f"{_num(x)} {_num(y)}" for x, y in coords[1:].tolist())
        commands.append(f"{head}L{tail}")
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
    return f"<text {' '.join(attrs)}>{escape(item.text)}</text>"
