"""LivePlot in a real browser: streamed rows arrive intact, Stop ends the loop,
a reloaded page catches up with the whole history.

Each row i of the streamed data is ``[sin(i / 100), cos(i / 100), i / 2]``, so
the test can check every value the browser holds, not just a count.
"""

from __future__ import annotations

import math
from pathlib import Path

import _livescope_dom as ls
import pytest
from _notebook_page import UIS
from _pixels import colour_summary
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROOT_IN_PAGE = f".jp-NotebookPanel:visible {ls.ROOT}"

SETUP = """\
import math
import time

from IPython.display import display
from livescope import LivePlot

def row(i):
    return [math.sin(i / 100), math.cos(i / 100), i / 2]

w = LivePlot(columns=["a", "b", "c"], title="t")
display(w)
"""

STREAM_2000 = """\
for i in range(2000):
    w.update(row(i))
h = w.history
print(f"LEN={len(w)}")
print(f"SHAPE={tuple(h.shape)}")
print(f"SUM={float(h.sum())!r}")
"""

# Streams until stopped; the caps only bound a broken Stop (a working one ends
# the loop within a second or two of the click).
CAP_S = 60
CAP_ROWS = 1_000_000
STREAM_UNTIL_STOPPED = f"""\
t0 = time.monotonic()
i = 0
while w.running() and i < {CAP_ROWS} and time.monotonic() - t0 < {CAP_S}:
    w.update(row(i))
    i += 1
    time.sleep(0.001)
print(f"ELAPSED={{time.monotonic() - t0:.3f}}")
print(f"LEN={{len(w)}}")
print(f"RUNNING={{w.running()}}")
"""

REPORT = """\
print(f"LEN={len(w)}")
print(f"RUNNING={w.running()}")
"""


def expected_row(i: int) -> list[float]:
    return [math.sin(i / 100), math.cos(i / 100), i / 2]


def assert_store_matches_rows(snapshot: ls.StoreSnapshot, n: int) -> None:
    """The browser holds exactly rows 0..n-1 of the streamed data."""
    assert snapshot.length == n
    assert len(snapshot.columns) == 3
    for c, column in enumerate(snapshot.columns):
        assert len(column) == n
        expected = [expected_row(i)[c] for i in range(n)]
        mismatches = [
            i for i in range(n) if not math.isclose(column[i], expected[i], abs_tol=1e-12)
        ]
        assert not mismatches, (
            f"column {c} differs from the kernel's at {len(mismatches)} rows, first at row "
            f"{mismatches[0]}: {column[mismatches[0]]!r} != {expected[mismatches[0]]!r}"
        )


def wait_stopped(root) -> None:
    expect(ls.stopped_button(root)).to_be_visible(timeout=15_000)
    expect(root).to_have_attribute("data-stopped", "true", timeout=15_000)


@pytest.mark.parametrize("ui", UIS)
def test_streamed_rows_arrive_intact_and_are_drawn(open_notebook, artifacts, ui):
    nb = open_notebook([SETUP, STREAM_2000], ui=ui)
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)
    assert ls.rows(root) == 0
    # Its cell ended and nothing writes to it until the next cell does.
    expect(root.locator(".livescope-stop")).to_have_text("Done")

    nb.run_cell(1)
    assert nb.printed_value(1, "LEN") == "2000"
    assert nb.printed_value(1, "SHAPE") == "(2000, 3)"
    kernel_sum = float(nb.printed_value(1, "SUM"))

    # The last rows arrive within about a frame after the loop ends.
    expect(root).to_have_attribute("data-rows", "2000", timeout=15_000)
    snapshot = ls.store(root)
    assert snapshot.total() == pytest.approx(kernel_sum, rel=1e-12, abs=1e-9)
    assert_store_matches_rows(snapshot, 2000)
    if snapshot.steps is not None:
        assert snapshot.steps == sorted(snapshot.steps), "steps must increase"
    assert ls.attr(root, "stopped") == "false"
    assert ls.attr(root, "generation") is not None
    assert ls.attr(root, "last-step") not in (None, "")

    # Wait until the view has drawn after holding all rows, then look at it.
    nb.page.wait_for_function(
        "(el) => Number(el.dataset.draws) > 0", arg=root.element_handle(), timeout=10_000
    )
    artifacts.screenshot(root, f"liveplot-2000-rows-{ui}")
    png = artifacts.screenshot(ls.canvas(root), f"liveplot-canvas-{ui}")
    colours = colour_summary(nb.page, png)
    assert len(colours.foreground) >= 2, (
        f"the chart looks blank: background {colours.background}, "
        f"other colours {colours.foreground}"
    )


@pytest.mark.parametrize("ui", UIS)
def test_stop_button_ends_the_loop_early(open_notebook, artifacts, ui):
    nb = open_notebook([SETUP, STREAM_UNTIL_STOPPED], ui=ui)
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)

    before = nb.start_cell(1)
    first = ls.wait_rows_at_least(root, 50, timeout_s=20)
    # Rows keep arriving while the cell runs: the plot is live, not drawn at the end.
    ls.wait_rows_at_least(root, first + 50, timeout_s=20)
    assert nb.kernel_status() == "busy"

    ls.stop_button(root).click()
    nb.wait_cell_done(1, before, timeout_s=CAP_S + 30)

    elapsed = float(nb.printed_value(1, "ELAPSED"))
    n = int(nb.printed_value(1, "LEN"))
    assert elapsed < CAP_S / 2, f"the loop ran {elapsed:.1f} s; Stop did not end it"
    assert 0 < n < CAP_ROWS
    assert nb.printed_value(1, "RUNNING") == "False"
    wait_stopped(root)
    # Every row the kernel holds reaches the browser after the loop ends.
    expect(root).to_have_attribute("data-rows", str(n), timeout=15_000)
    artifacts.screenshot(root, f"liveplot-stopped-{ui}")


@pytest.mark.parametrize("ui", UIS)
def test_reload_while_streaming_shows_the_whole_history(open_notebook, artifacts, ui):
    nb = open_notebook([SETUP, STREAM_UNTIL_STOPPED, REPORT], ui=ui)
    nb.run_cell(0)
    root = ls.wait_rendered(nb, 0)

    nb.start_cell(1)
    rows_before_reload = ls.wait_rows_at_least(root, 300, timeout_s=30)
    # Keep the widget output in the file, as a user's autosave would.
    nb.save()
    nb.reload(wait_idle=False)

    root = ls.wait_rendered(nb, 0)
    # The new view asks for the history it missed instead of starting from
    # the rows that happen to arrive next.
    ls.wait_rows_at_least(root, rows_before_reload, timeout_s=20)
    snapshot = ls.store(root)
    assert snapshot.length >= rows_before_reload
    assert_store_matches_rows(snapshot, snapshot.length)
    assert ls.attr(root, "stopped") == "false", "the loop should still be running"
    artifacts.screenshot(root, f"liveplot-after-reload-{ui}")

    ls.stop_button(root).click()
    wait_stopped(root)
    # The reloaded page does not own cell 1's execution (its outputs go to the
    # page that started it), so ask the kernel in a new cell once it is idle.
    nb.wait_kernel_idle(timeout_s=CAP_S + 30)
    nb.run_cell(2)
    n = int(nb.printed_value(2, "LEN"))
    assert n > rows_before_reload
    assert nb.printed_value(2, "RUNNING") == "False"
    expect(root).to_have_attribute("data-rows", str(n), timeout=15_000)
    assert_store_matches_rows(ls.store(root), n)


LATE_PLOT = """\
late = LivePlot(columns=["a", "b", "c"])
late.extend([row(i) for i in range(500)])
"""
SHOW_TWICE = "display(late)\ndisplay(late)\n"


@pytest.mark.parametrize("ui", UIS)
def test_views_opened_after_the_rows_were_sent_show_them_all(open_notebook, artifacts, ui):
    nb = open_notebook([SETUP, LATE_PLOT, SHOW_TWICE], ui=ui)
    nb.run_cell(0)
    nb.run_cell(1)
    nb.run_cell(2)
    views = nb.output(2).locator(ls.ROOT)
    expect(views).to_have_count(2, timeout=30_000)
    for i in range(2):
        expect(views.nth(i)).to_have_attribute("data-rows", "500", timeout=15_000)
        assert_store_matches_rows(ls.store(views.nth(i)), 500)
    artifacts.screenshot(nb.output(2), f"liveplot-shown-twice-{ui}")


def test_quickstart_notebook_runs_top_to_bottom(open_notebook, artifacts):
    quickstart = Path(__file__).resolve().parents[2] / "notebooks" / "quickstart.ipynb"
    nb = open_notebook(quickstart)
    nb.run_all(timeout_s=60)
    plots = nb.page.locator(ROOT_IN_PAGE)
    expect(plots).to_have_count(2, timeout=30_000)
    expect(plots.nth(0)).to_have_attribute("data-rows", "300", timeout=15_000)
    expect(plots.nth(1)).to_have_attribute("data-rows", "40", timeout=15_000)
    artifacts.screenshot(nb.page, "quickstart")
