"""poll_shell lets a Stop message through a busy cell, on both kernel lines."""

from __future__ import annotations

import pytest
from harness import Kernel, StopComm, run_plain

pytestmark = pytest.mark.kernel


def _loop_end_time(kernel: Kernel, loop_id: str) -> float:
    for line in kernel.output_of(loop_id).splitlines():
        if line.startswith("loop-end "):
            return float(line.split()[1])
    raise AssertionError(f"no loop-end in {kernel.output_of(loop_id)!r}")


def _statuses(kernel: Kernel, msg_id: str) -> list[str]:
    return [
        m["content"]["execution_state"]
        for m in kernel.iopub
        if m["msg_type"] == "status" and m["parent_header"].get("msg_id") == msg_id
    ]


@pytest.mark.parametrize("interval", [0.0, 0.05], ids=["every-call", "every-50ms"])
def test_stop_message_ends_the_loop(kernel: Kernel, stop_comm: StopComm, interval: float) -> None:
    loop_id = kernel.execute(f"spin(interval={interval})")
    kernel.wait_stream(loop_id, "loop-start")
    stop_id, sent = stop_comm.send_stop()
    reply = kernel.replies([loop_id], timeout=5)["by_id"][loop_id]
    kernel.wait_idle(loop_id)
    assert reply["content"]["status"] == "ok", reply["content"]

    latency = _loop_end_time(kernel, loop_id) - sent
    print(
        f"\n[{kernel.line}] stop latency polling {interval * 1000:.0f} ms: {latency * 1000:.1f} ms"
    )
    assert 0 <= latency < 1.0
    # The handler ran once, under the comm message, not under the looping cell.
    assert kernel.output_of(stop_id) == "handler-ran\n"
    assert "handler-ran" not in kernel.output_of(loop_id)
    assert _statuses(kernel, stop_id) == ["busy", "idle"]
    # Exactly one busy/idle pair for the looping cell: no spurious idle mid-cell.
    assert _statuses(kernel, loop_id) == ["busy", "idle"]


def test_cells_queued_during_the_loop_run_afterwards_in_order(
    kernel: Kernel, stop_comm: StopComm
) -> None:
    loop_id = kernel.execute("spin()\nprint('after-poll', flush=True)")
    kernel.wait_stream(loop_id, "loop-start")
    first = kernel.execute("print('first', stop_flag.is_set())")
    second = kernel.execute("print('second')")
    # One client socket: the kernel receives both requests before the stop.
    stop_id, _ = stop_comm.send_stop()
    got = kernel.replies([loop_id, first, second], timeout=10)
    kernel.wait_idle(second)
    kernel.drain_iopub()

    assert got["order"] == [loop_id, first, second]
    for msg_id in (loop_id, first, second):
        assert got["by_id"][msg_id]["content"]["status"] == "ok"
    counts = [got["by_id"][m]["content"]["execution_count"] for m in (loop_id, first, second)]
    assert counts == [counts[0], counts[0] + 1, counts[0] + 2]

    # Outputs stay with their own cells; the queued cells ran once, after the stop.
    assert kernel.output_of(loop_id).endswith("after-poll\n")
    assert kernel.output_of(loop_id).startswith("loop-start\n")
    assert kernel.output_of(first) == "first True\n"
    assert kernel.output_of(second) == "second\n"
    assert kernel.output_of(stop_id) == "handler-ran\n"
    for msg_id in (loop_id, first, second):
        assert _statuses(kernel, msg_id) == ["busy", "idle"]
        inputs = [
            m
            for m in kernel.iopub
            if m["msg_type"] == "execute_input" and m["parent_header"].get("msg_id") == msg_id
        ]
        assert len(inputs) == 1

    # The queued cells start only after the looping cell is done.
    def index(msg_id: str, state: str) -> int:
        return next(
            i
            for i, m in enumerate(kernel.iopub)
            if m["msg_type"] == "status"
            and m["parent_header"].get("msg_id") == msg_id
            and m["content"]["execution_state"] == state
        )

    assert index(loop_id, "idle") < index(first, "busy") < index(second, "busy")


def _last_execute(kernel: Kernel, code: str) -> str:
    """msg_id of the last execute_input seen for ``code``."""
    inputs = [m for m in kernel.iopub if m["msg_type"] == "execute_input"]
    return str(
        next(m for m in reversed(inputs) if m["content"]["code"] == code)["parent_header"][
            "msg_id"
        ]
    )


def _queued_status_after_error(kernel: Kernel, loop_code: str, stop: StopComm | None) -> str:
    loop_id = kernel.execute(loop_code)
    kernel.wait_stream(loop_id, "loop-start")
    queued = kernel.execute("print('queued ran')")
    if stop is not None:
        stop.send_stop()
    got = kernel.replies([loop_id, queued], timeout=10)
    kernel.wait_idle(queued)
    assert got["order"] == [loop_id, queued]
    assert got["by_id"][loop_id]["content"]["status"] == "error"
    assert "queued ran" not in kernel.output_of(queued)
    return str(got["by_id"][queued]["content"]["status"])


def test_error_in_the_loop_cell_aborts_the_queued_cell(
    kernel: Kernel, stop_comm: StopComm
) -> None:
    # What the kernel does on its own: a cell queued behind a failing one.
    baseline = _queued_status_after_error(
        kernel,
        "print('loop-start', flush=True); time.sleep(0.5); raise ValueError('boom')",
        None,
    )
    assert baseline in {"aborted", "error"}
    kernel.run("stop_flag.clear()")
    loop = "spin(); raise ValueError('boom')"
    with_poll = _queued_status_after_error(kernel, loop, stop_comm)
    assert with_poll == baseline
    assert "loop-end" in kernel.output_of(_last_execute(kernel, loop))
    # The kernel takes requests again afterwards.
    kernel.run("print('alive')")


@pytest.mark.parametrize(
    "launcher",
    [[], ["-m", "IPython", "--quick", "--no-banner"]],
    ids=["python", "terminal-ipython"],
)
def test_outside_a_kernel_poll_is_a_silent_noop(python_for_line: str, launcher: list[str]) -> None:
    code = (
        "import warnings; warnings.simplefilter('error')\n"
        "from livescope._kernel.poll import poll_shell\n"
        "for _ in range(1000): poll_shell()\n"
    )
    if launcher:
        proc = run_plain(python_for_line, "", args=[*launcher, "-c", code])
    else:
        proc = run_plain(python_for_line, code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr == ""


def test_idle_sigint_handler_survives_a_dispatch(kernel: Kernel, stop_comm: StopComm) -> None:
    # dispatch_shell's handler hooks save and restore the SIGINT handler; a
    # dispatch nested in the cell must not leave the kernel's idle handler changed.
    kernel.run("idle_handler = get_ipython().kernel.saved_sigint_handler")
    loop_id = kernel.execute("spin(interval=0.0)")
    kernel.wait_stream(loop_id, "loop-start")
    stop_comm.send_stop()
    kernel.replies([loop_id])
    kernel.wait_idle(loop_id)
    check = kernel.execute("print(get_ipython().kernel.saved_sigint_handler is idle_handler)")
    kernel.replies([check])
    kernel.wait_idle(check)
    assert kernel.output_of(check) == "True\n"


WARN_ONCE = """
import types, warnings
import livescope._kernel.poll as sp
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    {break_it}
    for _ in range(3):
        sp.poll_shell()
print(len(caught), caught[0].category.__name__ if caught else None)
print("ends" in str(caught[0].message) if caught else None)
"""


@pytest.mark.parametrize(
    "break_it",
    [
        # Detection finds neither kernel line's internals.
        "sp._make_poller = lambda shell, kernel: sp._make_poller_real(shell, "
        "types.SimpleNamespace())",
        # Detection succeeded, then an internal changed under the poll.
        "sp.poll_shell(); sp._poller._socket = None",
    ],
    ids=["at-detection", "while-polling"],
)
def test_unusable_kernel_warns_once_and_never_raises(kernel: Kernel, break_it: str) -> None:
    kernel.run("import livescope._kernel.poll as sp; sp._make_poller_real = sp._make_poller")
    msg_id = kernel.execute(WARN_ONCE.format(break_it=break_it))
    reply = kernel.replies([msg_id])["by_id"][msg_id]
    kernel.wait_idle(msg_id)
    assert reply["content"]["status"] == "ok", reply["content"]
    assert kernel.output_of(msg_id) == "1 RuntimeWarning\nTrue\n"
