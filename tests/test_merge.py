"""Rows from background sources: aligned by step, columns added as they come."""

import numpy as np
from wire_decode import replay

from livescope import LivePlot
from livescope._sources.merge import Merger


def test_rows_of_one_step_from_two_sources_share_a_row():
    w = LivePlot()
    merger = Merger(w, hold=0, window=10)
    merger.add("a", [0, 1], [{"a/loss": 1.0}, {"a/loss": 2.0}], now=0)
    merger.add("b", [0], [{"b/loss": -1.0}], now=0)
    merger.commit_due(now=0)
    # Both sources have reached step 0 only: step 1 waits for b.
    assert w.columns == ("a/loss", "b/loss")
    np.testing.assert_array_equal(w.history, [[1, -1]])
    merger.add("b", [1], [{"b/loss": -2.0}], now=0)
    merger.commit_due(now=0)
    np.testing.assert_array_equal(w.history, [[1, -1], [2, -2]])
    np.testing.assert_array_equal(w.steps, [0, 1])


def test_a_row_waits_at_most_the_window_for_a_source_that_lags():
    w = LivePlot()
    merger = Merger(w, hold=0.1, window=0.5)
    merger.add("a", [0, 1, 2], [{"x": 0.0}, {"x": 1.0}, {"x": 2.0}], now=0)
    merger.add("b", [0], [{"y": 0.0}], now=0)
    merger.commit_due(now=0.05)
    assert len(w) == 0  # the hold: another source may be on its way
    merger.commit_due(now=0.2)
    assert len(w) == 1  # b has reached step 0 only; a's later rows wait for b
    merger.commit_due(now=0.6)
    assert len(w) == 3
    np.testing.assert_array_equal(w.history, [[0, 0], [1, np.nan], [2, np.nan]])


def test_a_silent_source_holds_nothing_back():
    w = LivePlot()
    merger = Merger(w, hold=0, window=0.5)
    merger.add("idle", [0], [{"y": 0.0}], now=0)
    merger.add("busy", [0, 1, 2], [{"x": 0.0}, {"x": 1.0}, {"x": 2.0}], now=1.0)
    merger.commit_due(now=1.0)
    np.testing.assert_array_equal(w.steps, [0, 1, 2])


def test_rows_that_come_after_their_step_was_drawn_are_put_in_place(front_end):
    w = LivePlot()
    merger = Merger(w, hold=0, window=10)
    merger.add("a", [1, 2, 3], [{"x": 1.0}, {"x": 2.0}, {"x": 3.0}], now=0)
    merger.flush()
    front_end.wait_for(lambda: front_end.rows_held() == 3)
    # b lags: its step 2 fills the row of step 2; its step 1.5 goes in between.
    merger.add("b", [1.5, 2], [{"y": 1.5}, {"y": 2.0}], now=1)
    merger.commit_due(now=1)
    np.testing.assert_array_equal(w.steps, [1, 1.5, 2, 3])
    np.testing.assert_array_equal(w.history, [[1, np.nan], [np.nan, 1.5], [2, 2], [3, np.nan]])
    # The front ends drop what they hold and get the rewritten history.
    front_end.wait_for(lambda: replay(front_end.messages)[2].shape == (4, 2))
    generation, steps, values = replay(front_end.messages)
    assert generation > 0
    np.testing.assert_array_equal(values, w.history)
    np.testing.assert_array_equal(steps, w.steps)
    assert w._widget.note == ""


def test_late_rows_of_one_step_share_a_row():
    w = LivePlot()
    merger = Merger(w, hold=0, window=10)
    merger.add("a", [5], [{"a": 5.0}], now=0)
    merger.flush()
    merger.add("b", [1], [{"b": 1.0}], now=0)
    merger.add("c", [1], [{"c": 1.0}], now=0)
    merger.flush()
    np.testing.assert_array_equal(w.steps, [1, 5])
    np.testing.assert_array_equal(w.history, [[np.nan, 1, 1], [5, np.nan, np.nan]])


def test_another_value_for_a_column_at_a_step_starts_a_second_row():
    w = LivePlot()
    merger = Merger(w, hold=0, window=10)
    merger.add("a", [1, 1], [{"x": 1.0}, {"x": 2.0}], now=0)
    merger.add("a", [1], [{"y": 3.0, "x": 2.0}], now=0)  # the same x: no conflict
    merger.flush()
    np.testing.assert_array_equal(w.steps, [1, 1])
    np.testing.assert_array_equal(w.history, [[1, np.nan], [2, 3]])


def test_new_columns_reach_the_front_end_as_a_new_generation(front_end):
    w = LivePlot(columns=["a"])
    w.extend([[1.0], [2.0]])
    front_end.wait_for(lambda: front_end.rows_held() == 2)
    w._add_columns(["a", "b"])
    w.update({"a": 3, "b": 4})
    assert w.columns == ("a", "b")
    np.testing.assert_array_equal(w.history, [[1, np.nan], [2, np.nan], [3, 4]])
    front_end.wait_for(lambda: replay(front_end.messages)[2].shape == (3, 2))
    generation, steps, values = replay(front_end.messages)
    assert generation == 1
    np.testing.assert_array_equal(values, w.history)
    np.testing.assert_array_equal(steps, [0, 1, 2])


def test_notes_from_several_sources_are_joined(front_end):
    w = LivePlot()
    w._set_note("follow", "3 lines skipped")
    w._set_note("listen", "1 bad message rejected")
    assert w._widget.note == "3 lines skipped · 1 bad message rejected"
    w._set_note("follow", "")
    assert w._widget.note == "1 bad message rejected"


def test_with_max_rows_a_rewrite_keeps_the_last_rows(front_end):
    w = LivePlot(max_rows=3)
    merger = Merger(w, hold=0, window=10)
    merger.add("a", [1, 2, 3, 4], [{"x": float(s)} for s in (1, 2, 3, 4)], now=0)
    merger.flush()
    assert (len(w), w.dropped) == (3, 1)
    merger.add("b", [3.5], [{"y": 3.5}], now=1)  # late: it goes in between, the oldest goes
    merger.flush()
    np.testing.assert_array_equal(w.steps, [3, 3.5, 4])
    assert w.dropped == 2
    front_end.wait_for(lambda: replay(front_end.messages)[2].shape == (3, 2))
    np.testing.assert_array_equal(replay(front_end.messages)[2], w.history)
