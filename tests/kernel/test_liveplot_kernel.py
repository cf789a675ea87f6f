"""LivePlot in a real kernel: its Stop message ends a busy loop, rows arrive whole."""

from __future__ import annotations

import time

import numpy as np
import pytest
from harness import Kernel
from wire_decode import replay

pytestmark = pytest.mark.kernel

SETUP = """
import time
from livescope import LivePlot
w = LivePlot(columns=["a", "b"])
w
"""

# Spins until stopped; the time cap only bounds a broken Stop.
LOOP = """
i = 0
t0 = time.monotonic()
print("loop-start", flush=True)
while w.running():
    w.update([i, -i])
    i += 1
    if time.monotonic() - t0 > 20:
        raise TimeoutError("the loop was never stopped")
print("loop-end", time.monotonic(), len(w), flush=True)
"""


def plot_comm_id(kernel: Kernel) -> str:
    kernel.run(SETUP)
    for msg in kernel.iopub:
        if (
            msg["msg_type"] == "comm_open"
            and msg["content"]["data"]["state"].get("_anywidget_id")
            == "livescope._widget.models.LivePlotWidget"
        ):
            return msg["content"]["comm_id"]
    raise AssertionError("the LivePlot widget opened no comm")


def send_stop(kernel: Kernel, comm_id: str) -> float:
    sent = time.monotonic()
    kernel.send_shell(
        "comm_msg",
        {"comm_id": comm_id, "data": {"method": "custom", "content": {"type": "stop"}}},
    )
    return sent


def loop_end(kernel: Kernel, loop_id: str) -> tuple[float, int]:
    for line in kernel.output_of(loop_id).splitlines():
        if line.startswith("loop-end "):
            _, when, rows = line.split()
            return float(when), int(rows)
    raise AssertionError(f"no loop-end in {kernel.output_of(loop_id)!r}")


def rows_messages(kernel: Kernel, comm_id: str) -> list:
    return [
        (m["content"]["data"]["content"], [bytes(b) for b in m["buffers"]])
        for m in kernel.iopub
        if m["msg_type"] == "comm_msg"
        and m["content"]["comm_id"] == comm_id
        and m["content"]["data"].get("method") == "custom"
    ]


def wait_streaming(kernel: Kernel, comm_id: str, messages: int = 2) -> None:
    """Wait until the loop has sent rows a few times."""
    kernel.wait_iopub(lambda _: len(rows_messages(kernel, comm_id)) >= messages)


def test_stop_message_ends_the_busy_loop_within_a_second(kernel: Kernel) -> None:
    comm_id = plot_comm_id(kernel)
    loop_id = kernel.execute(LOOP)
    kernel.wait_stream(loop_id, "loop-start")
    sent = send_stop(kernel, comm_id)
    reply = kernel.replies([loop_id], timeout=10)["by_id"][loop_id]
    kernel.wait_idle(loop_id)
    assert reply["content"]["status"] == "ok", reply["content"]
    ended, _ = loop_end(kernel, loop_id)
    print(f"\n[{kernel.line}] LivePlot stop latency: {(ended - sent) * 1000:.1f} ms")
    assert ended - sent < 1.0
    # The browser is told the loop was stopped.
    assert any(
        m["msg_type"] == "comm_msg"
        and m["content"]["comm_id"] == comm_id
        and m["content"]["data"].get("state", {}).get("stopped") is True
        for m in kernel.iopub
    )


def test_every_row_reaches_the_front_end_coalesced(kernel: Kernel) -> None:
    comm_id = plot_comm_id(kernel)
    loop_id = kernel.execute(LOOP)
    wait_streaming(kernel, comm_id, messages=10)
    send_stop(kernel, comm_id)
    kernel.replies([loop_id], timeout=10)
    kernel.wait_idle(loop_id)
    _, rows = loop_end(kernel, loop_id)

    messages = rows_messages(kernel, comm_id)
    generation, steps, values = replay(messages)
    assert generation == 0
    assert len(values) == rows > 1000
    np.testing.assert_array_equal(values[:, 0], np.arange(rows))
    np.testing.assert_array_equal(values[:, 1], -np.arange(rows))
    np.testing.assert_array_equal(steps, np.arange(rows))
    # Coalesced: far fewer messages than rows, so iopub's rate limit is never near.
    assert len(messages) < rows / 50


def test_cell_queued_during_the_loop_runs_once_afterwards(kernel: Kernel) -> None:
    comm_id = plot_comm_id(kernel)
    loop_id = kernel.execute(LOOP)
    wait_streaming(kernel, comm_id)
    queued = kernel.execute("print('queued', w.stopped, len(w) > 0)")
    send_stop(kernel, comm_id)
    got = kernel.replies([loop_id, queued], timeout=10)
    kernel.wait_idle(queued)
    kernel.drain_iopub()
    assert got["order"] == [loop_id, queued]
    assert got["by_id"][queued]["content"]["status"] == "ok"
    assert kernel.output_of(queued) == "queued True True\n"
    assert "queued" not in kernel.output_of(loop_id)
    assert "loop-end" in kernel.output_of(loop_id)


def test_loop_cell_that_raises_aborts_the_queued_cell(kernel: Kernel) -> None:
    comm_id = plot_comm_id(kernel)
    loop_id = kernel.execute(LOOP + "raise ValueError('boom')\n")
    kernel.wait_stream(loop_id, "loop-start")
    queued = kernel.execute("print('queued ran')")
    send_stop(kernel, comm_id)
    got = kernel.replies([loop_id, queued], timeout=10)
    kernel.wait_idle(queued)
    kernel.drain_iopub()
    assert got["by_id"][loop_id]["content"]["ename"] == "ValueError"
    assert got["by_id"][queued]["content"]["status"] == "aborted"
    assert "queued ran" not in kernel.output_of(queued)
    # The kernel carries on normally afterwards.
    kernel.run("print('still alive', w.stopped)")


DASHBOARD_SETUP = """
import time
from livescope import Dashboard, LivePlot
d = Dashboard({"a": LivePlot(["a"]), "b": LivePlot(["b"])}, title="run")
d
"""

DASHBOARD_LOOP = """
i = 0
t0 = time.monotonic()
print("loop-start", flush=True)
while d.running():
    d["a"].update([i])
    d["b"].update([-i])
    i += 1
    if time.monotonic() - t0 > 20:
        raise TimeoutError("the loop was never stopped")
print("loop-end", time.monotonic(), len(d["a"]), flush=True)
print("panels", d["a"].stopped, d["b"].stopped, len(d["b"]), flush=True)
"""


def test_the_dashboard_stop_ends_the_loop_feeding_every_panel(kernel: Kernel) -> None:
    kernel.run(DASHBOARD_SETUP)
    controls = next(
        msg["content"]["comm_id"]
        for msg in kernel.iopub
        if msg["msg_type"] == "comm_open"
        and msg["content"]["data"]["state"].get("_anywidget_id")
        == "livescope._widget.models.DashboardControlsWidget"
    )
    loop_id = kernel.execute(DASHBOARD_LOOP)
    kernel.wait_stream(loop_id, "loop-start")
    sent = send_stop(kernel, controls)
    reply = kernel.replies([loop_id], timeout=10)["by_id"][loop_id]
    kernel.wait_idle(loop_id)
    assert reply["content"]["status"] == "ok", reply["content"]
    ended, rows = loop_end(kernel, loop_id)
    assert ended - sent < 1.0
    assert f"panels True True {rows}" in kernel.output_of(loop_id)
