"""Other Python processes for the remote and follow tests, and waiting on conditions."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
TIMEOUT = 30.0


def wait_until(condition: Callable[[], object], timeout: float = TIMEOUT, what: str = "") -> None:
    """Return once `condition()` is true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        time.sleep(0.01)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Python:
    """A `python -c code` child with livescope importable; talk over stdin/stdout lines."""

    def __init__(self, code: str, *args: object) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, *map(str, args)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def say(self, line: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def expect(self, line: str) -> None:
        """Wait for the child to print `line` (stdout is line-buffered through flush=True)."""
        assert self.process.stdout is not None
        got = self.process.stdout.readline().strip()
        assert got == line, f"child said {got!r}, expected {line!r}; stderr: {self.stderr()}"

    def finish(self, timeout: float = TIMEOUT) -> str:
        """Wait for a clean exit; return stdout."""
        out, err = self.process.communicate(timeout=timeout)
        assert self.process.returncode == 0, f"child failed ({self.process.returncode}): {err}"
        return out

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.communicate(timeout=TIMEOUT)

    def stderr(self) -> str:
        if self.process.poll() is None:
            return "(still running)"
        assert self.process.stderr is not None
        return self.process.stderr.read()


@contextmanager
def python(code: str, *args: object) -> Iterator[Python]:
    """A child process that is killed if the test leaves it running."""
    child = Python(code, *args)
    try:
        yield child
    finally:
        if child.process.poll() is None:
            child.kill()
        else:  # closes its pipes: left to the garbage collector, they warn in a later test
            child.process.communicate(timeout=TIMEOUT)
