"""A metric logged every few steps among per-step rows: drawn as a line through its
own points, its latest value in the legend; a NaN it reported still breaks it."""

import json
import math

import numpy as np
from processes import wait_until

from livescope import LivePlot
from livescope._picture.scene import Polylines, Text


def validation_every_ten(nan_at=()):
    w = LivePlot(["loss", "val_loss"])
    for step in range(60):
        row = {"loss": 1 / (step + 1)}
        if step % 10 == 5:
            row["val_loss"] = 2 / (step + 1)
        if step in nan_at:
            row["val_loss"] = None
        w.update(row)
    return w


def val_runs(w):
    orange = [i for i in w._scene(800).items if isinstance(i, Polylines) and i.width > 1][1]
    return orange.runs


def test_a_series_rows_leave_out_is_one_line_through_its_points():
    w = validation_every_ten()
    assert w.widget.sparse == {"val_loss": []}
    (run,) = val_runs(w)
    assert len(run) == 6  # steps 5, 15, ..., 55
    legend = [t.text for t in w._scene(800).items if isinstance(t, Text)]
    assert f"val_loss {2 / 56:.7g}" in legend  # the latest reported, not NaN


def test_a_nan_it_reported_still_breaks_it():
    w = validation_every_ten(nan_at=(30,))
    assert w.widget.sparse == {"val_loss": [30.0]}
    assert [len(run) for run in val_runs(w)] == [3, 3]  # 5-25, then 35-55


def test_nans_reported_before_it_was_left_out_are_gaps_too():
    w = LivePlot(["loss", "val_loss"])
    w.update({"loss": 1.0, "val_loss": math.nan})
    w.update([1.0, 2.0])
    w.update({"loss": 1.0})
    assert w.widget.sparse == {"val_loss": [0.0]}


def test_full_rows_keep_every_gap_a_gap():
    w = LivePlot(["a"])
    w.extend([[1.0], [np.nan], [2.0]])
    assert w.widget.sparse == {}
    assert len(val_runs_of(w, 0)) == 2


def val_runs_of(w, k):
    return [i for i in w._scene(800).items if isinstance(i, Polylines) and i.width > 1][k].runs


def test_reset_forgets_them():
    w = validation_every_ten()
    w.reset()
    assert w.widget.sparse == {}


def test_a_followed_file_whose_records_leave_a_field_out(tmp_path):
    path = tmp_path / "log.jsonl"
    with path.open("w") as out:
        for step in range(30):
            record = {"step": step, "loss": 1 / (step + 1)}
            if step % 10 == 9:
                record["val_loss"] = 0.5
            if step == 19:
                record["val_loss"] = math.nan  # written NaN: reported (null is left out)
            out.write(json.dumps(record) + "\n")
    w = LivePlot.follow(path)
    try:
        wait_until(lambda: len(w) == 30 and "val_loss" in w.widget.sparse)
        assert w.widget.sparse == {"val_loss": [19.0]}
    finally:
        w.close()
