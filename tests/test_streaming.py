"""What the kernel sends: binary rows, coalesced to frames, and answers to the browser."""

import time
import types

import numpy as np
import pytest
from front_end import send_from_browser
from wire_decode import decode_rows, replay

import livescope._plot
import livescope._widget.guard
import livescope._widget.sender
from livescope import LivePlot
from livescope._core.history import History
from livescope._core.wire import CHUNK_BYTES, encode_rows


def test_rows_round_trip_through_the_wire_format(front_end):
    w = LivePlot(columns=["a", "b", "c"], max_fps=1)
    w.update([1.5, np.nan, -np.inf], step=3)
    w._flush_pending()
    content, buffers = front_end.messages[0]
    assert content == {
        "type": "rows",
        "generation": 0,
        "start": 0,
        "count": 1,
        "columns": 3,
        "dtype": "float64",
        "dropped": 0,
    }
    steps, times, values = decode_rows(content, buffers)
    np.testing.assert_array_equal(steps, [3])
    np.testing.assert_array_equal(values, [[1.5, np.nan, -np.inf]])
    assert abs(times[0] - time.time()) < 5


def test_float32_history_travels_as_float32(front_end):
    w = LivePlot(columns=2, dtype="float32")
    w.update([0.1, 0.2])
    content, buffers = front_end.messages[0]
    assert content["dtype"] == "float32"
    assert len(buffers[2]) == 8
    np.testing.assert_array_equal(decode_rows(content, buffers)[2], w.history)


def test_a_fast_loop_is_coalesced_to_frames_and_the_last_rows_follow(front_end):
    max_fps = 30
    w = LivePlot(columns=4, max_fps=max_fps)
    started = time.monotonic()
    for i in range(20_000):
        w.update([i, i + 1, i + 2, i + 3])
    elapsed = time.monotonic() - started
    # One message when the first row arrives, then at most one per frame interval.
    assert len(front_end.messages) <= 1 + elapsed * max_fps + 1
    # The rows left between frames arrive from the flush timer with no further call.
    front_end.wait_for(lambda: front_end.rows_held() == len(w), timeout=2)
    generation, steps, values = replay(front_end.messages)
    np.testing.assert_array_equal(values, w.history)
    np.testing.assert_array_equal(steps, w.steps)
    assert generation == 0


def test_messages_never_resend_rows(front_end):
    w = LivePlot(columns=1, max_fps=120)
    for i in range(3000):
        w.update(i)
    front_end.wait_for(lambda: front_end.rows_held() == 3000)
    starts = [c["start"] for c, _ in front_end.messages]
    counts = [c["count"] for c, _ in front_end.messages]
    assert starts == list(np.cumsum([0, *counts[:-1]]))


def test_extend_sends_the_rows_too(front_end):
    w = LivePlot(columns=2)
    w.extend(np.arange(10).reshape(5, 2), steps=[0, 2, 4, 6, 8])
    front_end.wait_for(lambda: front_end.rows_held() == 5)
    _, steps, values = replay(front_end.messages)
    np.testing.assert_array_equal(steps, [0, 2, 4, 6, 8])
    np.testing.assert_array_equal(values, w.history)


def test_cell_end_hook_flushes_waiting_rows(front_end):
    w = LivePlot(columns=1, max_fps=0.01)  # a frame every 100 s: only the hook can send
    w.update(1)
    w.update(2)
    assert front_end.rows_held() == 1
    (hook,) = front_end.cell_end_hooks
    hook()
    assert front_end.rows_held() == 2


def test_running_sends_rows_that_are_due(front_end):
    w = LivePlot(columns=1, max_fps=100)
    w.update(1)
    w.update(2)
    due = time.monotonic() + 0.011
    while time.monotonic() < due:
        pass
    assert w.running()
    assert front_end.rows_held() == 2


def test_a_view_that_asks_gets_the_whole_history(front_end):
    w = LivePlot(columns=2)
    w.extend(np.arange(200).reshape(100, 2))
    front_end.wait_for(lambda: front_end.rows_held() == 100)
    front_end.messages.clear()
    send_from_browser(w, {"type": "sync", "generation": 0, "from": 0})
    _, _, values = replay(front_end.messages)
    np.testing.assert_array_equal(values, w.history)


def test_sync_answers_from_the_row_asked_for(front_end):
    w = LivePlot(columns=1)
    w.extend(np.arange(50.0))
    front_end.messages.clear()
    send_from_browser(w, {"type": "sync", "generation": 0, "from": 30})
    ((content, buffers),) = front_end.messages
    assert (content["start"], content["count"]) == (30, 20)
    np.testing.assert_array_equal(decode_rows(content, buffers)[2][:, 0], np.arange(30, 50))


@pytest.mark.parametrize(
    "request_",
    [
        {"type": "sync", "generation": 7, "from": 30},
        {"type": "sync", "generation": 0, "from": 99},
        {"type": "sync", "generation": 0, "from": "x"},
        {"type": "sync"},
    ],
)
def test_sync_from_an_unknown_position_answers_from_the_start(front_end, request_):
    w = LivePlot(columns=1)
    w.extend(np.arange(50.0))
    front_end.messages.clear()
    send_from_browser(w, request_)
    assert front_end.messages[0][0]["start"] == 0
    assert front_end.rows_held() == 50


def test_sync_with_nothing_to_send_still_answers(front_end):
    w = LivePlot(columns=["a"])
    send_from_browser(w, {"type": "sync", "generation": 0, "from": 0})
    ((content, buffers),) = front_end.messages
    assert content["count"] == 0 and content["columns"] == 1
    assert [len(b) for b in buffers] == [0, 0, 0]


def test_sync_before_columns_are_known(front_end):
    w = LivePlot()
    send_from_browser(w, {"type": "sync", "generation": 0, "from": 0})
    ((content, _),) = front_end.messages
    assert content["count"] == 0 and content["columns"] == 0


def test_stop_message_ends_the_loop(front_end):
    w = LivePlot(columns=1)
    assert w.running()
    send_from_browser(w, {"type": "stop"})
    assert not w.running()
    assert w.stopped and w._widget.stopped


def test_unknown_messages_are_logged_not_raised(front_end, caplog):
    w = LivePlot(columns=1)
    send_from_browser(w, {"type": "launch-rockets"})
    assert "unknown message" in caplog.text
    assert w.running()


def test_reset_starts_a_new_generation(front_end):
    w = LivePlot(columns=1)
    w.extend(np.arange(5.0))
    w.reset()
    w.update(42)
    front_end.wait_for(
        lambda: (
            front_end.messages[-1][0]["generation"] == 1
            and replay(front_end.messages)[2].shape == (1, 1)
        )
    )
    generation, steps, values = replay(front_end.messages)
    assert generation == 1
    np.testing.assert_array_equal(values, [[42]])
    np.testing.assert_array_equal(steps, [0])


def test_large_histories_are_sent_in_chunks():
    history = History(np.dtype("float64"), 4)
    history.extend(np.ones((1000, 4)), np.arange(1000.0), 0.0)
    messages = list(encode_rows(history, 0, 1000, 0, chunk_bytes=48 * 100))
    assert [c["count"] for c, _ in messages] == [100] * 10
    _, steps, values = replay([(c, [bytes(b) for b in bufs]) for c, bufs in messages])
    np.testing.assert_array_equal(steps, np.arange(1000))
    assert values.shape == (1000, 4)


def test_nothing_is_sent_outside_a_kernel(monkeypatch):
    sent = []
    w = LivePlot(columns=1)

    def record(widget, *args, **kwargs):
        if widget is w._widget:  # a plot of an earlier test may still flush
            sent.append(args)

    monkeypatch.setattr("livescope._plot.LivePlotWidget.send", record)
    for i in range(100):
        w.update(i)
    assert w.running()
    w.reset()
    assert sent == []


def test_rows_that_come_once_a_frame_go_out_one_message_each(front_end, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("livescope._plot.time.monotonic", lambda: clock[0])
    w = LivePlot(columns=1, max_fps=10)  # a frame is 100 ms
    jitter = [0, -0.02, 0.015, -0.01, 0.02, -0.02, 0.0, 0.01]
    for i, early_or_late in enumerate(jitter):
        clock[0] = 1000.0 + 0.1 * i + early_or_late
        w.update(i)
    assert [c["count"] for c, _ in front_end.messages] == [1] * len(jitter)


def test_rows_faster_than_frames_are_paced_to_max_fps(front_end, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr("livescope._plot.time.monotonic", lambda: clock[0])
    w = LivePlot(columns=1, max_fps=10)
    for i in range(1000):  # 1,000 rows in one second
        clock[0] = 1000.0 + i / 1000
        w.update(i)
    assert len(front_end.messages) <= 10 + 1


def test_max_fps_bounds_frames_and_a_frame_over_a_chunk_is_several_messages(
    front_end, monkeypatch
):
    now = [0.0]
    clock = types.SimpleNamespace(monotonic=lambda: now[0], time=lambda: 1e9 + now[0])
    monkeypatch.setattr(livescope._plot, "time", clock)
    monkeypatch.setattr(livescope._widget.sender, "time", clock)
    monkeypatch.setattr(livescope._widget.guard, "time", clock)
    # Rows wait for the loop's next call, not for the timer thread's real clock.
    monkeypatch.setattr(livescope._widget.sender.flush_timer, "schedule", lambda *args: None)
    frames = {}  # send time -> the messages of that frame
    receive = front_end.receive
    monkeypatch.setattr(
        front_end,
        "receive",
        lambda content, buffers: (
            frames.setdefault(now[0], []).append(sum(len(b) for b in buffers)),
            receive(content, buffers),
        ),
    )
    w = LivePlot(columns=64, max_fps=30)
    rows = np.zeros((2000, 64))  # 1 MB every 5 ms: a frame's rows need several chunks
    while now[0] < 3.0:
        w.extend(rows)
        w.running()
        now[0] += 0.005
    w._flush_pending()
    assert front_end.rows_held() == len(w)
    for start in frames:  # a second holds 30 frame intervals: 31 sends at most, one per end
        assert sum(start <= t <= start + 1.0 for t in frames) <= 31
    assert len(frames) <= 3 * 30 + 1
    assert max(len(sizes) for sizes in frames.values()) > 1
    for sizes in frames.values():
        assert all(size <= CHUNK_BYTES for size in sizes)
