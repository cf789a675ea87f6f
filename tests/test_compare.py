"""Comparing runs: the kernel's registry of previous runs, what reaches the front end,
the saved snapshot and the picture."""

import gc

import numpy as np
import pytest
from front_end import send_from_browser

from livescope import LivePlot
from livescope._core.smoothing import point_weight
from livescope._core.snapshot import pack, unpack
from livescope._picture.scene import MUTED, PALETTE, Polylines, faint, series_color
from livescope._runs import session
from livescope._runs.session import session_runs


def training(title="mnist", rows=100, scale=1.0, **kwargs):
    plot = LivePlot(["loss", "acc"], title=title, **kwargs)
    k = np.arange(rows, dtype=float)
    plot.extend(np.stack([scale * np.exp(-k / 50), 1 - np.exp(-k / 50)], axis=1))
    return plot


def test_a_plot_made_again_under_its_name_gets_the_previous_run():
    first = training(scale=2.0)
    second = training()
    (run,) = second._comparison.runs
    assert run.label == "run 1" and run.columns == ("loss", "acc")
    np.testing.assert_allclose(run.values, first.history, rtol=1e-6)
    np.testing.assert_array_equal(run.steps, first.steps)
    assert second._comparison.live.label == "run 2"


def test_a_freed_plot_leaves_its_run_behind_finished():
    first = training(rows=30)
    del first
    gc.collect()
    (run,) = training()._comparison.runs
    assert (run.status, run.row_count) == ("finished", 30)


def test_compare_counts_runs_newest_first_and_zero_turns_it_off():
    for scale in (1.0, 2.0, 3.0):
        training(scale=scale).close()
    runs = training(compare=2)._comparison.runs
    assert [run.label for run in runs] == ["run 3", "run 2"]
    assert training(compare=0)._comparison.runs == ()
    assert training(compare=False)._comparison.runs == ()


def test_different_names_are_not_mixed_and_unnamed_plots_never_compare():
    training(title="mnist").close()
    assert training(title="cifar")._comparison.runs == ()
    assert training(title="cifar", name="mnist")._comparison.runs != ()
    LivePlot(["loss"]).extend([[1.0]])
    assert LivePlot(["loss"])._comparison.runs == ()


def test_a_long_run_is_kept_as_its_envelope_in_bounded_memory():
    values = np.zeros((1_000_000, 2))
    values[654_321, 0] = 9.0  # a spike the envelope keeps
    plot = LivePlot(["a", "b"], title="long")
    plot.extend(values)
    plot.close()
    (run,) = LivePlot(["a", "b"], title="long")._comparison.runs
    assert run.row_count == 1_000_000
    assert len(run.steps) <= session.MAX_POINTS
    assert run.nbytes <= session.RUN_BYTES
    assert run.values[:, 0].max() == 9.0


def test_the_registry_keeps_a_bounded_number_of_runs_and_bytes(monkeypatch):
    monkeypatch.setattr(session, "MAX_BYTES", 200_000)
    for _ in range(session.MAX_RUNS + 5):
        training(rows=5000).close()
    assert len(session_runs.previous("mnist", 100)) == session.MAX_RUNS
    for k in range(20):
        training(title=f"other {k}", rows=5000).close()
    assert session_runs.nbytes <= 200_000
    assert session_runs.previous("mnist", 100) == []  # the least recently used went first


def test_compare_is_checked_and_other_kinds_refuse_it():
    with pytest.raises(ValueError, match=r"compare must be from 0 to 10 previous runs; got 11"):
        LivePlot(["a"], title="x", compare=11)
    with pytest.raises(TypeError, match="compare must be a number of previous runs"):
        LivePlot(["a"], title="x", compare="all")
    with pytest.raises(
        ValueError,
        match=r"kind='scatter' cannot show previous runs: each row is a frame of many points.*"
        r"only kinds 'lines', 'trajectory', 'frame' can",
    ):
        LivePlot(title="x", kind="scatter", compare=1)
    LivePlot(title="x", kind="scatter")  # no comparing by default
    with pytest.raises(TypeError, match=r"params\['lr'\] must be a str, bool, int, finite float"):
        LivePlot(["a"], params={"lr": [1]})


def test_store_given_reads_runs_from_the_run_store(tmp_path):
    store = tmp_path / "runs.db"
    with LivePlot(["loss"], title="mnist", store=store, run="first") as first:
        first.extend(np.arange(3.0)[:, None])
    first.close()
    plot = LivePlot(["loss"], title="mnist", store=store, compare=2)
    (run,) = plot._comparison.runs
    assert run.label == "first" and run.id.startswith("store:")
    np.testing.assert_array_equal(run.values[:, 0], [0.0, 1.0, 2.0])
    assert (run.times >= 0).all(), "times count from the run's start, as the kernel's runs"
    plot.close()


def test_runs_go_to_the_front_end_once_per_sync_as_binary(front_end):
    training(scale=2.0).close()
    plot = training(params={"lr": 0.1})
    assert not [c for c, _ in front_end.messages if c["type"] == "runs"]  # none per row
    send_from_browser(plot, {"type": "sync", "generation": 0, "from": 0})
    ((content, buffers),) = [(c, b) for c, b in front_end.messages if c["type"] == "runs"]
    assert content["live"] == {"label": "run 2", "params": {"lr": 0.1}}
    (run,) = content["runs"]
    assert run["columns"] == ["loss", "acc"] and run["count"] == 100 and run["rows"] == 100
    steps, times, values = buffers
    np.testing.assert_array_equal(np.frombuffer(steps), np.arange(100.0))
    assert len(times) == 8 * 100
    values = np.frombuffer(values, run["dtype"]).reshape(100, 2)
    assert values[0, 0] == pytest.approx(2.0)


@pytest.mark.parametrize("rows", [10_000, 1_000_000])
def test_each_run_adds_at_most_20_kb_to_the_snapshot(rows):
    for _ in range(3):
        plot = LivePlot(["loss", "acc"], title="sized")
        plot.extend(np.random.default_rng(0).normal(size=(rows, 2)))
        plot.close()
    alone = LivePlot(["loss", "acc"], title="other", compare=3)
    compared = LivePlot(["loss", "acc"], title="sized", compare=3)
    for plot in (alone, compared):
        plot.extend(np.zeros((10, 2)))
    size = len(pack(compared._kind.snapshot(compared._data())))
    extra = size - len(pack(alone._kind.snapshot(alone._data())))
    assert extra <= 3 * 20_000
    snapshot = unpack(pack(compared._kind.snapshot(compared._data())))
    assert [run["rows"] for run in snapshot.fields["runs"]] == [rows] * 3
    assert snapshot.arrays["run0_values"].shape[1] == 2


def test_the_picture_shows_earlier_runs_faded_under_the_live_lines():
    training(scale=2.0).close()
    plot = training()
    live = [series_color(0), series_color(1)]
    faded = [faint(color, 0.5) for color in live]
    assert strokes(plot)[-4:] == faded + live
    plot.widget.view_options = {**plot.widget.view_options, "compare": False}
    assert strokes(plot)[-3:] == [strokes(plot)[-3], *live]
    assert not set(faded) & set(strokes(plot))


def strokes(plot):
    return [item.stroke for item in plot._scene(800).items if isinstance(item, Polylines)]


def test_the_view_may_toggle_comparing_and_hide_runs():
    plot = training()
    plot.widget.set_state({"view_options": {**plot.widget.view_options, "compare": False,
                                            "hidden_runs": ["abc"]}})  # fmt: skip
    assert plot.widget.view_options["compare"] is False
    assert plot.widget.view_options["hidden_runs"] == ["abc"]
    plot.widget.set_state({"view_options": {**plot.widget.view_options, "compare": "no"}})
    assert plot.widget.view_options["compare"] is False


def run_lines(plot):
    """The picture's faded run lines (one Polylines per series), as y pixels."""
    faded = {faint(series_color(c), 0.5) for c in range(2)}
    return [item for item in plot._scene(800).items if getattr(item, "stroke", "") in faded]


def test_with_smoothing_the_picture_smooths_earlier_runs_as_the_live_run():
    noisy = np.where(np.arange(100) % 2, 1.0, 0.0)  # 0, 1, 0, 1, ...: smoothed, near 0.5
    first = LivePlot(["loss"], title="noisy")
    first.extend(noisy)
    first.close()
    raw = LivePlot(["loss"], title="noisy")
    smoothed = LivePlot(["loss"], title="noisy", smoothing=0.9)
    for plot in (raw, smoothed):
        plot.extend(noisy)

    def spread(plot):
        (line,) = run_lines(plot)
        ys = np.concatenate([np.asarray(run)[:, 1] for run in line.runs])
        return np.ptp(ys[50:])  # the second half, where the average settled

    assert spread(raw) > 10 * spread(smoothed) > 0


def test_a_run_kept_as_its_envelope_is_smoothed_over_as_many_rows():
    assert point_weight(0.9, 100, 100) == 0.9 == point_weight(0.9, 10, 100)
    assert point_weight(0.9, 400, 100) == pytest.approx(0.9**4)
    assert point_weight(0.5, 0, 0) == 0.5


def texts(plot):
    return [(item.text, item.fill) for item in plot._scene(800).items if hasattr(item, "text")]


def test_a_hidden_run_leaves_the_fades_of_the_others_as_the_view_draws_them():
    # The view fades a run by its place among all earlier runs, and lists a
    # hidden one muted: hiding the newest earlier run must not darken the older.
    training(scale=3.0).close()
    training(scale=2.0).close()
    plot = training(compare=2)
    newest, _ = plot._comparison.runs
    live = [series_color(0), series_color(1)]
    assert (
        strokes(plot)[-6:] == [faint(c, 0.4) for c in live] + [faint(c, 0.5) for c in live] + live
    )
    plot.widget.view_options = {**plot.widget.view_options, "hidden_runs": [newest.id]}
    assert strokes(plot)[-4:] == [faint(c, 0.4) for c in live] + live
    assert not {faint(c, 0.5) for c in live} & set(strokes(plot))
    listed = [text for text, _ in texts(plot) if "rows)" in text]
    assert len(listed) == 2, "the runs row lists the hidden run too"
    assert dict(texts(plot))[listed[0]] == MUTED


def test_a_hidden_trajectory_run_leaves_the_older_paths_fade():
    def walk(**kwargs):
        plot = LivePlot(kind="trajectory", title="walk", **kwargs)
        t = np.linspace(0, 6, 50)
        plot.extend(np.stack([np.cos(t), np.sin(t)], axis=1))
        return plot

    walk().close()
    walk().close()
    plot = walk(compare=2)
    newest, _ = plot._comparison.runs
    plot.widget.view_options = {**plot.widget.view_options, "hidden_runs": [newest.id]}
    colour = PALETTE[0]
    assert faint(colour, 0.4) in strokes(plot)
    assert faint(colour, 0.5) not in strokes(plot)
