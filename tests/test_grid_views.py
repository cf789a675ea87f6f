"""kind="frame", "heatmap" and "waterfall": their options, rows, what they send, from_history."""

import numpy as np
import pytest
from front_end import send_from_browser
from wire_decode import replay

from livescope import LivePlot

# ----- options ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"kind": "frame", "x": [0, 1, np.nan]}, ValueError, "x must hold finite numbers"),
        ({"kind": "frame", "x": [[0, 1], [2, 3]]}, ValueError, "x must be 1-D.*got shape 2x2"),
        ({"kind": "frame", "x": []}, ValueError, "x must be 1-D.*got shape 0"),
        ({"kind": "frame", "x": 3.0}, ValueError, "x must be 1-D.*got shape scalar"),
        ({"kind": "frame", "x": ["a", "b"]}, TypeError, "x must be an array of real numbers"),
        ({"kind": "frame", "x": [0, 2, 1]}, ValueError, "x must be strictly increasing"),
        (
            {"kind": "frame", "x": [0, 1], "curves": 1, "columns": 3},
            ValueError,
            "columns=3 does not match",
        ),
        ({"kind": "frame", "ylim": (1, 0)}, ValueError, r"ylim must be \(lo, hi\) with lo < hi"),
        ({"kind": "frame", "ylim": 1.0}, TypeError, r"ylim must be a pair \(lo, hi\)"),
        ({"kind": "frame", "ylim": (0, np.inf)}, ValueError, r"ylim\[1\] must be a finite"),
        ({"kind": "frame", "columns": ["a", "b"]}, TypeError, "takes no column names"),
        ({"kind": "frame", "facet": 0}, ValueError, "facet must be between 1 and 1024; got 0"),
        ({"kind": "frame", "facet": 2.0}, TypeError, "facet must be a number of panels"),
        ({"kind": "frame", "shape": (2, 2)}, TypeError, "unexpected keyword argument 'shape'"),
        ({"kind": "heatmap"}, TypeError, r"needs shape=\(rows, cols\)"),
        ({"kind": "heatmap", "shape": 4}, TypeError, "shape must be a pair of integers"),
        ({"kind": "heatmap", "shape": (2, 0)}, ValueError, "both at least 1"),
        ({"kind": "heatmap", "shape": (2.0, 2)}, TypeError, "shape must be a pair of integers"),
        (
            {"kind": "heatmap", "shape": (2, 2), "colormap": "jet"},
            ValueError,
            r"colormap must be one of viridis, magma, .*, RdBu, .*; got 'jet'",
        ),
        ({"kind": "heatmap", "shape": (2, 2), "vmin": 1, "vmax": 1}, ValueError, "vmin must be"),
        ({"kind": "heatmap", "shape": (2, 2), "vmin": "0"}, TypeError, "vmin must be a number"),
        ({"kind": "heatmap", "shape": (2, 2), "vmax": np.nan}, ValueError, "vmax must be a fin"),
        ({"kind": "heatmap", "shape": (2, 3), "row_labels": ["a"]}, ValueError, "2 labels"),
        ({"kind": "heatmap", "shape": (2, 3), "col_labels": "abc"}, TypeError, "list of 3"),
        ({"kind": "heatmap", "shape": (1, 1), "row_labels": [None]}, TypeError, "strings or"),
        ({"kind": "heatmap", "shape": (2, 2), "annotate": "yes"}, ValueError, "annotate must"),
        ({"kind": "heatmap", "shape": (2, 2), "columns": 5}, ValueError, "does not match the 4"),
        ({"kind": "waterfall", "colormap": None}, ValueError, "colormap must be one of"),
        ({"kind": "waterfall", "vmin": 2, "vmax": 1}, ValueError, "vmin=2, vmax=1"),
        ({"kind": "waterfall", "x": [1, 2]}, TypeError, "unexpected keyword argument 'x'"),
    ],
)
def test_bad_view_options_are_rejected(kwargs, error, message):
    with pytest.raises(error, match=message):
        LivePlot(**kwargs)


def test_options_reach_the_front_end_as_validated():
    w = LivePlot(
        kind="heatmap",
        shape=(2, 3),
        colormap="magma",
        vmin=-1,
        row_labels=["in", "out"],
        col_labels=[1, 2.5, np.int64(3)],
    )
    assert w._widget.view_options == {
        "shape": [2, 3],
        "colormap": "magma",
        "vmin": -1.0,
        "vmax": None,
        "vcenter": None,
        "row_labels": ["in", "out"],
        "col_labels": ["1", "2.5", "3"],
        "annotate": None,
        "colorbar_label": None,
    }
    f = LivePlot(kind="frame", x=np.linspace(0, 1, 3), ylim=(-1, 1))
    assert f._widget.view_options == {
        "x": [0.0, 0.5, 1.0],
        "xlim": None,
        "ylim": [-1.0, 1.0],
        "facet": 1,
        "curves": None,
        "markers": False,
    }
    assert LivePlot(kind="waterfall")._widget.view_options == {
        "colormap": "viridis",
        "vmin": None,
        "vmax": None,
    }


# ----- rows --------------------------------------------------------------------


def test_kinds_without_names_keep_no_column_names():
    w = LivePlot(kind="heatmap", shape=(256, 256))
    assert w.columns == ()
    assert w._widget.columns == []
    assert w.history.shape == (0, 65536)
    f = LivePlot(kind="frame")
    f.update(np.arange(5.0))
    assert (f.columns, f._widget.columns, f.history.shape) == ((), [], (1, 5))


def test_heatmap_takes_frames_or_flat_rows():
    w = LivePlot(kind="heatmap", shape=(2, 3))
    w.update([[1, 2, 3], [4, 5, 6]])
    w.update(np.arange(6.0))
    w.extend(np.zeros((2, 2, 3)), steps=[5, 6])
    w.extend(np.ones((1, 6)))
    np.testing.assert_array_equal(w.history[0], [1, 2, 3, 4, 5, 6])
    np.testing.assert_array_equal(w.history[1], np.arange(6.0))
    assert w.history.shape == (5, 6)
    np.testing.assert_array_equal(w.steps, [0, 1, 5, 6, 7])


@pytest.mark.parametrize(
    ("row", "error", "message"),
    [
        (
            np.ones((3, 2)),
            ValueError,
            r"2 x 3 array \(shape=\(2, 3\)\) or 6 values; got shape 3x2",
        ),
        (np.ones(5), ValueError, "or 6 values; got shape 5"),
        (1.0, ValueError, "got float 1.0"),
        ([[1, 2, 3], [4, 5]], ValueError, "rectangular"),
        (["a", 1, 1, 1, 1, 1], TypeError, "value 0 must be a real number; got str 'a'"),
    ],
)
def test_heatmap_rows_that_do_not_match_shape_are_rejected(row, error, message):
    w = LivePlot(kind="heatmap", shape=(2, 3))
    w.update(np.zeros(6))
    with pytest.raises(error, match=message):
        w.update(row)
    assert len(w) == 1


def test_heatmap_extend_names_shape_when_it_does_not_match():
    w = LivePlot(kind="heatmap", shape=(2, 3))
    with pytest.raises(ValueError, match=r"K x 2 x 3 array \(shape=\(2, 3\)\) or K x 6"):
        w.extend(np.ones((4, 3, 2)))
    assert len(w) == 0


@pytest.mark.parametrize("kind", ["frame", "waterfall"])
def test_rows_of_position_values_keep_their_first_length(kind):
    w = LivePlot(kind=kind)
    w.update([1.0, None, np.inf])
    np.testing.assert_array_equal(w.history, [[1.0, np.nan, np.inf]])
    with pytest.raises(ValueError, match="row must be 1-D with 3 values; got shape 4"):
        w.update([1, 2, 3, 4])
    with pytest.raises(TypeError, match="value 1 must be a real number; got str 'b'"):
        w.update([1, "b", 3])
    if kind == "waterfall":
        with pytest.raises(TypeError, match="a sequence or array of numbers; got dict"):
            w.update({"a": 1})
    else:  # a frame's dict rows name curves, which the first row (an array) did not
        with pytest.raises(ValueError, match="row is a dict, but this frame draws one unnamed"):
            w.update({"a": 1})
    with pytest.raises(ValueError, match=r"rows must be a K x 3 array; got shape 2x2"):
        w.extend(np.ones((2, 2)))
    assert len(w) == 1


def test_frame_facets_take_one_row_per_panel_or_a_flat_row():
    w = LivePlot(kind="frame", facet=3)
    w.update(np.arange(6.0).reshape(3, 2))
    w.update(np.arange(6.0))
    w.extend(np.zeros((2, 3, 2)))
    w.extend(np.ones((1, 6)))
    assert w.history.shape == (5, 6)
    np.testing.assert_array_equal(w.history[0], np.arange(6.0))
    with pytest.raises(ValueError, match=r"facet=3 must be a 3 x L array.*got shape 2x3"):
        w.update(np.ones((2, 3)))
    with pytest.raises(ValueError, match="or a multiple of 3 values; got shape 4"):
        w.update(np.ones(4))
    with pytest.raises(ValueError, match=r"K x 3 x L array.*got shape 2x2x3"):
        w.extend(np.ones((2, 2, 3)))
    assert len(w) == 5
    # With x, x gives one panel's positions: M is facet * len(x).
    assert LivePlot(kind="frame", facet=2, x=[0, 1, 2]).history.shape == (0, 6)


def test_frame_width_comes_from_x():
    w = LivePlot(kind="frame", x=[0.0, 0.5, 2.0])
    with pytest.raises(ValueError, match="row must have 3 values, one per x; got shape 2"):
        w.update([1, 2])
    with pytest.raises(ValueError, match=r"rows must be a K x 3 array, one value per x"):
        w.extend(np.ones((2, 4)))
    assert len(w) == 0
    w.update([1, 2, 3])
    assert w.history.shape == (1, 3)
    # The curves' count fixes the width before any row: curves x len(x).
    assert LivePlot(kind="frame", x=[0, 1, 2], curves=["a", "b"]).history.shape == (0, 6)


def test_a_columns_count_that_x_does_not_divide_is_refused_at_the_first_row():
    w = LivePlot(kind="frame", x=[0, 1], columns=3)
    with pytest.raises(ValueError, match=r"columns=3 does not match x: each curve has 2 values"):
        w.update([1, 2])
    assert len(w) == 0


def test_the_first_row_of_a_frame_must_have_values():
    w = LivePlot(kind="frame")
    with pytest.raises(ValueError, match="at least one value; got shape 0"):
        w.update([])
    w.update(7.0)  # one value is a frame of one
    assert w.history.shape == (1, 1)


# ----- what is sent ---------------------------------------------------------------


def test_a_heatmap_sends_only_new_rows_as_flat_binary_rows(front_end):
    w = LivePlot(kind="heatmap", shape=(2, 3), max_fps=120)
    for i in range(50):
        w.update(np.full((2, 3), i, dtype=np.float64))
    front_end.wait_for(lambda: front_end.rows_held() == 50)
    starts = [c["start"] for c, _ in front_end.messages]
    counts = [c["count"] for c, _ in front_end.messages]
    assert starts == list(np.cumsum([0, *counts[:-1]])), "a row was sent twice"
    assert {c["columns"] for c, _ in front_end.messages} == {6}
    _, steps, values = replay(front_end.messages)
    np.testing.assert_array_equal(values, w.history)
    np.testing.assert_array_equal(values[7], np.full(6, 7.0))
    np.testing.assert_array_equal(steps, np.arange(50))


def test_from_history_sends_rows_only_when_a_view_asks(front_end):
    matrix = np.random.default_rng(1).normal(size=(40, 16))
    w = LivePlot.from_history(matrix, steps=np.arange(40) * 10, title="recorded")
    assert front_end.messages == []
    assert (w.kind, w._widget.replay_start) == ("frame", "first")
    assert "history" not in w._widget.trait_values()
    send_from_browser(w, {"type": "sync", "generation": 0, "from": 0})
    _, steps, values = replay(front_end.messages)
    np.testing.assert_array_equal(values, matrix)
    np.testing.assert_array_equal(steps, np.arange(40) * 10)
    # Later rows stream as usual.
    w.update(np.zeros(16))
    front_end.wait_for(lambda: front_end.rows_held() == 41)
    assert front_end.messages[-1][0]["start"] == 40


def test_from_history_takes_any_kind_and_validates_its_input():
    frames = np.arange(3 * 4 * 5.0).reshape(3, 4, 5)
    w = LivePlot.from_history(frames, kind="heatmap", shape=(4, 5), colormap="greys")
    np.testing.assert_array_equal(w.history, frames.reshape(3, 20))
    assert w._widget.view_options["colormap"] == "greys"
    with pytest.raises(ValueError, match="history must be an N x M matrix, one row per step"):
        LivePlot.from_history(np.ones(5))
    with pytest.raises(ValueError, match=r"steps must have one value per row \(3\)"):
        LivePlot.from_history(np.ones((3, 2)), steps=[0, 1])
    with pytest.raises(ValueError, match="steps must not decrease"):
        LivePlot.from_history(np.ones((3, 2)), steps=[0, 2, 1])
    with pytest.raises(TypeError, match="unexpected keyword argument 'shape'"):
        LivePlot.from_history(np.ones((3, 2)), shape=(1, 2))
    assert LivePlot.from_history(np.ones((3, 2)), kind="lines").columns == ("0", "1")


def test_live_plots_open_following_the_latest_row():
    assert LivePlot(kind="waterfall")._widget.replay_start == "latest"


@pytest.mark.parametrize(
    ("history", "kwargs", "message"),
    [
        ([[1, 2], [3]], {}, "history must be a rectangular array of numbers"),
        (np.ones((2, 2, 2)), {}, "history must be a K x M array; got shape 2x2x2"),
        (np.ones((0, 3)), {}, "history must be an N x M matrix.*got shape 0x3"),
        ([], {}, "history must be an N x M matrix.*got shape 0"),
    ],
)
def test_from_history_errors_name_history(history, kwargs, message):
    with pytest.raises(ValueError, match=message):
        LivePlot.from_history(history, **kwargs)


@pytest.mark.parametrize(
    ("x", "message"),
    [
        ([0, 2, 1], r"x must be strictly increasing; got x\[2\] = 1 after x\[1\] = 2"),
        ([0, 1, 1], r"got x\[2\] = 1 after x\[1\] = 1"),
        ([0, np.nan], r"x must hold finite numbers; got x\[1\] = nan"),
    ],
)
def test_frame_x_errors_name_the_values(x, message):
    with pytest.raises(ValueError, match=message):
        LivePlot(kind="frame", x=x)
