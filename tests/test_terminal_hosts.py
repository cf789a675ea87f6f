"""Hosts with no widget front end: a plain script and terminal IPython.

`running()` works, `update()` records, `display()` shows the one-line summary,
and nothing warns or leaves a thread behind, so the process exits at once.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

SESSION = """\
import threading
from IPython.display import display
from livescope import Dashboard, LivePlot
w = LivePlot(columns=["loss", "acc"], title="training", max_fps=1)
step = 0
while w.running() and step < 50:
    w.update([1 / (step + 1), step / 50])
    step += 1
display(w)
d = Dashboard({"loss": w, "wave": LivePlot(kind="frame")})
d["wave"].update([0.0, 1.0, 0.5])
display(d)
print("held", w.history.shape, d["wave"].history.shape)
print("threads", sorted(t.name for t in threading.enumerate() if not t.daemon))
"""

SUMMARY = "<LivePlot columns=['loss', 'acc'] rows=50 running>"
IPYTHON_OPTIONS = ("--simple-prompt", "--quick")  # no config, no profile history
DASHBOARD = "<Dashboard panels=['loss', 'wave'] running>"


def run(command: list[str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    env["PYTHONWARNINGS"] = "error"  # any warning fails the run
    return subprocess.run(
        command, input=stdin, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_plain_script_records_prints_summaries_and_exits_cleanly(tmp_path: Path) -> None:
    script = tmp_path / "train.py"
    script.write_text(SESSION)
    done = run([sys.executable, "-X", "dev", str(script)])
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines == [SUMMARY, DASHBOARD, "held (50, 2) (1, 3)", "threads ['MainThread']"]


def test_terminal_ipython_shows_the_text_summary_and_exits_cleanly() -> None:
    done = run(
        [
            sys.executable,
            "-X",
            "dev",
            "-m",
            "IPython",
            "--simple-prompt",
            "--quick",
            "--no-banner",
        ],
        stdin=SESSION + "w\nexit\n",
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert SUMMARY in done.stdout
    assert DASHBOARD in done.stdout
    assert "held (50, 2) (1, 3)" in done.stdout
    assert f"]: {SUMMARY}" in done.stdout  # the plot as a cell's value (Out[N]: ...)
    # IPython's history thread is a daemon; livescope starts no thread at all.
    assert "threads ['MainThread']" in done.stdout
    assert "Warning" not in done.stdout


def test_ipython_c_runs_a_loop_and_exits_cleanly() -> None:
    done = run([sys.executable, "-m", "IPython", *IPYTHON_OPTIONS, "-c", SESSION])
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert SUMMARY in done.stdout
    assert "threads ['MainThread']" in done.stdout
