"""What the header says can still write to a plot: Stop while a cell runs, then Done,
Following for a followed file, Stop again for a listener and for a plot used again."""

import numpy as np
import pytest
import traitlets
from processes import free_port

from livescope import Dashboard, LivePlot


def activity(plot):
    return plot._widget.activity


def test_a_plot_whose_cell_ended_says_done_and_wakes_when_used_again(front_end):
    end_cell = front_end.cell_end_hooks[0]
    w = LivePlot(["loss"])
    w.update([1.0])
    assert activity(w) == "live"
    end_cell()
    assert activity(w) == "done"
    w.update([0.5])  # a later cell re-uses the plot
    assert activity(w) == "live"
    end_cell()
    w.extend([[0.3], [0.2]])
    assert activity(w) == "live"
    end_cell()
    w.reset()
    assert activity(w) == "live"


def test_a_stopped_plot_says_done_once_its_cell_ended(front_end):
    w = LivePlot(["loss"])
    w.stop()
    front_end.cell_end_hooks[0]()
    assert (activity(w), w._widget.stopped) == ("done", True)
    w.resume()
    assert activity(w) == "live"


def test_a_recorded_history_is_done_once_shown(front_end):
    w = LivePlot.from_history(np.zeros((5, 3)))
    front_end.cell_end_hooks[0]()
    assert activity(w) == "done"


def test_a_followed_file_says_following_and_done_once_closed(front_end, tmp_path):
    end_cell = front_end.cell_end_hooks[0]
    w = LivePlot()
    follower = w.follow(tmp_path / "m.jsonl")
    try:
        end_cell()
        assert activity(w) == "following"
        follower.close()
        end_cell()
        assert activity(w) == "done"
    finally:
        w.close()  # its widget goes now, not whenever the collector finds it


def test_a_listener_keeps_stop_its_publishers_hear(front_end):
    w = LivePlot()
    w.listen(f"tcp://127.0.0.1:{free_port()}")
    try:
        front_end.cell_end_hooks[0]()
        assert activity(w) == "live"
    finally:
        w.close()


def test_a_dashboard_says_done_and_wakes_with_any_panel(front_end):
    d = Dashboard({"a": LivePlot(["x"]), "b": LivePlot(["y"])})
    d["a"].update([1.0])
    front_end.cell_end_hooks[0]()
    d._refresh_at_cell_end()  # watched once shown; here it is not
    assert d._controls.activity == "done"
    d["b"].update([2.0])
    assert d._controls.activity == "live"


@pytest.mark.parametrize("value", ["over", None, 1])
def test_the_activity_trait_takes_only_known_states(value):
    with pytest.raises(traitlets.TraitError):
        LivePlot()._widget.activity = value
