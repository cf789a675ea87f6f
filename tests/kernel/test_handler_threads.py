"""The comm message handlers stay correct when run on another thread beside update().

JupyterLab may send a widget's messages to a kernel subshell, whose handlers
run on their own thread while the cell's loop keeps calling update(). Here a
thread of the kernel feeds the widgets' comms sync requests, then Stop, the way
a subshell would, and the test reads iopub as a front end does: every row must
arrive exactly once, in order, and the loop must end by Stop.
"""

from __future__ import annotations

import numpy as np
import pytest
from harness import Kernel
from wire_decode import replay

pytestmark = pytest.mark.kernel

# From a thread: sync requests (mostly for some of the last rows sent, as a
# front end that holds them asks; some from the start, some of a stale
# generation), then Stop, each through the comm's own handler.
HANDLER_THREAD = """
import random, threading, time

def custom(comm, content):
    comm.handle_msg({"content": {"data": {"method": "custom", "content": content}}, "buffers": []})

def feed(comms, sent, syncs=300):
    rng = random.Random(0)
    try:
        for k in range(syncs):
            for comm, sent_ in zip(comms, sent, strict=True):
                start = 0 if k % 50 == 0 else max(0, sent_() - rng.randrange(200))
                generation = 1 if k % 50 == 25 else 0
                custom(comm, {"type": "sync", "from": start, "generation": generation})
            time.sleep(0.001)
        custom(comms[0], {"type": "stop"})
    except BaseException as exc:
        errors.append(repr(exc))
        raise

errors = []
"""

LOOP = """
import sys
# Switch threads every few bytecodes, so unlocked interleavings show up.
sys.setswitchinterval(1e-6)
feeder = threading.Thread(target=feed, args=(COMMS, SENT))
i = 0
t0 = time.monotonic()
feeder.start()
while RUNNING():
    UPDATE(i)
    i += 1
    time.sleep(0.0001)  # keeps the rows, which stale syncs send whole, to thousands
    if time.monotonic() - t0 > 30:
        raise TimeoutError("the loop was never stopped")
feeder.join()
sys.setswitchinterval(0.005)
print("loop-end", i, "errors", errors, flush=True)
"""

PLOT_SETUP = """
from livescope import LivePlot
w = LivePlot(columns=["a", "b"])
w
"""

DASHBOARD_SETUP = """
from livescope import Dashboard, LivePlot
d = Dashboard({"a": LivePlot(["a"]), "b": LivePlot(["b"])})
d
"""


def _comm_ids(kernel: Kernel, model: str) -> list[str]:
    return [
        m["content"]["comm_id"]
        for m in kernel.iopub
        if m["msg_type"] == "comm_open"
        and m["content"]["data"]["state"].get("_anywidget_id")
        == f"livescope._widget.models.{model}"
    ]


def _run_loop(kernel: Kernel, code: str) -> int:
    loop_id = kernel.execute(code)
    reply = kernel.replies([loop_id], timeout=60)["by_id"][loop_id]
    kernel.wait_idle(loop_id, timeout=60)
    kernel.drain_iopub()
    assert reply["content"]["status"] == "ok", reply["content"]
    output = kernel.output_of(loop_id)
    assert output.startswith("loop-end ") and output.endswith(" errors []\n"), output
    return int(output.split()[1])


def _rows_held(kernel: Kernel, comm_id: str) -> tuple[int, np.ndarray, np.ndarray]:
    """What a front end of `comm_id` holds after every message the kernel sent it."""
    messages = [
        (m["content"]["data"]["content"], [bytes(b) for b in m["buffers"]])
        for m in kernel.iopub
        if m["msg_type"] == "comm_msg"
        and m["content"]["comm_id"] == comm_id
        and m["content"]["data"].get("method") == "custom"
        and m["content"]["data"]["content"].get("type") == "rows"
    ]
    assert len(messages) >= 300, "the sync requests went unanswered"
    return replay(messages)


def _told_stopped(kernel: Kernel, comm_id: str) -> bool:
    return any(
        m["msg_type"] == "comm_msg"
        and m["content"]["comm_id"] == comm_id
        and m["content"]["data"].get("state", {}).get("stopped") is True
        for m in kernel.iopub
    )


def test_plot_handler_on_another_thread_loses_and_repeats_no_row(kernel: Kernel) -> None:
    kernel.run(HANDLER_THREAD + PLOT_SETUP)
    (comm_id,) = _comm_ids(kernel, "LivePlotWidget")
    rows = _run_loop(
        kernel,
        LOOP.replace("COMMS", "[w._widget.comm]")
        .replace("SENT", "[lambda: w._sent]")
        .replace("RUNNING", "w.running")
        .replace("UPDATE(i)", "w.update([i, -i])"),
    )
    generation, steps, values = _rows_held(kernel, comm_id)
    assert generation == 0
    np.testing.assert_array_equal(steps, np.arange(rows))
    np.testing.assert_array_equal(values, np.stack([np.arange(rows), -np.arange(rows)], axis=1))
    assert _told_stopped(kernel, comm_id)


def test_dashboard_handler_on_another_thread_loses_and_repeats_no_row(kernel: Kernel) -> None:
    kernel.run(HANDLER_THREAD + DASHBOARD_SETUP)
    (controls,) = _comm_ids(kernel, "DashboardControlsWidget")
    panels = _comm_ids(kernel, "LivePlotWidget")
    rows = _run_loop(
        kernel,
        LOOP.replace(
            "COMMS",
            "[d._controls.comm, d['a']._widget.comm, d['b']._widget.comm]",
        )
        .replace(
            "SENT",
            "[lambda: 0, lambda: d['a']._sent, lambda: d['b']._sent]",
        )
        .replace("RUNNING", "d.running")
        .replace("UPDATE(i)", "d['a'].update([i]); d['b'].update([-i])"),
    )
    for comm_id, sign in zip(panels, (1, -1), strict=True):
        generation, steps, values = _rows_held(kernel, comm_id)
        assert generation == 0
        np.testing.assert_array_equal(steps, np.arange(rows))
        np.testing.assert_array_equal(values[:, 0], sign * np.arange(rows))
        assert _told_stopped(kernel, comm_id)
    assert _told_stopped(kernel, controls)
