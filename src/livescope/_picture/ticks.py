"""Axis and colorbar ticks: round values and their labels, by the rule of js/draw/ticks.js.

The one tick rule of the pictures (lines, frame, heatmap, waterfall, points);
`_spec/fixtures/ticks.json` holds vectors that this module and the front
end's must both reproduce.
"""

from __future__ import annotations

import math


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2 or 5 times a power of ten) that splits `span` into about `count`."""
    raw = span / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    f = raw / magnitude
    return float((1 if f <= 1 else 2 if f <= 2 else 5 if f <= 5 else 10) * magnitude)


def nice_ticks(lo: float, hi: float, count: int, *, integer: bool = False) -> list[float]:
    """Round values within [lo, hi], about `count` of them; whole steps with `integer`."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi < lo:
        return []
    if hi == lo:
        return [lo]
    step = nice_step(hi - lo, count)
    if integer:
        step = max(1, round(step))
    first = math.ceil(lo / step - 1e-9)
    last = math.floor(hi / step + 1e-9)
    # Multiplying, not adding, keeps 0.1 * 3 from drifting to 0.30000000000000004.
    return [float(f"{k * step:.12g}") for k in range(first, last + 1)]


def format_tick(value: float, step: float) -> str:
    """A tick label with as many decimals as the tick spacing needs."""
    if value == 0:
        return "0"
    a = abs(value)
    if a >= 1e6 or a < 1e-4:
        digits = max(0, min(3, round(-math.log10(step / a))))
        mantissa, exponent = f"{value:.{digits}e}".split("e")
        return f"{mantissa}e{int(exponent):+d}"
    decimals = max(0, min(8, -math.floor(math.log10(step) + 1e-9)))
    return f"{value:.{decimals}f}"


def labelled_ticks(lo: float, hi: float, count: int) -> list[tuple[float, str]]:
    """About `count` round ticks in [lo, hi], each with its label."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or not hi > lo:
        return [(lo, format_tick(lo, 1.0))] if math.isfinite(lo) else []
    step = nice_step(hi - lo, count)
    return [(v, format_tick(v, step)) for v in nice_ticks(lo, hi, count)]
