"""A kernel killed with SIGKILL mid-run: its runs store opens cleanly, holds every row
older than the writer's flush interval, and the run reads as died with its last step."""

from __future__ import annotations

import os
import signal
import sqlite3
import time
from pathlib import Path

import numpy as np
import pytest
from harness import Kernel

import livescope
from livescope._runs.read import load_run

pytestmark = pytest.mark.kernel

LOOP = """
import time
from livescope import LivePlot
w = LivePlot(columns=["step", "x"], store={path!r}, run="killed", params={{"lr": 0.1}})
w
i = 0
print("loop-start", flush=True)
while w.running():
    w.update([i, i * 0.5])
    i += 1
    time.sleep(0.001)
"""


def test_kill_9_loses_at_most_the_last_flush_and_the_run_reads_as_died(
    kernel: Kernel, tmp_path: Path
) -> None:
    path = tmp_path / "runs.db"
    loop_id = kernel.execute(LOOP.format(path=str(path)))
    kernel.wait_stream(loop_id, "loop-start")
    deadline = time.monotonic() + 30
    while not (path.exists() and livescope.runs(path) and livescope.runs(path)[0].rows > 500):
        assert time.monotonic() < deadline, "no rows were recorded while the loop ran"
        time.sleep(0.05)
    # Rows are being recorded: kill at a moment the writer does not choose. A
    # writer flushing less often than every 1.5 s would leave rows older than 1 s out.
    time.sleep(1.5)
    killed_at = time.time()
    process = kernel.km.provisioner.process  # the kernel, a child of this process
    os.kill(process.pid, signal.SIGKILL)  # no atexit, no last write
    process.wait(30)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    (info,) = livescope.runs(path)
    assert (info.label, info.params, info.status) == ("killed", {"lr": 0.1}, "died")
    run = load_run(path, "killed")
    count = len(run.steps)
    assert info.rows == count and info.last_step == run.steps[-1] == count - 1
    np.testing.assert_array_equal(run.values[:, 0], np.arange(count))
    # Every row older than the flush interval (at most a second) was in the file.
    assert run.times[-1] >= killed_at - 1.0
