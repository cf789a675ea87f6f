"""Axis and colorbar ticks: round values and their labels, by the rule of js/draw/ticks.js.

The one tick rule of the pictures (lines, frame, heatmap, waterfall, points);
`_spec/fixtures/ticks.json` holds vectors that this module and the front
end's must both reproduce, so every step below is one both languages do
alike in IEEE doubles.

Labels are exact: each tick is a whole number of the step's last significant
digit (its quantum), and every label writes its tick down to that digit, so
two ticks a step apart never share a label. An axis writes all its labels
one way: plain decimals while its largest tick is within [1e-4, 1e6);
beyond, scientific notation unless plain decimals come out shorter (a
million plus a few thousandths reads better as 1000000.0015 than as
1.0000000015e+6).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

PLAIN_FROM = -4  # the exponents that plain decimals keep short: 1e-4 ...
PLAIN_BELOW = 6  # ... up to, not including, 1e6
SIGNIFICANT = 12  # digits read from a step: more than a round step has, fewer than float noise


def _power_of_ten(exponent: int) -> float:
    """10 to the whole `exponent` as the double nearest to it (as JS Number("1e" + e))."""
    return float(10**exponent) if exponent >= 0 else 1 / 10**-exponent


def decimal_parts(x: float) -> tuple[int, int]:
    """`x` as (units, exponent) with x = units * 10**exponent and units free of trailing zeros.

    Read from `x` rounded to 12 significant digits, so a step of
    0.30000000000000004 is 3 tenths.
    """
    if x == 0 or not math.isfinite(x):
        return 0, 0
    mantissa, exponent = f"{abs(x):.{SIGNIFICANT - 1}e}".split("e")
    digits = mantissa.replace(".", "").rstrip("0")
    units = int(digits) * (1 if x > 0 else -1)
    return units, int(exponent) - (len(digits) - 1)


def _scaled(n: int, exponent: int) -> float:
    """The double nearest n * 10**exponent, by the same one division or product as JS."""
    if exponent < 0:
        return float(n) / _power_of_ten(-exponent)
    return float(n) * _power_of_ten(exponent)


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2 or 5 times a power of ten) that splits `span` into about `count`."""
    raw = span / max(1, count)
    magnitude = _power_of_ten(math.floor(math.log10(raw)))
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
    # Each tick is k steps of whole units of the step's last digit, scaled
    # once: no drift (0.1 * 3 is not 0.30000000000000004) and no rounding
    # that would merge ticks a tiny step apart near a million.
    units, exponent = decimal_parts(step)
    return [_scaled(k * units, exponent) for k in range(first, last + 1)]


def _digits(n: int) -> str:
    return str(abs(n))


def _plain(n: int, exponent: int) -> str:
    """The number n * 10**exponent in plain decimals, down to the digit 10**exponent."""
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    if exponent >= 0:
        return sign + _digits(n) + "0" * exponent
    digits = _digits(n).rjust(1 - exponent, "0")
    return f"{sign}{digits[:exponent]}.{digits[exponent:]}"


def _scientific(n: int, exponent: int) -> str:
    """The number n * 10**exponent as d.ddd e±x, down to the digit 10**exponent."""
    if n == 0:
        return "0"
    sign = "-" if n < 0 else ""
    digits = _digits(n)
    power = exponent + len(digits) - 1
    mantissa = digits[0] + (f".{digits[1:]}" if len(digits) > 1 else "")
    return f"{sign}{mantissa}e{power:+d}"


def _units_of(value: float, exponent: int) -> int:
    """`value` in whole units of 10**exponent (rounded half up, as JS Math.round)."""
    if exponent < 0:
        return math.floor(value * _power_of_ten(-exponent) + 0.5)
    return math.floor(value / _power_of_ten(exponent) + 0.5)


def tick_labels(values: Sequence[float], step: float) -> list[str]:
    """The labels of one axis' finite ticks `values`, `step` apart: distinct, one notation."""
    _, exponent = decimal_parts(step)
    units = [_units_of(v, exponent) for v in values]
    largest = max((abs(n) for n in units), default=0)
    if largest == 0:
        return ["0" for _ in units]
    plain = [_plain(n, exponent) for n in units]
    if PLAIN_FROM <= exponent + len(str(largest)) - 1 < PLAIN_BELOW:
        return plain
    scientific = [_scientific(n, exponent) for n in units]
    return plain if max(map(len, plain)) <= max(map(len, scientific)) else scientific


def exact_label(value: float) -> str:
    """`value` written down to its own last significant digit: a log axis' labels, a lone tick."""
    return tick_labels([value], value)[0]


def labelled_ticks(lo: float, hi: float, count: int) -> list[tuple[float, str]]:
    """About `count` round ticks in [lo, hi], each with its label."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or not hi > lo:
        return [(lo, exact_label(lo))] if math.isfinite(lo) else []
    values = nice_ticks(lo, hi, count)
    return list(zip(values, tick_labels(values, nice_step(hi - lo, count)), strict=True))
