import threading

import pytest

import livescope._plot


class FrontEnd:
    """Stands in for the browser: records what the kernel sends, sends what a view would."""

    def __init__(self):
        self.messages = []
        self.cell_end_hooks = []
        self._changed = threading.Condition()

    def receive(self, content, buffers=None):
        with self._changed:
            self.messages.append((content, [bytes(b) for b in buffers or []]))
            self._changed.notify_all()

    def rows_held(self):
        return sum(c["count"] for c, _ in self.messages)

    def wait_for(self, predicate, timeout=5.0):
        with self._changed:
            assert self._changed.wait_for(predicate, timeout), "timed out waiting for messages"


@pytest.fixture
def front_end(monkeypatch):
    """Make new LivePlots behave as in a kernel, sending to a recording front end."""
    fe = FrontEnd()
    monkeypatch.setattr(livescope._plot, "current_shell", lambda: object())
    monkeypatch.setattr(livescope._plot, "on_cell_end", fe.cell_end_hooks.append)
    monkeypatch.setattr(livescope._plot, "_cell_end_hook_registered", False)
    monkeypatch.setattr(
        livescope._plot.LivePlotWidget,
        "send",
        lambda _self, content, buffers=None: fe.receive(content, buffers),
    )
    return fe


def send_from_browser(plot, content):
    """Deliver a custom message to the plot the way ipywidgets does."""
    plot._widget._handle_custom_msg(content, [])
