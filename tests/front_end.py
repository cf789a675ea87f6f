"""A stand-in for the browser side of a LivePlot, for kernel-free tests."""

import threading


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
        return sum(c["count"] for c, _ in self.messages if c.get("type") == "rows")

    def wait_for(self, predicate, timeout=5.0):
        with self._changed:
            assert self._changed.wait_for(predicate, timeout), "timed out waiting for messages"


def send_from_browser(plot, content):
    """Deliver a custom message to the plot the way ipywidgets does."""
    plot._widget._handle_custom_msg(content, [])


def fake_cell_end(monkeypatch):
    """Replace the kernel's cell-end hook by a function the test calls to end a cell."""
    from livescope._kernel import shell

    cell_end = shell.CellEnd()
    cell_end._hooked = True  # the test ends cells itself; no shell to register with
    monkeypatch.setattr(shell, "cell_end", cell_end)
    return cell_end.cell_ended
