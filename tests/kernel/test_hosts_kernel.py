"""Hosts whose front end cannot deliver Stop while a cell runs (VS Code): the
plot says so in its header; an interrupt ends the loop and keeps the history
and the picture."""

from __future__ import annotations

import re

import pytest
from harness import Kernel

from livescope._kernel.host import VSCODE_NOTE

pytestmark = pytest.mark.kernel

NOT_VSCODE = """
import os
for name in ("VSCODE_PID", "VSCODE_CWD"):
    os.environ.pop(name, None)
"""

SHOW = """
from IPython.display import display
from livescope import Dashboard, LivePlot
w = LivePlot(["a"])
d = Dashboard({"one": LivePlot(["b"]), "two": LivePlot(["c"])})
notes = [p.widget.host_note for p in d.plots.values()]
controls = d._controls
print(repr(w.widget.host_note), w.widget.stop_button, notes, controls.stop_button,
      repr(controls.host_note))
"""


def test_a_plot_in_vscode_notes_that_stop_waits_and_hides_the_button(kernel: Kernel) -> None:
    kernel.run(NOT_VSCODE + "__vsc_ipynb_file__ = '/home/me/train.ipynb'")
    msg_id = kernel.execute(SHOW)
    kernel.wait_idle(msg_id)
    # The note once per dashboard, in its own header; the dashboard's Stop hidden.
    note = repr(VSCODE_NOTE)
    assert kernel.output_of(msg_id).strip() == f"{note} False ['', ''] False {note}"


def test_a_plot_elsewhere_has_its_stop_button_and_no_note(kernel: Kernel) -> None:
    kernel.run(NOT_VSCODE)
    msg_id = kernel.execute(SHOW)
    kernel.wait_idle(msg_id)
    assert kernel.output_of(msg_id).strip() == "'' True ['', ''] True ''"


LOOP = """
w = LivePlot(["n", "n2"], title="interrupted")
display(w)
n = 0
while w.running():
    w.update([n, n * n])
    n += 1
    if n == 2000:
        print("looping", flush=True)
"""


def test_an_interrupt_keeps_the_history_and_refreshes_the_picture(kernel: Kernel) -> None:
    kernel.run(SHOW)
    msg_id = kernel.execute(LOOP)
    kernel.wait_stream(msg_id, "looping")
    kernel.km.interrupt_kernel()
    reply = kernel.replies([msg_id])["by_id"][msg_id]
    kernel.wait_idle(msg_id)
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "KeyboardInterrupt"

    # The cell's end refreshed the picture to every row the loop made.
    updates = [
        m
        for m in kernel.iopub
        if m["msg_type"] == "update_display_data" and m["parent_header"].get("msg_id") == msg_id
    ]
    assert updates, "the picture was not refreshed after the interrupt"
    data = updates[-1]["content"]["data"]
    assert "<svg" in data["image/svg+xml"]
    rows = int(re.search(r"rows=(\d+)", data["text/plain"]).group(1))
    assert rows >= 2000

    check = kernel.execute(
        "import numpy as np\n"
        "h = w.history\n"
        "print(len(w), h.shape, bool(np.array_equal(h[:, 0], np.arange(len(w)))),"
        " bool(np.array_equal(h[:, 1], h[:, 0] ** 2)), bool(np.array_equal(w.steps, h[:, 0])))\n"
        "w.update([len(w), len(w) ** 2])\n"
        "print(len(w), w.running())\n"
    )
    kernel.wait_idle(check)
    held, after = kernel.output_of(check).strip().splitlines()
    # Every row the loop appended is whole, in order (n only advances after update()).
    assert held == f"{rows} ({rows}, 2) True True True", held
    assert after == f"{rows + 1} True"
