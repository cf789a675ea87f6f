"""kind="bars": rows as bars over bin edges, labels or the index; checks, snapshot, pictures.

Kernel-free.
"""

import numpy as np
import pytest

from livescope import LivePlot
from livescope._core.snapshot import pack, unpack
from livescope._picture.scene import Rect, Text

PIL = pytest.importorskip("PIL.Image")


def bars_of(scene, colour):
    return [item for item in scene.items if isinstance(item, Rect) and item.fill == colour]


def test_edges_fix_the_row_length_and_a_row_of_another_length_is_refused():
    w = LivePlot(kind="bars", edges=[0, 1, 2, 4])
    w.update([1, 2, 3])
    w.extend(np.ones((2, 3)))
    assert w.history.shape == (3, 3)
    message = r"row must have 3 values, one per bin of edges \(len\(edges\) - 1 = 3\); got shape 4"
    with pytest.raises(ValueError, match=message):
        w.update([1, 2, 3, 4])
    with pytest.raises(ValueError, match=r"rows must be a K x 3 array, each row 3 values"):
        w.extend(np.ones((2, 4)))
    assert len(w) == 3


def test_labels_fix_the_row_length_and_no_option_takes_the_first_row():
    w = LivePlot(kind="bars", labels=["a", "b"])
    with pytest.raises(ValueError, match="row must have 2 values, one per label; got shape 3"):
        w.update([1, 2, 3])
    free = LivePlot(kind="bars")
    free.update([1, 2, 3, 4])
    with pytest.raises(ValueError, match="row must be 1-D with 4 values"):
        free.update([1, 2])


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"edges": [0, 2, 1]},
            ValueError,
            r"edges must be strictly increasing; got edges\[2\] = 1",
        ),
        ({"edges": [0]}, ValueError, "edges must have at least 2 values"),
        ({"edges": [0, np.inf]}, ValueError, "edges must hold finite numbers"),
        ({"edges": [0, 1], "labels": ["a"]}, ValueError, "either edges= .* or labels="),
        ({"labels": "abc"}, TypeError, "labels must be a list of labels"),
        ({"labels": []}, ValueError, "labels must name at least one bar"),
        ({"ylim": (1, 0)}, ValueError, "ylim must be"),
        ({"bins": 3}, TypeError, r"'bins'; that kind takes edges, labels, ylim, color"),
    ],
)
def test_bad_bars_options_are_refused(kwargs, error, message):
    with pytest.raises(error, match=message):
        LivePlot(kind="bars", **kwargs)


def test_the_snapshot_keeps_rows_whole_with_the_history_extent():
    w = LivePlot(kind="bars", labels=list("abcd"))
    w.extend(np.arange(800, dtype=np.float64).reshape(200, 4))
    snapshot = unpack(pack(w._kind.snapshot(w._data())))
    assert snapshot.kind == "bars"
    assert len(snapshot.arrays["steps"]) == 100
    assert snapshot.fields["range"] == [0, 799]
    np.testing.assert_array_equal(snapshot.arrays["values"][-1], w.history[-1])


def test_the_picture_draws_a_histogram_over_its_edges(tmp_path):
    w = LivePlot(kind="bars", edges=[0, 1, 3, 6], color="#ff0000", title="hist")
    w.update([5, 10, -2])
    w.update([40, 10, 20])
    scene = w._kind.scene(w._data(), 800)
    area = scene.plot
    assert area.y_range == (-5.0, 40.0)  # every value received and 0, rounded
    rects = bars_of(scene, "#ff0000")
    assert len(rects) == 3
    first, _, last = rects
    assert first.x == pytest.approx(area.x_px(0))
    assert first.y == pytest.approx(area.y_px(40)) and first.height == pytest.approx(
        area.y_px(0) - area.y_px(40)
    )
    assert last.x == pytest.approx(area.x_px(3))
    assert "step 1" in [t.text for t in scene.items if isinstance(t, Text)]
    w.save_png(tmp_path / "bars.png")
    with PIL.open(tmp_path / "bars.png") as png:
        x, y = area.x_px(0.5), area.y_px(20)
        assert png.convert("RGB").getpixel((round(x), round(y))) == (255, 0, 0)


def test_replayed_pictures_share_the_y_range_and_labels_name_the_bars(tmp_path):
    w = LivePlot(kind="bars", labels=["low", "mid", "high"])
    w.extend(np.array([[1, 2, 3], [30, 20, 10], [5, 5, 5]], np.float64))
    scenes = list(w._kind.frames(w._data(), 1, 800))
    assert len(scenes) == 3
    assert {scene.plot.y_range for scene in scenes} == {(0.0, 30.0)}
    texts = [t.text for t in scenes[0].items if isinstance(t, Text)]
    assert {"low", "mid", "high"} <= set(texts)
    w.save_gif(tmp_path / "bars.gif", every=1)
    with PIL.open(tmp_path / "bars.gif") as gif:
        assert gif.n_frames == 3
