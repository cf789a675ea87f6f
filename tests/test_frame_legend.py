"""A frame's curves hidden from its legend, and its fixed x range (`xlim`): the options the
view may write, the picture, the snapshot and the exports."""

import numpy as np
import pytest
from test_front_end_state import update_from_front_end

from livescope import LivePlot
from livescope._core.snapshot import pack, unpack
from livescope._picture.scene import GRID, MUTED, PALETTE, Polylines, Rect, faint, series_color

L = 5


def two_curves(**kwargs):
    """Curve "small" in [0, 1] and curve "big" in [0, 100], over x 0..4."""
    w = LivePlot(kind="frame", curves=["small", "big"], **kwargs)
    w.update({"small": np.linspace(0, 1, L), "big": np.linspace(0, 100, L)})
    return w


def hide(w, *names):
    assert (
        update_from_front_end(
            w.widget, {"view_options": {**w.widget.view_options, "hidden": list(names)}}
        )
        == []
    )


def strokes(scene):
    """The curves' colours, live and faded (the axes' grid left out)."""
    return [i.stroke for i in scene.items if isinstance(i, Polylines) and i.stroke != GRID]


# ----- xlim ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("xlim", "error", "message"),
    [
        (5, TypeError, r"xlim must be a pair \(lo, hi\) or None \(automatic\); got 5"),
        ((1, 2, 3), TypeError, r"xlim must be a pair \(lo, hi\).*got \(1, 2, 3\)"),
        ("ab", TypeError, r"xlim must be a pair \(lo, hi\).*got 'ab'"),
        ((2, 1), ValueError, r"xlim must be \(lo, hi\) with lo < hi; got \(2, 1\)"),
        ((1, 1), ValueError, r"xlim must be \(lo, hi\) with lo < hi; got \(1, 1\)"),
        ((0, np.inf), ValueError, r"xlim\[1\] must be a finite number; got inf"),
        ((np.nan, 1), ValueError, r"xlim\[0\] must be a finite number; got nan"),
        ((None, 1), TypeError, r"xlim\[0\] must be a finite number; got NoneType None"),
        (("a", 1), TypeError, r"xlim\[0\] must be a finite number; got str 'a'"),
    ],
)
def test_a_bad_xlim_names_the_argument_what_it_expects_and_what_came(xlim, error, message):
    with pytest.raises(error, match=message):
        LivePlot(kind="frame", xlim=xlim)


def test_xlim_fixes_the_x_axis_of_the_picture_and_of_every_gif_frame():
    w = two_curves(xlim=(np.float32(-1), 10))
    assert w.widget.view_options["xlim"] == [-1.0, 10.0]
    assert w._scene(600).plot.x_range == (-1.0, 10.0)
    assert LivePlot(kind="frame", x="row", xlim=[2, 3])._scene(600).plot.x_range == (2.0, 3.0)
    rows = LivePlot(kind="frame", x="row", xlim=(0, 1))
    for t in range(3):
        rows.update({"x": [t, t + 5.0], "y": [0.0, 1.0]})
    frames = list(rows._kind.frames(rows._data(), 1, 600))
    assert {frame.plot.x_range for frame in frames} == {(0.0, 1.0)}


def test_xlim_none_is_automatic():
    w = LivePlot(kind="frame", x=[10.0, 20.0], xlim=None)
    w.update([1.0, 2.0])
    assert w.widget.view_options["xlim"] is None
    assert w._scene(600).plot.x_range == (10.0, 20.0)


def test_xlim_goes_into_a_saved_page(tmp_path):
    w = two_curves(xlim=(-1, 10))
    path = tmp_path / "frame.html"
    w.save_html(path)
    assert '"xlim":[-1.0,10.0]' in path.read_text().replace(" ", "")


# ----- curves hidden from the legend --------------------------------------------------


def test_the_view_may_hide_curves_by_name_and_nothing_else():
    w = two_curves()
    hide(w, "big")
    assert w.widget.view_options["hidden"] == ["big"]
    assert w._data().options["hidden"] == ["big"]  # what pictures and exports draw
    before = w.widget.get_state()["view_options"]
    for bad in ("big", [1], None):
        state = {"view_options": {**before, "hidden": bad}}
        assert update_from_front_end(w.widget, state) == ["view_options"]
    assert update_from_front_end(w.widget, {"view_options": {**before, "xlim": [3, 1]}}) == [
        "view_options"
    ]
    assert w.widget.view_options == before


def test_a_hidden_curve_is_left_out_of_the_picture_muted_in_its_legend_and_its_y_range():
    w = two_curves()
    assert w._scene(600).plot.y_range[1] > 100
    hide(w, "big")
    scene = w._scene(600)
    assert strokes(scene) == [PALETTE[0]]
    swatches = [item.fill for item in scene.items if isinstance(item, Rect) and item.height == 3]
    assert swatches == [PALETTE[0], MUTED]
    lo, hi = scene.plot.y_range
    assert lo == pytest.approx(-0.05) and hi == pytest.approx(1.05)  # "small" alone, 5 % margins
    hide(w, "small", "big")
    assert strokes(w._scene(600)) == []
    assert w._scene(600).plot.y_range == (0.0, 1.0)  # nothing shown: as before any row
    hide(w)
    assert strokes(w._scene(600)) == [PALETTE[0], PALETTE[1]]


def test_a_hidden_curve_is_hidden_in_the_previous_runs_too():
    first = LivePlot(kind="frame", title="hide", curves=["a", "b"])
    first.update({"a": np.zeros(L), "b": np.full(L, 50.0)}, step=0)
    first.close()
    w = LivePlot(kind="frame", title="hide", curves=["a", "b"])
    w.update({"a": np.ones(L), "b": np.ones(L)}, step=0)
    assert w._scene(600).plot.y_range[1] > 50
    hide(w, "b")
    scene = w._scene(600)
    assert faint(series_color(1), 0.5) not in strokes(scene)
    assert faint(series_color(0), 0.5) in strokes(scene)
    assert scene.plot.y_range[1] < 2


def test_the_snapshot_keeps_each_curve_s_extent():
    w = two_curves()
    w.update({"small": np.full(L, np.nan), "big": np.full(L, -3.0)})
    fields = unpack(pack(w._kind.snapshot(w._data(), 1))).fields
    assert fields["curve_ranges"] == [[0.0, 1.0], [-3.0, 100.0]]
    one = LivePlot(kind="frame")
    one.update([1.0, 2.0])
    assert "curve_ranges" not in one._kind.snapshot(one._data(), 1).fields
