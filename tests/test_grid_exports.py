"""Heatmaps, waterfalls and frames outliving the kernel: snapshots, pictures, files.

Kernel-free: the snapshot's rows, size and value extent; the scenes as SVG
and PNG with the front end's colormaps; GIF frames against the history.
"""

import base64
import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from livescope import LivePlot
from livescope._core.snapshot import pack, unpack
from livescope._kinds.grid_snapshot import BUDGET_BYTES, FRAMES, WATERFALL_ROWS
from livescope._picture.grid_colors import color_indices, colormap_lut, resolve_limits
from livescope._picture.png import encode_png
from livescope._picture.scene import PALETTE, Text
from livescope._picture.scene import Image as ImageItem
from livescope._picture.svg import scene_to_svg

PIL = pytest.importorskip("PIL.Image")
ROOT = Path(__file__).resolve().parents[1]


def heatmap(n=50, shape=(4, 3), **kwargs):
    w = LivePlot(kind="heatmap", shape=shape, **kwargs)
    rows, cols = shape
    frames = np.arange(n * rows * cols, dtype=np.float64).reshape(n, rows, cols)
    w.extend(frames)
    return w


def snapshot_of(w, *args):
    return unpack(pack(w._kind.snapshot(w._data(), *args)))


def scene_of(w, width=800):
    return w._kind.scene(w._data(), width)


def rgb_at(image, x, y):
    return tuple(image.convert("RGB").getpixel((round(x), round(y))))


def lut_colour(name, value, lo, hi):
    return tuple(int(c) for c in colormap_lut(name)[int(color_indices(np.array(value), lo, hi))])


def svg_images(svg):
    """The PNG data URIs of an SVG's <image> elements, decoded by Pillow."""
    found = re.findall(r'<image [^>]*href="data:image/png;base64,([^"]+)"', svg)
    return [PIL.open(io.BytesIO(base64.b64decode(data))) for data in found]


# ----- colours and PNG --------------------------------------------------------------


def test_values_map_to_colormap_levels_as_in_the_front_end():
    values = np.array([-1.0, 0.0, 0.5, 0.999, 1.0, 2.0, np.nan, np.inf])
    assert color_indices(values, 0, 1).tolist() == [0, 0, 128, 255, 255, 255, -1, -1]
    assert resolve_limits(None, None, None, None) == (0.0, 1.0)
    assert resolve_limits(2.0, 2.0, None, None) == (1.8, 2.2)
    assert resolve_limits(2.0, 5.0, None, 1.0) == (0.0, 1.0)
    assert resolve_limits(2.0, 5.0, 3.0, None) == (3.0, 5.0)


@pytest.mark.parametrize("colours", [3, 300])
@pytest.mark.parametrize("channels", [3, 4])
def test_png_round_trips_through_pillow_with_or_without_a_palette(colours, channels):
    rng = np.random.default_rng(colours)
    palette = rng.integers(0, 256, (colours, channels), dtype=np.uint8)
    if channels == 4:
        palette[0, 3] = 0
    pixels = palette[rng.permutation(np.arange(17 * 23) % colours).reshape(17, 23)]
    data = encode_png(pixels)
    with PIL.open(io.BytesIO(data)) as image:
        assert image.mode == ("P" if colours <= 256 else "RGB" if channels == 3 else "RGBA")
        got = np.asarray(image.convert("RGBA" if channels == 4 else "RGB"))
    np.testing.assert_array_equal(got, pixels)


def test_png_refuses_what_is_not_an_image():
    with pytest.raises(ValueError, match="H x W x 3 or 4"):
        encode_png(np.zeros((4, 4), np.uint8))


# ----- heatmap ----------------------------------------------------------------------


def test_a_heatmap_snapshot_keeps_100_whole_frames_spread_over_the_history_with_the_last():
    w = heatmap(n=1000)
    snap = snapshot_of(w)
    assert snap.kind == "heatmap"
    steps, values = snap.arrays["steps"], snap.arrays["values"]
    assert len(steps) == FRAMES
    assert steps[0] == 0 and steps[-1] == 999
    assert np.all(np.diff(steps) >= 9) and np.all(np.diff(steps) <= 11)  # evenly spread
    assert values.dtype == np.float32 and values.shape == (FRAMES, 12)
    np.testing.assert_array_equal(values[-1], w.history[-1])
    np.testing.assert_array_equal(values[7], w.history[int(steps[7])])
    # The extent of every value, for automatic limits: not just the frames kept.
    assert snap.fields["range"] == [0.0, 1000 * 12 - 1.0]
    assert snap.fields["non_finite"] is False
    assert snap.fields["rows"] == 1000
    assert snap.arrays["times"].dtype == np.float32


def test_large_heatmap_frames_keep_fewer_frames_within_the_byte_budget():
    w = LivePlot(kind="heatmap", shape=(256, 256), dtype="float32")
    w.extend(np.random.default_rng(0).random((40, 256, 256), dtype=np.float32))
    data = pack(w._kind.snapshot(w._data()))
    assert len(data) <= BUDGET_BYTES
    snap = unpack(data)
    assert len(snap.arrays["steps"]) == 7  # 262 KB each
    assert snap.arrays["steps"][-1] == 39
    # A frame larger than the budget alone: the last one is still kept.
    big = LivePlot(kind="heatmap", shape=(800, 800))
    big.extend(np.zeros((3, 800, 800)))
    assert snapshot_of(big).arrays["steps"].tolist() == [2.0]


def test_a_heatmap_snapshot_keeps_every_row_when_asked_and_float64_when_float32_overflows():
    w = heatmap(n=300)
    assert len(snapshot_of(w, None).arrays["steps"]) == 300
    huge = heatmap(n=3)
    huge.update(np.full((4, 3), 1e300))
    snap = snapshot_of(huge)
    assert snap.arrays["values"].dtype == np.float64
    assert snap.arrays["values"][-1, 0] == 1e300


def test_nan_frames_mark_the_snapshot_and_an_empty_heatmap_has_an_empty_one():
    w = heatmap(n=5)
    w.update(np.full((4, 3), np.nan))
    snap = snapshot_of(w)
    assert snap.fields["non_finite"] is True
    assert snap.fields["range"] == [0.0, 59.0]
    empty = snapshot_of(LivePlot(kind="heatmap", shape=(4, 3)))
    assert empty.fields["rows"] == 0 and empty.fields["range"] is None
    assert empty.arrays["values"].shape == (0, 12)


def test_the_heatmap_picture_shows_the_last_frame_in_the_colormap_with_a_colorbar():
    w = heatmap(n=10, colormap="magma", title="cells")
    w.update(np.array([[0.0, 1, 2], [3, 4, np.nan], [6, 7, 8], [9, 10, 130]]))
    scene = scene_of(w)
    texts = [item.text for item in scene.items if isinstance(item, Text)]
    assert "cells" in texts and "step 10" in texts
    assert "no data" in texts  # a NaN was received: the colorbar has the swatch
    assert {"0", "50", "100"} <= set(texts)  # colorbar ticks over 0..130 (every value)
    assert "130" in texts and "NaN" in texts  # 4 x 3 frames get their values written
    (cells,) = [
        i for i in scene.items if isinstance(i, ImageItem) and i.pixels.shape[:2] == (4, 3)
    ]
    assert tuple(cells.pixels[3, 2, :3]) == lut_colour("magma", 130, 0, 130)
    assert tuple(cells.pixels[0, 0, :3]) == lut_colour("magma", 0, 0, 130)
    assert cells.pixels[1, 2, 3] == 0  # NaN: transparent over the hatching
    svg = scene_to_svg(scene)
    decoded = [np.asarray(image.convert("RGBA")) for image in svg_images(svg)]
    assert any(np.array_equal(image, cells.pixels) for image in decoded)
    assert len(svg) < 20_000


def test_save_png_draws_the_heatmap_cells_in_their_colours(tmp_path):
    w = heatmap(n=3, shape=(2, 2), vmin=0, vmax=20, colormap="viridis")
    w.save_png(tmp_path / "heat.png", scale=2)
    area = scene_of(w).plot
    with PIL.open(tmp_path / "heat.png") as image:
        assert image.size[0] == 1600
        for r, c in [(0, 0), (1, 1)]:
            x, y = float(area.x_px(c + 0.5)) * 2, float(area.y_px(r + 0.5)) * 2
            value = w.history[-1][r * 2 + c]
            assert rgb_at(image, x, y) == lut_colour("viridis", value, 0, 20)


def test_save_gif_replays_the_heatmap_frames_on_fixed_limits(tmp_path):
    w = LivePlot(kind="heatmap", shape=(2, 2), annotate=False)
    w.extend(np.arange(30, dtype=np.float64).repeat(4).reshape(30, 2, 2))
    w.save_gif(tmp_path / "heat.gif", every=3)
    area = scene_of(w).plot
    x, y = float(area.x_px(0.5)), float(area.y_px(0.5))
    with PIL.open(tmp_path / "heat.gif") as image:
        assert image.n_frames == 11  # rows 0, 3, 6, ..., 27 and the last
        for frame, value in [(0, 0), (4, 12), (10, 29)]:
            image.seek(frame)
            want = lut_colour("viridis", value, 0, 29)
            got = rgb_at(image, x, y)
            assert max(abs(a - b) for a, b in zip(got, want, strict=True)) <= 24, (frame, got)


def test_save_html_carries_the_heatmap_snapshot(tmp_path):
    w = heatmap(n=500)
    w.save_html(tmp_path / "heat.html")
    text = (tmp_path / "heat.html").read_text(encoding="utf-8")
    found = re.search(r'"path":\["_snapshot"\],"encoding":"base64","data":"([^"]+)"', text)
    snap = unpack(base64.b64decode(found.group(1)))
    assert snap.kind == "heatmap"
    assert len(snap.arrays["steps"]) == 500  # an exported page keeps more frames


# ----- frame ------------------------------------------------------------------------


def test_a_frame_snapshot_keeps_100_curves_and_the_extent_of_every_value():
    w = LivePlot(kind="frame", x=np.linspace(0, 1, 50))
    w.extend(
        np.sin(np.arange(400)[:, None] / 30 + np.linspace(0, 6, 50)) * np.arange(400)[:, None]
    )
    snap = snapshot_of(w)
    assert snap.kind == "frame"
    assert snap.arrays["values"].shape == (FRAMES, 50)
    assert snap.arrays["steps"][-1] == 399
    np.testing.assert_allclose(snap.arrays["values"][-1], w.history[-1], rtol=1e-6)
    lo, hi = snap.fields["range"]
    assert (lo, hi) == (float(w.history.min()), float(w.history.max()))


def test_the_frame_picture_draws_the_last_curve_over_x_on_the_range_of_every_value():
    w = LivePlot(kind="frame", x=[0, 1, 2, 3], title="curve")
    w.update([0.0, 10, 5, np.nan])
    w.update([1.0, 2, 3, 4])
    scene = scene_of(w)
    texts = [item.text for item in scene.items if isinstance(item, Text)]
    assert "curve" in texts and "step 1" in texts
    area = scene.plot
    assert area.x_range == (0.0, 3.0)
    assert area.y_range == pytest.approx((-0.5, 10.5))  # 0..10 with 5 % margins
    (line,) = [i for i in scene.items if getattr(i, "stroke", None) == PALETTE[0]]
    (run,) = line.runs
    np.testing.assert_allclose(
        run, np.column_stack((area.x_px([0, 1, 2, 3]), area.y_px([1, 2, 3, 4])))
    )


def test_facet_panels_share_ylim_and_lines_beyond_it_are_clipped():
    w = LivePlot(kind="frame", facet=2, ylim=(-1, 1))
    w.update([[0.0, 5, 0], [0.0, 0.5, 0]])
    scene = scene_of(w)
    lines = [i for i in scene.items if getattr(i, "stroke", None) in PALETTE[:2]]
    assert [line.stroke for line in lines] == list(PALETTE[:2])
    top = scene.plot.top
    first, second = lines
    assert len(first.runs) == 2  # out through the top and back in
    assert min(run[:, 1].min() for run in first.runs) == pytest.approx(top)
    assert len(second.runs) == 1


def test_save_gif_replays_the_frame_curves(tmp_path):
    w = LivePlot(kind="frame", ylim=(0, 10))
    for level in range(10):
        w.update([float(level)] * 20)
    w.save_gif(tmp_path / "frame.gif", every=2)
    area = scene_of(w).plot
    x = float(area.x_px(9.5))
    with PIL.open(tmp_path / "frame.gif") as image:
        assert image.n_frames == 6  # rows 0, 2, 4, 6, 8 and 9
        for frame, level in [(0, 0), (5, 9)]:
            image.seek(frame)
            column = np.asarray(image.convert("RGB"))[:, round(x)]
            blue = np.flatnonzero((column[:, 2] > 200) & (column[:, 0] < 120))
            assert abs(blue.mean() - float(area.y_px(level))) < 2, frame


# ----- waterfall --------------------------------------------------------------------


def waterfall(n, m=64, **kwargs):
    w = LivePlot(kind="waterfall", **kwargs)
    w.extend(np.arange(n, dtype=np.float64)[:, None] + np.zeros(m))
    return w


def test_a_waterfall_snapshot_keeps_up_to_1000_rows_within_the_budget():
    snap = snapshot_of(waterfall(5000))
    assert snap.kind == "waterfall"
    steps = snap.arrays["steps"]
    assert len(steps) == WATERFALL_ROWS and steps[0] == 0 and steps[-1] == 4999
    wide = LivePlot(kind="waterfall")
    wide.extend(np.zeros((3000, 2048), np.float32))
    data = pack(wide._kind.snapshot(wide._data()))
    assert len(data) <= BUDGET_BYTES
    assert len(unpack(data).arrays["steps"]) == 243  # 8 KB a row


def test_the_waterfall_picture_bins_rows_by_their_last_value():
    w = waterfall(1000, colormap="greys")
    scene = scene_of(w)
    (image,) = [i for i in scene.items if isinstance(i, ImageItem) and i.pixels.shape[1] == 64]
    slots = image.pixels.shape[0]
    assert slots == 250  # bins of 4 rows fit the ~264 pixel rows
    # Slot s shows row 4s + 3 (its last), greys over 0..999.
    for s in (0, 100, 249):
        assert tuple(image.pixels[s, 0, :3]) == lut_colour("greys", 4 * s + 3, 0, 999)
    texts = [item.text for item in scene.items if isinstance(item, Text)]
    assert {"0", "200", "800", "step 999"} <= set(texts)


def test_save_gif_grows_the_waterfall_image(tmp_path):
    w = waterfall(40, m=8)
    w.save_gif(tmp_path / "wf.gif", every=10)
    with PIL.open(tmp_path / "wf.gif") as image:
        assert image.n_frames == 5  # rows 0, 0-10, 0-20, 0-30, all
        image.seek(0)
        first = np.asarray(image.convert("RGB"))
        image.seek(4)
        last = np.asarray(image.convert("RGB"))
    area = scene_of(w).plot  # 40 rows, one slot each
    x, y = round(float(area.x_px(4))), round(float(area.y_px(30.5)))
    # Row 30 is not painted in the first frame (10 rows, stretched over the height).
    want = lut_colour("viridis", 30, 0, 39)
    assert max(abs(int(a) - b) for a, b in zip(last[y, x], want, strict=True)) <= 24
    assert max(abs(int(a) - b) for a, b in zip(first[y, x], want, strict=True)) > 24


# ----- every grid kind ----------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [{"kind": "heatmap", "shape": (3, 2)}, {"kind": "waterfall"}, {"kind": "frame", "facet": 3}],
)
def test_empty_and_nan_only_grid_plots_still_draw_valid_pictures_and_snapshots(kwargs, tmp_path):
    w = LivePlot(**kwargs)
    ET.fromstring(w._repr_mimebundle_()[0]["image/svg+xml"])
    assert "no rows yet" in scene_to_svg(scene_of(w))
    assert snapshot_of(w).fields["rows"] == 0
    w.save_gif(tmp_path / "empty.gif")
    w.update(np.full(6, np.nan))
    ET.fromstring(w._repr_mimebundle_()[0]["image/svg+xml"])
    assert snapshot_of(w).fields["non_finite"] is True
    w.save_png(tmp_path / "nan.png")
