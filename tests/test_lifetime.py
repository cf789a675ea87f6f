"""Closing plots and dashboards, and freeing the ones nothing refers to."""

import gc
import weakref

import pytest
from ipywidgets.widgets.widget import _instances

from livescope import Dashboard, LivePlot


def open_comms():
    """Widgets whose comm to the front end is still open.

    Collects garbage first: plots an earlier test left in reference cycles (a
    followed file's thread) must not be freed in the middle of a count.
    """
    gc.collect()
    return sum(1 for widget in list(_instances.values()) if widget.comm is not None)


class FakeSource:
    def __init__(self):
        self.closed = False

    def close(self):
        self.closed = True


def make_plot():
    w = LivePlot(columns=["a", "b"])
    w.update([1.0, 2.0])
    w._flush_pending()
    return w


def make_dashboard():
    return Dashboard({"a": make_plot(), "b": make_plot()})


@pytest.mark.parametrize("make", [make_plot, make_dashboard])
def test_fifty_closed_plots_leave_no_comm_open(front_end, make):
    make().close()  # the session's shared runtime model opens once
    before = open_comms()
    for _ in range(50):
        make().close()
    assert open_comms() == before


@pytest.mark.parametrize("make", [make_plot, make_dashboard])
def test_a_plot_nothing_refers_to_is_freed_with_its_comms(front_end, make):
    make().close()
    gc.collect()  # what earlier tests left behind is freed first, not counted below
    before = open_comms()
    freed = []
    for _ in range(50):  # a cell run again: its plot is replaced
        plot = make()
        freed.append(weakref.ref(plot))
        del plot
    gc.collect()
    assert [ref() for ref in freed] == [None] * 50
    assert open_comms() == before


def test_a_closed_plot_says_so_when_used(front_end):
    w = make_plot()
    source = FakeSource()
    w._sources.append(source)
    w.close()
    w.close()  # twice is fine
    assert source.closed
    assert w._widget.comm is None
    assert w.running() is False
    assert len(w) == 0
    assert "closed" in repr(w)
    for use in (
        lambda: w.update([1.0, 2.0]),
        lambda: w.extend([[1.0, 2.0]]),
        lambda: w.history,
        w.reset,
        w.resume,
    ):
        with pytest.raises(RuntimeError, match=r"closed with close\(\)"):
            use()
    front_end.cell_end_hooks[0]()  # a cell ending passes a closed plot by


def test_a_closed_dashboard_closes_its_plots(front_end):
    d = make_dashboard()
    d.close()
    assert d.running() is False
    assert all(plot._closed for plot in d.plots.values())
    assert "closed" in repr(d)
    with pytest.raises(RuntimeError, match=r"closed with close\(\)"):
        d["a"].update([1.0, 2.0])
    front_end.cell_end_hooks[0]()


def test_a_message_to_a_freed_plot_is_dropped(front_end):
    w = make_plot()
    widget = w.widget
    del w
    gc.collect()
    widget._handle_custom_msg({"type": "stop"}, [])  # as ipywidgets delivers it
    assert widget.comm is None


def test_a_with_block_stops_ends_sources_and_sends_the_last_rows_but_keeps_the_view(
    front_end,
):
    source = FakeSource()
    with LivePlot(columns=["a"], max_fps=1) as w:
        w._sources.append(source)
        w.update([1.0])
        w.update([2.0])  # waits for the next frame
    assert w.running() is False
    assert source.closed
    assert front_end.rows_held() == 2
    assert w.widget.comm is not None
    assert w.history.tolist() == [[1.0], [2.0]]


def test_a_with_block_that_raises_still_ends_the_loop(front_end):
    source = FakeSource()
    d = Dashboard([LivePlot(1)])

    def failing_loop():
        with d:
            d["0"]._sources.append(source)
            d["0"].update([1.0])
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        failing_loop()
    assert d.running() is False
    assert source.closed
    assert len(d["0"]) == 1


def test_a_displayed_plot_freed_keeps_its_view_and_the_history_goes(front_end, monkeypatch):
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda *args, **kwargs: None)
    w = make_plot()
    w._ipython_display_()  # as display(LivePlot.from_history(A)) with no variable
    widget, plot = w.widget, weakref.ref(w)
    del w
    gc.collect()
    assert plot() is None, "the plot and its history are freed"
    assert widget.comm is not None, "the view stays, drawn from the widget's snapshot"
    assert widget._snapshot, "the snapshot the view shows"
    widget.close()


def test_an_undisplayed_plot_freed_closes_its_widget(front_end):
    w = make_plot()
    widget = w.widget
    del w
    gc.collect()
    assert widget.comm is None
