"""LivePlot(max_rows=n): only the last n rows are kept, and sent, with absolute indices."""

import numpy as np
import pytest
from front_end import send_from_browser
from wire_decode import replay

from livescope import LivePlot
from livescope._core.history import History


def rows(first, k, m=2):
    """Rows first..first+k-1; row i holds i, -i, 2i, ... so every value is traceable."""
    i = np.arange(first, first + k, dtype=np.float64)[:, None]
    return i * np.array([1.0, -1.0, 2.0, -2.0][:m])


def assert_holds_last(w, n, total):
    """`w` holds exactly rows total-n..total-1 of `rows`, in order."""
    assert len(w) == n
    assert w.dropped == total - n
    np.testing.assert_array_equal(w.history, rows(total - n, n))
    np.testing.assert_array_equal(w.steps, np.arange(total - n, total))


def test_one_row_at_a_time_keeps_the_last_rows_in_order_after_wrapping():
    w = LivePlot(columns=2, max_rows=100)
    for i in range(1000):
        w.update(rows(i, 1)[0])
        held = min(i + 1, 100)
        if i in (0, 99, 100, 199, 200, 201, 999):
            assert_holds_last(w, held, i + 1)
    assert w.history.shape == (100, 2)


@pytest.mark.parametrize("max_rows", [1, 7, 100, 300])
def test_mixed_update_and_extend_keep_the_last_rows(max_rows):
    w = LivePlot(columns=2, max_rows=max_rows)
    rng = np.random.default_rng(max_rows)
    total = 0
    while total < 3000:
        k = int(rng.choice([0, 1, 1, 5, max_rows - 1, max_rows, max_rows + 3, 250]))
        if k == 1:
            w.update(rows(total, 1)[0])
        else:
            w.extend(rows(total, k))
        total += k
        assert_holds_last(w, min(total, max_rows), total)


def test_compaction_is_amortized_and_capacity_stays_near_twice_max_rows():
    w = LivePlot(columns=2, max_rows=1000)
    buffers = set()
    for i in range(20_000):
        w.update([i, i])
        buffers.add(id(w._history._values))
    # Growth to 2000 rows (256, 512, 1024, 2000), then one new array per 1000 rows.
    assert len(buffers) <= 4 + 20
    assert len(w._history._steps) == 2000


def test_views_handed_out_never_change():
    w = LivePlot(columns=2, max_rows=50)
    w.extend(rows(0, 50))
    history, steps = w.history, w.steps
    for i in range(50, 500):
        w.update(rows(i, 1)[0])
    np.testing.assert_array_equal(history, rows(0, 50))
    np.testing.assert_array_equal(steps, np.arange(50))
    assert not w.history.flags.writeable


def test_reset_starts_counting_again():
    w = LivePlot(columns=2, max_rows=10)
    w.extend(rows(0, 25))
    w.reset()
    assert (len(w), w.dropped) == (0, 0)
    w.extend(rows(0, 3))
    assert_holds_last(w, 3, 3)


def test_unbounded_by_default():
    w = LivePlot(columns=2)
    w.extend(rows(0, 5000))
    assert_holds_last(w, 5000, 5000)


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        (0, ValueError, "max_rows must be a positive integer or None; got 0"),
        (-5, ValueError, "got -5"),
        (10.0, TypeError, "max_rows must be a positive integer or None; got float 10.0"),
        (True, TypeError, "got bool True"),
        ("100", TypeError, "got str '100'"),
    ],
)
def test_max_rows_is_validated(value, error, message):
    with pytest.raises(error, match=message):
        LivePlot(columns=1, max_rows=value)


def test_numpy_integers_are_accepted():
    w = LivePlot(columns=2, max_rows=np.int64(3))
    w.extend(rows(0, 5))
    assert_holds_last(w, 3, 5)


# ----- on the wire -----------------------------------------------------------


def test_messages_carry_absolute_indices_and_the_front_end_keeps_the_last_rows(front_end):
    w = LivePlot(columns=2, max_rows=100, max_fps=120)
    for i in range(5000):
        w.update(rows(i, 1)[0])
    front_end.wait_for(
        lambda: front_end.messages[-1][0]["start"] + front_end.messages[-1][0]["count"] == 5000
    )
    for content, _ in front_end.messages:
        assert content["dropped"] <= content["start"]
        assert content["count"] <= 100
    _, steps, values = replay(front_end.messages)
    np.testing.assert_array_equal(values, w.history)
    np.testing.assert_array_equal(steps, np.arange(4900, 5000))


def test_rows_dropped_before_they_were_sent_are_skipped(front_end):
    w = LivePlot(columns=2, max_rows=10, max_fps=0.01)  # one frame, then only by hand
    w.update([0, 0])
    w.extend(rows(1, 99))
    w._flush_pending()
    content, _ = front_end.messages[-1]
    assert (content["start"], content["count"], content["dropped"]) == (90, 10, 90)
    np.testing.assert_array_equal(replay(front_end.messages)[2], rows(90, 10))


def test_a_late_sync_gets_only_the_rows_still_held(front_end):
    w = LivePlot(columns=2, max_rows=100)
    w.extend(rows(0, 1234))
    for start in (0, 500, 1134):  # a new view, one behind the window, one inside it
        front_end.messages.clear()
        send_from_browser(w, {"type": "sync", "generation": 0, "from": start})
        content, _ = front_end.messages[0]
        assert (content["start"], content["dropped"]) == (1134, 1134)
        np.testing.assert_array_equal(replay(front_end.messages)[2], rows(1134, 100))
    front_end.messages.clear()
    send_from_browser(w, {"type": "sync", "generation": 0, "from": 1200})
    ((content, _),) = front_end.messages
    assert (content["start"], content["count"], content["dropped"]) == (1200, 34, 1134)


def test_history_extend_longer_than_max_rows_keeps_its_tail():
    history = History(np.dtype("float64"), 2, max_rows=4)
    history.extend(rows(0, 3), np.arange(3.0), 0.0)
    history.extend(rows(3, 10), np.arange(3.0, 13.0), 0.0)
    assert (len(history), history.dropped, history.total) == (4, 9, 13)
    np.testing.assert_array_equal(history.values, rows(9, 4))
    assert history.last_step == 12.0
