"""kind="segments": frames of K two-point segments, their checks, wire, snapshot and pictures.

Kernel-free.
"""

import numpy as np
import pytest
from wire_decode import decode_rows

from livescope import LivePlot
from livescope._core.snapshot import pack, unpack
from livescope._picture.colormaps import colormap_rgb, hex_color
from livescope._picture.scene import Polylines, Text
from livescope._picture.segments import BUCKETS

PIL = pytest.importorskip("PIL.Image")


def field(t, n=5):
    """K = n * n arrows on a grid, turning with t."""
    y, x = np.mgrid[0:n, 0:n] / (n - 1) * 2 - 1
    a = 0.1 * t
    u, v = -y * np.cos(a) + x * np.sin(a), x * np.cos(a) + y * np.sin(a)
    start = np.stack([x.ravel(), y.ravel()], axis=-1)
    return np.stack([start, start + 0.1 * np.stack([u.ravel(), v.ravel()], -1)], axis=1)


def test_rows_are_k_segments_flattened_to_x0_y0_x1_y1():
    w = LivePlot(kind="segments")
    w.update([[[0, 0], [1, 2]], [[3, 4], [5, 6]]])
    w.extend(np.arange(16).reshape(2, 2, 2, 2))
    assert w.history.shape == (3, 8)
    np.testing.assert_array_equal(w.history[0], [0, 0, 1, 2, 3, 4, 5, 6])
    np.testing.assert_array_equal(w.history[2], np.arange(8, 16))
    assert w.columns == ()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (np.zeros((3, 2)), r"row must be a K x 2 x 2 array \(K=2\) of segments, .*got shape 3x2$"),
        (np.zeros((2, 2, 3)), "got shape 2x2x3"),
        (np.zeros((3, 2, 2)), r"\(K=2\).*got shape 3x2x2"),
        (np.zeros((4, 2, 2, 2)), r"use extend\(\) to add several frames"),
    ],
)
def test_a_row_that_is_not_k_x_2_x_2_is_refused(row, message):
    w = LivePlot(kind="segments")
    w.update(np.zeros((2, 2, 2)))
    with pytest.raises(ValueError, match=message):
        w.update(row)
    with pytest.raises(ValueError, match=r"rows must be an N x K x 2 x 2 array \(K=2\)"):
        w.extend(np.zeros((3, 2, 2)))
    assert len(w) == 1


def test_segments_must_be_numbers():
    w = LivePlot(kind="segments")
    with pytest.raises(TypeError, match="row must hold real numbers; got <U1 values"):
        w.update(np.full((2, 2, 2), "a"))


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"color_by": "speed"},
            ValueError,
            "color_by must be 'length', 'angle' or None; got 'speed'",
        ),
        ({"color_by": "length", "color": "red"}, ValueError, "either color= .* or color_by="),
        ({"colormap": "jet"}, ValueError, "colormap must be one of"),
        ({"trail": -1}, ValueError, "trail must be between 0 and 1000"),
        ({"segments": 0}, ValueError, "segments must be between 1 and"),
        ({"segments": 3, "facet": ["a", "b"]}, ValueError, r"facet must have one entry per point"),
        ({"size": 2}, TypeError, r"'size'; that kind takes segments, color_by"),
    ],
)
def test_bad_segments_options_are_refused(kwargs, error, message):
    with pytest.raises(error, match=message):
        LivePlot(kind="segments", **kwargs)


def test_options_reach_the_front_end_and_fix_k():
    w = LivePlot(kind="segments", segments=3, color_by="angle", trail=4, xlim=(0, 1))
    options = w.widget.view_options
    assert options["segments"] == 3 and options["color_by"] == "angle"
    assert options["trail"] == 4 and options["xlim"] == [0.0, 1.0]
    with pytest.raises(ValueError, match=r"\(K=3\)"):
        w.update(np.zeros((2, 2, 2)))


def test_segments_go_to_the_front_end_as_flat_frames(front_end):
    w = LivePlot(kind="segments", max_fps=1)
    w.update(field(0), step=3)
    content, buffers = front_end.messages[0]
    assert (content["count"], content["columns"], content["dtype"]) == (1, 100, "float64")
    steps, _, values = decode_rows(content, buffers)
    np.testing.assert_array_equal(values[0], field(0).reshape(-1))
    assert steps.tolist() == [3]


def test_the_snapshot_keeps_frames_as_a_scatter_does():
    w = LivePlot(kind="segments", trail=2)
    w.extend(np.stack([field(t) for t in range(300)]))
    snapshot = unpack(pack(w._kind.snapshot(w._data())))
    assert snapshot.kind == "segments"
    steps = snapshot.arrays["steps"]
    assert len(steps) == 100 and steps[-3:].tolist() == [297, 298, 299]
    np.testing.assert_allclose(snapshot.arrays["values"][-1], w.history[-1], rtol=1e-6)


def lines_of(scene):
    return [item for item in scene.items if isinstance(item, Polylines) and item.width == 1.0]


def test_the_picture_colours_segments_by_length_over_the_colormap():
    w = LivePlot(kind="segments", color_by="length", colormap="magma", title="flow")
    w.update([[[0, 0], [0, 1]], [[0, 0], [4, 0]]])  # lengths 1 and 4
    scene = w._kind.scene(w._data(), 800)
    magma = colormap_rgb("magma")
    longest = hex_color(magma[int((BUCKETS - 0.5) * 256 / BUCKETS)])
    shortest = hex_color(magma[int((BUCKETS // 4 + 0.5) * 256 / BUCKETS)])
    drawn = {item.stroke: item.runs for item in lines_of(scene)}
    assert set(drawn) >= {longest, shortest}
    (run,) = drawn[longest]
    area = scene.plot
    np.testing.assert_allclose(run, [[area.x_px(0), area.y_px(0)], [area.x_px(4), area.y_px(0)]])
    texts = [t.text for t in scene.items if isinstance(t, Text)]
    assert "step 0 · 2 segments" in texts and "length 0" in texts and "4" in texts


def test_the_picture_fades_the_trail_and_splits_facets(tmp_path):
    w = LivePlot(kind="segments", trail=2, color="#ff0000", facet=5)
    w.extend(np.stack([field(t) for t in range(6)]))
    scene = w._kind.scene(w._data(), 800)
    reds = {item.stroke for item in lines_of(scene) if item.stroke.startswith("#ff")}
    assert reds == {"#ff0000", "#ff5555", "#ffaaaa"}  # the frame and two fading ones
    titles = [t.text for t in scene.items if isinstance(t, Text) and t.text.startswith("points")]
    assert len(titles) == 5
    w.save_png(tmp_path / "segments.png")
    w.save_gif(tmp_path / "segments.gif", every=2)
    with PIL.open(tmp_path / "segments.gif") as gif:
        assert gif.n_frames == 4  # rows 1, 3, 5 and all 6: a replay starts at the first row
    with PIL.open(tmp_path / "segments.png") as png:
        r, g, b = np.moveaxis(np.asarray(png.convert("RGB"), np.int64), -1, 0)
        red = int(((r > 200) & (g < 80) & (b < 80)).sum())
        assert red > 50, "no red segments in the PNG"
    assert "<path" in w._repr_mimebundle_()[0]["image/svg+xml"]
