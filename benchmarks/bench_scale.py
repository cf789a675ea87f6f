"""livescope at scale in a real browser: 10,000,000 values, and 64 columns stopped from the page.

    .venv/bin/python benchmarks/bench_scale.py [--steps 2500000] [--stop-after 3]

0. End latency: ten loops of 2,000 steps on one plot, the time from each
   loop's end to its last row drawn.
1. 2,500,000 steps x 4 series through ``update`` + ``running`` (10,000,000
   values): the page's frames per second during the stream, end latency,
   messages per second, every row arrived, and the page's memory (JS heap
   plus ArrayBuffers, after garbage collection) against the raw float64 data.
2. 64 columns from a tight loop (as many updates a second as it goes), the
   Stop button clicked in the page after a few seconds: time from the click
   to the loop's end, and every row sent arrived (column 0 and the step carry
   the row index, so a lost or repeated row shows).

Same harness as bench_peers.py (``--driver cdp`` by default: at these data
rates Playwright's network instrumentation would dominate, see _cdp_tab.py);
raw results go to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import statistics
import sys
import time
from pathlib import Path

from _bench import DRIVERS, Bench
from _harness import RESULTS_DIR, chromium_version, wait_for_json
from _kernel_code import COMMON
from _notebook_tab import NotebookTab, latency_parts
from _peers import LIVESCOPE
from _report import latency_split

STREAM_TIMEOUT_S = 900.0
SHOWN_TIMEOUT_S = 120.0
TIGHT_CAP_S = 60.0
ROUNDS, ROUND_STEPS = 10, 2000  # bounds a broken Stop; a working one ends the loop long before

ROUNDS_CODE = """
_round = 0

def measure_round(w, n, directory):
    # n more steps on the same plot; the runner waits for each round's last row.
    global _round
    _round += 1
    first = len(w)
    t0 = time.time()
    for i in range(first, first + n):
        w.update(row(i))
        w.running()
    report(f"{directory}/round-{_round}.json", {"t0_ms": t0 * 1000, "t1_ms": time.time() * 1000})
"""

TIGHT_CODE = """
def tight(w, path, cap_s):
    # As many updates a second as the loop goes, until Stop is clicked.
    r = [float(k) for k in range(64)]
    t0 = time.time()
    start = time.perf_counter()
    i = 0
    while w.running() and time.perf_counter() - start < cap_s:
        r[0] = float(i)
        w.update(r)
        i += 1
    seconds = time.perf_counter() - start
    report(path, {"t0_ms": t0 * 1000, "t1_ms": time.time() * 1000, "seconds": seconds,
                  "rows": i, "held": len(w)})
"""

_ROWS_JS = "(el) => Number(el.querySelector('.livescope').dataset.rows)"
_LAST_STEP_JS = """(el, a) => {
  const root = el.querySelector(".livescope");
  return !!root && root.dataset.lastStep === String(a.last);
}"""

_STORE_JS = """(el) => {
  const store = el.querySelector(".livescope").livescope.store;
  const bytes = (store.columns.length + 2) * store.capacity * 8;
  return { length: store.length, capacity: store.capacity, bytes };
}"""

# Rows 0..n-1 each exactly once: the step and column 0 both equal the row index.
_ROW_INDEX_MISMATCHES_JS = """(el) => {
  const store = el.querySelector(".livescope").livescope.store;
  let bad = 0;
  for (let i = 0; i < store.length; i++) {
    if (store.steps[i] !== i || store.columns[0][i] !== i) bad++;
  }
  return bad;
}"""

# The Stop button, in view; the first call adds a listener that records the click.
_STOP_BUTTON_JS = """(el) => {
  const button = [...el.querySelectorAll(".livescope button")].find(
    (b) => b.textContent === "Stop");
  if (!button.dataset.benchClick) {
    button.dataset.benchClick = "1";
    button.addEventListener("click", () => { window.__bench.stopClick = window.__bench.now(); });
  }
  button.scrollIntoView({ block: "center" });
  const r = button.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}"""


def _heap(tab: NotebookTab) -> dict[str, float]:
    usage = tab.heap_bytes()
    return {**usage, "js_and_buffers": usage["usedSize"] + usage["backingStorageSize"]}


def latency_rounds(tab: NotebookTab, out_dir: Path, rounds: int, steps: int) -> dict:
    """End latency of ``rounds`` loops of ``steps`` steps, one after the other, on one plot."""
    tab.run_cell(5)
    tab.wait_selector(5, LIVESCOPE.ready_selector)
    latencies, parts = [], []
    for k in range(1, rounds + 1):
        tab.watch(f"round{k}", 5, _LAST_STEP_JS, {"last": k * steps - 1})
        start = tab.traffic_mark()
        tab.run_cell(6)
        tab.scroll_to_output(5)
        timing = wait_for_json(out_dir / f"round-{k}.json", SHOWN_TIMEOUT_S)
        try:
            tab.wait(
                "(n) => window.__bench.watches[n].at !== null",
                [f"round{k}"],
                SHOWN_TIMEOUT_S,
                "the round's last row",
            )
            shown_at = tab.watch_result(f"round{k}")[0]
        except TimeoutError:
            shown_at = None  # a result: never shown within the timeout
        latencies.append(None if shown_at is None else shown_at - timing["t1_ms"])
        traffic = tab.traffic(start, tab.traffic_mark())
        parts.append(latency_parts(traffic, timing["t1_ms"], shown_at))
    shown = sorted(x for x in latencies if x is not None)
    split = [p for p in parts if p is not None]
    return {
        "rounds": rounds,
        "steps": steps,
        "latencies_ms": latencies,
        "median_ms": statistics.median(shown) if shown else None,
        "max_ms": shown[-1] if len(shown) == rounds else None,
        "parts": parts,
        "median_parts": {key: statistics.median(p[key] for p in split) for key in split[0]}
        if split
        else None,
    }


def stream_10m(tab: NotebookTab, out_dir: Path, steps: int) -> dict:
    tab.run_cell(1)
    tab.wait_selector(1, LIVESCOPE.ready_selector)
    before = _heap(tab)
    tab.watch("stream", 1, _LAST_STEP_JS, {"last": steps - 1})
    tab.drop_frames_before(tab.now_ms())
    start = tab.traffic_mark()
    tab.start_cell(2)
    tab.scroll_to_output(1)
    timing = wait_for_json(out_dir / "stream.json", STREAM_TIMEOUT_S)
    base, plot = timing["base"], timing["plot"]
    try:
        tab.wait("() => window.__bench.watches.stream.at !== null", [], SHOWN_TIMEOUT_S, "row")
        latency = tab.watch_result("stream")[0] - plot["t1_ms"]
    except TimeoutError:
        latency = None  # a result: never shown within the timeout
    traffic = tab.traffic(start, tab.traffic_mark())
    during = tab.frames(plot["t0_ms"], plot["t1_ms"])
    store = tab.on_output(1, _STORE_JS)
    after = _heap(tab)
    raw = steps * 4 * 8
    added = after["js_and_buffers"] - before["js_and_buffers"]
    return {
        "steps": steps,
        "values": steps * 4,
        "stream_s": plot["seconds"],
        "cost_us": 1e6 * (plot["seconds"] - base["seconds"]) / steps,
        "fps": during.fps,
        "longest_frame_ms": during.longest_frame_ms,
        "latency_ms": latency,
        "latency_parts": latency_parts(
            traffic, plot["t1_ms"], None if latency is None else plot["t1_ms"] + latency
        ),
        "messages": traffic.messages,
        "messages_per_s": traffic.messages / plot["seconds"],
        "bytes": traffic.bytes,
        "websocket_closed": traffic.closed,
        "rows_shown": store["length"],
        "store_capacity_rows": store["capacity"],
        "store_bytes": store["bytes"],
        "raw_bytes": raw,
        "heap_before": before,
        "heap_after": after,
        "memory_added": added,
        "memory_ratio": added / raw,
    }


def stop_64_columns(tab: NotebookTab, out_dir: Path, stop_after_s: float) -> dict:
    tab.run_cell(3)
    tab.wait_selector(3, LIVESCOPE.ready_selector)
    tab.on_output(3, _STOP_BUTTON_JS)
    start = tab.traffic_mark()
    tab.start_cell(4)
    tab.wait(f"(i) => ({_ROWS_JS})(window.__bench.output(i)) > 0", [3], 60, "the first rows")
    time.sleep(stop_after_s)  # let the loop stream for a while before Stop
    button = tab.on_output(3, _STOP_BUTTON_JS)
    tab.click(button["x"], button["y"])
    timing = wait_for_json(out_dir / "tight.json", TIGHT_CAP_S + 30)
    click_ms = tab.call("() => window.__bench.stopClick ?? null")
    rows = timing["rows"]
    tab.wait(
        f"(i, n) => ({_ROWS_JS})(window.__bench.output(i)) >= n",
        [3, rows],
        SHOWN_TIMEOUT_S,
        "every row in the page",
    )
    arrived_ms = tab.now_ms()
    traffic = tab.traffic(start, tab.traffic_mark())
    during = tab.frames(timing["t0_ms"], timing["t1_ms"])
    return {
        "columns": 64,
        "rows_sent": rows,
        "rows_held_in_kernel": timing["held"],
        "rows_shown": tab.on_output(3, _STORE_JS)["length"],
        "row_mismatches": tab.on_output(3, _ROW_INDEX_MISMATCHES_JS),
        "loop_s": timing["seconds"],
        "updates_per_s": rows / timing["seconds"],
        "stop_ms": None if click_ms is None else timing["t1_ms"] - click_ms,
        "stopped_by_click": timing["seconds"] < TIGHT_CAP_S,
        "all_rows_shown_ms_after_end": arrived_ms - timing["t1_ms"],
        "messages_per_s": traffic.messages / timing["seconds"],
        "megabytes_per_s": traffic.bytes / timing["seconds"] / 1e6,
        "websocket_closed": traffic.closed,
        "fps": during.fps,
        "longest_frame_ms": during.longest_frame_ms,
    }


def _ms(value: float | None) -> str:
    return "never" if value is None else f"{value:,.0f} ms"


def report(results: dict) -> str:
    s, t, r = results["stream"], results["stop"], results["latency"]
    mb = 1e6
    latency = _ms(s["latency_ms"])
    stop = "no click recorded" if t["stop_ms"] is None else _ms(t["stop_ms"])
    rows = [
        (
            "values streamed",
            f"{s['values']:,} ({s['steps']:,} steps x 4) in {s['stream_s']:.1f} s",
            "",
        ),
        ("`update` + `running` per step over the bare loop", f"{s['cost_us']:.1f} us", "< 5 us"),
        (
            "page fps during the stream (longest frame)",
            f"{s['fps']:.0f} ({s['longest_frame_ms']:,.0f} ms)",
            ">= 30",
        ),
        ("messages per second", f"{s['messages_per_s']:.0f}", "<= 60"),
        (
            "end latency (loop end -> last row drawn)",
            latency + latency_split(s["latency_parts"]),
            "< 100 ms",
        ),
        ("rows in the page", f"{s['rows_shown']:,} of {s['steps']:,}", "all"),
        (
            "page memory added (JS heap + ArrayBuffers) vs raw float64 values",
            f"{s['memory_added'] / mb:.0f} MB vs {s['raw_bytes'] / mb:.0f} MB"
            f" = {s['memory_ratio']:.2f}x",
            "<= 2x",
        ),
        (
            "64 columns, tight loop: updates per second",
            f"{t['updates_per_s']:,.0f} for {t['loop_s']:.1f} s",
            ">= 100,000",
        ),
        ("64 columns: Stop clicked in the page -> loop ended", stop, ""),
        (
            "64 columns: rows in the page == rows sent",
            f"{t['rows_shown']:,} == {t['rows_sent']:,}, {t['row_mismatches']} out of place",
            "nothing lost",
        ),
        (
            "64 columns: messages per second (data rate)",
            f"{t['messages_per_s']:.0f} ({t['megabytes_per_s']:.0f} MB/s)",
            "<= 60",
        ),
        (
            "64 columns: page fps during the loop (longest frame)",
            f"{t['fps']:.0f} ({t['longest_frame_ms']:,.0f} ms)",
            "",
        ),
    ]
    rows.insert(
        0,
        (
            f"end latency of a {r['steps']:,}-step loop, {r['rounds']} rounds: median (max)",
            _ms(r["median_ms"]) + f" ({_ms(r['max_ms'])})",
            "< 100 ms",
        ),
    )
    if r["median_parts"] is not None:
        p = r["median_parts"]
        rows.insert(
            1,
            (
                "of which (medians): loop end -> kernel sent the last message; "
                "-> the page's script got it; -> shown",
                f"{p['kernel_ms']:.0f} ms; {p['transit_ms']:.0f} ms; {p['page_ms']:.0f} ms",
                "",
            ),
        )
    lines = ["| measure | result | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2_500_000)
    parser.add_argument("--stop-after", type=float, default=3.0, help="seconds before Stop")
    parser.add_argument("--driver", choices=DRIVERS, default="cdp")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    stamp = datetime.datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
    out_dir = args.out / f"scale-{stamp}"
    out_dir.mkdir(parents=True, exist_ok=True)
    cells = [
        COMMON + LIVESCOPE.kernel_code + TIGHT_CODE + ROUNDS_CODE,
        'w = make("10,000,000 values")',
        f"measure(w, {args.steps}, {str(out_dir / 'stream.json')!r})",
        'w64 = LivePlot(columns=64, title="64 columns")\ndisplay(w64)',
        f"tight(w64, {str(out_dir / 'tight.json')!r}, {TIGHT_CAP_S})",
        'w_rounds = make("rounds")',
        f"measure_round(w_rounds, {ROUND_STEPS}, {str(out_dir)!r})",
    ]
    results = {
        "date": datetime.date.today().isoformat(),
        "chromium": chromium_version(),
        "driver": args.driver,
        "load_average_at_start": os.getloadavg(),
    }
    with Bench(out_dir, args.driver) as bench:
        tab = bench.open("scale.ipynb", cells)
        try:
            tab.run_cell(0)
            results["latency"] = latency_rounds(tab, out_dir, ROUNDS, ROUND_STEPS)
            results["stream"] = stream_10m(tab, out_dir, args.steps)
            results["stop"] = stop_64_columns(tab, out_dir, args.stop_after)
        finally:
            tab.screenshot(out_dir / "page.png")
            bench.close(tab)
    results["load_average_at_end"] = os.getloadavg()
    (out_dir / "results.json").write_text(json.dumps(results, indent=2))
    print(report(results))
    print(f"\nraw results and a screenshot: {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
