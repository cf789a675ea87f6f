"""What recording into a runs store costs the loop, and how fast runs are written and read.

Run by hand. Runs with and without a store alternate, and each figure is the
fastest of its repeats: on a shared machine other work only ever adds time.

    PYTHONPATH=src .venv/bin/python benchmarks/bench_store.py [--rows N] [--store URL]

Outside a kernel: `update()` + `running()` in a tight loop with and without a
store; a loop of 5 ms of Python work per step (holding the GIL, the worst
case for the writer thread) with and without; the time from the loop's end
until every row is recorded (`close()`), and the time to read the run back.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from livescope import LivePlot
from livescope._runs.read import load_run


def tight(n: int, store: str | None) -> tuple[float, float]:
    """Seconds for n steps, and seconds from the loop's end until the rows are stored."""
    w = LivePlot(columns=4, store=store, run="tight" if store else None)
    started = time.perf_counter()
    for i in range(n):
        w.update([i * 0.1, i * 0.2, i * 0.3, i * 0.4])
        w.running()
    loop = time.perf_counter() - started
    w.close()
    return loop, time.perf_counter() - started - loop


def paced(steps: int, store: str | None, work: float = 0.005) -> float:
    w = LivePlot(columns=4, store=store, run="paced" if store else None)
    started = time.perf_counter()
    for i in range(steps):
        end = time.perf_counter() + work
        while time.perf_counter() < end:
            pass
        w.update([i * 0.1, i * 0.2, i * 0.3, i * 0.4])
        w.running()
    elapsed = time.perf_counter() - started
    w.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--paced-steps", type=int, default=400)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--store", help="a postgresql:// address (default: an SQLite file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or str(Path(tmp) / "runs.db")
        bare, stored, flush = [], [], []
        for _ in range(args.repeats):
            bare.append(tight(args.rows, None)[0])
            loop, after = tight(args.rows, store)
            stored.append(loop)
            flush.append(after)
        b, s = min(bare), min(stored)
        per_row = 1e6 / args.rows
        print(
            f"tight loop, {args.rows} rows x 4: {b * per_row:.2f} us/step without a store, "
            f"{s * per_row:.2f} with; ratio {s / b:.3f}"
        )
        print(f"rows all recorded {max(flush):.2f} s after the loop ended (the slowest)")
        reads = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            run = load_run(store, "tight")
            reads.append(time.perf_counter() - started)
        print(f"read back {len(run.steps)} rows x {run.values.shape[1]} in {min(reads):.3f} s")
        bare_p, stored_p = [], []
        for _ in range(args.repeats):
            bare_p.append(paced(args.paced_steps, None))
            stored_p.append(paced(args.paced_steps, store))
        b, s = min(bare_p), min(stored_p)
        print(
            f"5 ms/step loop, {args.paced_steps} steps: {b:.3f} s without, {s:.3f} s with; "
            f"slowed by {100 * (s / b - 1):+.2f} %"
        )


if __name__ == "__main__":
    main()
