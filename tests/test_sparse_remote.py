"""Sparse series from publishers: a metric sent every few steps, or by a publisher
of its own cadence, is drawn as a line through its points; a NaN sent still breaks it."""

import math

import numpy as np
import pytest
from processes import free_port, wait_until
from test_sparse_series import val_runs_of

from livescope import LivePlot, Publisher
from livescope._picture.scene import Text
from livescope._sources.merge import Merger

pytest.importorskip("zmq")


@pytest.fixture
def listened():
    """A plot listening on a free port, and its address; closed after the test."""
    w = LivePlot()
    address = f"tcp://127.0.0.1:{free_port()}"
    listener = w.listen(address)
    yield w, address
    listener.close()


def test_a_metric_sent_every_ten_steps_is_one_line(listened):
    w, address = listened
    with Publisher(address) as pub:
        for step in range(60):
            pub.update({"loss": 1 / (step + 1)})
            if step % 10 == 5:
                pub.update({"val_loss": 2 / (step + 1)}, step=step)
    wait_until(lambda: np.isfinite(w.history).sum() == 66, what="every value sent")
    assert w.columns == ("loss", "val_loss")
    np.testing.assert_array_equal(w.steps, np.arange(60))
    val = w.history[:, 1]
    np.testing.assert_array_equal(np.flatnonzero(np.isfinite(val)), np.arange(5, 60, 10))
    assert w.widget.sparse == {"val_loss": []}
    (run,) = val_runs_of(w, 1)
    assert len(run) == 6
    legend = [t.text for t in w._scene(800).items if isinstance(t, Text)]
    assert f"val_loss {2 / 56:.7g}" in legend  # the latest sent, not NaN


def test_a_nan_sent_still_breaks_the_line(listened):
    w, address = listened
    with Publisher(address) as pub:
        for step in range(60):
            pub.update({"loss": 1 / (step + 1)})
            if step % 10 == 5:
                val = math.nan if step == 25 else 2 / (step + 1)
                pub.update({"val_loss": val}, step=step)
    wait_until(lambda: len(w) == 60 and np.isfinite(w.history).sum() == 65)
    assert w.widget.sparse == {"val_loss": [25.0]}
    assert [len(run) for run in val_runs_of(w, 1)] == [2, 3]  # 5-15, then 35-55


def test_nans_in_rows_that_leave_nothing_out_keep_the_series_dense(listened):
    w, address = listened
    with Publisher(address) as pub:
        for step in range(10):
            pub.update({"loss": math.nan if step == 4 else float(step), "acc": 0.5})
    wait_until(lambda: len(w) == 10)
    assert w.widget.sparse == {}
    assert [len(run) for run in val_runs_of(w, 0)] == [4, 5]


def test_publishers_of_different_cadences(listened):
    w, address = listened
    with Publisher(address, name="train") as train, Publisher(address, name="val") as val:
        for step in range(40):
            train.update({"loss": 1 / (step + 1)})
            if step % 10 == 9:
                val.update({"loss": 0.5}, step=step)
    wait_until(lambda: np.isfinite(w.history).sum() == 44, what="every value sent")
    # In the order their first messages came: either publisher may be first.
    assert sorted(w.columns) == ["train/loss", "val/loss"]
    np.testing.assert_array_equal(w.steps, np.arange(40))  # aligned by step: one row each
    assert w.widget.sparse == {"val/loss": []}
    (run,) = val_runs_of(w, w.columns.index("val/loss"))
    assert len(run) == 4


def test_late_rows_and_new_columns_keep_what_was_sent_apart_from_what_was_not():
    w = LivePlot()
    merger = Merger(w, hold=0, window=10)
    merger.add("a", [0, 1, 2, 3], [{"loss": 1.0}] * 4, now=0)
    merger.flush()
    assert w.widget.sparse == {}
    # A late source: its column comes after rows were drawn, NaN at step 3 sent.
    merger.add("b", [1, 3], [{"val": 1.0}, {"val": math.nan}], now=1)
    merger.flush()
    assert w.widget.sparse == {"val": [3.0]}
    # A late row that leaves `loss` out makes it sparse; NaN it held before stays sent.
    merger.add("a", [4], [{"loss": math.nan, "val": 2.0}], now=2)
    merger.flush()
    merger.add("c", [2.5], [{"val": 3.0}], now=3)
    merger.flush()
    np.testing.assert_array_equal(w.steps, [0, 1, 2, 2.5, 3, 4])
    assert w.widget.sparse == {"val": [3.0], "loss": [4.0]}
