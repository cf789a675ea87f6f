"""Harness for kernel tests: real kernels of both ipykernel lines via jupyter_client.

Every kernel test runs twice: on the ipykernel 7.x of the Python running pytest
and on an ipykernel 6.31.x Python given by ``LIVESCOPE_IPYKERNEL6_PYTHON``
(default ``<repo>/.venv-ipykernel6/bin/python``). The kernels import livescope
from this checkout's ``src``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

REPO = Path(__file__).resolve().parents[2]
# The livescope sources the kernels import (put first on their PYTHONPATH).
# LIVESCOPE_TEST_SRC overrides it, e.g. to test a copy that is a regular package
# when another livescope is installed in the kernel's environment.
SRC = Path(os.environ.get("LIVESCOPE_TEST_SRC", REPO / "src")).resolve()
TIMEOUT = 30.0

MAKE_IPYKERNEL6 = (
    "python3 -m venv {venv} && {venv}/bin/pip install 'ipykernel>=6.31,<7' anywidget numpy"
)


def ipykernel6_python() -> Path:
    default = REPO / ".venv-ipykernel6" / "bin" / "python"
    return Path(os.environ.get("LIVESCOPE_IPYKERNEL6_PYTHON", default))


KERNEL_LINES = {"ipykernel7": "7.", "ipykernel6": "6.31."}


def kernel_python(line: str) -> str:
    if line == "ipykernel7":
        return sys.executable
    python = ipykernel6_python()
    if not python.exists():
        pytest.fail(
            f"no ipykernel 6.31 Python at {python}. Create it with\n  "
            + MAKE_IPYKERNEL6.format(venv=python.parent.parent)
            + "\nor point LIVESCOPE_IPYKERNEL6_PYTHON at such a python."
        )
    return str(python)


def kernel_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    env.pop("PYDEVD_DISABLE_FILE_VALIDATION", None)
    return env


class Kernel:
    """A started kernel plus a blocking client, with message-level helpers."""

    def __init__(self, km: KernelManager, line: str) -> None:
        self.km = km
        self.line = line
        self.kc = km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=TIMEOUT)
        self.iopub: list[dict[str, Any]] = []  # every iopub message seen, in order

    def close(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    # -- sending -------------------------------------------------------------

    def send_shell(self, msg_type: str, content: dict[str, Any]) -> str:
        msg = self.kc.session.msg(msg_type, content)
        self.kc.shell_channel.send(msg)
        return str(msg["header"]["msg_id"])

    def execute(self, code: str, **kw: Any) -> str:
        return str(self.kc.execute(code, **kw))

    # -- receiving -------------------------------------------------------------

    def next_iopub(self, deadline: float) -> dict[str, Any]:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("no iopub message in time")
        msg = self.kc.get_iopub_msg(timeout=remaining)
        self.iopub.append(msg)
        return msg

    def wait_iopub(self, pred: Any, timeout: float = TIMEOUT) -> dict[str, Any]:
        """Read iopub until a message satisfies ``pred``; return it."""
        deadline = time.monotonic() + timeout
        while True:
            msg = self.next_iopub(deadline)
            if pred(msg):
                return msg

    def wait_idle(self, msg_id: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        return self.wait_iopub(
            lambda m: (
                m["msg_type"] == "status"
                and m["parent_header"].get("msg_id") == msg_id
                and m["content"]["execution_state"] == "idle"
            ),
            timeout,
        )

    def wait_stream(self, msg_id: str, text: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        return self.wait_iopub(
            lambda m: (
                m["msg_type"] == "stream"
                and m["parent_header"].get("msg_id") == msg_id
                and text in m["content"]["text"]
            ),
            timeout,
        )

    def replies(self, msg_ids: list[str], timeout: float = TIMEOUT) -> dict[str, Any]:
        """Collect the shell replies to ``msg_ids``; also return their arrival order."""
        deadline = time.monotonic() + timeout
        got: dict[str, Any] = {}
        order = []
        while len(got) < len(msg_ids):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"replies missing for {set(msg_ids) - set(got)}")
            msg = self.kc.get_shell_msg(timeout=remaining)
            pid = msg["parent_header"].get("msg_id")
            if pid in msg_ids:
                got[pid] = msg
                order.append(pid)
        return {"by_id": got, "order": order}

    def run(self, code: str, timeout: float = TIMEOUT) -> dict[str, Any]:
        """Execute ``code``, wait for its reply and idle; fail on an error reply."""
        msg_id = self.execute(code)
        reply = self.replies([msg_id], timeout)["by_id"][msg_id]
        self.wait_idle(msg_id, timeout)
        if reply["content"]["status"] != "ok":
            content = reply["content"]
            tb = "\n".join(content.get("traceback", []))
            raise AssertionError(
                f"cell failed: {content.get('ename')}: {content.get('evalue')}\n{tb}"
            )
        return reply

    def output_of(self, msg_id: str) -> str:
        """All stream text seen so far whose parent is ``msg_id``."""
        return "".join(
            m["content"]["text"]
            for m in self.iopub
            if m["msg_type"] == "stream" and m["parent_header"].get("msg_id") == msg_id
        )

    def drain_iopub(self, quiet: float = 0.2) -> None:
        """Read iopub until it has been quiet for ``quiet`` seconds."""
        while True:
            try:
                self.iopub.append(self.kc.get_iopub_msg(timeout=quiet))
            except Exception:  # noqa: BLE001 - queue.Empty: quiet long enough
                return


def start_kernel(python: str, line: str, tmp: Path) -> Kernel:
    name = f"livescope-{line}"
    spec_dir = tmp / "kernels" / name
    spec_dir.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [python, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": name,
        "language": "python",
    }
    (spec_dir / "kernel.json").write_text(json.dumps(spec))
    ksm = KernelSpecManager(kernel_dirs=[str(tmp / "kernels")])
    km = KernelManager(kernel_name=name, kernel_spec_manager=ksm)
    km.start_kernel(env=kernel_env())
    kernel = Kernel(km, line)
    try:
        check = kernel.execute(
            "import ipykernel, livescope._kernel.poll as _sp\n"
            "print(ipykernel.__version__, _sp.__file__)"
        )
        kernel.replies([check])
        kernel.wait_idle(check)
        version, path = kernel.output_of(check).split()
    except BaseException:
        kernel.close()
        raise
    if not version.startswith(KERNEL_LINES[line]) or not path.startswith(str(SRC)):
        kernel.close()
        pytest.fail(
            f"{line} kernel at {python} runs ipykernel {version} with "
            f"livescope from {path}; expected {KERNEL_LINES[line]}x from {SRC}"
        )
    return kernel


# A comm target whose handler sets a flag, standing in for a widget's Stop button.
# (LivePlot will replace it: its stop is a comm_msg whose data is
# {"method": "custom", "content": {"type": "stop"}}.)
STOP_TARGET_SETUP = """
import threading, time
from livescope._kernel.poll import poll_shell
stop_flag = threading.Event()
stop_times = []
def _on_stop_msg(msg):
    stop_times.append(time.monotonic())
    print("handler-ran", flush=True)
    stop_flag.set()
def _on_open(comm, open_msg):
    comm.on_msg(_on_stop_msg)
get_ipython().kernel.comm_manager.register_target("livescope-test-stop", _on_open)

def spin(interval=0.05, limit=10.0):
    '''The caller's loop: poll at most every `interval` s until stopped.'''
    print("loop-start", flush=True)
    start = time.monotonic()
    next_poll = 0.0
    while not stop_flag.is_set():
        now = time.monotonic()
        if now >= next_poll:
            poll_shell()
            next_poll = now + interval
        if now - start > limit:
            raise TimeoutError("the loop was never stopped")
    print("loop-end", time.monotonic(), flush=True)
"""


class StopComm:
    """Client side of the stop comm: open it, then send the stop message."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel = kernel
        self.comm_id = uuid.uuid4().hex
        kernel.run(STOP_TARGET_SETUP)
        open_id = kernel.send_shell(
            "comm_open",
            {"comm_id": self.comm_id, "target_name": "livescope-test-stop", "data": {}},
        )
        kernel.wait_idle(open_id)

    def send_stop(self) -> tuple[str, float]:
        """Send the stop comm_msg; return its msg_id and the send time."""
        sent = time.monotonic()
        msg_id = self.kernel.send_shell(
            "comm_msg",
            {"comm_id": self.comm_id, "data": {"method": "custom", "content": {"type": "stop"}}},
        )
        return msg_id, sent


def run_plain(
    python: str, code: str, args: list[str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -c code`` (or ``python *args``) with livescope importable."""
    return subprocess.run(
        [python, *(args if args is not None else ["-c", code])],
        env=kernel_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
