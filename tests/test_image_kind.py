"""kind="image": RGB(A) frames kept, sent and saved as uint8, drawn as they are.

Kernel-free: what update accepts and refuses, the bytes on the wire, the
snapshot, and the picture in SVG, PNG and GIF.
"""

import numpy as np
import pytest
from wire_decode import decode_rows, replay

from livescope import LivePlot
from livescope._core.snapshot import pack, unpack
from livescope._kinds.image import SNAPSHOT_BYTES
from livescope._picture.scene import Image

PIL = pytest.importorskip("PIL.Image")


def rgb(t, h=6, w=8):
    y, x = np.mgrid[0:h, 0:w]
    return np.stack([(x * 30 + t) % 256, (y * 40 + t) % 256, np.full_like(x, t % 256)], -1)


def test_frames_are_kept_as_uint8_and_their_shape_reaches_the_front_end():
    w = LivePlot(kind="image")
    assert w.widget.view_options == {"shape": None}
    w.update(rgb(0).astype(np.uint8))
    w.update(rgb(1) / 255.0)  # floats 0..1
    w.update(rgb(2))  # integers 0..255
    assert w.history.dtype == np.uint8
    assert w.history.shape == (3, 6 * 8 * 3)
    np.testing.assert_array_equal(w.history[1], rgb(1).reshape(-1))
    np.testing.assert_array_equal(w.history[2], rgb(2).reshape(-1))
    assert w.widget.view_options == {"shape": [6, 8, 3]}


def test_rgba_frames_and_extend():
    w = LivePlot(kind="image")
    frames = np.zeros((5, 4, 3, 4), np.uint8)
    frames[..., 3] = 255
    frames[:, 1, 2] = [10, 20, 30, 128]
    w.extend(frames)
    assert w.history.shape == (5, 48)
    assert w.widget.view_options["shape"] == [4, 3, 4]
    np.testing.assert_array_equal(w.history[4].reshape(4, 3, 4)[1, 2], [10, 20, 30, 128])


@pytest.mark.parametrize(
    ("frame", "error", "message"),
    [
        (np.zeros((6, 8)), ValueError, r"row must be an H x W x 3 \(RGB\) or H x W x 4 "),
        (np.zeros((6, 8, 2)), ValueError, "got shape 6x8x2"),
        (np.zeros((2, 6, 8, 3)), ValueError, r"use extend\(\) to add several frames"),
        (np.full((6, 8, 3), 1.5), ValueError, "row of floats must hold values from 0 to 1; got"),
        (np.full((6, 8, 3), np.nan), ValueError, "row must hold finite values"),
        (np.full((6, 8, 3), 300), ValueError, "integers must hold values from 0 to 255; got 300"),
        (np.full((6, 8, 3), "a"), TypeError, "row must hold numbers"),
    ],
)
def test_frames_that_are_not_images_are_refused(frame, error, message):
    w = LivePlot(kind="image")
    with pytest.raises(error, match=message):
        w.update(frame)
    assert len(w) == 0


def test_a_frame_of_another_shape_is_refused():
    w = LivePlot(kind="image")
    w.update(rgb(0))
    with pytest.raises(
        ValueError, match="row must keep the shape of the first image, 6 x 8 x 3; got 8 x 6 x 3"
    ):
        w.update(np.zeros((8, 6, 3)))
    with pytest.raises(ValueError, match="got 6 x 8 x 4"):
        w.update(np.zeros((6, 8, 4)))
    with pytest.raises(ValueError, match="rows must keep the shape of the first image"):
        w.extend(np.zeros((2, 6, 6, 3)))
    with pytest.raises(ValueError, match=r"rows must be an N x H x W x 3 or N x H x W x 4"):
        w.extend(rgb(0))
    assert len(w) == 1


def test_a_refused_first_frame_does_not_fix_the_shape():
    w = LivePlot(kind="image")
    with pytest.raises(ValueError, match="from 0 to 1"):
        w.update(np.full((6, 8, 3), 2.0))
    w.update(np.zeros((3, 3, 3)))
    assert w.widget.view_options["shape"] == [3, 3, 3]


def test_image_takes_only_a_shape_and_no_other_dtype():
    with pytest.raises(TypeError, match=r"kind='image'.*'cmap'"):
        LivePlot(kind="image", cmap="viridis")
    with pytest.raises(ValueError, match="keeps its rows as uint8; dtype does not apply"):
        LivePlot(kind="image", dtype="float32")


@pytest.mark.parametrize(
    "shape", [(4, 5), (4, 5, 2), (0, 5, 3), (4.0, 5, 3), "4x5x3", (True, 5, 3)]
)
def test_a_shape_that_is_no_image_shape_is_refused(shape):
    with pytest.raises(ValueError, match=r"shape must be \(H, W, C\).*3 \(RGB\) or 4"):
        LivePlot(kind="image", shape=shape)


def test_a_given_shape_is_kept_from_the_start_and_frames_may_then_come_flat():
    w = LivePlot(kind="image", shape=(2, 3, 3))
    assert w.widget.view_options["shape"] == [2, 3, 3]
    with pytest.raises(ValueError, match="must have the shape given, 2 x 3 x 3; got 3 x 2 x 3"):
        w.update(np.zeros((3, 2, 3), np.uint8))
    w.update(np.arange(18, dtype=np.uint8))  # as `history` holds a frame
    w.extend(np.ones((2, 2, 3, 3), np.uint8))
    w.extend(np.full((1, 18), 7, np.uint8))
    assert w.history.shape == (4, 18)
    np.testing.assert_array_equal(w.history[0], np.arange(18))
    assert w.history[3].tolist() == [7] * 18


def test_frames_go_to_the_front_end_as_uint8_bytes(front_end):
    w = LivePlot(kind="image", max_fps=60)
    for t in range(40):
        w.update(rgb(t))
    front_end.wait_for(lambda: front_end.rows_held() == 40)
    content, buffers = front_end.messages[0]
    assert content["dtype"] == "uint8"
    assert len(buffers[2]) == content["count"] * 6 * 8 * 3  # one byte a channel
    assert decode_rows(content, buffers)[2].dtype == np.uint8
    _, steps, values = replay(front_end.messages)
    np.testing.assert_array_equal(values, w.history)
    np.testing.assert_array_equal(steps, np.arange(40))


def test_the_snapshot_keeps_uint8_frames_within_its_budget():
    w = LivePlot(kind="image")
    w.extend(
        np.zeros((200, 64, 64, 3), np.uint8) + np.arange(200, dtype=np.uint8)[:, None, None, None]
    )
    snapshot = unpack(pack(w._kind.snapshot(w._data())))
    values = snapshot.arrays["values"]
    assert values.dtype == np.uint8
    assert values.nbytes <= SNAPSHOT_BYTES
    assert len(values) == 100
    np.testing.assert_array_equal(values[-1], w.history[-1])
    assert snapshot.arrays["steps"][-1] == 199
    every = unpack(pack(w._kind.snapshot(w._data(), None)))
    assert len(every.arrays["values"]) == 200


def test_the_picture_draws_the_pixels_as_they_are(tmp_path):
    w = LivePlot(kind="image", title="frames")
    w.extend(np.stack([rgb(t) for t in range(12)]).astype(np.uint8))
    scene = w._kind.scene(w._data(), 800)
    (image,) = [item for item in scene.items if isinstance(item, Image)]
    np.testing.assert_array_equal(image.pixels, rgb(11))
    assert image.width / 8 == image.height / 6 == int(image.width / 8)  # whole pixels
    w.save_png(tmp_path / "image.png")
    area = scene.plot
    with PIL.open(tmp_path / "image.png") as png:
        for r, c in [(0, 0), (5, 7), (3, 2)]:
            x, y = area.x_px(c + 0.5), area.y_px(r + 0.5)
            assert png.convert("RGB").getpixel((round(x), round(y))) == tuple(rgb(11)[r, c])
    w.save_gif(tmp_path / "image.gif", every=4)
    with PIL.open(tmp_path / "image.gif") as gif:
        assert gif.n_frames == 4  # rows 1, 5, 9 and all 12: a replay starts at the first row
        gif.seek(0)
        x, y = area.x_px(7.5), area.y_px(0.5)
        got = gif.convert("RGB").getpixel((round(x), round(y)))
        assert max(abs(a - b) for a, b in zip(got, rgb(0)[0, 7], strict=True)) <= 24
    assert "<image " in w._repr_mimebundle_()[0]["image/svg+xml"]


def test_an_empty_image_plot_has_a_picture():
    w = LivePlot(kind="image")
    scene = w._kind.scene(w._data(), 400)
    assert scene.height > 0 and not [i for i in scene.items if isinstance(i, Image)]
