"""Options of kind="lines": smoothing, log_y and x_axis, validated, synced in `view_options`."""

import numpy as np
import pytest

from livescope import LivePlot


def test_defaults():
    assert LivePlot(columns=1)._widget.view_options == {
        "smoothing": 0.0,
        "log_y": False,
        "x_axis": "step",
    }


def test_arguments_become_the_synced_view_options():
    w = LivePlot(columns=["loss"], smoothing=0.6, log_y=True, x_axis="time")
    assert w._widget.get_state()["view_options"] == {
        "smoothing": 0.6,
        "log_y": True,
        "x_axis": "time",
    }


@pytest.mark.parametrize("smoothing", [0, 0.99, np.float32(0.5), 1 / 3])
def test_smoothing_accepts_numbers_from_0_to_099(smoothing):
    w = LivePlot(columns=1, smoothing=smoothing)
    assert w._widget.view_options["smoothing"] == pytest.approx(float(smoothing))
    assert type(w._widget.view_options["smoothing"]) is float


def test_numpy_bools_are_accepted():
    assert LivePlot(columns=1, log_y=np.bool_(True))._widget.view_options["log_y"] is True


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"smoothing": 1.0}, ValueError, "smoothing must be from 0 to 0.99; got 1.0"),
        ({"smoothing": -0.1}, ValueError, "got -0.1"),
        ({"smoothing": float("nan")}, ValueError, "got nan"),
        ({"smoothing": "0.5"}, TypeError, "smoothing must be a number from 0 to 0.99; got str"),
        ({"smoothing": True}, TypeError, "got bool True"),
        ({"log_y": 1}, TypeError, "log_y must be True or False; got int 1"),
        ({"x_axis": "wall"}, ValueError, "x_axis must be 'step' or 'time'; got 'wall'"),
        ({"x_axis": None}, TypeError, "x_axis must be 'step' or 'time'; got NoneType"),
        ({"x": "time"}, TypeError, "unexpected keyword argument 'x'; that kind takes smoothing"),
    ],
)
def test_bad_options_are_rejected(kwargs, error, message):
    with pytest.raises(error, match=message):
        LivePlot(columns=1, **kwargs)


def test_the_browser_changes_them_and_python_keeps_them_for_the_next_view():
    w = LivePlot(columns=["a", "b"])
    # What ipywidgets does with a trait update from a front end's controls.
    changed = {"smoothing": 0.75, "log_y": True, "x_axis": "time", "hidden": ["b"]}
    w._widget.set_state({"view_options": changed})
    assert w._widget.get_state()["view_options"] == changed
