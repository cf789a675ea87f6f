"""Comparing trajectories: a trajectory made again under its name draws the previous
runs' paths, faded, in its picture, snapshot and front end; other kinds say why not."""

import numpy as np
import pytest

from livescope import LivePlot
from livescope._core.snapshot import pack, unpack
from livescope._picture.scene import PALETTE, Polylines, faint
from livescope._runs import session
from livescope._runs.session import session_runs


def spiral(rows=200, turns=3.0, scale=1.0, title="orbit", **kwargs):
    plot = LivePlot(kind="trajectory", title=title, **kwargs)
    t = np.linspace(0, 2 * np.pi * turns, rows)
    plot.extend(scale * np.stack([t * np.cos(t), t * np.sin(t)], axis=1))
    return plot


def test_a_trajectory_made_again_gets_the_previous_path_and_no_line_runs():
    first = spiral(scale=2.0)
    LivePlot(["loss"], title="orbit").extend([[1.0], [0.5]])  # a line plot of the same name
    second = spiral()
    (run,) = second._comparison.runs
    assert run.kind == "trajectory" and run.label == "run 1" and run.columns == ("x", "y")
    np.testing.assert_allclose(run.values, first.history, rtol=1e-6)
    # ... and a line plot of the name compares with line runs only.
    (line_run,) = LivePlot(["loss"], title="orbit")._comparison.runs
    assert line_run.kind == "lines"


def test_a_long_path_is_kept_with_its_shape_in_bounded_memory():
    plot = spiral(rows=500_000, turns=40)
    plot.close()
    (run,) = spiral()._comparison.runs
    assert run.row_count == 500_000
    assert len(run.steps) <= session.MAX_POINTS and run.nbytes <= session.RUN_BYTES
    # Points of the path itself (not a per-column envelope): each on the spiral.
    x, y = run.values[:, 0].astype(float), run.values[:, 1].astype(float)
    kept = np.isfinite(x)
    radius, angle = np.hypot(x[kept], y[kept]), np.arctan2(y[kept], x[kept])
    np.testing.assert_allclose(np.cos(radius), np.cos(angle), atol=1e-2)
    assert np.ptp(radius) > 200  # from the centre to the outer turns


def faded_points(scene):
    """The points of the previous run's path drawn in `scene` (the run before: half strength)."""
    return sum(len(run) for item in scene.items if isinstance(item, Polylines)
               and item.stroke == faint(PALETTE[0], 0.5) for run in item.runs)  # fmt: skip


def test_the_picture_draws_the_previous_path_faded_under_the_live_one():
    spiral(scale=2.0).close()
    plot = spiral()
    strokes = [item.stroke for item in plot._scene(600).items if isinstance(item, Polylines)]
    assert strokes.index(faint(PALETTE[0], 0.5)) < strokes.index(PALETTE[0])
    # The axes span the larger earlier path whole.
    assert plot._scene(600).plot.x_range[1] >= 2 * 6 * np.pi
    plot.widget.view_options = {**plot.widget.view_options, "compare": False}
    for scene in [plot._scene(600), *plot._frames(50, 600)]:  # the picture, a replay's frames
        assert faded_points(scene) == 0


def test_replayed_frames_draw_the_previous_path_up_to_each_frames_step():
    # The earlier run took every other step: by step, frame k holds half its points.
    first = LivePlot(kind="trajectory", title="orbit")
    t = np.linspace(0, 6 * np.pi, 200)
    first.extend(np.stack([t * np.cos(t), t * np.sin(t)], axis=1), steps=2 * np.arange(200))
    first.close()
    plot = spiral()
    frames = list(plot._frames(50, 600))  # rows 1, 51, 101, 151, 200: steps 0 to 199
    assert [faded_points(scene) for scene in frames] == [1, 26, 51, 76, 100]
    # The picture (the view following its latest row) draws the earlier path whole.
    assert faded_points(plot._scene(600)) == 200


def test_the_snapshot_keeps_the_previous_paths():
    spiral(scale=2.0, params={"lr": 1}).close()
    plot = spiral(params={"lr": 2})
    snapshot = unpack(pack(plot._kind.snapshot(plot._data())))
    (run,) = snapshot.fields["runs"]
    assert run["rows"] == 200 and run["columns"] == ["x", "y"]
    assert snapshot.fields["live_run"] == {"label": "run 2", "params": {"lr": 2}}
    assert snapshot.arrays["run0_values"].shape == (200, 2)


def test_the_view_may_hide_runs_and_toggle_comparing():
    plot = spiral()
    options = {**plot.widget.view_options, "hidden_runs": ["abc"], "compare": False}
    plot.widget.set_state({"view_options": options})
    assert plot.widget.view_options["hidden_runs"] == ["abc"]
    assert plot.widget.view_options["compare"] is False


@pytest.mark.parametrize(
    ("kind", "options", "why"),
    [
        ("scatter", {}, "each row is a frame of many points"),
        ("heatmap", {"shape": (2, 2)}, "put the runs side by side in a Dashboard"),
        ("waterfall", {}, "an image of the whole history"),
        ("bars", {}, "bars of two runs drawn over each other hide one another"),
    ],
)
def test_kinds_that_do_not_compare_say_why(kind, options, why):
    columns = None if kind == "scatter" else 4
    if kind == "heatmap":
        columns = None
    with pytest.raises(ValueError, match=why):
        LivePlot(columns, title="x", kind=kind, compare=1, **options)


def teardown_function():
    session_runs.clear()
