"""Publisher -> listener across real processes on 127.0.0.1."""

import logging
import socket

import numpy as np
import pytest
from front_end import send_from_browser
from processes import free_port, python, wait_until
from wire_decode import replay

from livescope import LivePlot, Publisher

zmq = pytest.importorskip("zmq")

# Sends `count` rows as `name` once told to go, then waits until the listener
# confirmed them all.
PUBLISH = """
import sys
from livescope import Publisher
address, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
pub = Publisher(address, name=name, linger=60)
print("ready", flush=True)
sys.stdin.readline()
for i in range(count):
    pub.update({"loss": i, "acc": -i})
print("recorded", flush=True)
pub.close()
assert pub.dropped == 0
"""

# Sends rows until Stop is clicked in the plot, at explicit steps from `first`.
PUBLISH_UNTIL_STOPPED = """
import sys, time
from livescope import Publisher
address, first = sys.argv[1], int(sys.argv[2])
pub = Publisher(address, name="rank0", linger=60)
step = first
while pub.running():
    pub.update("loss", [step], step=step)
    step += 1
    time.sleep(0.001)
pub.close()
print(step - first, flush=True)
"""

# Sends 500 rows, waits for a line on stdin, sends 500 more.
PUBLISH_IN_TWO_PARTS = """
import sys
from livescope import Publisher
pub = Publisher(sys.argv[1], linger=60)
for i in range(500):
    pub.update("x", i)
print("first half", flush=True)
sys.stdin.readline()
for i in range(500, 1000):
    pub.update("x", i)
pub.close()
"""


@pytest.fixture
def address():
    return f"tcp://127.0.0.1:{free_port()}"


@pytest.fixture
def listening(address):
    """A plot listening on `address`, closed after the test."""
    listeners = []

    def listen(plot=None):
        plot = LivePlot() if plot is None else plot
        listeners.append(plot.listen(address))
        return plot

    yield listen
    for listener in listeners:
        listener.close()


def test_rows_from_two_processes_reach_the_front_end_all_of_them(front_end, address, listening):
    count = 20_000
    w = listening()
    with (
        python(PUBLISH, address, "rank0", count) as a,
        python(PUBLISH, address, "rank1", count) as b,
    ):
        # Ranks of one training run start together: their first steps share rows.
        a.expect("ready")
        b.expect("ready")
        a.say("go")
        b.say("go")
        a.finish()
        b.finish()
    wait_until(lambda: len(w) == count and len(w.columns) == 4, what="every row")
    assert sorted(w.columns) == ["rank0/acc", "rank0/loss", "rank1/acc", "rank1/loss"]
    np.testing.assert_array_equal(w.steps, np.arange(count))
    for column in w.columns:  # same step, same row: nothing offset, nothing lost
        sign = -1 if column.endswith("acc") else 1
        np.testing.assert_array_equal(w.history[:, w.columns.index(column)], sign * w.steps)
    # No loop runs here: the listener thread and the flush timer send the rows.
    front_end.wait_for(lambda: front_end.rows_held() >= count)
    front_end.wait_for(lambda: replay(front_end.messages)[2].shape == (count, 4))
    np.testing.assert_array_equal(replay(front_end.messages)[2], w.history)


def test_a_publisher_that_starts_first_keeps_its_rows_for_the_listener(address, listening):
    with python(PUBLISH, address, "early", 3000) as child:
        child.expect("ready")
        child.say("go")
        child.expect("recorded")  # every row recorded, nobody listening yet
        w = listening()
        child.finish()
    wait_until(lambda: len(w) == 3000, what="the rows sent before the listener started")
    np.testing.assert_array_equal(w.history[:, w.columns.index("early/loss")], np.arange(3000))


def test_a_restarted_listener_gets_the_whole_history_again(address, listening):
    with python(PUBLISH_IN_TWO_PARTS, address) as child:
        child.expect("first half")
        first = listening()
        wait_until(lambda: len(first) == 500)
        second = LivePlot()
        listening(second)  # takes the address over: the first listener closes
        wait_until(lambda: len(second) == 500, what="the history replayed")
        child.say("go")
        child.finish()
    wait_until(lambda: len(second) == 1000)
    np.testing.assert_array_equal(second.history[:, 0], np.arange(1000))
    assert len(first) == 500


def test_a_publisher_killed_and_restarted(address, listening):
    w = listening()
    with python(PUBLISH_UNTIL_STOPPED, address, 0) as first:
        wait_until(lambda: len(w) >= 200, what="rows from the first publisher")
        first.kill()
    with python(PUBLISH_UNTIL_STOPPED, address, 1_000_000) as second:
        wait_until(lambda: w.steps[-1] >= 1_000_100, what="rows from the restarted publisher")
        w.stop()  # as the Stop button does
        sent = int(second.finish())
    restarted = lambda: w.steps >= 1_000_000  # noqa: E731
    wait_until(lambda: restarted().sum() == sent, what="every row of the restarted publisher")
    assert w.columns == ("rank0/loss",)  # the same name: the same series
    assert (np.diff(w.steps) >= 0).all()
    np.testing.assert_array_equal(w.history[restarted(), 0], 1_000_000 + np.arange(sent))
    assert w._widget.note == ""  # nothing rejected, nothing dropped


def test_stop_in_the_browser_ends_the_remote_loop(front_end, address, listening):
    w = listening()
    with python(PUBLISH_UNTIL_STOPPED, address, 0) as child:
        wait_until(lambda: len(w) > 50, what="the remote loop to run")
        send_from_browser(w, {"type": "stop"})
        sent = int(child.finish())  # ends by itself: pub.running() turned False
    wait_until(lambda: len(w) == sent)


def test_garbage_on_the_port_is_rejected_and_the_listener_goes_on(address, caplog):
    w = LivePlot()
    listener = w.listen(address)
    good_header = b'{"livescope":1,"type":"rows","session":"s","name":null,'
    bad_messages = [
        [b"\xff\xfe\x00garbage"],
        [b"[1, 2, 3]"],
        [b'{"livescope": 99, "type": "rows"}'],
        [good_header + b'"start":0,"oldest":0,"count":2,"columns":["x"]}', b"\0" * 16, b"\0" * 8],
        [
            good_header + b'"start":0,"oldest":0,"count":1,"columns":["x"]}',
            np.array([np.nan]).tobytes(),
            b"\0" * 8,
        ],
        [b'{"livescope":1,"type":"hello","session":"s","rows":-1}'],
    ]
    context = zmq.Context()
    dealer = context.socket(zmq.DEALER)
    dealer.setsockopt(zmq.LINGER, 0)
    dealer.connect(address)
    with caplog.at_level(logging.WARNING, logger="livescope"):
        for frames in bad_messages:
            dealer.send_multipart(frames)
        wait_until(lambda: listener.rejected == 6, what="every rejection")
    assert w._widget.note == "6 bad messages rejected"
    assert "not JSON" in caplog.text
    dealer.close()
    context.term()

    # Not ZeroMQ at all: libzmq reads it as old-style frames, which are rejected too.
    port = int(address.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port)) as raw:
        raw.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n" + bytes(range(256)) * 4)
    with Publisher(address) as pub:  # the listener still works
        pub.update({"x": 1.0})
    wait_until(lambda: len(w) == 1)
    listener.close()


def test_a_full_publisher_buffer_drops_the_oldest_rows_and_says_so(address, listening, caplog):
    with caplog.at_level(logging.WARNING, logger="livescope"):
        pub = Publisher(address, buffer=100, linger=30)
        for i in range(250):
            pub.update("x", i)
        wait_until(lambda: pub.dropped == 150, what="the rows past the bound to be dropped")
    assert "buffer of 100 rows is full" in caplog.text
    w = listening()
    pub.close()
    wait_until(lambda: len(w) == 100)
    np.testing.assert_array_equal(w.history[:, 0], np.arange(150, 250))
    assert w._widget.note == "150 rows dropped by publishers"


def test_update_never_waits_for_a_listener(address):
    pub = Publisher(address, linger=0)
    for i in range(10_000):
        pub.update({"loss": float(i)}, step=i)
    assert pub.running()
    pub.close()  # linger=0: gives up on the unconfirmed rows at once


def test_listen_on_the_class_makes_the_plot(address):
    w = LivePlot.listen(address, title="remote run")
    try:
        assert isinstance(w, LivePlot)
        assert w._widget.title == "remote run"
        with Publisher(address, name="a") as pub:
            pub.update(["loss", "acc"], [0.5, 0.25], step=3)
        wait_until(lambda: len(w) == 1)
        assert w.columns == ("a/loss", "a/acc")
        np.testing.assert_array_equal(w.steps, [3])
    finally:
        for source in w._sources:
            source.close()


def test_listening_beyond_loopback_is_an_explicit_choice():
    with pytest.raises(ValueError, match="allow_remote=True"):
        LivePlot().listen("tcp://0.0.0.0:5577")
    with pytest.raises(ValueError, match="allow_remote=True"):
        LivePlot().listen("tcp://*:5577")
    listener = LivePlot().listen(f"tcp://0.0.0.0:{free_port()}", allow_remote=True)
    listener.close()


@pytest.mark.parametrize(
    ("address", "error"),
    [
        ("localhost:5577", ValueError),
        ("tcp://127.0.0.1:99999", ValueError),
        ("tcp://127.0.0.1:*", ValueError),  # only a listener may pick any port
        (5577.0, TypeError),
        (0, ValueError),
    ],
)
def test_bad_addresses_are_refused_clearly(address, error):
    with pytest.raises(error, match="address"):
        Publisher(address)


def test_a_taken_port_says_so(address, listening):
    context = zmq.Context()
    other = context.socket(zmq.PULL)
    other.bind(address)
    try:
        with pytest.raises(OSError, match="cannot listen on"):
            LivePlot().listen(address)
    finally:
        other.close(linger=0)
        context.term()


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ((), {}, TypeError, "missing"),
        (([0.3],), {}, TypeError, "names and values"),
        (("loss", "high"), {}, TypeError, "'loss' must be a real number"),
        ((["a", "b"], [1.0]), {}, ValueError, "2 names"),
        (({"a": 1}, 2), {}, TypeError, "no second argument"),
        (({"a": 1},), {"step": float("nan")}, TypeError, "step must be a finite number"),
        (({"": 1},), {}, TypeError, "names must be strings"),
    ],
)
def test_bad_rows_are_refused_clearly(address, args, kwargs, error, match):
    with Publisher(address, linger=0) as pub, pytest.raises(error, match=match):
        pub.update(*args, **kwargs)


def test_steps_must_not_decrease(address):
    with Publisher(address, linger=0) as pub:
        pub.update("x", 1, step=5)
        with pytest.raises(ValueError, match="must not decrease"):
            pub.update("x", 1, step=4)


def test_kinds_without_named_columns_cannot_listen(address):
    with pytest.raises(ValueError, match="no names"):
        LivePlot(kind="waterfall").listen(address)
