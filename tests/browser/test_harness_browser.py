"""Self-tests of the browser harness, independent of livescope.

When these fail, the Lab / Notebook / widget setup is broken, not livescope:
fix the environment before reading the livescope browser tests' failures.
"""

from __future__ import annotations

import pytest
from _notebook_page import UIS, CellError
from _pixels import colour_summary
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

INLINE_ANYWIDGET = '''\
import anywidget
import traitlets


class Hello(anywidget.AnyWidget):
    _esm = """
    export default {
      render({ model, el }) {
        el.classList.add("harness-hello");
        const update = () => { el.textContent = `hi ${model.get("n")}`; };
        model.on("change:n", update);
        update();
        return () => model.off("change:n", update);
      }
    }
    """
    n = traitlets.Int(0).tag(sync=True)


w = Hello()
w
'''


@pytest.mark.parametrize("ui", UIS)
def test_harness_runs_cells_and_reads_stdout(open_notebook, ui):
    nb = open_notebook(["x = 6 * 7", "print(f'ANSWER={x}')"], ui=ui)
    nb.run_cell(0)
    nb.run_cell(1)
    assert nb.printed_value(1, "ANSWER") == "42"
    assert nb.prompt(1) == "[2]:"
    assert nb.kernel_status() == "idle"


def test_harness_reports_cell_errors(open_notebook):
    nb = open_notebook(["raise ValueError('boom from the kernel')"])
    with pytest.raises(CellError, match="ValueError: boom from the kernel"):
        nb.run_cell(0)


@pytest.mark.parametrize("ui", UIS)
def test_harness_ipywidgets_slider_renders(open_notebook, artifacts, ui):
    nb = open_notebook(["import ipywidgets\nipywidgets.IntSlider(value=7, max=10)"], ui=ui)
    nb.run_cell(0)
    slider = nb.output(0).locator(".widget-slider")
    slider.wait_for(state="visible", timeout=30_000)
    assert nb.output(0).locator(".widget-readout").inner_text() == "7"
    png = artifacts.screenshot(nb.output(0), f"intslider-{ui}")
    assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize("ui", UIS)
def test_harness_inline_anywidget_renders_and_syncs(open_notebook, artifacts, ui):
    nb = open_notebook([INLINE_ANYWIDGET, "w.n = 5"], ui=ui)
    nb.run_cell(0)
    hello = nb.output(0).locator(".harness-hello")
    hello.wait_for(state="visible", timeout=30_000)
    assert hello.inner_text() == "hi 0"
    # A trait change from the kernel reaches the rendered view.
    nb.run_cell(1)
    nb.page.wait_for_function(
        "() => document.querySelector('.harness-hello')?.textContent === 'hi 5'",
        timeout=10_000,
    )
    artifacts.screenshot(nb.page, f"anywidget-{ui}")


def test_harness_start_cell_runs_in_background(open_notebook):
    nb = open_notebook(["import time\ntime.sleep(2)\nprint('SLEPT=yes')"])
    before = nb.start_cell(0)
    nb.wait_kernel(["busy"], timeout_s=10)
    nb.wait_cell_done(0, before, timeout_s=30)
    assert nb.printed_value(0, "SLEPT") == "yes"


CANVAS_ANYWIDGET = '''\
import anywidget
import traitlets


class Canvas(anywidget.AnyWidget):
    _esm = """
    export default {
      render({ model, el }) {
        const canvas = document.createElement("canvas");
        canvas.width = 300;
        canvas.height = 120;
        canvas.className = "harness-canvas";
        el.append(canvas);
        const ctx = canvas.getContext("2d");
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, 300, 120);
        if (model.get("draw")) {
          ctx.lineWidth = 3;
          for (const [colour, y] of [["#1f77b4", 30], ["#d62728", 90]]) {
            ctx.strokeStyle = colour;
            ctx.beginPath();
            ctx.moveTo(10, y);
            ctx.lineTo(290, 120 - y);
            ctx.stroke();
          }
        }
      }
    }
    """
    draw = traitlets.Bool(False).tag(sync=True)


display(Canvas(draw=False))
display(Canvas(draw=True))
'''


def test_harness_blank_canvas_check_tells_blank_from_drawn(open_notebook, artifacts):
    nb = open_notebook([CANVAS_ANYWIDGET])
    nb.run_cell(0)
    canvases = nb.output(0).locator(".harness-canvas")
    expect(canvases).to_have_count(2, timeout=30_000)
    blank = colour_summary(nb.page, artifacts.screenshot(canvases.nth(0), "blank"))
    drawn = colour_summary(nb.page, artifacts.screenshot(canvases.nth(1), "drawn"))
    assert blank.foreground == []
    assert blank.background == "#fff"
    assert drawn.background == "#fff"
    assert len(drawn.foreground) >= 2, drawn


@pytest.mark.parametrize("ui", UIS)
def test_harness_run_all_waits_for_every_cell(open_notebook, ui):
    nb = open_notebook(
        ["a = 1", "import time\ntime.sleep(1)\nb = a + 1", "print(f'B={b}')"], ui=ui
    )
    nb.run_all(timeout_s=30)
    assert nb.printed_value(2, "B") == "2"
