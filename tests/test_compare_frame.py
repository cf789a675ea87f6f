"""Comparing frames: a frame made again under its name keeps some rows of the previous
runs, sends them, saves them and draws each run's row at the step shown, faded."""

import numpy as np
import pytest

from livescope import Dashboard, LivePlot
from livescope._core.snapshot import pack, unpack
from livescope._core.wire import encode_runs
from livescope._picture.scene import Polylines, faint, series_color
from livescope._runs import session
from livescope._runs.session import RecordedRun, sample_run_rows

L = 40


def waves(rows=100, shift=0.0, title="waves", curves=("a", "b"), **kwargs):
    """A frame of named curves: curve a a sine moving with the step, b a constant."""
    plot = LivePlot(kind="frame", title=title, curves=list(curves), **kwargs)
    x = np.arange(L)
    for step in range(rows):
        plot.update({"a": np.sin(x / 5 + step / 10) + shift, "b": np.full(L, shift)}, step=step)
    return plot


def test_a_frame_made_again_gets_the_previous_runs_rows():
    first = waves(shift=2.0)
    rows = first.history.copy()
    first.close()
    second = waves(rows=1)
    (run,) = second._comparison.runs
    assert (run.kind, run.label, run.row_count) == ("frame", "run 1", 100)
    np.testing.assert_allclose(run.values, rows, rtol=1e-6)  # few rows: all kept
    np.testing.assert_array_equal(run.steps, np.arange(100))


def test_a_long_run_keeps_rows_sampled_evenly_by_step_with_the_last():
    steps = np.concatenate([np.arange(1000), 1000 + 10 * np.arange(1, 1001)])  # spacing changes
    values = np.tile(steps[:, None], (1, 3 * L)).astype(np.float64)
    run = RecordedRun("r", "run 1", 0.0, steps=steps.astype(float), times=np.zeros(len(steps)),
                      values=values, kind="frame")  # fmt: skip
    kept = session.compact(run)
    assert len(kept.steps) <= session.ROW_RUN_ROWS and kept.row_count == 2000
    assert kept.steps[-1] == steps[-1] and kept.steps[0] == 0
    # Evenly by step, not by row: as many rows in the second half of the steps as in the first.
    middle = (steps[0] + steps[-1]) / 2
    assert abs(np.sum(kept.steps < middle) - np.sum(kept.steps >= middle)) <= 2
    # Whole rows, each the one of its step.
    np.testing.assert_array_equal(kept.values[:, 0], kept.steps)
    assert kept.values.dtype == np.float32


def test_wide_rows_keep_fewer_within_the_byte_budget_and_the_last_always():
    wide = RecordedRun("r", "run 1", 0.0, steps=np.arange(50.0), times=np.zeros(50),
                       values=np.ones((50, 100_000)), kind="frame")  # fmt: skip
    kept = session.compact(wide)
    assert kept.nbytes <= session.ROW_RUN_BYTES and kept.steps[-1] == 49
    huge = sample_run_rows(wide, 200, 1000)  # one row is larger than the budget
    assert list(huge.steps) == [49.0]
    # Values too large for float32 stay float64, and half as many rows fit.
    large = RecordedRun("r", "run 1", 0.0, steps=np.arange(1000.0), times=np.zeros(1000),
                        values=np.full((1000, 1000), 1e300), kind="frame")  # fmt: skip
    kept = session.compact(large)
    assert kept.values.dtype == np.float64 and kept.nbytes <= session.ROW_RUN_BYTES
    assert len(kept.steps) == session.ROW_RUN_BYTES // (12 + 8 * 1000)


def test_store_given_reads_a_frame_run_from_the_run_store_with_its_rows_sampled(tmp_path):
    store = tmp_path / "runs.db"
    first = waves(rows=300, title="stored", store=store, run="first")
    rows = first.history.copy()
    first.close()
    plot = LivePlot(kind="frame", title="stored", curves=["a", "b"], store=store)
    (run,) = plot._comparison.runs
    assert (run.label, run.kind, run.row_count) == ("first", "frame", 300)
    assert len(run.steps) <= session.ROW_RUN_ROWS and run.steps[-1] == 299
    np.testing.assert_allclose(run.values, rows[run.steps.astype(int)], rtol=1e-6)
    plot.close()


def test_the_runs_message_says_each_runs_width():
    waves().close()
    plot = waves(rows=1)
    content, buffers = encode_runs(plot._comparison.runs, plot._comparison.description)
    (run,) = content["runs"]
    assert (run["width"], run["count"], run["columns"]) == (2 * L, 100, [])
    assert len(buffers[2]) == 100 * 2 * L * 4  # float32 rows


def test_the_snapshot_keeps_the_previous_runs_rows_sampled():
    waves(rows=500, params={"lr": 1}).close()
    plot = waves(rows=3, params={"lr": 2})
    snapshot = unpack(pack(plot._kind.snapshot(plot._data())))
    (run,) = snapshot.fields["runs"]
    assert (run["rows"], run["width"]) == (500, 2 * L)
    assert snapshot.fields["live_run"] == {"label": "run 2", "params": {"lr": 2}}
    steps = snapshot.arrays["run0_steps"]
    assert len(steps) <= 100 and steps[-1] == 499
    assert snapshot.arrays["run0_values"].shape == (len(steps), 2 * L)


def test_the_picture_draws_the_previous_runs_row_at_the_step_shown_faded_under_each_curve():
    waves(shift=2.0).close()
    plot = waves(rows=31)
    scene = plot._scene(600)
    strokes = [item.stroke for item in scene.items if isinstance(item, Polylines)]
    for c in range(2):
        assert strokes.index(faint(series_color(c), 0.5)) < strokes.index(series_color(c))
    # Curve b of the earlier run is its constant 2.0: inside the axes, which span it.
    assert scene.plot.y_range[1] >= 2.0
    # The earlier run's curve a at the live step (30), not at its last (99).
    (faded_a,) = [i for i in scene.items if isinstance(i, Polylines)
                  and i.stroke == faint(series_color(0), 0.5)]  # fmt: skip
    y0 = faded_a.runs[0][0][1]
    expected = scene.plot.y_px(np.array([np.sin(30 / 10) + 2.0]))[0]
    assert y0 == pytest.approx(expected, abs=0.5)
    hidden = [plot._comparison.runs[0].id]
    plot.widget.view_options = {**plot.widget.view_options, "hidden_runs": hidden}
    assert faint(series_color(0), 0.5) not in [
        item.stroke for item in plot._scene(600).items if isinstance(item, Polylines)
    ]
    # The view's compare toggle off: no run in the picture nor in a replay's frames.
    plot.widget.view_options = {**plot.widget.view_options, "hidden_runs": [], "compare": False}
    for scene in [plot._scene(600), *plot._frames(10, 600)]:
        strokes = [item.stroke for item in scene.items if isinstance(item, Polylines)]
        assert faint(series_color(0), 0.5) not in strokes


def test_replayed_frames_draw_each_runs_row_at_the_frames_step():
    # The earlier run's rows hold their own step and came every 10 steps.
    first = LivePlot(kind="frame", title="steps", curves=["a"])
    for step in range(0, 200, 10):
        first.update({"a": np.full(L, float(step))}, step=step)
    first.close()
    plot = LivePlot(kind="frame", title="steps", curves=["a"])
    plot.extend([{"a": np.zeros(L)}] * 100, steps=2 * np.arange(100))
    faded = faint(series_color(0), 0.5)
    frames = list(plot._frames(25, 600))  # rows 1, 26, 51, 76, 100: steps 0, 50, 100, 150, 198
    # The run's last row at or before the frame's step (not at the frame's row index).
    for scene, value in zip(frames, [0, 50, 100, 150, 190], strict=True):
        (run,) = [i for i in scene.items if isinstance(i, Polylines) and i.stroke == faded]
        assert run.runs[0][0][1] == pytest.approx(scene.plot.y_px(float(value)))


def test_a_run_that_starts_after_the_step_shown_draws_nothing():
    plot = LivePlot(kind="frame", title="late", curves=["a"])
    plot.update({"a": np.ones(L)}, step=500)
    plot.close()
    second = LivePlot(kind="frame", title="late", curves=["a"])
    second.update({"a": np.zeros(L)}, step=0)
    strokes = [i.stroke for i in second._scene(600).items if isinstance(i, Polylines)]
    assert faint(series_color(0), 0.5) not in strokes


def test_rows_that_carry_their_x_draw_the_runs_own_x():
    first = LivePlot(kind="frame", title="rowx", x="row")
    first.update({"x": np.linspace(10, 20, L), "y": np.ones(L)}, step=0)
    first.close()
    plot = LivePlot(kind="frame", title="rowx", x="row")
    plot.update({"x": np.linspace(0, 1, L), "y": np.zeros(L)}, step=0)
    scene = plot._scene(600)
    assert scene.plot.x_range == (0.0, 20.0)  # the axis spans the earlier run's x too


def test_the_view_may_hide_runs_and_toggle_comparing():
    plot = waves(rows=2)
    options = {**plot.widget.view_options, "hidden_runs": ["abc"], "compare": False}
    plot.widget.set_state({"view_options": options})
    assert plot.widget.view_options["hidden_runs"] == ["abc"]
    assert plot.widget.view_options["compare"] is False
    faceted = LivePlot(kind="frame", facet=2)  # draws no runs: takes no option from a view
    before = dict(faceted.widget.view_options)
    faceted.widget.set_state({"view_options": {**before, "compare": False}})
    assert faceted.widget.view_options == before


def test_a_faceted_frame_refuses_compare_and_says_why():
    with pytest.raises(ValueError, match=r"split into facet panels.*curves= to compare"):
        LivePlot(kind="frame", title="x", facet=2, compare=1)
    plot = LivePlot(kind="frame", title="x", facet=2)  # compares with nothing by default
    assert plot._comparison.count == 0


def test_in_a_compared_dashboard_a_frame_panel_compares_and_a_faceted_one_does_not():
    def cell(shift):
        d = Dashboard(
            {
                "curves": LivePlot(kind="frame", curves=["a"]),
                "panels": LivePlot(kind="frame", facet=2),
            },
            title="board",
            compare=2,
        )
        d["curves"].update({"a": np.full(L, shift)}, step=0)
        d["panels"].update(np.full((2, L), shift), step=0)
        return d

    cell(1.0).close()
    second = cell(0.0)
    (run,) = second["curves"]._comparison.runs
    assert run.kind == "frame"
    assert second["panels"]._comparison.runs == ()
