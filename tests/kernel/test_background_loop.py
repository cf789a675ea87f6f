"""running() loops on a background thread while a cell keeps the kernel busy.

Only the main thread may take shell messages from the kernel, so Stop reaches
a background loop while the cell is busy only if the main thread calls
running() meanwhile; if it never does, livescope warns once.
"""

from __future__ import annotations

import pytest
from harness import Kernel
from test_liveplot_kernel import plot_comm_id, send_stop

pytestmark = pytest.mark.kernel

# The loop's end time is printed by the main thread: a background thread's
# print can land under the Stop message while the main thread dispatches it.
BACKGROUND = """
import threading
ends = []

def background(cap, pause):
    i = 0
    t0 = time.monotonic()
    while w.running() and time.monotonic() - t0 < cap:
        w.update([i, -i])
        i += 1
        time.sleep(pause)
    ends.append(time.monotonic())
"""

# The main thread waits with running(), which lets Stop through for both; the
# background loop calls running() far more often and must not take its turns.
MAIN_POLLS = """
t = threading.Thread(target=background, args=(20, 0))
t.start()
print("loop-start", flush=True)
while t.is_alive() and w.running():
    time.sleep(0.05)
t.join()
print("background-end", *ends, flush=True)
"""

# The main thread waits in a call that takes no message: Stop waits for the cell end.
MAIN_BLOCKS = """
threads = [threading.Thread(target=background, args=(3, 0.0005)) for _ in range(2)]
for t in threads:
    t.start()
print("loop-start", flush=True)
for t in threads:
    t.join()
"""

WARNING = "running() is called on a background thread while a cell keeps the kernel busy"


def _stderr(kernel: Kernel, msg_id: str) -> str:
    return "".join(
        m["content"]["text"]
        for m in kernel.iopub
        if m["msg_type"] == "stream"
        and m["content"]["name"] == "stderr"
        and m["parent_header"].get("msg_id") == msg_id
    )


def _run_after_stop(kernel: Kernel, code: str, timeout: float) -> tuple[str, float]:
    comm_id = plot_comm_id(kernel)
    kernel.run(BACKGROUND)
    loop_id = kernel.execute(code)
    kernel.wait_stream(loop_id, "loop-start")
    sent = send_stop(kernel, comm_id)
    reply = kernel.replies([loop_id], timeout=timeout)["by_id"][loop_id]
    kernel.wait_idle(loop_id, timeout=timeout)
    kernel.drain_iopub()
    assert reply["content"]["status"] == "ok", reply["content"]
    return loop_id, sent


def test_background_loop_stops_while_the_main_thread_calls_running(kernel: Kernel) -> None:
    loop_id, sent = _run_after_stop(kernel, MAIN_POLLS, timeout=30)
    ended = [
        float(end)
        for line in kernel.output_of(loop_id).splitlines()
        if line.startswith("background-end ")
        for end in line.split()[1:]
    ]
    assert len(ended) == 1, kernel.output_of(loop_id)
    assert ended[0] - sent < 1.0
    assert WARNING not in _stderr(kernel, loop_id)


def test_background_loop_with_a_blocked_main_thread_warns_once(kernel: Kernel) -> None:
    loop_id, _ = _run_after_stop(kernel, MAIN_BLOCKS, timeout=30)
    assert _stderr(kernel, loop_id).count(WARNING) == 1, _stderr(kernel, loop_id)
    # Once the cell ended the kernel handled the Stop.
    after = kernel.execute("print('stopped', w.stopped)")
    kernel.wait_stream(after, "stopped True")
