import sys
import weakref
from pathlib import Path

import pytest
from front_end import FrontEnd, fake_cell_end

import livescope._plot
from livescope._runs.session import session_runs


@pytest.fixture(autouse=True)
def no_earlier_runs():
    """Each test starts with no previous runs: plots of other tests share titles."""
    session_runs.clear()
    yield
    session_runs.clear()


@pytest.fixture
def front_end(monkeypatch):
    """Make new LivePlots behave as in a kernel, sending to a recording front end.

    Only widgets made during the test send to it: a plot of an earlier test
    may still flush its last rows from the timer thread.
    """
    fe = FrontEnd()
    widgets = weakref.WeakSet()
    widget_class = livescope._plot.LivePlotWidget
    make_widget = widget_class.__init__

    def make_and_record(self, *args, **kwargs):
        make_widget(self, *args, **kwargs)
        widgets.add(self)

    def send(self, content, buffers=None):
        if self in widgets:
            fe.receive(content, buffers)

    monkeypatch.setattr(livescope._plot, "current_shell", lambda: object())
    fe.cell_end_hooks.append(fake_cell_end(monkeypatch))
    monkeypatch.setattr(widget_class, "__init__", make_and_record)
    monkeypatch.setattr(widget_class, "send", send)
    return fe


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (the system one; nothing is downloaded) for browser and host tests.

    One for the whole run: Playwright's sync API runs one instance a process.
    """
    sys.path.insert(0, str(Path(__file__).parent / "browser"))
    from _chromium import launch_chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()
