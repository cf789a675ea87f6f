"""A frame of several curves (`curves`, dict rows), rows carrying their x, and `markers`.

Kernel-free: the options and their errors, the rows `update` and `extend`
take, what goes over the wire and into the snapshot, and the picture.
"""

import base64
import re

import numpy as np
import pytest
from front_end import send_from_browser
from wire_decode import replay

from livescope import LivePlot
from livescope._core.snapshot import pack, unpack
from livescope._picture.scene import PALETTE, Points, Polylines, Rect, Text
from livescope._picture.svg import scene_to_svg


def sample_and_fit(t, n=40):
    """A sorted sample and the normal density fitted to it, at step `t`."""
    sample = np.sort(np.random.default_rng(t).normal(t / 10, 1 + t / 20, n))
    mu, sd = sample.mean(), sample.std()
    fit = np.exp(-0.5 * ((sample - mu) / sd) ** 2) / (sd * np.sqrt(2 * np.pi))
    return sample, fit


def scene_of(w, width=800):
    return w._kind.scene(w._data(), width)


# ----- options -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"curves": "ab"}, TypeError, "curves must be a list of names, not one string; got 'ab'"),
        ({"curves": 2.5}, TypeError, "curves must be a list of curve names or a number"),
        ({"curves": True}, TypeError, "curves must be a list of curve names or a number"),
        ({"curves": 0}, ValueError, "curves must be between 1 and 1024; got 0"),
        ({"curves": []}, ValueError, "curves must name 1 to 1024 curves; got 0"),
        ({"curves": ["a", 1]}, TypeError, "curves must hold names .str.; got int 1"),
        ({"curves": ["a", "b", "a"]}, ValueError, "curves must be unique names; repeated: a"),
        (
            {"curves": ["x", "fit"], "x": "row"},
            ValueError,
            "must not name a curve 'x' with x='row'",
        ),
        ({"x": "rows"}, ValueError, "x must be M increasing numbers or 'row'.*got 'rows'"),
        ({"markers": 1}, TypeError, "markers must be True or False; got int 1"),
        ({"markers": "yes"}, TypeError, "markers must be True or False; got str 'yes'"),
        ({"facet": 2, "curves": ["a", "b"]}, ValueError, "facet=2 and curves=.* do not combine"),
        ({"facet": 3, "x": "row"}, ValueError, "facet=3 and x='row' do not combine"),
    ],
)
def test_bad_curve_options_name_the_argument(kwargs, error, message):
    with pytest.raises(error, match=message):
        LivePlot(kind="frame", **kwargs)


def test_options_reach_the_front_end_as_validated():
    w = LivePlot(kind="frame", curves=("sample", "fit"), markers=np.bool_(True))
    assert w._widget.view_options == {
        "x": None,
        "xlim": None,
        "ylim": None,
        "facet": 1,
        "curves": ["sample", "fit"],
        "markers": True,
    }
    assert LivePlot(kind="frame", curves=3)._widget.view_options["curves"] == ["0", "1", "2"]
    assert LivePlot(kind="frame", x="row")._widget.view_options["x"] == "row"
    # curves= and x= fix the width before any row.
    assert LivePlot(kind="frame", curves=2, x=[0, 1, 2]).history.shape == (0, 6)


# ----- rows ----------------------------------------------------------------------


def test_named_curves_take_an_n_x_l_array_a_flat_row_or_a_dict_by_name():
    w = LivePlot(kind="frame", curves=["a", "b"])
    w.update([[1, 2, 3], [4, 5, 6]])
    w.update([1, 2, 3, 4, 5, 6])
    w.update({"b": [4, 5, 6], "a": [1, None, 3]})  # any order; None is a gap
    w.extend(np.zeros((2, 2, 3)))
    w.extend([{"a": [0, 0, 0], "b": [1, 1, 1]}, {"b": [2, 2, 2], "a": [3, 3, 3]}])
    assert w.history.shape == (7, 6)
    np.testing.assert_array_equal(w.history[2], [1, np.nan, 3, 4, 5, 6])
    np.testing.assert_array_equal(w.history[6], [3, 3, 3, 2, 2, 2])
    assert w.columns == ()  # curves are positions' parts, not named columns


def test_a_first_dict_row_names_the_curves():
    w = LivePlot(kind="frame", x=np.linspace(0, 1, 4))
    assert w._widget.view_options["curves"] is None
    w.update({"sample": np.ones(4), "density": np.zeros(4)})
    assert w._widget.view_options["curves"] == ["sample", "density"]
    w.update(np.ones((2, 4)))  # an array in the names' order
    assert w.history.shape == (2, 8)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"sample": np.ones(4)},
            r"row must give exactly 'sample', 'density' \(as the first row named them\); "
            r"got 'sample': missing 'density'",
        ),
        (
            {"sample": np.ones(4), "density": np.ones(4), "fit": np.ones(4)},
            r"got 'sample', 'density', 'fit': unknown 'fit'",
        ),
        (
            {"sample": np.ones(4), "dens": np.ones(4)},
            r"missing 'density'; unknown 'dens'",
        ),
        (
            {"sample": np.ones(4), "density": np.ones(5)},
            r"row\['density'\] must be 1-D with 4 values \(as the first row's\); got shape 5",
        ),
        (np.ones((3, 4)), r"row must be a 2 x 4 array, one line each for 'sample', 'density'"),
        (np.ones(6), r"row must be a 2 x 4 array.*got shape 6"),
        ({"sample": ["a"] * 4, "density": np.ones(4)}, r"row\['sample'\] must hold real numbers"),
    ],
)
def test_rows_that_change_the_curves_are_refused_and_leave_the_history(row, message):
    w = LivePlot(kind="frame")
    w.update({"sample": np.zeros(4), "density": np.zeros(4)})
    with pytest.raises((ValueError, TypeError), match=message):
        w.update(row)
    assert len(w) == 1


def test_names_given_are_held_to_and_said_to_come_from_curves():
    w = LivePlot(kind="frame", curves=["a", "b"])
    with pytest.raises(ValueError, match=r"exactly 'a', 'b' \(as curves= names them\)"):
        w.update({"a": [1.0], "c": [2.0]})
    with pytest.raises(
        ValueError, match=r"row\['b'\] must be 1-D with 2 values \(as row\['a'\]\)"
    ):
        w.update({"a": [1.0, 2.0], "b": [1.0]})
    with pytest.raises(ValueError, match=r"rows must be a K x 2 x L array"):
        w.extend(np.ones((2, 3, 4)))
    assert len(w) == 0


def test_a_frame_of_one_unnamed_curve_says_how_to_draw_several():
    w = LivePlot(kind="frame")
    with pytest.raises(ValueError, match=r"row must be 1-D, one curve.*curves=\[\.\.\.\]"):
        w.update(np.ones((2, 5)))
    w.update(np.ones(5))
    with pytest.raises(ValueError, match="row is a dict, but this frame draws one unnamed curve"):
        w.update({"a": np.ones(5)})
    assert w._widget.view_options["curves"] is None


def test_rows_carrying_their_x_take_it_first_or_by_name():
    w = LivePlot(kind="frame", x="row", curves=["fit"])
    w.update([[0, 1, 2], [5, 6, 7]])  # x, then the curve
    w.update({"fit": [1, 2, 3], "x": [0, 0, 4]})  # ties in x are fine (a sorted sample)
    w.extend(np.array([[[1, 2, 3], [0, 0, 0]]]))
    np.testing.assert_array_equal(w.history[1], [0, 0, 4, 1, 2, 3])
    assert w.history.shape == (3, 6)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"x": [0, 2, 1], "y": [1, 2, 3]},
            r"row\['x'\] must be sorted \(non-decreasing\); "
            r"got x\[2\] = 1 after x\[1\] = 2: sort the row by x first",
        ),
        (
            {"x": [0, np.nan, 1], "y": [1, 2, 3]},
            r"row\['x'\] must hold finite numbers; got x\[1\]",
        ),
        ({"x": [0, 1], "y": [1, 2, 3]}, r"row\['y'\] must be 1-D with 2 values \(as row\['x'\]\)"),
        ({"y": [1, 2, 3]}, r"row must give exactly 'x', 'y'.*missing 'x'"),
        ({"x": [0, 1, 2]}, "row must name at least one curve; got a dict of only 'x'"),
        ([[0, 2, 1], [1, 2, 3]], r"the row's x \(its first line\) must be sorted"),
        (np.ones(3), r"row must be a 2 x L array, one line each for x, then the curve"),
    ],
)
def test_a_row_s_own_x_must_be_finite_sorted_and_as_long_as_its_curves(row, message):
    w = LivePlot(kind="frame", x="row")
    with pytest.raises(ValueError, match=message):
        w.update(row)
    assert len(w) == 0


def test_extend_checks_every_row_s_x():
    w = LivePlot(kind="frame", x="row")
    rows = np.ones((3, 2, 4))
    rows[:, 0] = np.arange(4)
    rows[2, 0] = [0, 1, 3, 2]
    with pytest.raises(ValueError, match=r"the x of rows\[2\] must be sorted"):
        w.extend(rows)
    w.extend(rows[:2])
    with pytest.raises(ValueError, match=r"row must be a 2 x 4 array"):
        w.update(np.ones((2, 5)))
    assert len(w) == 2


def test_from_history_replays_curves():
    rows = np.stack([np.stack(sample_and_fit(t)) for t in range(5)])
    w = LivePlot.from_history(rows, x="row", curves=["fit"], title="fit")
    assert w.history.shape == (5, 80)
    np.testing.assert_array_equal(w.history[3, :40], sample_and_fit(3)[0])


# ----- wire and snapshot -----------------------------------------------------------


def test_curve_rows_stream_flat_and_the_learned_names_reach_the_view(front_end):
    w = LivePlot(kind="frame", x="row", max_fps=120)
    for t in range(20):
        sample, fit = sample_and_fit(t)
        w.update({"x": sample, "fit": fit})
    send_from_browser(w, {"type": "sync", "generation": 0, "from": 0})
    front_end.wait_for(lambda: front_end.rows_held() >= 20)
    _, _, values = replay(front_end.messages)
    np.testing.assert_array_equal(values, w.history)
    np.testing.assert_array_equal(values[7, :40], sample_and_fit(7)[0])
    assert {content["columns"] for content, _ in front_end.messages} == {80}
    assert w._widget.view_options["curves"] == ["fit"]
    assert w._widget.columns == []


def test_the_snapshot_ranges_span_the_curves_and_the_rows_x_apart():
    w = LivePlot(kind="frame", x="row", curves=["fit"])
    w.update([[-50.0, 0, 50], [0.1, 0.2, np.nan]])
    w.update([[-1.0, 0, 1], [0.3, 0.2, 0.1]])
    snap = unpack(pack(w._kind.snapshot(w._data(), 100)))
    assert snap.fields["range"] == pytest.approx([0.1, 0.3])
    assert snap.fields["x_range"] == [-50.0, 50.0]
    assert snap.fields["non_finite"] is True
    assert snap.arrays["values"].shape == (2, 6)
    # Without rows that carry x the snapshot is the grid kinds' (no x_range).
    plain = LivePlot(kind="frame", curves=["a", "b"])
    plain.update([[1.0, 2.0], [3.0, 4.0]])
    fields = plain._kind.snapshot(plain._data(), 100).fields
    assert fields["range"] == [1.0, 4.0] and "x_range" not in fields


def test_the_snapshot_goes_into_the_saved_state_at_cell_end(front_end):
    w = LivePlot(kind="frame", curves=["a", "b"], markers=True)
    w.update({"a": [1.0, 2.0], "b": [3.0, 4.0]})
    front_end.cell_end_hooks[0]()
    snap = unpack(w._widget._snapshot)
    assert snap.kind == "frame"
    np.testing.assert_array_equal(snap.arrays["values"], [[1, 2, 3, 4]])


# ----- the picture ---------------------------------------------------------------


def test_the_picture_draws_each_curve_in_its_colour_with_a_legend_entry():
    w = LivePlot(kind="frame", x=[0, 1, 2], curves=["sample", "density"], title="fit")
    w.update({"sample": [0.0, 1, 2], "density": [2.0, 1, 0]})
    w.update({"sample": [0.0, 4, 0], "density": [1.0, 1, 1]})
    scene = scene_of(w)
    texts = [item.text for item in scene.items if isinstance(item, Text)]
    assert {"fit", "step 1", "sample", "density"} <= set(texts)
    swatches = [item.fill for item in scene.items if isinstance(item, Rect)]
    assert PALETTE[0] in swatches and PALETTE[1] in swatches
    area = scene.plot
    assert area.y_range == pytest.approx((-0.2, 4.2))  # every curve value, 5 % margins
    lines = {i.stroke: i for i in scene.items if isinstance(i, Polylines) and i.width == 1.5}
    (sample,) = lines[PALETTE[0]].runs
    np.testing.assert_allclose(
        sample, np.column_stack((area.x_px([0, 1, 2]), area.y_px([0, 4, 0])))
    )
    (density,) = lines[PALETTE[1]].runs
    np.testing.assert_allclose(density[:, 1], area.y_px(1.0))
    assert not [i for i in scene.items if isinstance(i, Points)]  # no markers unless asked


def test_rows_own_x_place_the_curve_on_the_range_of_every_x_with_markers():
    w = LivePlot(kind="frame", x="row", markers=True, ylim=(0, 1))
    w.update({"x": [-10.0, 10.0], "fit": [0.5, 0.5]})
    w.update({"x": [-1.0, 0.0, 1.0][:2], "fit": [0.2, 2.0]})
    scene = scene_of(w)
    area = scene.plot
    assert area.x_range == (-10.0, 10.0)  # still axes: every row's x
    (points,) = [i for i in scene.items if isinstance(i, Points)]
    # The point above ylim is cut with the line; the one inside gets its marker.
    np.testing.assert_allclose(points.xy, [[area.x_px(-1.0), area.y_px(0.2)]])
    assert points.palette == (PALETTE[0],)
    svg = scene_to_svg(scene)
    assert f'stroke="{PALETTE[0]}" stroke-width="5" stroke-linecap="round"' in svg  # a dot


def test_gif_frames_share_the_x_and_y_ranges_of_the_whole_history():
    w = LivePlot(kind="frame", x="row", curves=["fit"])
    for t in range(12):
        sample, fit = sample_and_fit(t)
        w.update({"x": sample, "fit": fit})
    frames = list(w._kind.frames(w._data(), 5, 600))
    assert len(frames) == 4  # rows 0, 5, 10 and the last
    assert len({f.plot.x_range for f in frames}) == 1
    assert len({f.plot.y_range for f in frames}) == 1
    lo, hi = frames[0].plot.x_range
    assert lo == w.history[:, :40].min() and hi == w.history[:, :40].max()
    captions = [
        t.text for f in frames for t in f.items if isinstance(t, Text) and "step" in t.text
    ]
    assert captions == ["step 0", "step 5", "step 10", "step 11"]


def fitted_plot(rows):
    w = LivePlot(kind="frame", x="row", curves=["fit"], markers=True, title="fit")
    for t in range(rows):
        sample, fit = sample_and_fit(t)
        w.update({"x": sample, "fit": fit})
    return w


def test_save_png_gif_and_mp4_draw_the_curves(tmp_path):
    image = pytest.importorskip("PIL.Image")
    w = fitted_plot(12)
    w.save_png(tmp_path / "fit.png")
    with image.open(tmp_path / "fit.png") as png:
        colours = {c for _, c in png.convert("RGB").getcolors(1 << 16)}
    assert tuple(int(PALETTE[0][i : i + 2], 16) for i in (1, 3, 5)) in colours
    w.save_gif(tmp_path / "fit.gif", every=5)
    with image.open(tmp_path / "fit.gif") as gif:
        assert gif.n_frames == 4  # rows 0, 5, 10 and the last
    ffmpeg = pytest.importorskip("imageio_ffmpeg")
    w.save_mp4(tmp_path / "fit.mp4", every=5)
    assert ffmpeg.count_frames_and_secs(str(tmp_path / "fit.mp4"))[0] == 4


def test_save_html_carries_the_curves_snapshot_and_options(tmp_path):
    w = fitted_plot(3)
    w.save_html(tmp_path / "fit.html")
    text = (tmp_path / "fit.html").read_text(encoding="utf-8")
    found = re.search(r'"path":\["_snapshot"\],"encoding":"base64","data":"([^"]+)"', text)
    snap = unpack(base64.b64decode(found.group(1)))
    assert snap.kind == "frame"
    np.testing.assert_allclose(snap.arrays["values"][-1], w.history[-1], rtol=1e-6)
    assert snap.fields["x_range"] == pytest.approx(
        [w.history[:, :40].min(), w.history[:, :40].max()]
    )
    assert '"curves":["fit"]' in text and '"x":"row"' in text and '"markers":true' in text


def test_a_recorded_run_reopens_with_the_curves_its_first_row_named(tmp_path):
    path = tmp_path / "runs.db"
    w = LivePlot(kind="frame", x="row", markers=True, store=path, title="fit")
    for t in range(3):
        sample, fit = sample_and_fit(t)
        w.update({"x": sample, "fit": fit, "twice": 2 * fit})
    w.close()
    reopened = LivePlot.open(path)
    assert reopened._widget.view_options["curves"] == ["fit", "twice"]
    assert (reopened._widget.view_options["x"], reopened.history.shape) == ("row", (3, 120))
    np.testing.assert_array_equal(reopened.history[2, 40:80], sample_and_fit(2)[1])
