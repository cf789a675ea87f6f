"""Per-step cost of update() + running() in a real kernel, and messages per second.

Run by hand (numbers drift on shared machines; compare ratios within one run):

    .venv/bin/python benchmarks/bench_update.py [--kernel-python PATH]

The loops run inside an ipykernel started through jupyter_client, so the widget
really sends comm messages; this script counts them on the iopub channel.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager

SETUP = r"""
import time

import numpy as np

from livescope import LivePlot

def no_plot(n):
    started = time.perf_counter()
    for i in range(n):
        row = [i * 0.1, i * 0.2, i * 0.3, i * 0.4]
    return time.perf_counter() - started

def with_plot(n):
    w = LivePlot(columns=4)
    started = time.perf_counter()
    for i in range(n):
        row = [i * 0.1, i * 0.2, i * 0.3, i * 0.4]
        w.update(row)
        w.running()
    return time.perf_counter() - started

def running_only(n):
    w = LivePlot(columns=4)
    w.running()
    started = time.perf_counter()
    for _ in range(n):
        w.running()
    return time.perf_counter() - started

def python_work(seconds):
    # Pure Python holds the GIL throughout: the worst case for any thread that
    # must send (ipykernel's iopub thread among them).
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass

a = np.random.default_rng(0).random((300, 300))
def numpy_work(seconds):
    # BLAS releases the GIL, as most of a real training step does.
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        a @ a

def work_loop(n, work, max_fps):
    w = LivePlot(columns=4, max_fps=max_fps) if max_fps else None
    started = time.perf_counter()
    for i in range(n):
        work(0.005)
        if w is not None:
            w.update([i, i, i, i])
            w.running()
    return time.perf_counter() - started
"""


def run(client, code: str) -> tuple[object, int]:
    """Execute `code`, return its printed JSON value and the custom comm messages seen."""
    messages = 0
    output: list[str] = []

    def on_iopub(msg: dict) -> None:
        nonlocal messages
        if msg["msg_type"] == "comm_msg" and msg["content"]["data"].get("method") == "custom":
            messages += 1
        elif msg["msg_type"] == "stream":
            output.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            raise RuntimeError("\n".join(msg["content"]["traceback"]))

    client.execute_interactive(code, output_hook=on_iopub, timeout=600)
    text = "".join(output).strip()
    return (json.loads(text) if text else None), messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel-python", default=sys.executable)
    parser.add_argument("--steps", type=int, default=200_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    specs = Path(tempfile.mkdtemp(prefix="livescope-bench-"))
    (specs / "bench").mkdir()
    (specs / "bench" / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [
                    args.kernel_python,
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                ],
                "display_name": "bench",
                "language": "python",
            }
        )
    )
    manager = KernelManager(
        kernel_name="bench", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(specs)])
    )
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    client.wait_for_ready(timeout=60)
    try:
        run(client, SETUP)
        version, _ = run(
            client, "import ipykernel, json; print(json.dumps(ipykernel.__version__))"
        )
        n = args.steps
        base, plot, guard, rates = [], [], [], []
        for _ in range(args.repeats):
            base.append(run(client, f"print(no_plot({n}))")[0])
            elapsed, messages = run(client, f"print(with_plot({n}))")
            plot.append(elapsed)
            rates.append((messages, elapsed))
            guard.append(run(client, f"print(running_only({n}))")[0])
        per_step = (statistics.median(plot) - statistics.median(base)) / n * 1e6
        print(f"ipykernel {version}, {n} steps x 4 columns, median of {args.repeats}")
        print(f"  update() + running() per step:   {per_step:8.3f} us (over the bare loop)")
        print(f"  running() with no poll due:      {statistics.median(guard) / n * 1e6:8.3f} us")
        messages, elapsed = max(rates, key=lambda r: r[0] / r[1])
        print(
            f"  messages sent (max_fps=30):      {messages:8d} in {elapsed:.2f} s "
            "(the first row at once, then one per frame, then the end-of-cell flush)"
        )
        # "max_fps=None" runs the same loop without a plot a second time: the
        # difference between two identical runs is this machine's noise.
        cases = (("python_work", None), ("python_work", 30), ("python_work", 10))
        for work, max_fps in (*cases, ("numpy_work", None), ("numpy_work", 30)):
            times: dict[object, list[float]] = {0: [], max_fps: []}
            for _ in range(args.repeats):
                for fps in times:
                    code = f"print(work_loop(400, {work}, {fps or 0}))"
                    times[fps].append(run(client, code)[0])
            slowdown = statistics.median(times[max_fps]) / statistics.median(times[0]) - 1
            what = f"max_fps={max_fps}" if max_fps else "no plot (A/A noise)"
            label = f"5 ms/step {work} loop, {what}:"
            print(f"  {label:<50} {100 * slowdown:+6.2f} %")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
