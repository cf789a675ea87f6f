"""What a plot does in marimo, whose kernel is no IPython and hears a view only between cells."""

import sys
import types

import pytest
from front_end import send_from_browser

import livescope._plot
from livescope import LivePlot
from livescope._kernel import host
from livescope._widget import sender


@pytest.fixture
def in_marimo(monkeypatch):
    """A `marimo` module that says this code runs in a marimo notebook."""
    marimo = types.ModuleType("marimo")
    marimo.running_in_notebook = lambda: True
    monkeypatch.setitem(sys.modules, "marimo", marimo)


def test_outside_marimo_a_plot_says_nothing_of_its_host(front_end):
    assert not host.in_marimo()
    assert LivePlot(columns=["a"]).widget.host_note == ""


def test_a_marimo_module_outside_a_marimo_notebook_is_no_marimo(monkeypatch):
    marimo = types.ModuleType("marimo")
    marimo.running_in_notebook = lambda: False
    monkeypatch.setitem(sys.modules, "marimo", marimo)
    assert not host.in_marimo()


def test_in_marimo_a_plot_sends_rows_and_its_header_names_marimos_interrupt(
    in_marimo, front_end, monkeypatch
):
    monkeypatch.setattr(livescope._plot, "current_shell", lambda: None)
    w = LivePlot(columns=["a"])
    assert w._live
    assert "use marimo's interrupt" in w.widget.host_note
    assert w.widget.note == ""  # what sources report stays apart, saved with the plot
    w.update(1.0)
    assert front_end.rows_held() == 1


def test_in_marimo_every_row_goes_out_once_a_second_until_a_view_asks(
    in_marimo, front_end, monkeypatch
):
    clock = [1000.0]
    monkeypatch.setattr(sender.time, "monotonic", lambda: clock[0])
    monkeypatch.setattr(livescope._plot.time, "monotonic", lambda: clock[0])
    w = LivePlot(columns=["a"], max_fps=10)
    starts = []
    for i in range(30):  # 3 s of rows, one a frame
        w.update(float(i))
        clock[0] += 0.1
        starts.append(front_end.messages[-1][0]["start"])
    # A frame a second starts at row 0: a view that missed rows while it loaded fills in.
    assert [i for i, start in enumerate(starts) if start == 0] == [0, 10, 20]
    send_from_browser(w, {"type": "sync", "generation": 0, "from": 30})
    clock[0] += sender.KEYFRAME_EVERY
    w.update(30.0)
    assert front_end.messages[-1][0]["start"] == 30
