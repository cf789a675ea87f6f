"""What a front end may change of a widget's synced state, through ipywidgets' update message."""

import pytest

from livescope import Dashboard, LivePlot

LINES_OPTIONS = {"smoothing": 0.0, "log_y": False, "x_axis": "step"}


def update_from_front_end(widget, state):
    """Deliver a comm `update` message the way ipywidgets does; return the keys sent back."""
    sent_back = []
    widget.send_state = lambda key=None: sent_back.extend(key)
    widget._handle_msg(
        {
            "content": {"data": {"method": "update", "state": state, "buffer_paths": []}},
            "buffers": [],
        }
    )
    return sent_back


def test_the_lines_controls_change_their_options():
    w = LivePlot(columns=["a"])
    new = {"smoothing": 0.6, "log_y": True, "x_axis": "time", "hidden": ["a"]}
    assert update_from_front_end(w.widget, {"view_options": new}) == []
    assert w.widget.view_options == new
    assert w._data().options == new  # what pictures and exports draw


@pytest.mark.parametrize(
    "state",
    [
        {"columns": ["evil"]},
        {"kind": "heatmap"},
        {"title": "changed"},
        {"stopped": True},
        {"height": 10},
        {"view_options": {**LINES_OPTIONS, "smoothing": 5}},
        {"view_options": {**LINES_OPTIONS, "x_axis": "nonsense"}},
        {"view_options": {**LINES_OPTIONS, "log_y": "yes"}},
        {"view_options": {**LINES_OPTIONS, "extra": 1}},
        {"view_options": {**LINES_OPTIONS, "hidden": "a"}},
        {"view_options": {**LINES_OPTIONS, "hidden": [1]}},
        {"view_options": "garbage"},
    ],
)
def test_state_the_kernel_owns_is_refused_and_sent_back(state):
    w = LivePlot(columns=["a"], title="mine")
    before = w.widget.get_state()
    assert update_from_front_end(w.widget, state) == list(state)
    assert w.widget.get_state() == before
    assert (w.columns, w.kind) == (("a",), "lines")


def test_kinds_without_controls_take_no_option_from_the_front_end():
    w = LivePlot(kind="bars")
    options = dict(w.widget.view_options)
    assert update_from_front_end(w.widget, {"view_options": {**options, "ylim": [0, 1]}})
    assert w.widget.view_options == options


def test_a_change_and_a_refusal_in_one_message():
    w = LivePlot(columns=["a"])
    new = {**LINES_OPTIONS, "log_y": True}
    assert update_from_front_end(w.widget, {"view_options": new, "columns": []}) == ["columns"]
    assert (w.widget.view_options, w.widget.columns) == (new, ["a"])


def test_the_dashboard_controls_are_the_kernels():
    d = Dashboard([LivePlot(1)], title="mine")
    assert update_from_front_end(d._controls, {"title": "x", "stopped": True}) == [
        "title",
        "stopped",
    ]
    assert (d._controls.title, d._controls.stopped, d.running()) == ("mine", False, True)
