"""What a Publisher costs the training process, and how fast rows reach a listener.

Run by hand (numbers drift on shared machines; compare ratios within one run):

    .venv/bin/python benchmarks/bench_remote.py

1. `Publisher.update` per call, beside `LivePlot.update` (outside a kernel,
   so it only records) and a bare loop.
2. The slowdown of a loop doing ~1 ms of pure-Python work per step when it
   also publishes every step to a listener in another process (the sending
   thread competes for the GIL), against the same loop without publishing.
3. End to end: rows a second from one publishing process into a listening
   plot in this process; then 20,000 rows with a metric sent every 10th
   row besides (a sparse series: many small messages of alternating columns).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from livescope import LivePlot, Publisher

SRC = Path(__file__).resolve().parents[1] / "src"
ROW = {"loss": 0.5, "acc": 0.25, "lr": 1e-3}
REPEATS = 5

# A listener in another process, so its work does not count against the loop.
LISTEN = """
import sys, time
from livescope import LivePlot
w = LivePlot()
listener = w.listen(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
"""

# Publishes `count` rows as fast as it can, then waits for them to be confirmed;
# with `every`, a validation metric every `every` rows besides, at the same step.
PUBLISH = """
import sys
from livescope import Publisher
pub = Publisher(sys.argv[1], linger=120)
every = int(sys.argv[3])
for i in range(int(sys.argv[2])):
    pub.update({"loss": 0.5, "acc": 0.25, "lr": 1e-3}, step=i)
    if every and i % every == 0:
        pub.update({"val_loss": 0.75}, step=i)
pub.close()
"""


def per_call_us(call, n=100_000):
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        for _ in range(n):
            call(ROW)
        best = min(best, time.perf_counter() - started)
    return best / n * 1e6


def work(iterations):
    # A fixed amount of work, not a fixed time: time taken from the loop by
    # the sending thread then shows as a slower loop.
    x = 0
    for _ in range(iterations):
        x += 1
    return x


def iterations_per_ms():
    n = 100_000
    started = time.perf_counter()
    work(n)
    return int(n / ((time.perf_counter() - started) * 1000))


def loop_seconds(publish, iterations, steps=2000):
    started = time.perf_counter()
    for _ in range(steps):
        work(iterations)
        if publish:
            publish(ROW)
    return time.perf_counter() - started


def python(code, *args):
    env = dict(os.environ, PYTHONPATH=str(SRC))
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def main():
    recording = Publisher("tcp://127.0.0.1:1", linger=0, buffer=10**7)  # nobody listens
    print("1. per call (best of 5 x 100,000):")
    print(f"   bare call                {per_call_us(lambda row: None):6.2f} us")
    print(f"   LivePlot.update (dict)   {per_call_us(LivePlot().update):6.2f} us")
    print(f"   Publisher.update (dict)  {per_call_us(recording.update):6.2f} us")
    recording.close(0)

    listener = python(LISTEN, "tcp://127.0.0.1:5591")
    assert listener.stdout.readline().strip() == "ready"
    try:
        pub = Publisher("tcp://127.0.0.1:5591", linger=30)
        iterations = iterations_per_ms()
        without, with_ = [], []
        for _ in range(REPEATS):  # interleaved, so drift hits both alike
            without.append(loop_seconds(None, iterations))
            with_.append(loop_seconds(pub.update, iterations))
        pub.close()
        a, b = statistics.median(without), statistics.median(with_)
        print("2. 2,000 steps of about 1 ms of pure-Python work (median of 5):")
        print(f"   without publishing {a:.3f} s, publishing every step {b:.3f} s")
        print(f"   slowdown {b / a - 1:+.1%}")
    finally:
        listener.communicate("stop\n", timeout=30)

    for rows, every, what in ((200_000, 0, "rows"), (20_000, 10, "rows, val_loss every 10th,")):
        w = LivePlot()
        source = w.listen("tcp://127.0.0.1:*")
        started = time.perf_counter()
        publisher = python(PUBLISH, source.address, rows, every)
        publisher.communicate(timeout=600)
        while len(w) < rows:
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        source.close()
        print(f"3. {rows:,} {what} from another process: ", end="")
        print(f"{elapsed:.2f} s, {rows / elapsed:,.0f} rows/s")


if __name__ == "__main__":
    main()
