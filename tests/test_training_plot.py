"""What the framework adapters share, without any framework."""

import numpy as np
import pytest

from livescope import LivePlot
from livescope.integrations._common import TrainingPlot


def test_metrics_of_a_step_share_a_row_and_non_numbers_are_left_out():
    training = TrainingPlot(None, {"title": "run"}, skip=("epoch",))
    training.log(1, {"loss": 0.5, "epoch": 0.1, "name": "x", "flag": True, "arr": [1, 2]})
    training.log(1, {"eval_loss": np.float32(0.25), "skipped": None})
    training.boundary()
    training.log(2, {"loss": 0.4})
    training.boundary()
    w = training.plot
    assert w.columns == ("loss", "eval_loss")
    np.testing.assert_array_equal(w.history, [[0.5, 0.25], [0.4, np.nan]])


def test_begin_resumes_a_stopped_plot():
    w = LivePlot()
    training = TrainingPlot(w, {})
    w.stop()
    assert training.stop_requested()
    training.begin()
    assert not training.stop_requested()


def test_a_plot_or_options_not_both():
    with pytest.raises(TypeError, match="not both"):
        TrainingPlot(LivePlot(), {"title": "x"})
    with pytest.raises(TypeError, match="must be a LivePlot"):
        TrainingPlot("plot", {})
