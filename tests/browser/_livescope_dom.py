"""What the browser tests know about livescope's DOM and front-end state.

The only place that knows selectors, ``data-*`` attribute names and the layout
of the front end's history store; when the front end changes, adapt here.

Contract of the view:

- root element ``.livescope`` with ``data-rows`` (rows held in the browser),
  ``data-dropped`` (older rows dropped because of ``max_rows``),
  ``data-generation``, ``data-last-step``, ``data-stopped`` ("true"/"false")
  and ``data-draws``;
- a ``<button>`` named "Stop" that reads "Stopped" once stopped;
- a ``<canvas>`` with the chart;
- ``root.livescope = {store, view, replay}``, ``store.length`` rows and one
  Float64Array per series in ``store.columns`` (capacity-sized; only the first
  ``length`` entries are rows), ``store.steps`` alike; ``store.dropped`` is the
  absolute index of the first row held. Kinds whose values are
  positions (frame, heatmap, waterfall) keep a row store instead:
  ``store.row(i)`` is row ``i``, ``store.width`` values long;
- replayable kinds also keep ``data-shown-index``, ``data-shown-step``,
  ``data-following`` and ``data-playing`` current, and have a replay bar with a
  range input (``.livescope-slider``), Play/Pause and Latest buttons and a
  speed ``<select>``. Their views have ``showIndex(i | null)`` (null follows
  the latest row); a scatter's view also has ``shownFrame()`` ->
  ``{index, step, x, y}`` (its rows are x0, y0, x1, y1, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from _notebook_page import NotebookPage
from playwright.sync_api import Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = ".livescope"
RENDER_TIMEOUT_S = 30.0

_STORE_JS = """
(root) => {
  const api = root.livescope;
  if (!api || !api.store) {
    throw new Error("the .livescope element has no `livescope.store` property");
  }
  const store = api.store;
  const n = store.length;
  const rows = (array) => Array.from(array.subarray(0, n));
  return {
    length: n,
    dropped: store.dropped,
    generation: store.generation ?? null,
    steps: store.steps ? rows(store.steps) : null,
    columns: (store.columns || []).map(rows),
  };
}
"""

# Sums in the page: big stores are too large to copy out row by row.
_SUMMARY_JS = """
(root, last) => {
  const store = root.livescope.store;
  const n = store.length;
  const from = Math.max(0, n - last);
  let sum = 0;
  let lastSum = 0;
  for (const column of store.columns) {
    for (let i = 0; i < from; i++) sum += column[i];
    for (let i = from; i < n; i++) lastSum += column[i];
  }
  let stepsIncrease = true;
  for (let i = 1; i < n && stepsIncrease; i++) stepsIncrease = store.steps[i] > store.steps[i - 1];
  return {
    length: n,
    dropped: store.dropped,
    columns: store.columns.length,
    sum: sum + lastSum,
    last_sum: lastSum,
    first_step: n ? store.steps[0] : null,
    last_step: n ? store.steps[n - 1] : null,
    steps_increase: stepsIncrease,
  };
}
"""

_ROW_STORE_JS = """
(root, [start, stop]) => {
  const store = root.livescope.store;
  const rows = [];
  for (let i = start; i < Math.min(stop, store.length); i++) rows.push(Array.from(store.row(i)));
  const steps = Array.from(store.steps.subarray(0, store.length));
  return { length: store.length, width: store.width, steps, rows };
}
"""

_ROWS_AT_LEAST_JS = """
([root, n]) => Number(root.dataset.rows) >= n
"""


@dataclass(frozen=True)
class StoreSnapshot:
    """The rows the front end holds, column by column."""

    length: int
    dropped: int
    generation: int | None
    steps: list[float] | None
    columns: list[list[float]]

    def total(self) -> float:
        return sum(sum(column) for column in self.columns)


def widget(nb: NotebookPage, cell: int) -> Locator:
    """The livescope root element in the output of ``cell``."""
    return nb.output(cell).locator(ROOT)


def wait_rendered(nb: NotebookPage, cell: int, timeout_s: float = RENDER_TIMEOUT_S) -> Locator:
    root = widget(nb, cell)
    try:
        root.wait_for(state="visible", timeout=timeout_s * 1000)
    except PlaywrightTimeoutError as exc:
        raise AssertionError(
            f"no visible {ROOT} element in the output of cell {cell} after {timeout_s:.0f} s; "
            f"the cell's outputs were: {nb.outputs(cell)!r}"
        ) from exc
    return root


def attr(root: Locator, name: str) -> str | None:
    """A ``data-<name>`` attribute of the root element."""
    return root.get_attribute(f"data-{name}")


def rows(root: Locator) -> int:
    value = attr(root, "rows")
    if value is None:
        raise AssertionError(f"{ROOT} has no data-rows attribute")
    return int(value)


def wait_rows_at_least(root: Locator, n: int, timeout_s: float) -> int:
    """Wait until the browser holds at least ``n`` rows; return how many it holds."""
    handle = root.element_handle(timeout=timeout_s * 1000)
    try:
        root.page.wait_for_function(
            _ROWS_AT_LEAST_JS, arg=[handle, n], timeout=timeout_s * 1000, polling=50
        )
    except PlaywrightTimeoutError as exc:
        raise AssertionError(
            f"{ROOT} held {attr(root, 'rows')} rows after {timeout_s:.0f} s, expected >= {n}"
        ) from exc
    finally:
        handle.dispose()
    return rows(root)


def store(root: Locator) -> StoreSnapshot:
    data = root.evaluate(_STORE_JS)
    return StoreSnapshot(**data)


@dataclass(frozen=True)
class StoreSummary:
    """Counts and sums of the rows the front end holds, computed in the page."""

    length: int
    dropped: int
    columns: int
    sum: float
    last_sum: float  # of the last `last` rows passed to `store_summary`
    first_step: float | None
    last_step: float | None
    steps_increase: bool

    @property
    def total(self) -> int:
        """Absolute index one past the last row held: every row received, dropped included."""
        return self.dropped + self.length


def store_summary(root: Locator, last: int) -> StoreSummary:
    return StoreSummary(**root.evaluate(_SUMMARY_JS, last))


@dataclass(frozen=True)
class RowSnapshot:
    """Rows ``start``.. of a row store (kinds whose values are positions)."""

    length: int
    width: int
    steps: list[float]
    rows: list[list[float]]


def row_store(root: Locator, start: int = 0, stop: int = 1 << 30) -> RowSnapshot:
    """Rows [start, stop) the front end holds, and the step of every row."""
    return RowSnapshot(**root.evaluate(_ROW_STORE_JS, [start, stop]))


def shown_index(root: Locator) -> int | None:
    """The row a replayable view shows (None while it shows none)."""
    value = attr(root, "shown-index")
    return int(value) if value else None


def slider(root: Locator) -> Locator:
    return root.locator(".livescope-slider")


def shown_step(root: Locator) -> float | None:
    """The step of the row a replayable view shows (None while it shows none)."""
    value = attr(root, "shown-step")
    return float(value) if value else None


def wait_shown_index(root: Locator, index: int, timeout_s: float = 10.0) -> None:
    """Wait until a replayable view shows row ``index``."""
    handle = root.element_handle(timeout=timeout_s * 1000)
    try:
        root.page.wait_for_function(
            "([root, i]) => root.dataset.shownIndex === String(i)",
            arg=[handle, index],
            timeout=timeout_s * 1000,
            polling=50,
        )
    except PlaywrightTimeoutError as exc:
        raise AssertionError(
            f"{ROOT} shows row {attr(root, 'shown-index')!r} after {timeout_s:.0f} s, "
            f"expected {index}"
        ) from exc
    finally:
        handle.dispose()


def show_index(root: Locator, index: int | None) -> None:
    """Ask a replayable view to show row ``index`` (None follows the latest)."""
    root.evaluate("(root, i) => root.livescope.view.showIndex(i)", index)


def shown_frame(root: Locator) -> dict | None:
    """The scatter frame shown: ``{index, step, x, y}``."""
    return root.evaluate("(root) => root.livescope.view.shownFrame()")


def stop_button(root: Locator) -> Locator:
    return root.get_by_role("button", name="Stop", exact=True)


def stopped_button(root: Locator) -> Locator:
    """The disabled button of a stopped plot: "Stopped", or "Done" once its cell ended."""
    return root.get_by_role("button", name=re.compile(r"^(Stopped|Done)$"))


def canvas(root: Locator) -> Locator:
    return root.locator("canvas").first
