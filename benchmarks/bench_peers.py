"""livescope and the plotting libraries people use for live plots, side by side in a browser.

    .venv/bin/pip install -r benchmarks/requirements-peers.txt
    .venv/bin/python benchmarks/bench_peers.py [--peers livescope,bokeh,...] [--driver cdp]

Starts JupyterLab on 127.0.0.1, opens one notebook per peer in headless
Chromium and runs the same streaming loop through each (2,000 steps x 4
series, no work per step; a loop with 5 ms of work per step for the
slowdown). Prints a markdown table and writes the raw results as JSON to
benchmarks/results/ (ignored by git). A peer that fails is reported with
the reason. Compare numbers within one run: the machine's load moves all
of them.

``--driver cdp`` (default) drives Chromium over a bare DevTools connection
and counts websocket traffic in the page; ``--driver playwright`` drives it
with Playwright and counts Playwright's websocket frame events, whose
instrumentation slows the pages of plots that send many bytes (see
_cdp_tab.py).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import signal
import sys
from importlib import metadata
from pathlib import Path

import jupyterlab
from _bench import DRIVERS, Bench
from _harness import RESULTS_DIR, chromium_version
from _peer_run import LATENCY_TIMEOUT_S, PeerRun
from _peers import PEERS
from _report import key_ratios, peer_table

LIVESCOPE_REPEATS = 6  # its 2,000-step loop lasts milliseconds: time it a few more times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--peers",
        default=",".join(p.key for p in PEERS),
        help="comma-separated subset of: " + ", ".join(p.key for p in PEERS),
    )
    parser.add_argument("--driver", choices=DRIVERS, default="cdp")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR)
    args = parser.parse_args()
    unknown = set(args.peers.split(",")) - {p.key for p in PEERS}
    if unknown:
        parser.error(f"unknown peers {sorted(unknown)}; known: {[p.key for p in PEERS]}")
    chosen = [p for p in PEERS if p.key in args.peers.split(",")]

    # Unwind normally on SIGTERM, so the server, kernels and browsers are shut down.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    stamp = datetime.datetime.now().strftime("%Y-%m-%dT%H-%M-%S")
    out_dir = args.out / f"peers-{stamp}"
    out_dir.mkdir(parents=True, exist_ok=True)
    environment = {
        "date": datetime.date.today().isoformat(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "jupyterlab": jupyterlab.__version__,
        "chromium": chromium_version(),
        "driver": args.driver,
        "playwright": metadata.version("playwright"),
        "load_average_at_start": os.getloadavg(),
    }
    results = []
    with Bench(out_dir, args.driver) as bench:
        for peer in chosen:
            print(f"running {peer.key} ...", file=sys.stderr, flush=True)
            repeats = LIVESCOPE_REPEATS if peer.key == "livescope" else 0
            results.append(PeerRun(bench, peer, repeats).run())
            _write(out_dir, environment, results)
    environment["load_average_at_end"] = os.getloadavg()
    _write(out_dir, environment, results)
    print(_summary(environment, results))
    print(f"\nraw results and screenshots: {out_dir}", file=sys.stderr)


def _write(out_dir: Path, environment: dict, results: list[dict]) -> None:
    data = {"environment": environment, "peers": results}
    (out_dir / "results.json").write_text(json.dumps(data, indent=2))


def _summary(environment: dict, results: list[dict]) -> str:
    versions: dict[str, str] = {}
    for r in results:
        versions.update(r.get("versions", {}))
    shown = ", ".join(f"{k} {v}" for k, v in sorted(versions.items()))
    driver = "a bare DevTools connection" if environment["driver"] == "cdp" else "Playwright"
    lines = [
        f"{environment['date']}, {environment['cpus']} CPUs ({environment['platform']}), "
        f"JupyterLab {environment['jupyterlab']}, {environment['chromium']} headless, "
        f"driven over {driver}; {shown}; load average "
        f"{environment['load_average_at_start'][0]:.1f} at start, "
        f"{environment['load_average_at_end'][0]:.1f} at end",
        "",
        peer_table(results, LATENCY_TIMEOUT_S),
        "",
        *key_ratios(results, LATENCY_TIMEOUT_S),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
