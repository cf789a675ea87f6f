"""A dashboard's runs: each panel's run named after the dashboard, compared with the
previous runs of that panel, and recorded into a store, one run per panel."""

import json

import numpy as np
import pytest
from processes import wait_until

from livescope import Dashboard, LivePlot, runs
from livescope._picture.scene import Inset, Polylines, faint, series_color
from livescope._runs.session import session_runs
from livescope.integrations._common import TrainingPlot


def training(scale=1.0, rows=50, **kwargs):
    """The cell a user re-runs: a dashboard of a loss and an accuracy panel, fed."""
    d = Dashboard(
        {"loss": LivePlot(["loss"], title="loss"), "acc": LivePlot(["acc"])},
        title="mnist",
        **kwargs,
    )
    k = np.arange(rows, dtype=float)
    d["loss"].extend(scale * np.exp(-k / 20))
    d["acc"].extend(1 - np.exp(-k / 20))
    return d


def test_a_dashboard_made_again_shows_each_panels_previous_run():
    first = training(scale=2.0, params={"lr": 0.1})
    second = training(params={"lr": 0.01})
    for panel in ("loss", "acc"):
        comparison = second[panel]._comparison
        assert comparison.name == f"mnist/{panel}"
        (run,) = comparison.runs
        assert run.label == "run 1" and run.params == {"lr": 0.1}
        np.testing.assert_allclose(run.values, first[panel].history, rtol=1e-6)
        assert comparison.description == {"label": "run 2", "params": {"lr": 0.01}}
    # The panel titled "loss" compares with its dashboard's runs, not other "loss" plots.
    assert session_runs.previous("loss", 10) == []


def test_the_dashboard_picture_draws_each_panels_previous_run_faded():
    training(scale=2.0).close()
    second = training()
    panels = [item.scene for item in second._scene(800).items if isinstance(item, Inset)]
    for panel in panels:
        strokes = [item.stroke for item in panel.items if isinstance(item, Polylines)]
        assert strokes[-2:] == [faint(series_color(0), 0.5), series_color(0)]
    assert len(panels) == 2


def test_compare_and_params_of_the_dashboard_apply_to_every_panel():
    for scale in (1.0, 2.0, 3.0):
        training(scale=scale).close()
    d = training(compare=2)
    assert [len(d[panel]._comparison.runs) for panel in d] == [2, 2]
    off = training(compare=0)
    assert [off[panel]._comparison.runs for panel in off] == [(), ()]
    panel = LivePlot(["loss"], params={"lr": 0.1, "seed": 1})
    d = Dashboard({"loss": panel}, title="p", params={"lr": 0.5, "batch": 64})
    assert panel._comparison.params == {"lr": 0.1, "seed": 1, "batch": 64}


def test_a_plot_named_on_its_own_keeps_its_name_and_a_dashboard_without_one_keeps_theirs():
    named = LivePlot(["loss"], name="mine")
    untitled = LivePlot(["acc"])
    Dashboard({"loss": named, "acc": untitled}, title="mnist")
    assert named._comparison.name == "mine"
    assert untitled._comparison.name == "mnist/acc"
    titled, untitled = LivePlot(["loss"], title="loss"), LivePlot(["acc"])
    Dashboard({"loss": titled, "acc": untitled})
    assert titled._comparison.name == "loss"
    assert untitled._comparison.live is None  # an untitled plot never compares


def test_a_dashboard_records_each_panel_as_a_run_of_its_store(tmp_path):
    store = tmp_path / "runs.db"
    with training(store=store, run="lr=0.1", params={"lr": 0.1}, rows=5) as first:
        pass
    first.close()
    recorded = {r.name: r for r in runs(store)}
    assert set(recorded) == {"mnist/loss", "mnist/acc"}
    assert all(r.label == "lr=0.1" and r.rows == 5 for r in recorded.values())
    assert recorded["mnist/acc"].params == {"lr": 0.1}
    assert recorded["mnist/loss"].status == "finished"
    # A dashboard made again reads each panel's previous run from the store.
    with training(store=store, rows=3) as second:
        (run,) = second["loss"]._comparison.runs
        assert run.label == "lr=0.1" and run.id.startswith("store:") and run.row_count == 5
        second.stop()  # the dashboard's Stop ends every panel's run as stopped
    second.close()
    assert [r.status for r in runs(store)] == ["finished", "finished", "stopped", "stopped"]


def test_a_dashboard_panel_given_to_a_framework_adapter_adds_to_its_run(tmp_path):
    store = tmp_path / "runs.db"
    d = Dashboard({"loss": LivePlot(["loss"])}, title="fit", store=store, params={"lr": 0.1})
    training_plot = TrainingPlot(d["loss"], {})
    assert training_plot.recording
    training_plot.record_params({"epochs": 3, "lr": 9})
    d.close()
    (run,) = runs(store)
    assert run.name == "fit/loss" and run.params == {"lr": 0.1, "epochs": 3}


def test_dashboard_follow_hands_the_run_arguments_to_the_dashboard(tmp_path):
    path, store = tmp_path / "log.jsonl", tmp_path / "runs.db"
    path.write_text("".join(json.dumps({"step": k, "loss": 1 / (k + 1)}) + "\n" for k in range(4)))
    d = Dashboard.follow(path, panels={"loss": ["loss"]}, title="log", store=store, run="a")
    try:
        wait_until(lambda: len(d["loss"]) == 4)
        assert d["loss"]._comparison.name == "log/loss"
    finally:
        d.close()
    (run,) = runs(store)
    assert (run.name, run.label, run.rows) == ("log/loss", "a", 4)


def test_wrong_run_arguments_of_a_dashboard_raise_and_leave_the_plots_as_they_were(tmp_path):
    def panels():
        return {"a": LivePlot(["a"], title="a")}

    with pytest.raises(TypeError, match=r"run= labels the runs recorded in a store; pass store="):
        Dashboard(panels(), title="d", run="x")
    with pytest.raises(TypeError, match="name must be"):
        Dashboard(panels(), name=3)
    with pytest.raises(ValueError, match="compare must be from 0 to 10 previous runs; got 11"):
        Dashboard(panels(), title="d", compare=11)
    with pytest.raises(TypeError, match=r"params\['lr'\] must be"):
        Dashboard(panels(), title="d", params={"lr": [1]})
    with pytest.raises(ValueError, match=r"compare=2: no panel can show previous runs"):
        Dashboard({"h": LivePlot(4, kind="heatmap", shape=(2, 2))}, title="d", compare=2)
    own = LivePlot(["a"], title="a", store=tmp_path / "own.db")
    other = LivePlot(["b"], title="b")
    with pytest.raises(ValueError, match=r"panel 'a' records into its own store already"):
        Dashboard({"b": other, "a": own}, title="d", store=tmp_path / "runs.db")
    assert other._comparison.name == "b"  # checked before any panel changed
    own.close()
