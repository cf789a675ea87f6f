"""What the host tests share: each host's venv, its server process, the browser helpers.

Each host runs from its own venv, made by ``./dev setup`` and named by an
environment variable ``./dev test`` sets (``LIVESCOPE_MARIMO_PYTHON``, ...).
Run outside ``./dev test`` without that venv, a host's tests skip and say
how to get it; under CI they fail instead.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
# The browser tests' helpers: Chromium, the Jupyter server, notebook pages, livescope's DOM.
sys.path.insert(0, str(REPO_ROOT / "tests" / "browser"))

STARTUP_TIMEOUT_S = 90.0


def host_python(variable: str, venv: str) -> Path:
    """The Python of a host's venv: `variable` if set, else `venv` in the checkout.

    Skips the test (fails it under CI) when there is none.
    """
    python = Path(os.environ.get(variable) or REPO_ROOT / venv / "bin" / "python")
    if not python.exists():
        message = (
            f"no {venv} Python at {python}: run ./dev setup (./dev test sets {variable}), "
            f"or point {variable} at a Python with this host and livescope"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return python


def kernel_env() -> dict[str, str]:
    """The environment of a host's server: its kernels import this checkout's livescope."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    if not os.environ.get("LIVESCOPE_TEST_INSTALLED"):
        parts = [str(REPO_ROOT / "src"), *filter(None, [env.get("PYTHONPATH")])]
        env["PYTHONPATH"] = os.pathsep.join(parts)
    return env


def wait_listening(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    """Block until `process` accepts connections on `port`; fail with its log if it exits."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}; log {log}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.2)  # polling interval, not a wait for readiness
    raise TimeoutError(
        f"nothing listened on port {port} within {STARTUP_TIMEOUT_S:.0f} s; log {log}"
    )


def stop_process(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
