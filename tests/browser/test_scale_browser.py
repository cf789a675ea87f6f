"""LivePlot at scale in a real browser: a tight loop of 64 columns loses no row,
and ``max_rows`` keeps exactly the last rows in the browser as in the kernel.

Row i of 64 columns holds ``64 * i + c`` in column c: integers, so every sum
is exact in float64 whatever order the kernel and the browser add them in.
"""

from __future__ import annotations

import _livescope_dom as ls
import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SETUP = """\
import time

import numpy as np
from IPython.display import display
from livescope import LivePlot

WIDTH = 64
BASE = np.arange(WIDTH, dtype=np.float64)

def row(i):
    return BASE + WIDTH * i
"""

FAST_TOTAL = 200_000
LAST = 1000

# As fast as Python goes: update() and running() per row, nothing else.
FAST_LOOP = """\
w = LivePlot(columns=WIDTH, title="64 columns")
display(w)
"""
RUN_FAST = f"""\
t0 = time.perf_counter()
i = 0
while w.running() and i < {FAST_TOTAL}:
    w.update(BASE + WIDTH * i)
    i += 1
elapsed = time.perf_counter() - t0
print(f"RATE={{i / elapsed:.0f}}")
print(f"ROWS={{w.dropped + len(w)}}")
print(f"SUM={{float(w.history.sum())!r}}")
print(f"LAST_SUM={{float(w.history[-{LAST}:].sum())!r}}")
"""


def test_a_tight_loop_of_64_columns_loses_no_row(open_notebook, artifacts):
    nb = open_notebook([SETUP, FAST_LOOP, RUN_FAST])
    nb.run_cells([0, 1])
    root = ls.wait_rendered(nb, 1)
    nb.run_cell(2, timeout_s=120)
    rows = int(nb.printed_value(2, "ROWS"))
    assert rows == FAST_TOTAL
    artifacts.write_text("rate.txt", f"{nb.printed_value(2, 'RATE')} updates/s\n")

    expect(root).to_have_attribute("data-rows", str(FAST_TOTAL), timeout=60_000)
    summary = ls.store_summary(root, LAST)
    assert (summary.total, summary.dropped, summary.columns) == (FAST_TOTAL, 0, 64)
    assert summary.last_sum == float(nb.printed_value(2, "LAST_SUM"))
    assert summary.sum == float(nb.printed_value(2, "SUM"))
    assert (summary.first_step, summary.last_step) == (0, FAST_TOTAL - 1)
    assert summary.steps_increase
    artifacts.screenshot(root, "64-columns")


MAX_ROWS = 1000
BOUNDED_TOTAL = 50_000
BOUNDED = f"""\
b = LivePlot(columns=3, max_rows={MAX_ROWS}, title="last {MAX_ROWS}")
display(b)
"""
# Fast enough that most rows are dropped before a frame sends them.
RUN_BOUNDED = f"""\
for i in range({BOUNDED_TOTAL}):
    b.update([i, -i, i % 97])
print(f"HELD={{len(b)}}")
print(f"DROPPED={{b.dropped}}")
"""
SHOW_AGAIN = "display(b)\n"


def bounded_row(i: int) -> list[float]:
    return [i, -i, i % 97]


def assert_holds_last_rows(root) -> None:
    snapshot = ls.store(root)
    first = BOUNDED_TOTAL - MAX_ROWS
    assert (snapshot.length, snapshot.dropped) == (MAX_ROWS, first)
    assert snapshot.steps == list(range(first, BOUNDED_TOTAL))
    for c, column in enumerate(snapshot.columns):
        assert column == [bounded_row(i)[c] for i in range(first, BOUNDED_TOTAL)]


def test_max_rows_keeps_exactly_the_last_rows_in_the_browser(open_notebook, artifacts):
    nb = open_notebook([SETUP, BOUNDED, RUN_BOUNDED, SHOW_AGAIN])
    nb.run_cells([0, 1])
    root = ls.wait_rendered(nb, 1)
    nb.run_cell(2, timeout_s=120)
    assert nb.printed_value(2, "HELD") == str(MAX_ROWS)
    assert nb.printed_value(2, "DROPPED") == str(BOUNDED_TOTAL - MAX_ROWS)

    expect(root).to_have_attribute("data-dropped", str(BOUNDED_TOTAL - MAX_ROWS), timeout=15_000)
    expect(root).to_have_attribute("data-rows", str(MAX_ROWS))
    assert_holds_last_rows(root)
    expect(root.locator(".livescope-window")).to_have_text("showing last 1,000 of 50,000 rows")
    artifacts.screenshot(root, "max-rows")

    # A view opened later asks from row 0 and gets only the rows still held.
    nb.run_cell(3)
    late = ls.wait_rendered(nb, 3)
    expect(late).to_have_attribute("data-rows", str(MAX_ROWS), timeout=15_000)
    assert_holds_last_rows(late)
