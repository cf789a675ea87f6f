"""What a publisher can cost the kernel, and who may publish to a plot beyond loopback."""

import gc
import json
import logging
import tracemalloc

import numpy as np
import pytest
from processes import free_port, wait_until

from livescope import LivePlot, Publisher
from livescope._sources import listener as listener_module

zmq = pytest.importorskip("zmq")

# The bound docs/remote.md states: at its peak, what the kernel holds for a
# publisher's rows (the message, the rows waiting, the plot's history) is at
# most this multiple of the bytes the publisher sent, for rows that fill the
# plot's columns.
MEMORY_MULTIPLE = 6


@pytest.fixture
def address():
    return f"tcp://127.0.0.1:{free_port()}"


@pytest.fixture
def dealer(address):
    """A raw publisher socket: it sends whatever a test makes up."""
    context = zmq.Context()
    socket = context.socket(zmq.DEALER)
    socket.setsockopt(zmq.LINGER, 0)
    socket.connect(address)
    yield socket
    socket.close()
    context.term()


def rows_message(session, start, columns, count):
    header = {
        "livescope": 1,
        "type": "rows",
        "session": session,
        "name": None,
        "start": start,
        "oldest": start,
        "count": count,
        "columns": columns,
    }
    steps = np.arange(start, start + count, dtype="<f8")
    values = np.ones((count, len(columns)), "<f8")
    return [json.dumps(header).encode(), steps.tobytes(), values.tobytes()]


def hello_message(session):
    return [json.dumps({"livescope": 1, "type": "hello", "session": session, "rows": 0}).encode()]


def send_and_await_replies(dealer, messages):
    """Send `messages`, then wait for the listener's reply to each: it has handled them all."""
    for frames in messages:
        dealer.send_multipart(frames)
    for _ in messages:
        assert dealer.poll(30_000), "the listener did not reply"
        dealer.recv_multipart()


def kernel_memory_for(address, dealer, messages):
    """The peak of memory allocated while a listener takes `messages`, and the bytes sent."""
    w = LivePlot()
    listener = w.listen(address)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        send_and_await_replies(dealer, messages)
        listener._merger.flush()
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
        listener.close()
    return peak, sum(len(frame) for frames in messages for frame in frames), w


def test_one_wide_message_costs_a_small_multiple_of_its_size(address, dealer):
    columns = [f"c{i}" for i in range(1024)]
    peak, sent, w = kernel_memory_for(address, dealer, [rows_message("s", 0, columns, 4096)])
    assert w.history.shape == (4096, 1024)
    assert peak <= MEMORY_MULTIPLE * sent, f"{peak / sent:.1f} times the {sent} bytes sent"


def test_new_columns_in_every_message_cannot_grow_memory_quadratically(address, dealer):
    messages = [
        rows_message("s", 256 * i, [f"m{i}c{j}" for j in range(1024)], 256) for i in range(12)
    ]
    peak, sent, w = kernel_memory_for(address, dealer, messages)
    assert len(w.columns) == 1024  # the default max_columns
    assert peak <= MEMORY_MULTIPLE * sent, f"{peak / sent:.1f} times the {sent} bytes sent"


def test_columns_beyond_max_columns_are_refused_and_said_so(address, dealer, caplog):
    w = LivePlot()
    listener = w.listen(address, max_columns=10)
    with caplog.at_level(logging.WARNING, logger="livescope"):
        send_and_await_replies(
            dealer,
            [
                rows_message("s", 0, [f"a{i}" for i in range(8)], 1),
                rows_message("s", 1, ["a0", "b0", "b1", "b2", "b3"], 1),
                rows_message("s", 2, ["a1", "b3"], 1),
            ],
        )
    listener.close()
    assert w.columns == (*(f"a{i}" for i in range(8)), "b0", "b1")
    np.testing.assert_array_equal(w.steps, [0, 1, 2])
    np.testing.assert_array_equal(w.history[1], [1] + [np.nan] * 7 + [1, 1])  # known ones land
    np.testing.assert_array_equal(w.history[2], [np.nan, 1] + [np.nan] * 8)
    assert w._widget.note == (
        "2 messages named columns beyond max_columns=10 (their values were dropped)"
    )
    refusals = [r for r in caplog.records if "max_columns" in r.getMessage()]
    assert len(refusals) == 1
    assert "['b2', 'b3']" in refusals[0].getMessage()


def test_max_columns_must_be_a_positive_count(address):
    with pytest.raises(ValueError, match=r"max_columns must be a positive number.*got 0"):
        LivePlot().listen(address, max_columns=0)


def test_sessions_are_bounded_and_expire(address, dealer):
    listener = LivePlot().listen(address)
    try:
        send_and_await_replies(dealer, [hello_message(f"s{i}") for i in range(1000)])
        assert len(listener._sessions) <= listener_module.MAX_SESSIONS
        assert len(listener._merger._sources) <= listener_module.MAX_SESSIONS
        # Sessions not heard from for SESSION_IDLE are forgotten at the next tick.
        listener._forget_idle(
            max(s.heard for s in listener._sessions.values()) + listener_module.SESSION_IDLE
        )
        assert len(listener._sessions) == 0
        assert len(listener._merger._sources) == 0
    finally:
        listener.close()


# ----- beyond loopback: CURVE ------------------------------------------------------


def test_remote_listening_lets_in_only_publishers_that_know_its_key(address):
    w = LivePlot()
    listener = w.listen(address, allow_remote=True)
    assert isinstance(listener.server_key, str) and len(listener.server_key) == 40
    wrong_key = zmq.curve_keypair()[0].decode()
    outsiders = [
        Publisher(address, name="keyless", linger=0),
        Publisher(address, name="wrongkey", server_key=wrong_key, linger=0),
    ]
    try:
        for outsider in outsiders:
            outsider.update({"x": 1.0})
        with Publisher(address, name="keyed", server_key=listener.server_key) as keyed:
            keyed.update({"x": 1.0})
            keyed.update({"x": 2.0})
        wait_until(lambda: len(w) == 2, what="the keyed publisher's rows")
        for outsider in outsiders:
            outsider.close(timeout=1.0)  # long enough for any row it could send to be confirmed
        listener._merger.flush()
        assert w.columns == ("keyed/x",)
        assert all(outsider._acked == 0 for outsider in outsiders)
    finally:
        listener.close()


def test_authorized_keys_restrict_remote_publishers(address):
    w = LivePlot()
    allowed = tuple(key.decode() for key in zmq.curve_keypair())
    listener = w.listen(address, allow_remote=True, authorized_keys=[allowed[0]])
    stranger = Publisher(address, name="stranger", server_key=listener.server_key, linger=0)
    try:
        stranger.update({"x": 1.0})
        with Publisher(
            address, name="friend", server_key=listener.server_key, client_keys=allowed
        ) as friend:
            assert friend.public_key == allowed[0]
            friend.update({"x": 1.0})
        wait_until(lambda: len(w) == 1, what="the authorized publisher's row")
        stranger.close(timeout=1.0)
        listener._merger.flush()
        assert w.columns == ("friend/x",)
    finally:
        listener.close()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"authorized_keys": ["x" * 40]}, ValueError, "authorized_keys needs allow_remote=True"),
        ({"allow_remote": True, "authorized_keys": "x" * 40}, TypeError, "not one string"),
        ({"allow_remote": True, "authorized_keys": ["short"]}, ValueError, "40 Z85"),
    ],
)
def test_bad_keys_are_refused_clearly(address, kwargs, error, match):
    with pytest.raises(error, match=match):
        LivePlot().listen(address, **kwargs)


def test_bad_publisher_keys_are_refused_clearly(address):
    with pytest.raises(ValueError, match="server_key must be a CURVE key of 40 Z85"):
        Publisher(address, server_key="nope")
    with pytest.raises(ValueError, match="client_keys needs server_key"):
        Publisher(address, client_keys=("a" * 40, "b" * 40))


def test_rows_recorded_while_the_sending_thread_is_gone_stay_within_the_buffer(
    address, monkeypatch, caplog
):
    monkeypatch.setattr(Publisher, "_run", lambda self: None)  # a sending thread that died
    pub = Publisher(address, buffer=10, linger=0)
    with caplog.at_level(logging.WARNING, logger="livescope"):
        for i in range(1000):
            pub.update("x", i)
    assert len(pub._unsent) == 10
    assert pub.dropped == 990
    assert caplog.text.count("buffer of 10 rows is full") == 1
    pub.close()


def test_a_listener_that_stops_says_so_in_the_header(address):
    w = LivePlot()
    listener = w.listen(address)

    def fail(now):
        raise RuntimeError("the plot is gone")

    listener._merger.commit_due = fail
    wait_until(lambda: "stopped" in w._widget.note, what="the reason in the header")
    assert w._widget.note == (
        f"listener on {listener.address} stopped: RuntimeError: the plot is gone"
    )
    listener.close()
