"""livescope at scale in a real browser: 10,000,000 values, and 64 columns stopped from the page.

    .venv/bin/python benchmarks/bench_scale.py [--steps 2500000] [--stop-after 3]

1. 2,500,000 steps x 4 series through ``update`` + ``running`` (10,000,000
   values): the page's frames per second during the stream, end latency,
   messages per second, every row arrived, and the page's memory (JS heap
   plus ArrayBuffers, after garbage collection) against the raw float64 data.
2. 64 columns from a tight loop (as many updates a second as it goes), the
   Stop button clicked in the page after a few seconds: time from the click to
   the loop's end, and every row sent arrived (column 0 carries the row
   index, so a lost or repeated row shows).

Same harness as bench_peers.py; raw results go to benchmarks/results/.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import sys
import time
from pathlib import Path

from _harness import REPO_ROOT, Bench, Tab, wait_for_json
from _kernel_code import COMMON
from _peers import LIVESCOPE

RESULTS_DIR = REPO_ROOT / "benchmarks" / "results"
STREAM_TIMEOUT_S = 900.0
SHOWN_TIMEOUT_S = 120.0
TIGHT_CAP_S = 60.0  # bounds a broken Stop; a working one ends the loop long before

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

_CLICK_RECORDER_JS = """(el) => {
  el.addEventListener("click", (event) => {
    if (event.target.closest("button")?.textContent === "Stop") {
      window.__bench.stopClick = window.__bench.now();
    }
  }, { capture: true });
}"""


def _heap(tab: Tab) -> dict[str, float]:
    usage = tab.probes.heap_bytes()
    return {**usage, "js_and_buffers": usage["usedSize"] + usage["backingStorageSize"]}


def stream_10m(tab: Tab, out_dir: Path, steps: int) -> dict:
    tab.run(1)
    el = tab.nb.output(1).element_handle()
    tab.nb.output(1).locator(LIVESCOPE.ready_selector).wait_for(state="visible")
    before = _heap(tab)
    tab.probes.watch("stream", el, _LAST_STEP_JS, {"last": steps - 1})
    tab.probes.drop_frames_before(tab.probes.now_ms())
    start = tab.wire.mark()
    tab.start_cell(2)
    el.scroll_into_view_if_needed()
    timing = wait_for_json(out_dir / "stream.json", STREAM_TIMEOUT_S)
    base, plot = timing["base"], timing["plot"]
    tab.page.wait_for_function(
        "() => window.__bench.watches.stream.at !== null", timeout=SHOWN_TIMEOUT_S * 1000
    )
    shown_at, _ = tab.probes.watch_result("stream")
    traffic = tab.wire.traffic(start, tab.wire.mark())
    during = tab.probes.frames(plot["t0_ms"], plot["t1_ms"])
    store = tab.page.evaluate(_STORE_JS, el)
    after = _heap(tab)
    raw = steps * 4 * 8
    return {
        "steps": steps,
        "values": steps * 4,
        "stream_s": plot["seconds"],
        "cost_us": 1e6 * (plot["seconds"] - base["seconds"]) / steps,
        "fps": during.fps,
        "longest_frame_ms": during.longest_frame_ms,
        "latency_ms": shown_at - plot["t1_ms"],
        "messages": traffic.messages,
        "messages_per_s": traffic.messages / plot["seconds"],
        "bytes": traffic.bytes,
        "rows_shown": store["length"],
        "store_capacity_rows": store["capacity"],
        "store_bytes": store["bytes"],
        "raw_bytes": raw,
        "heap_before": before,
        "heap_after": after,
        "memory_added": after["js_and_buffers"] - before["js_and_buffers"],
        "memory_ratio": (after["js_and_buffers"] - before["js_and_buffers"]) / raw,
    }


def stop_64_columns(tab: Tab, out_dir: Path, stop_after_s: float) -> dict:
    tab.run(3)
    el = tab.nb.output(3).element_handle()
    root = tab.nb.output(3).locator(".livescope")
    root.locator("canvas").first.wait_for(state="visible")
    tab.page.evaluate(_CLICK_RECORDER_JS, el)
    tab.probes.drop_frames_before(tab.probes.now_ms())
    start = tab.wire.mark()
    tab.start_cell(4)
    el.scroll_into_view_if_needed()
    tab.page.wait_for_function("(el) => Number(el.dataset.rows) > 0", arg=root.element_handle())
    time.sleep(stop_after_s)  # let the loop stream for a while before Stop
    root.get_by_role("button", name="Stop", exact=True).click()
    timing = wait_for_json(out_dir / "tight.json", TIGHT_CAP_S + 30)
    click_ms = tab.page.evaluate("window.__bench.stopClick")
    rows = timing["rows"]
    tab.page.wait_for_function(
        "([el, n]) => Number(el.dataset.rows) >= n",
        arg=[root.element_handle(), rows],
        timeout=SHOWN_TIMEOUT_S * 1000,
    )
    arrived_ms = tab.probes.now_ms()
    traffic = tab.wire.traffic(start, tab.wire.mark())
    during = tab.probes.frames(timing["t0_ms"], timing["t1_ms"])
    store = tab.page.evaluate(_STORE_JS, el)
    return {
        "columns": 64,
        "rows_sent": rows,
        "rows_held_in_kernel": timing["held"],
        "rows_shown": store["length"],
        "row_mismatches": tab.page.evaluate(_ROW_INDEX_MISMATCHES_JS, el),
        "loop_s": timing["seconds"],
        "updates_per_s": rows / timing["seconds"],
        "stop_ms": timing["t1_ms"] - click_ms,
        "stopped_by_click": timing["seconds"] < TIGHT_CAP_S,
        "all_rows_shown_ms_after_end": arrived_ms - timing["t1_ms"],
        "messages_per_s": traffic.messages / timing["seconds"],
        "megabytes_per_s": traffic.bytes / timing["seconds"] / 1e6,
        "fps": during.fps,
        "longest_frame_ms": during.longest_frame_ms,
    }


def report(results: dict) -> str:
    s, t = results["stream"], results["stop"]
    mb = 1e6
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
        ("end latency (loop end -> last point drawn)", f"{s['latency_ms']:.0f} ms", "< 100 ms"),
        ("rows in the page", f"{s['rows_shown']:,} of {s['steps']:,}", "all"),
        (
            "page memory (JS heap + ArrayBuffers) added, vs raw float64 values",
            f"{s['memory_added'] / mb:.0f} MB vs {s['raw_bytes'] / mb:.0f} MB"
            f" = {s['memory_ratio']:.2f}x",
            "<= 2x",
        ),
        (
            "64 columns, tight loop: updates per second",
            f"{t['updates_per_s']:,.0f} for {t['loop_s']:.1f} s",
            ">= 100,000",
        ),
        ("64 columns: Stop click in the page -> loop ended", f"{t['stop_ms']:.0f} ms", ""),
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
    lines = ["| measure | result | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2_500_000)
    parser.add_argument("--stop-after", type=float, default=3.0, help="seconds before Stop")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR)
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    stamp = datetime.datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
    out_dir = args.out / f"scale-{stamp}"
    out_dir.mkdir(parents=True, exist_ok=True)
    cells = [
        COMMON + LIVESCOPE.kernel_code + TIGHT_CODE,
        'w = make("10,000,000 values")',
        f"measure(w, {args.steps}, {str(out_dir / 'stream.json')!r})",
        'w64 = LivePlot(columns=64, title="64 columns")\ndisplay(w64)',
        f"tight(w64, {str(out_dir / 'tight.json')!r}, {TIGHT_CAP_S})",
    ]
    with Bench(out_dir) as bench:
        tab = bench.open("scale.ipynb", cells)
        try:
            tab.run(0)
            results = {
                "date": datetime.date.today().isoformat(),
                "chromium": bench.browser.version,
                "load_average_at_start": os.getloadavg(),
                "stream": stream_10m(tab, out_dir, args.steps),
                "stop": stop_64_columns(tab, out_dir, args.stop_after),
            }
        finally:
            tab.page.screenshot(path=out_dir / "page.png")
            bench.close(tab)
    results["load_average_at_end"] = os.getloadavg()
    (out_dir / "results.json").write_text(json.dumps(results, indent=2))
    print(report(results))
    print(f"\nraw results and a screenshot: {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
