"""kind="scatter" and kind="trajectory": what they accept, what they refuse, what they send."""

import base64

import numpy as np
import pytest
from wire_decode import decode_rows, replay

from livescope import LivePlot


def frame(k, t=0.0):
    """K points on a circle, turned by t: row i of the K x 2 array is point i."""
    angle = np.linspace(0, 2 * np.pi, k, endpoint=False) + t
    return np.column_stack([np.cos(angle), np.sin(angle)])


# ----- scatter: what update and extend accept ------------------------------------------


def test_scatter_rows_are_frames_of_k_points_flattened_to_x_y_pairs():
    w = LivePlot(kind="scatter", points=3)
    w.update(frame(3))
    w.update(frame(3, 0.5).reshape(-1))  # a flat row of 2K values is one frame too
    w.update([[1, 2], [3, None], [5, 6]])  # None is a gap, as everywhere
    assert w.history.shape == (3, 6)
    np.testing.assert_array_equal(w.history[0], frame(3).reshape(-1))
    np.testing.assert_array_equal(w.history[1], frame(3, 0.5).reshape(-1))
    np.testing.assert_array_equal(w.history[2], [1, 2, 3, np.nan, 5, 6])
    assert w.columns == ()
    assert w._widget.columns == []


def test_scatter_infers_k_from_the_first_frame():
    w = LivePlot(kind="scatter")
    w.update(frame(4))
    assert w.history.shape == (1, 8)
    with pytest.raises(ValueError, match=r"K x 2 array \(K=4\).*got shape 5x2"):
        w.update(frame(5))
    assert len(w) == 1


def test_scatter_extend_takes_n_frames():
    w = LivePlot(kind="scatter")
    frames = np.stack([frame(5, t) for t in range(3)])
    w.extend(frames, steps=[0, 10, 20])
    w.extend(frames.reshape(3, 10))  # N flat rows of 2K values
    assert w.history.shape == (6, 10)
    np.testing.assert_array_equal(w.history[:3], frames.reshape(3, 10))
    np.testing.assert_array_equal(w.steps, [0, 10, 20, 21, 22, 23])


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (
            np.ones((100, 3)),
            r"points must be a K x 2 array \(K=100\) of x, y pairs.*got shape 100x3",
        ),
        (np.ones((99, 2)), r"\(K=100\).*got shape 99x2"),
        (np.ones(201), r"got shape 201"),
        (np.ones((2, 100, 2)), r"got shape 2x100x2 \(use extend\(\) to add several frames\)"),
        (3.0, "got shape scalar"),
    ],
)
def test_scatter_update_that_is_not_k_x_2_is_refused(points, message):
    w = LivePlot(kind="scatter", points=100)
    w.update(frame(100))
    with pytest.raises(ValueError, match=message):
        w.update(points)
    assert len(w) == 1


@pytest.mark.parametrize(
    ("points", "error", "message"),
    [
        ([["a", "b"], ["c", "d"]], TypeError, "points must hold real numbers; got <U1"),
        ([[1, 2], [3, "x"]], TypeError, "points must hold real numbers"),
        ([[1, 2], [3, 1j]], TypeError, "points must hold real numbers"),
        ([[1, 2], [3]], ValueError, "rectangular"),
    ],
)
def test_scatter_points_must_be_numbers(points, error, message):
    w = LivePlot(kind="scatter")
    with pytest.raises(error, match=message):
        w.update(points)
    assert len(w) == 0


def test_scatter_extend_that_is_not_n_x_k_x_2_is_refused():
    w = LivePlot(kind="scatter", points=4)
    with pytest.raises(
        ValueError, match=r"rows must be an N x K x 2 array \(K=4\).*got shape 3x4x3"
    ):
        w.extend(np.ones((3, 4, 3)))
    with pytest.raises(ValueError, match=r"got shape 3x5x2"):
        w.extend(np.ones((3, 5, 2)))
    assert len(w) == 0


def test_scatter_rejected_first_frame_does_not_fix_k():
    w = LivePlot(kind="scatter")
    with pytest.raises(ValueError, match="got shape 3x3"):
        w.update(np.ones((3, 3)))
    w.update(frame(7))
    assert w.history.shape == (1, 14)


# ----- scatter: options -----------------------------------------------------------------


def test_scatter_options_reach_the_front_end():
    w = LivePlot(kind="scatter", points=3, colormap="magma", trail=5, paths=True, xlim=(-1, 1))
    assert w.kind == "scatter"
    assert w._widget.kind == "scatter"
    assert w._widget.view_options == {
        "points": 3,
        "colormap": "magma",
        "color": None,
        "colors": None,
        "trail": 5,
        "paths": True,
        "facet": None,
        "xlim": [-1.0, 1.0],
        "ylim": None,
        "size": None,
    }


def test_scatter_per_point_colors_travel_as_one_byte_each():
    w = LivePlot(kind="scatter", colors=[10.0, 20.0, np.nan, 15.0])
    colors = w._widget.view_options["colors"]
    assert colors["range"] == [10.0, 20.0]
    assert list(base64.b64decode(colors["levels"])) == [0, 254, 255, 127]
    # The colors fix K.
    with pytest.raises(ValueError, match=r"\(K=4\)"):
        w.update(frame(3))


def test_scatter_facets_by_count_and_by_label():
    w = LivePlot(kind="scatter", facet=4)
    assert w._widget.view_options["facet"] == {"count": 4}
    with pytest.raises(ValueError, match=r"K >= 4"):
        w.update(frame(3))
    w.update(frame(8))

    w = LivePlot(kind="scatter", facet=["cat", "dog", "cat", 7])
    facet = w._widget.view_options["facet"]
    assert facet["labels"] == ["cat", "dog", "7"]
    assert list(base64.b64decode(facet["index"])) == [0, 1, 0, 2]
    assert w._widget.view_options["points"] == 4


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"colormap": "jet"}, ValueError, "colormap must be one of viridis, .*; got 'jet'"),
        ({"colormap": 3}, ValueError, "colormap must be one of .*; got 3"),
        ({"trail": -1}, ValueError, "trail must be between 0 and 1000; got -1"),
        ({"trail": 2.5}, TypeError, "trail must be an integer; got float"),
        ({"trail": True}, TypeError, "trail must be an integer; got bool"),
        ({"paths": True}, ValueError, "needs trail >= 1"),
        ({"paths": "yes", "trail": 2}, TypeError, "paths must be True or False"),
        ({"facet": 0}, ValueError, "facet must be between 1 and 64; got 0"),
        ({"facet": 2.0}, TypeError, "facet must be a number of panels, or a sequence"),
        ({"facet": "abc"}, TypeError, "facet must be a number of panels"),
        ({"facet": []}, ValueError, "an empty sequence"),
        ({"facet": [1.5, 2.5]}, TypeError, "facet labels must be strings or integers; got float"),
        ({"facet": [str(i) for i in range(65)]}, ValueError, "at most 64 panels; got 65"),
        ({"facet": 4, "points": 3}, ValueError, r"facet=4 needs at least 4 points; points=3"),
        ({"facet": ["a", "b"], "points": 3}, ValueError, r"facet must have one entry per point"),
        ({"points": 0}, ValueError, "points must be between 1 and"),
        ({"points": "10"}, TypeError, "points must be an integer"),
        ({"colors": [1, 2], "points": 3}, ValueError, r"colors must have one entry per point"),
        ({"colors": [[1, 2]]}, ValueError, "colors must be a 1-D array"),
        ({"colors": ["a", "b"]}, TypeError, "colors must be real numbers"),
        ({"colors": [1, 2], "color": "red"}, ValueError, "pass either color="),
        ({"color": "not a colour!"}, ValueError, "color must be a CSS colour"),
        ({"xlim": (1, 0)}, ValueError, r"xlim must be \(lo, hi\) with lo < hi; got \(1, 0\)"),
        ({"ylim": (0, np.inf)}, ValueError, r"ylim\[1\] must be a finite number"),
        ({"xlim": 5}, TypeError, r"xlim must be a pair \(lo, hi\) or None"),
        ({"size": 0}, ValueError, "size must be between 0.5 and 20"),
        ({"shape": (2, 2)}, TypeError, "unexpected keyword argument 'shape'.*takes points"),
        ({"columns": ["a"]}, TypeError, "takes no columns argument"),
    ],
)
def test_bad_scatter_options_are_refused(kwargs, error, message):
    with pytest.raises(error, match=message):
        LivePlot(kind="scatter", **kwargs)


# ----- scatter: what is sent ----------------------------------------------------------


def test_scatter_sends_flat_frames_and_only_new_ones(front_end):
    w = LivePlot(kind="scatter", points=2, max_fps=1)
    w.update([[1, 2], [3, 4]], step=5)
    content, buffers = front_end.messages[0]
    assert (content["start"], content["count"], content["columns"]) == (0, 1, 4)
    steps, _, values = decode_rows(content, buffers)
    np.testing.assert_array_equal(values, [[1, 2, 3, 4]])
    np.testing.assert_array_equal(steps, [5])

    w.extend(np.arange(12).reshape(3, 2, 2))
    w._flush_pending()
    content, buffers = front_end.messages[-1]
    assert (content["start"], content["count"]) == (1, 3)
    np.testing.assert_array_equal(decode_rows(content, buffers)[2], np.arange(12).reshape(3, 4))
    assert sum(c["count"] for c, _ in front_end.messages) == len(w)


def test_a_scatter_loop_sends_every_frame_once(front_end):
    w = LivePlot(kind="scatter", max_fps=60, dtype="float32")
    for t in range(300):
        w.update(frame(50, t / 10))
    front_end.wait_for(lambda: front_end.rows_held() == 300)
    _, steps, values = replay(front_end.messages)
    assert front_end.messages[0][0]["dtype"] == "float32"
    np.testing.assert_array_equal(values, w.history)
    np.testing.assert_array_equal(steps, np.arange(300))


# ----- trajectory -----------------------------------------------------------------------


def test_trajectory_rows_are_x_y_points():
    w = LivePlot(kind="trajectory")
    assert w.columns == ("x", "y")
    assert w._widget.columns == ["x", "y"]
    w.update([1.0, 2.0])
    w.update({"y": 4.0, "x": 3.0})
    w.extend(np.array([[5.0, 6.0], [7.0, np.nan]]))
    np.testing.assert_array_equal(w.history, [[1, 2], [3, 4], [5, 6], [7, np.nan]])
    assert w._widget.view_options == {"xlim": None, "ylim": None, "color": None}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ([1.0, 2.0, 3.0], r"row must be 1-D with 2 values, one per column \['x', 'y'\]"),
        ([[1.0, 2.0]], r"got shape 1x2 \(use extend\(\)"),
    ],
)
def test_trajectory_refuses_rows_that_are_not_one_point(row, message):
    w = LivePlot(kind="trajectory")
    with pytest.raises(ValueError, match=message):
        w.update(row)
    assert len(w) == 0


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"columns": ["a", "b"]}, TypeError, "takes no columns argument"),
        ({"trail": 3}, TypeError, "unexpected keyword argument 'trail'; that kind takes xlim"),
        ({"ylim": (2, 2)}, ValueError, r"ylim must be \(lo, hi\) with lo < hi"),
        ({"color": 5}, ValueError, "color must be a CSS colour"),
    ],
)
def test_bad_trajectory_options_are_refused(kwargs, error, message):
    with pytest.raises(error, match=message):
        LivePlot(kind="trajectory", **kwargs)


def test_trajectory_sends_only_new_points(front_end):
    w = LivePlot(kind="trajectory", max_fps=120)
    for i in range(1000):
        w.update([np.cos(i / 50), np.sin(i / 50)])
    front_end.wait_for(lambda: front_end.rows_held() == 1000)
    starts = [c["start"] for c, _ in front_end.messages]
    counts = [c["count"] for c, _ in front_end.messages]
    assert starts == list(np.cumsum([0, *counts[:-1]]))
    assert {c["columns"] for c, _ in front_end.messages} == {2}
    np.testing.assert_array_equal(replay(front_end.messages)[2], w.history)
