"""Kernel code shared by every peer: the data, the loops and their timing.

A loop step computes row ``i`` (four series), optionally does 5 ms of pure
Python work, and calls the peer's ``step(p, i, r)``. The baseline runs the
same loop with a ``step`` that does nothing, so the difference is the
plotting alone. Results are written to a file the benchmark names: a
peer whose traffic swamps the page must not be able to hide them.
"""

COMMON = """
import json
import math
import time
from importlib import metadata
from pathlib import Path

from IPython.display import display

def row(i):
    return [math.sin(i * 0.01), math.cos(i * 0.01), 0.5 * math.sin(i * 0.003), (i % 100) / 100]

def busy(seconds):
    # Pure Python holds the GIL, as the Python side of a training step does.
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass

def no_plot(p, i, r):
    pass

def loop(n, p, step, work=0.0):
    t0 = time.time()
    start = time.perf_counter()
    for i in range(n):
        r = row(i)
        if work:
            busy(work)
        step(p, i, r)
    seconds = time.perf_counter() - start
    return {"t0_ms": t0 * 1000, "t1_ms": time.time() * 1000, "seconds": seconds}

def report(path, value):
    # Written whole, then renamed: the benchmark never reads half a file.
    part = Path(path + ".part")
    part.write_text(json.dumps(value))
    part.replace(path)

def measure(p, n, path):
    base = loop(n, None, no_plot)
    plot = loop(n, p, step)
    report(path, {"base": base, "plot": plot})

def measure_work(p, n, work, path):
    base = [loop(n, None, no_plot, work) for _ in range(2)]
    plot = loop(n, p, step, work)
    report(path, {"base": base, "plot": plot})

def cost_repeats(n, repeats, path):
    # Seconds per step of plotting, each run on a freshly displayed plot.
    costs = []
    for k in range(repeats):
        p = make(f"repeat {k}")
        base = loop(n, None, no_plot)
        costs.append((loop(n, p, step)["seconds"] - base["seconds"]) / n)
    report(path, costs)

def versions(names, path):
    import ipykernel, platform
    found = {"python": platform.python_version(), "ipykernel": ipykernel.__version__}
    for name in names:
        found[name] = metadata.version(name)
    report(path, found)
"""
