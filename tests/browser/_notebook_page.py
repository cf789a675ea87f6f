"""Drive one notebook in JupyterLab or Notebook 7 from Playwright.

The page is driven the way a user drives it (click a cell, press
Shift+Enter, click buttons); to *observe* it, the helpers read the front end's
own state through ``window.jupyterapp`` (the server exposes it for tests),
which is exact where screen-scraping would be brittle: kernel status, the
cell's prompt, its outputs as nbformat JSON.

Every wait is a ``wait_for_function`` / locator wait with an explicit timeout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import nbformat
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

Ui = Literal["lab", "notebook"]
UIS: tuple[Ui, ...] = ("lab", "notebook")

PAGE_LOAD_TIMEOUT_S = 60.0
KERNEL_IDLE_TIMEOUT_S = 60.0
CELL_TIMEOUT_S = 60.0

# Finds the notebook panel showing `path` in either front end. Prefixed to the
# page-side functions below; `panelFor(path)` returns null until it exists.
_PANEL_JS = """
const panelFor = (path) => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return null;
  for (const w of app.shell.widgets("main")) {
    if (w.context && w.context.path === path && w.content && w.sessionContext) return w;
  }
  return null;
};
const cellFor = (path, index) => {
  const panel = panelFor(path);
  if (!panel) return null;
  return panel.content.widgets[index] || null;
};
const promptOf = (cell) => {
  const node = cell.node.querySelector(".jp-InputPrompt");
  return node ? node.textContent.trim() : "";
};
"""


def _with_panel(body: str) -> str:
    """Prefix a page-side function with the panel/cell lookups it uses."""
    return _PANEL_JS + body


_PANEL_READY_JS = _with_panel(
    """
([path]) => {
  const panel = panelFor(path);
  return !!(panel && panel.context.isReady && panel.content.widgets.length > 0);
}
"""
)

_KERNEL_STATUS_JS = _with_panel(
    """
([path]) => {
  const panel = panelFor(path);
  const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return kernel ? kernel.status : null;
}
"""
)

_KERNEL_STATUS_IS_JS = _with_panel(
    """
([path, wanted]) => {
  const panel = panelFor(path);
  const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  if (!kernel || kernel.connectionStatus !== "connected") return false;
  return wanted === null || wanted.includes(kernel.status);
}
"""
)

_PROMPT_JS = _with_panel(
    """
([path, index]) => {
  const cell = cellFor(path, index);
  return cell ? promptOf(cell) : null;
}
"""
)

# Done = the prompt shows an execution count that differs from the one the
# cell had before it was run ("[ ]:" or an older "[3]:").
_CELL_DONE_JS = _with_panel(
    """
([path, index, before]) => {
  const cell = cellFor(path, index);
  if (!cell) return false;
  const prompt = promptOf(cell);
  return /^\\[\\d+\\]:?$/.test(prompt) && prompt !== before;
}
"""
)

_CODE_PROMPTS_JS = _with_panel(
    """
([path]) => {
  const panel = panelFor(path);
  if (!panel) return null;
  return panel.content.widgets.map((c) => (c.model.type === "code" ? promptOf(c) : null));
}
"""
)

# Every code cell shows a new execution count (`before` from _CODE_PROMPTS_JS).
_ALL_DONE_JS = _with_panel(
    """
([path, before]) => {
  const panel = panelFor(path);
  if (!panel) return false;
  return panel.content.widgets.every((c, i) => {
    if (c.model.type !== "code") return true;
    const prompt = promptOf(c);
    return /^\\[\\d+\\]:?$/.test(prompt) && prompt !== before[i];
  });
}
"""
)

_RUN_ALL_JS = """
async () => { await window.jupyterapp.commands.execute("notebook:run-all-cells"); }
"""

_CELL_OUTPUTS_JS = _with_panel(
    """
([path, index]) => {
  const cell = cellFor(path, index);
  if (!cell) return null;
  return cell.model.outputs ? cell.model.outputs.toJSON() : [];
}
"""
)

_SAVE_JS = _with_panel(
    """
async ([path]) => { await panelFor(path).context.save(); }
"""
)


def write_notebook(path: Path, cells: list[str], kernel: str = "python3") -> Path:
    """Write a clean, output-free notebook of code cells with the given kernelspec."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": kernel,
        "display_name": "Python 3 (ipykernel)" if kernel == "python3" else kernel,
        "language": "python",
    }
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    nbformat.write(nb, path)
    return path


class CellError(AssertionError):
    """A cell raised an exception in the kernel."""


@dataclass
class NotebookPage:
    """One notebook (``path`` relative to the server root) open in ``page``."""

    page: Page
    base_url: str
    token: str
    path: str
    ui: Ui = "lab"

    # -- opening ---------------------------------------------------------------

    @property
    def url(self) -> str:
        route = "lab/tree" if self.ui == "lab" else "notebooks"
        # `reset` starts JupyterLab from an empty workspace, so notebooks that
        # earlier tests opened are not restored (and do not start kernels).
        extra = "&reset" if self.ui == "lab" else ""
        return f"{self.base_url}/{route}/{self.path}?token={self.token}{extra}"

    def open(self, *, wait_idle: bool = True) -> NotebookPage:
        """Navigate to the notebook and wait until its kernel is connected."""
        self.page.goto(self.url, timeout=PAGE_LOAD_TIMEOUT_S * 1000)
        self.wait_ready(wait_idle=wait_idle)
        return self

    def wait_ready(self, *, wait_idle: bool = True) -> None:
        """Wait for the notebook and a connected kernel (idle too, if ``wait_idle``)."""
        self._wait(_PANEL_READY_JS, [self.path], PAGE_LOAD_TIMEOUT_S, "the notebook to load")
        self.wait_kernel(["idle"] if wait_idle else None, KERNEL_IDLE_TIMEOUT_S)

    def reload(self, *, wait_idle: bool = True) -> None:
        """Reload the browser tab (a user pressing F5) and wait for the notebook.

        With ``wait_idle=False`` only a connected kernel is awaited: a kernel
        busy with a cell that another page started may not even answer the
        new page's kernel_info request until that cell ends.
        """
        self.page.reload(timeout=PAGE_LOAD_TIMEOUT_S * 1000)
        self.wait_ready(wait_idle=wait_idle)

    def save(self) -> None:
        """Save the notebook, outputs included, as Ctrl+S does."""
        self.page.evaluate(_SAVE_JS, [self.path])

    # -- kernel ----------------------------------------------------------------

    def kernel_status(self) -> str | None:
        return self.page.evaluate(_KERNEL_STATUS_JS, [self.path])

    def wait_kernel(self, statuses: list[str] | None, timeout_s: float) -> None:
        """Wait for a connected kernel whose status is one of ``statuses`` (None: any)."""
        what = f"the kernel to be {' or '.join(statuses)}" if statuses else "a connected kernel"
        self._wait(_KERNEL_STATUS_IS_JS, [self.path, statuses], timeout_s, what)

    def wait_kernel_idle(self, timeout_s: float = KERNEL_IDLE_TIMEOUT_S) -> None:
        self.wait_kernel(["idle"], timeout_s)

    # -- cells -----------------------------------------------------------------

    def cell(self, index: int) -> Locator:
        """The cell's DOM node (only cells of this notebook's panel)."""
        return self.page.locator(".jp-NotebookPanel:visible .jp-Notebook .jp-Cell").nth(index)

    def output(self, index: int) -> Locator:
        """The rendered output area of cell ``index``."""
        return self.cell(index).locator(".jp-OutputArea")

    def prompt(self, index: int) -> str | None:
        return self.page.evaluate(_PROMPT_JS, [self.path, index])

    def start_cell(self, index: int) -> str:
        """Run cell ``index`` with Shift+Enter without waiting for it to finish.

        Returns the prompt the cell showed before; pass it to
        :meth:`wait_cell_done` to wait for this particular run.
        """
        before = self.prompt(index)
        if before is None:
            raise AssertionError(f"{self.path} has no cell {index}")
        # Clicking the prompt selects the cell in command mode without
        # putting a cursor into its editor.
        self.cell(index).locator(".jp-InputPrompt").click()
        self.page.keyboard.press("Shift+Enter")
        return before

    def wait_cell_done(
        self,
        index: int,
        before: str,
        timeout_s: float = CELL_TIMEOUT_S,
        *,
        raise_on_error: bool = True,
    ) -> list[dict]:
        """Wait until cell ``index`` has a new execution count; return its outputs."""
        self._wait(_CELL_DONE_JS, [self.path, index, before], timeout_s, f"cell {index} to finish")
        outputs = self.outputs(index)
        if raise_on_error:
            self._raise_on_error(index, outputs)
        return outputs

    def run_cell(self, index: int, timeout_s: float = CELL_TIMEOUT_S) -> list[dict]:
        """Run cell ``index``, wait for it, raise :class:`CellError` if it failed."""
        before = self.start_cell(index)
        return self.wait_cell_done(index, before, timeout_s)

    def run_cells(self, indices: list[int], timeout_s: float = CELL_TIMEOUT_S) -> None:
        for index in indices:
            self.run_cell(index, timeout_s)

    def run_all(self, timeout_s: float = CELL_TIMEOUT_S) -> None:
        """Run → Run All Cells; wait for every code cell; raise on the first error."""
        before = self.page.evaluate(_CODE_PROMPTS_JS, [self.path])
        # The menu command itself; `execute` resolves once the cells are queued.
        self.page.evaluate(_RUN_ALL_JS)
        self._wait(_ALL_DONE_JS, [self.path, before], timeout_s, "all cells to finish")
        for index, prompt in enumerate(before):
            if prompt is not None:
                self._raise_on_error(index, self.outputs(index))

    def outputs(self, index: int) -> list[dict]:
        """Outputs of cell ``index`` as nbformat JSON, from the front end's model."""
        outputs = self.page.evaluate(_CELL_OUTPUTS_JS, [self.path, index])
        if outputs is None:
            raise AssertionError(f"{self.path} has no cell {index}")
        return outputs

    def stdout(self, index: int) -> str:
        """Everything cell ``index`` printed to stdout."""
        return "".join(
            _text(out.get("text", ""))
            for out in self.outputs(index)
            if out.get("output_type") == "stream" and out.get("name") == "stdout"
        )

    def printed_value(self, index: int, key: str) -> str:
        """Value of a ``KEY=value`` line the cell printed (the last one wins)."""
        found = re.findall(rf"^{re.escape(key)}=(.*)$", self.stdout(index), flags=re.M)
        if not found:
            raise AssertionError(
                f"cell {index} printed no {key}=... line; stdout was:\n{self.stdout(index)}"
            )
        return found[-1].strip()

    # -- internals -------------------------------------------------------------

    def _raise_on_error(self, index: int, outputs: list[dict]) -> None:
        for out in outputs:
            if out.get("output_type") == "error":
                tb = "\n".join(out.get("traceback", []))
                tb = re.sub(r"\x1b\[[0-9;]*m", "", tb)  # strip ANSI colours
                raise CellError(
                    f"cell {index} of {self.path} raised {out.get('ename')}: "
                    f"{out.get('evalue')}\n{tb}"
                )

    def _wait(self, js: str, arg: object, timeout_s: float, what: str) -> None:
        try:
            self.page.wait_for_function(js, arg=arg, timeout=timeout_s * 1000, polling=100)
        except PlaywrightTimeoutError as exc:
            raise AssertionError(
                f"timed out after {timeout_s:.0f} s waiting for {what} in {self.path} "
                f"({self.ui}); kernel status: {self._safe_kernel_status()}"
            ) from exc

    def _safe_kernel_status(self) -> str | None:
        try:
            return self.kernel_status()
        except Exception as exc:  # noqa: BLE001 - only used to enrich an error message
            return f"<unavailable: {exc}>"


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)
