"""The browser tests' harness, made importable for the benchmarks.

The Jupyter server, the Chromium launch settings and the notebook writer
are the ones ``tests/browser`` uses; this module puts that folder on the
path and re-exports them, with the few constants the benchmarks share.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"
sys.path.insert(0, str(REPO_ROOT / "tests" / "browser"))

from _chromium import CHROMIUM, CHROMIUM_ARGS, VIEWPORT, launch_chromium  # noqa: E402
from _jupyter_server import JupyterServer, free_port  # noqa: E402
from _notebook_page import write_notebook  # noqa: E402

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "PAGE_TIMEOUT_MS",
    "REPO_ROOT",
    "RESULTS_DIR",
    "VIEWPORT",
    "JupyterServer",
    "chromium_version",
    "free_port",
    "launch_chromium",
    "wait_for_json",
    "write_notebook",
]

PAGE_TIMEOUT_MS = 90_000


def wait_for_json(path: Path, timeout_s: float) -> object:
    """The JSON a kernel wrote to ``path``.

    Polled instead of read from the page: a plot can swamp the page so badly
    that the cell never shows as finished, and its numbers still count.
    """
    deadline = time.monotonic() + timeout_s
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"the kernel wrote no {path.name} within {timeout_s:.0f} s")
        time.sleep(0.1)  # polling interval of a wait with its own deadline
    return json.loads(path.read_text())


def chromium_version() -> str:
    """E.g. "Chromium 156.0.8078.79 built on Debian GNU/Linux 12 (bookworm)"."""
    done = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=True)
    return done.stdout.strip()
