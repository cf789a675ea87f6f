"""Dashboard: layout, one Stop for every panel, and rows sent for each panel."""

import time

import pytest

from livescope import Dashboard, LivePlot


def grid_of(d):
    return d._box.children[1]


def areas(d):
    return [panel.layout.grid_area for panel in grid_of(d).children]


def test_panels_flow_left_to_right():
    d = Dashboard([LivePlot(1), LivePlot(1), LivePlot(1)], columns=2)
    assert list(d) == ["0", "1", "2"]
    assert areas(d) == [
        "1 / 1 / span 1 / span 1",
        "1 / 2 / span 1 / span 1",
        "2 / 1 / span 1 / span 1",
    ]
    assert grid_of(d).layout.grid_template_columns == "repeat(2, minmax(0, 1fr))"


def test_a_layout_places_and_spans_panels():
    plots = {"loss": LivePlot(1), "a": LivePlot(1), "b": LivePlot(1)}
    d = Dashboard(plots, layout={"loss": (0, 0, 1, 2), "a": (1, 0), "b": (1, 1)})
    assert areas(d) == [
        "1 / 1 / span 1 / span 2",
        "2 / 1 / span 1 / span 1",
        "2 / 2 / span 1 / span 1",
    ]
    assert d["loss"] is plots["loss"]
    assert grid_of(d).layout.grid_template_columns == "repeat(2, minmax(0, 1fr))"


def test_a_flow_of_fewer_panels_than_columns_uses_only_what_it_needs():
    d = Dashboard([LivePlot(1)], columns=3)
    assert grid_of(d).layout.grid_template_columns == "repeat(1, minmax(0, 1fr))"


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        (([],), {}, ValueError, "at least one LivePlot"),
        (("abc",), {}, TypeError, "plots must be a mapping"),
        (({"a": 3},), {}, TypeError, "panel 'a' must be a LivePlot; got int"),
        (({1: LivePlot(1)},), {}, TypeError, "panel names must be strings; got int 1"),
        (([LivePlot(1)],), {"columns": 0}, ValueError, "columns must be between 1 and 64"),
        (([LivePlot(1)],), {"columns": 10**9}, ValueError, "between 1 and 64; got 1000000000"),
        (
            ([LivePlot(1)],),
            {"layout": {"0": (0, 0, 10**5, 10**5)}},
            ValueError,
            r"within a 64 x 64 grid .*got \(0, 0, 100000, 100000\)",
        ),
        (([LivePlot(1)],), {"layout": {"0": (10**9, 10**9)}}, ValueError, "within a 64 x 64"),
        (([LivePlot(1)],), {"layout": {"0": (0, 63, 1, 2)}}, ValueError, "within a 64 x 64"),
        (
            ([LivePlot(1), LivePlot(1)],),
            {"layout": {"0": (0, 0, 64, 64), "1": (63, 63)}},
            ValueError,
            "places '0' and '1' on the same cell \\(row 63, col 63\\)",
        ),
        (([LivePlot(1)],), {"columns": 1.5}, TypeError, "columns must be an integer"),
        (([LivePlot(1)],), {"layout": [(0, 0)]}, TypeError, "layout must be a mapping"),
        (([LivePlot(1)],), {"layout": {}}, ValueError, r"not placed: \['0'\]"),
        (
            ([LivePlot(1)],),
            {"layout": {"0": (0, 0), "x": (0, 1)}},
            ValueError,
            "not panels: 'x'",
        ),
        (([LivePlot(1)],), {"layout": {"0": (0,)}}, ValueError, r"\(row, col\) or"),
        (([LivePlot(1)],), {"layout": {"0": (0, 0.5)}}, TypeError, "of integers"),
        (([LivePlot(1)],), {"layout": {"0": (0, -1)}}, ValueError, "row, col >= 0"),
        (([LivePlot(1)],), {"layout": {"0": (0, 0, 0, 1)}}, ValueError, "spans >= 1"),
        (
            ([LivePlot(1), LivePlot(1)],),
            {"layout": {"0": (0, 0, 2, 2), "1": (1, 1)}},
            ValueError,
            "places '0' and '1' on the same cell \\(row 1, col 1\\)",
        ),
        (([LivePlot(1)],), {"title": 3}, TypeError, "title must be a string or None"),
        (([LivePlot(1)],), {"colums": 2}, TypeError, "unexpected keyword argument 'colums'"),
    ],
)
def test_bad_arguments_get_clear_errors(args, kwargs, error, message):
    with pytest.raises(error, match=message):
        Dashboard(*args, **kwargs)


def test_a_plot_cannot_be_two_panels():
    w = LivePlot(1)
    with pytest.raises(ValueError, match="given twice"):
        Dashboard({"a": w, "b": w})


def test_an_unknown_panel_name_lists_the_panels():
    d = Dashboard({"loss": LivePlot(1)})
    with pytest.raises(KeyError, match=r"'acc' is not a panel; panels are \['loss'\]"):
        d["acc"]


def test_panels_hide_their_own_stop_button():
    d = Dashboard([LivePlot(1), LivePlot(1)])
    assert [d[name]._widget.stop_button for name in d] == [False, False]


def test_one_stop_from_the_browser_ends_the_loop_feeding_every_panel():
    d = Dashboard({"a": LivePlot(1), "b": LivePlot(1)})
    steps = 0
    while d.running():
        d["a"].update([steps])
        d["b"].update([-steps])
        steps += 1
        if steps == 5:
            send_from_browser_to(d, {"type": "stop"})
    assert steps == 5
    assert d.stopped and d._controls.stopped
    assert [d[name].running() for name in d] == [False, False]
    assert [d[name]._widget.stopped for name in d] == [True, True]


def test_resume_and_reset_reach_every_panel():
    d = Dashboard({"a": LivePlot(1), "b": LivePlot(1)})
    d["a"].update([1.0])
    d.stop()
    d.resume()
    assert d.running() and d["a"].running() and d["b"].running()
    assert len(d["a"]) == 1
    d.stop()
    d.reset()
    assert d.running() and len(d["a"]) == 0 and not d._controls.stopped


def test_running_sends_each_panels_rows_when_due(front_end, monkeypatch):
    monkeypatch.setattr("livescope._dashboard.current_shell", lambda: object())
    monkeypatch.setattr("livescope._widget.guard.poll_shell", lambda: None)
    d = Dashboard({"a": LivePlot(1, max_fps=1), "b": LivePlot(1, max_fps=1)})
    d["a"].update([1.0])  # the first row of each plot goes out at once
    d["b"].update([2.0])
    d["a"].update([3.0])  # these wait a second for the next frame
    d["b"].update([4.0])
    assert front_end.rows_held() == 2
    later = time.monotonic() + 10
    monkeypatch.setattr("livescope._widget.guard.time.monotonic", lambda: later)
    assert d.running()
    assert front_end.rows_held() == 4


def test_unknown_messages_are_logged_not_raised(caplog):
    d = Dashboard([LivePlot(1)])
    send_from_browser_to(d, {"type": "bogus"})
    assert "ignored an unknown message" in caplog.text
    assert d.running()


def send_from_browser_to(dashboard, content):
    dashboard._controls._handle_custom_msg(content, [])


def test_a_layout_may_fill_the_largest_grid():
    d = Dashboard([LivePlot(1), LivePlot(1)], layout={"0": (0, 0, 64, 1), "1": (0, 1, 64, 63)})
    assert grid_of(d).layout.grid_template_columns == "repeat(64, minmax(0, 1fr))"
