import pytest
from front_end import FrontEnd

import livescope._plot


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
