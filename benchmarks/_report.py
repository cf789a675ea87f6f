"""The peer table in markdown, from the raw results of one run."""

from __future__ import annotations


def _us(value: float) -> str:
    if value >= 10_000:
        return f"{value / 1000:,.0f} ms"
    if value >= 100:
        return f"{value:,.0f} us"
    return f"{value:.1f} us"


def _ms(value: float | None, timeout_s: float) -> str:
    if value is None:
        return f"never (> {timeout_s:.0f} s)"
    if value >= 1000:
        return f"{value / 1000:.1f} s"
    return f"{max(value, 0):.0f} ms"


def _percent(value: float) -> str:
    return f"{100 * value:+,.0f} %" if abs(value) >= 1 else f"{100 * value:+.1f} %"


def _count(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.2g}"


def _bytes(value: float) -> str:
    if value >= 1e6:
        return f"{value / 1e6:.1f} MB"
    if value >= 1e3:
        return f"{value / 1e3:.1f} kB"
    return f"{value:.0f} B"


def _all_shown(main: dict, steps: int) -> str:
    if main["all_shown"]:
        text = "yes"
    elif "points_shown" in main:
        text = f"no: {main['points_shown']:,} of {steps:,}"
    elif "images_shown" in main:
        text = f"no: {main['images_shown']:,} of {steps:,} images"
    elif main.get("pixels_differing") is not None:
        text = f"no: final canvas differs from the figure in {main['pixels_differing']:,} pixels"
    else:
        text = "no"
    if main["rate_limited"]:
        text += "; iopub rate limit hit"
    if main["websocket_closed"]:
        text += "; the server dropped the page's kernel connection"
    return text


HEADER = (
    "| peer | steps | kernel cost per step | vs livescope | 5 ms/step loop slowed by "
    "| messages per step | bytes per step | messages/s (5 ms loop) | end latency "
    "| page fps during loop (longest frame) | every point shown |"
)


def peer_table(results: list[dict], timeout_s: float) -> str:
    """One row per peer; per-step costs quoted as ratios to livescope's in the same run."""
    reference = next(
        (r["cost_us"] for r in results if r["peer"] == "livescope" and r["status"] == "ok"),
        None,
    )
    lines = [HEADER, "|" + "---|" * HEADER.count(" | ") + "---|"]
    for r in results:
        if r["status"] != "ok":
            cells = [r["label"], f"{r['steps']:,}", f"failed: {r['reason']}"] + [""] * 8
            lines.append("| " + " | ".join(cells) + " |")
            continue
        main, work = r["main"], r["work"]
        ratio = "" if reference is None else f"{r['cost_us'] / reference:,.0f}x"
        if "failed" in work:
            slowdown = rate = f"failed: {work['failed']}"
        else:
            slowdown = f"{_percent(work['slowdown'])} (noise {_percent(work['noise'])})"
            rate = f"{work['messages_per_s']:.0f}"
        cells = [
            r["label"],
            f"{r['steps']:,}",
            _us(r["cost_us"]),
            ratio,
            slowdown,
            _count(main["messages_per_step"]),
            _bytes(main["bytes_per_step"]),
            rate,
            _ms(main["latency_ms"], timeout_s),
            f"{main['fps']:.0f} ({main['longest_frame_ms']:,.0f} ms)",
            _all_shown(main, r["steps"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def key_ratios(results: list[dict], timeout_s: float) -> list[str]:
    """The comparison the targets are about: livescope against the best peer."""
    ok = {r["peer"]: r for r in results if r["status"] == "ok"}
    if "livescope" not in ok:
        return ["livescope did not run: no ratios"]
    own = ok.pop("livescope")
    if not ok:
        return ["no peer ran: no ratios"]
    best = min(ok.values(), key=lambda r: r["cost_us"])
    work = own["work"]
    if "failed" in work:
        loop = f"5 ms/step loop failed: {work['failed']}"
    else:
        loop = (
            f"{work['messages_per_s']:.0f} messages/s in the 5 ms/step loop (target <= 60); "
            f"5 ms/step loop slowed by {_percent(work['slowdown'])} "
            f"(noise {_percent(work['noise'])}; target < 1 %)"
        )
    return [
        f"- livescope per-step kernel cost {_us(own['cost_us'])} (median of "
        f"{len(own['cost_runs_us'])} runs); best peer {best['label']} {_us(best['cost_us'])}: "
        f"{best['cost_us'] / own['cost_us']:,.0f}x (target >= 200x)",
        f"- livescope end latency {_ms(own['main']['latency_ms'], timeout_s)}"
        f"{latency_split(own['main'].get('latency_parts'))} (target < 100 ms); {loop}",
    ]


def latency_split(parts: dict | None) -> str:
    """Where an end latency went, as " = ... + ..." (see `latency_parts`); "" if unknown."""
    if parts is None:
        return ""
    return (
        f" = {parts['kernel_ms']:.0f} ms until the kernel sent the last message + "
        f"{parts['transit_ms']:.0f} ms until the page's script got it + "
        f"{parts['page_ms']:.0f} ms until the page showed it"
    )
