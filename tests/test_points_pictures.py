"""Pictures of scatter and trajectory plots: their scenes, the SVG's marker cap,
PNG and GIF painted by Pillow, and the HTML export (no kernel, no browser)."""

import base64
import json
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from livescope import LivePlot
from livescope._core.snapshot import unpack
from livescope._picture.colormaps import colormap_rgb, hex_color
from livescope._picture.points_svg import SVG_MAX_POINTS
from livescope._picture.scatter import scatter_scene
from livescope._picture.scene import BACKGROUND, MUTED, PALETTE, Points, Polylines, Scene, Text
from livescope._picture.svg import scene_to_svg
from livescope._picture.trajectory import HEAD_COLOR, SCENE_POINTS, trajectory_scene

SVG = "{http://www.w3.org/2000/svg}"


def ring(frames=12, k=40, **options):
    """K points on a circle, turning a little each frame."""
    w = LivePlot(kind="scatter", **options)
    t = np.linspace(0, 2 * np.pi, k, endpoint=False)
    w.extend(
        np.stack(
            [np.column_stack([np.cos(t + f / 10), np.sin(t + f / 10)]) for f in range(frames)]
        )
    )
    return w


def points_items(scene):
    return [item for item in scene.items if isinstance(item, Points)]


def markers_in(svg: str) -> int:
    """How many dots the SVG's point paths draw."""
    root = ET.fromstring(svg)
    return sum(p.get("d").count("h0") for p in root.iter(f"{SVG}path") if "h0" in p.get("d"))


def rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


# ----- scatter scene ---------------------------------------------------------------


def test_a_scatter_scene_is_one_colour_without_a_colormap_asked_for():
    scene = scatter_scene(ring()._data())
    (points,) = points_items(scene)
    assert {points.palette[level] for level in points.levels} == {PALETTE[0]}
    assert not any("point 0" in t.text for t in scene.items if isinstance(t, Text))


def test_a_scatter_scene_draws_the_last_frame_coloured_by_index():
    w = ring(title="ring", colormap="viridis")
    scene = scatter_scene(w._data())
    (points,) = points_items(scene)
    assert len(points.xy) == 40
    viridis = colormap_rgb("viridis")
    assert points.palette[points.levels[0]] == hex_color(viridis[0])
    assert points.palette[points.levels[-1]] == hex_color(viridis[255])
    area = scene.plot
    last = w.history[-1]
    np.testing.assert_allclose(points.xy[:, 0], area.x_px(last[0::2]))
    np.testing.assert_allclose(points.xy[:, 1], area.y_px(last[1::2]))
    texts = [t.text for t in scene.items if isinstance(t, Text)]
    assert "ring" in texts and "step 11 · 40 points" in texts
    assert "point 0" in texts and "point 39" in texts  # the colour key


def test_the_trail_fades_older_frames_and_paths_join_them():
    scene = scatter_scene(ring(trail=3, paths=True)._data())
    items = points_items(scene)
    assert [round(p.opacity, 2) for p in items] == [0.25, 0.5, 0.75, 1.0]
    paths = [i for i in scene.items if isinstance(i, Polylines) and len(i.runs[0]) == 2]
    assert sum(len(p.runs) for p in paths) >= 3 * 40  # three steps for 40 points


def test_one_colour_per_point_values_and_missing_values():
    w = ring(k=3, colors=[0.0, np.nan, 10.0], colormap="magma")
    (points,) = points_items(scatter_scene(w._data()))
    palette = [points.palette[level] for level in points.levels]
    magma = colormap_rgb("magma")
    assert palette == [hex_color(magma[0]), MUTED, hex_color(magma[255])]
    (single,) = points_items(scatter_scene(ring(k=3, color="red")._data()))
    assert {single.palette[level] for level in single.levels} == {"red"}


def test_facets_draw_one_panel_per_group_on_shared_scales():
    w = ring(k=40, facet=["a", "b"] * 20)
    scene = scatter_scene(w._data())
    texts = [t.text for t in scene.items if isinstance(t, Text)]
    assert "a" in texts and "b" in texts
    (points,) = points_items(scene)
    # Point 0 is in panel a (left), point 1 in panel b (right); one y scale for both.
    area, last = scene.plot, w.history[-1]
    assert points.xy[0, 0] == pytest.approx(area.x_px(last[0]))
    assert points.xy[1, 0] > area.left + area.width
    np.testing.assert_allclose(points.xy[:, 1], area.y_px(last[1::2]))


def test_fixed_limits_leave_points_outside_undrawn():
    w = LivePlot(kind="scatter", xlim=(0, 1), ylim=(0, 1))
    w.update([[0.5, 0.5], [2.0, 0.5], [np.nan, 0.2]])
    (points,) = points_items(scatter_scene(w._data()))
    assert len(points.xy) == 1


def test_an_empty_scatter_says_so():
    scene = scatter_scene(LivePlot(kind="scatter", points=5)._data())
    assert "no frames yet" in [t.text for t in scene.items if isinstance(t, Text)]
    assert points_items(scene) == []
    ET.fromstring(scene_to_svg(scene))


# ----- SVG --------------------------------------------------------------------------


def test_the_svg_draws_every_point_of_a_small_scatter_as_a_dot():
    svg = scene_to_svg(scatter_scene(ring()._data()))
    assert markers_in(svg) == 40
    assert "markers drawn" not in svg
    assert 'stroke-linecap="round"' in svg


def test_the_svg_of_a_100k_point_scatter_draws_at_most_5000_markers():
    w = LivePlot(kind="scatter", trail=2)
    w.extend(np.random.default_rng(1).standard_normal((3, 100_000, 2)))
    scene = scatter_scene(w._data())
    assert sum(len(p.xy) for p in points_items(scene)) > 250_000  # PNG and GIF draw them all
    svg = scene_to_svg(scene)
    assert markers_in(svg) <= SVG_MAX_POINTS
    assert len(svg) < 150_000
    assert 'stroke-linecap="square"' in svg  # markers of 2 px are squares, as the widget's
    drawn = markers_in(svg)
    assert f"{drawn:,} of 300,000 markers drawn (PNG: all)" in svg


def test_markers_on_one_spot_in_one_colour_are_drawn_once_the_latest_on_top():
    xy = np.array([[10.0, 10.0], [10.1, 10.1], [10.2, 10.0], [50.0, 50.0]] * 2000)
    levels = np.tile([0, 1, 0, 0], 2000)
    scene = Scene(100, 100, [Points(xy, levels, ("#ff0000", "#0000ff"), 4.0)])
    svg = scene_to_svg(scene)
    assert markers_in(svg) == 3  # red and blue at (10, 10), red at (50, 50)


# ----- trajectory scene --------------------------------------------------------------


def spiral(n):
    t = np.linspace(0, 200 * np.pi, n)
    return np.column_stack([np.cos(t) * (1 + t / 100), np.sin(t) * (1 + t / 100)])


def test_a_trajectory_scene_draws_its_path_and_the_head_on_the_last_point():
    w = LivePlot(kind="trajectory", title="spiral")
    w.extend(spiral(1000))
    scene = trajectory_scene(w._data())
    lines = [i for i in scene.items if isinstance(i, Polylines) and i.stroke != "#e5e7eb"]
    path = max(lines, key=lambda item: sum(len(r) for r in item.runs))
    assert sum(len(r) for r in path.runs) == 1000
    head = points_items(scene)[-1]
    assert head.palette[head.levels[0]] == HEAD_COLOR
    area = scene.plot
    assert head.xy[0].tolist() == pytest.approx(
        [area.x_px(w.history[-1, 0]), area.y_px(w.history[-1, 1])]
    )
    assert "point 1,000 of 1,000" in " ".join(t.text for t in scene.items if isinstance(t, Text))


def test_a_long_trajectory_svg_stays_small():
    w = LivePlot(kind="trajectory")
    w.extend(spiral(300_000))
    scene = trajectory_scene(w._data())
    path = max(
        (i for i in scene.items if isinstance(i, Polylines)), key=lambda i: sum(map(len, i.runs))
    )
    assert sum(len(r) for r in path.runs) <= SCENE_POINTS
    assert len(scene_to_svg(scene)) < 150_000


# ----- PNG, GIF, HTML ------------------------------------------------------------------

Image = pytest.importorskip("PIL.Image")


def frames_of(path):
    with Image.open(path) as image:
        out = []
        for i in range(getattr(image, "n_frames", 1)):
            image.seek(i)
            out.append(image.convert("RGB"))
        return out


def background(pixel):
    """The background colour, give or take the GIF palette's rounding."""
    return max(np.abs(np.subtract(pixel, rgb(BACKGROUND)))) <= 3


def test_save_png_paints_every_point_in_its_colour(tmp_path):
    w = ring(k=8, size=10)
    w.save_png(tmp_path / "ring.png")
    (image,) = frames_of(tmp_path / "ring.png")
    (points,) = points_items(scatter_scene(w._data()))
    for i in (0, 7):
        x, y = points.xy[i]
        assert image.getpixel((round(x), round(y))) == rgb(points.palette[points.levels[i]])


def test_later_points_cover_earlier_ones_in_the_png(tmp_path):
    w = LivePlot(kind="scatter", xlim=(0, 1), ylim=(0, 1), size=10, colormap="viridis")
    w.update([[0.5, 0.5], [0.51, 0.5]])  # point 1 (yellow) over point 0 (purple)
    w.save_png(tmp_path / "two.png")
    (image,) = frames_of(tmp_path / "two.png")
    (points,) = points_items(scatter_scene(w._data()))
    x, y = points.xy[:, 0].mean(), points.xy[0, 1]
    assert image.getpixel((round(x), round(y))) == rgb(hex_color(colormap_rgb("viridis")[255]))


def test_save_gif_replays_the_frames_of_a_scatter(tmp_path):
    w = LivePlot(kind="scatter", xlim=(0, 10), ylim=(0, 1), size=10)
    for f in range(10):
        w.update([[f + 0.5, 0.5]])  # one point moving right
    w.save_gif(tmp_path / "moving.gif", every=2)
    frames = frames_of(tmp_path / "moving.gif")
    area = scatter_scene(w._data()).plot
    y = round(float(area.y_px(0.5)))
    rows = [0, 2, 4, 6, 8, 9]  # from the first row, two a frame, to the last
    assert len(frames) == len(rows)
    for row, frame in zip(rows, frames, strict=True):
        shown = round(float(area.x_px(row + 0.5)))
        elsewhere = round(float(area.x_px(row + (1.5 if row < 9 else -0.5))))
        assert not background(frame.getpixel((shown, y)))
        assert background(frame.getpixel((elsewhere, y)))


def test_save_gif_grows_a_trajectory(tmp_path):
    w = LivePlot(kind="trajectory", xlim=(0, 100), ylim=(0, 1))
    w.extend(np.column_stack([np.arange(100.0), np.full(100, 0.43)]))  # off the grid lines
    w.save_gif(tmp_path / "path.gif", every=25)
    frames = frames_of(tmp_path / "path.gif")
    assert len(frames) == 5  # rows 0, 0-25, 0-50, 0-75, all
    area = trajectory_scene(w._data()).plot
    y = round(float(area.y_px(0.43)))
    x = round(float(area.x_px(62)))
    assert background(frames[2].getpixel((x, y)))  # rows 0-50
    assert not background(frames[3].getpixel((x, y)))  # rows 0-75


def test_save_html_carries_the_scatter_snapshot(tmp_path):
    w = ring(trail=2)
    w.save_html(tmp_path / "ring.html")
    text = (tmp_path / "ring.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="livescope-state">(.*?)</script>', text)
    saved = json.loads(found.group(1))
    assert saved["state"]["kind"] == "scatter"
    snapshot = unpack(base64.b64decode(saved["buffers"][0]["data"]))
    assert snapshot.kind == "scatter"
    np.testing.assert_array_equal(snapshot.arrays["values"], w.history.astype(np.float32))


def test_the_display_of_a_scatter_carries_its_picture():
    bundle, _ = ring()._repr_mimebundle_()
    assert "step 11 · 40 points" in bundle["image/svg+xml"]
    bundle, _ = LivePlot(kind="trajectory")._repr_mimebundle_()
    assert "no points yet" in bundle["image/svg+xml"]
