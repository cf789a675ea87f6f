"""Unknown messages from a front end are logged briefly and rate-limited."""

import logging
import types

import pytest
from front_end import send_from_browser

import livescope._dashboard
import livescope._plot
from livescope import Dashboard, LivePlot
from livescope._widget import messages


@pytest.fixture
def clock(monkeypatch):
    """A fresh message counter reading a clock the test moves."""
    now = [1000.0]
    monkeypatch.setattr(messages, "time", types.SimpleNamespace(monotonic=lambda: now[0]))
    counter = messages.UnknownMessages()
    monkeypatch.setattr(livescope._plot, "unknown_messages", counter)
    monkeypatch.setattr(livescope._dashboard, "unknown_messages", counter)
    return now


def warnings_logged(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_a_huge_message_is_logged_in_a_few_hundred_characters(clock, caplog):
    w = LivePlot(1)
    send_from_browser(w, {"type": "nonsense", "blob": "x" * 5_000_000})
    (line,) = warnings_logged(caplog)
    assert "unknown message" in line
    assert "'nonsense'" in line
    assert len(line) < 300


def test_a_flood_of_unknown_messages_logs_a_few_lines_then_a_count_a_minute(clock, caplog):
    w = LivePlot(1)
    d = Dashboard([LivePlot(1)])
    for i in range(250):
        send_from_browser(w, {"type": "nonsense", "i": i})
        d._controls._handle_custom_msg({"type": "nonsense", "i": i}, [])
    assert len(warnings_logged(caplog)) == messages.FIRST
    clock[0] += messages.INTERVAL
    send_from_browser(w, {"type": "nonsense", "i": "last"})
    lines = warnings_logged(caplog)
    assert len(lines) == messages.FIRST + 1
    assert "ignored 496 more unknown messages" in lines[-1]
    assert "'last'" in lines[-1]
