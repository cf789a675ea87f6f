"""Write the parity fixtures: golden vectors both renderers must reproduce.

Run by hand after a deliberate change to one of these rules, on both sides:
``.venv/bin/python tools/generate_fixtures.py``. The Python implementations
write the vectors; tests/test_parity.py checks that Python still reproduces
them and js/parity.test.js checks that the front end does, so a change made
on one side only fails a test. Non-finite numbers are written as the strings
"NaN", "Infinity" and "-Infinity" (JSON has no such numbers).
"""

from __future__ import annotations

import json
import math

import numpy as np

from livescope._core.smoothing import smooth_columns
from livescope._core.spec import COLORMAPS, SPEC_DIR
from livescope._picture.colormaps import series_colors
from livescope._picture.grid_colors import (
    centered_limits,
    color_indices,
    colormap_lut,
    text_color_on,
)
from livescope._picture.scene import format_step, format_value
from livescope._picture.ticks import exact_label, nice_step, nice_ticks, tick_labels

OUT = SPEC_DIR / "fixtures"

TICK_RANGES = [
    (0, 10, 5, False),
    (0.1, 0.9, 5, False),
    (-3, 7, 4, False),
    (-3, 7, 5, False),
    (0, 1, 2, False),
    (0, 99, 7, True),
    (0, 3, 10, True),
    (1e-5, 9e-5, 4, False),
    (1234567, 9876543, 5, False),
    (-0.0031, 0.0042, 6, False),
    (5, 5, 4, False),
    (2, 1, 4, False),
    # Ranges whose labels once repeated ("0.001, 0.001", "1.000e+6" five times).
    (0, 0.0012, 6, False),
    (0.8e-5, 1.2e-5, 4, False),
    (1.00001e-5, 1.00003e-5, 4, False),
    (1000000.001, 1000000.003, 4, False),
    (-1000000.003, -1000000.001, 4, False),
    (1e9, 1e9 + 0.001, 4, False),
    (1000000, 1000100, 5, False),
    (0, 2e6, 4, False),
]
# Ticks as uPlot gives them to the lines view: its splits, 2.5 steps among them.
TICK_LABELS = [
    ([0, 0.025, 0.05, 0.075, 0.1], 0.025),
    ([0, 0.00025, 0.0005, 0.00075, 0.001, 0.00125], 0.00025),
    ([2.5e-6, 5e-6, 7.5e-6, 1e-5], 2.5e-6),
    ([1000000.0005, 1000000.001, 1000000.0015, 1000000.002], 0.0005),
    ([0.1, 0.2, 0.1 + 0.2], 0.1),
    ([-2e7, 0, 2.5e7], 2.5e6),
]
# A log axis' ticks, each labelled on its own.
EXACT_LABELS = [1e-6, 2e-5, 1e-4, 0.002, 0.05, 1, 30, 1e5, 1e6, 2e6, 2.5e7, 1234567, 0, -0.05]
VALUES = [0.0, 0.123456, 1234567.0, -0.0004567, 1e-3, 999999.0, 42.0, -7.25, 3.14159265]
STEPS = [0.0, 12.0, 12.5, 1e7, 0.1 + 0.2, -3.0, 123456.789]
SMOOTHING_WEIGHTS = [0.0, 0.6, 0.95, 0.99]


def number(x: float) -> float | str:
    """`x` as JSON can hold it."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def ticks() -> dict:
    """Round ticks of a few ranges and their labels; labels of given ticks; log labels."""
    cases = []
    for lo, hi, count, integer in TICK_RANGES:
        values = nice_ticks(lo, hi, count, integer=integer)
        step = nice_step(hi - lo, count) if hi > lo else 1.0
        labels = tick_labels(values, step) if hi > lo else []
        cases.append(
            {
                "lo": lo,
                "hi": hi,
                "count": count,
                "integer": integer,
                "ticks": values,
                "step": step,
                "labels": labels,
            }
        )
    return {
        "cases": cases,
        "labels": [
            {"values": values, "step": step, "labels": tick_labels(values, step)}
            for values, step in TICK_LABELS
        ],
        "exact": [{"value": v, "label": exact_label(v)} for v in EXACT_LABELS],
    }


def formats() -> dict:
    """Legend values and steps as text."""
    specials = [math.nan, math.inf, -math.inf]
    return {
        "values": [{"value": number(v), "text": format_value(v)} for v in VALUES + specials],
        "steps": [{"step": s, "text": format_step(s)} for s in STEPS],
    }


def colormaps() -> dict:
    """Table entries, text colours on them, and values to table indices."""
    samples = [0, 1, 63, 127, 128, 200, 254, 255]
    values = [-1.0, 0.0, 0.5, 0.999, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, math.nan, math.inf, -math.inf]
    lo, hi = 0.5, 3.0
    return {
        "names": list(COLORMAPS),
        "samples": samples,
        "luts": {
            name: [[int(c) for c in colormap_lut(name)[i]] for i in samples] for name in COLORMAPS
        },
        "text_on": {
            name: [text_color_on(colormap_lut(name), i) for i in samples] for name in COLORMAPS
        },
        "index": {
            "lo": lo,
            "hi": hi,
            "values": [number(v) for v in values],
            "indices": [int(i) for i in color_indices(np.array(values), lo, hi)],
        },
        # A diverging map's centre: two slopes meeting at the middle colour.
        "center": {
            "lo": -1.0,
            "hi": 3.0,
            "center": 0.0,
            "values": [number(v) for v in values],
            "indices": [int(i) for i in color_indices(np.array(values), -1.0, 3.0, 0.0)],
            "limits": [
                [lo_, hi_, c, list(centered_limits(lo_, hi_, c))]
                for lo_, hi_, c in [(-1.0, 3.0, 0.0), (2.0, 5.0, 0.0), (-5.0, -2.0, 0.0)]
            ],
        },
        # Lines along a colormap; 11 series put entry 76.5 (a half) in the middle.
        "series": {
            name: {str(n): series_colors(name, n) for n in (1, 2, 3, 11)}
            for name in ("viridis", "plasma")
        },
    }


def smoothing() -> dict:
    """A random walk with gaps, smoothed at several weights."""
    rng = np.random.default_rng(7)
    values = np.cumsum(rng.normal(size=40))
    values[[5, 6, 17]] = np.nan
    values[30] = np.inf
    cases = []
    for weight in SMOOTHING_WEIGHTS:
        smoothed = smooth_columns(values[:, None], weight)[:, 0]
        cases.append(
            {
                "weight": weight,
                "values": [number(float(v)) for v in values],
                "smoothed": [number(float(v)) for v in smoothed],
            }
        )
    return {"cases": cases}


def value_formats() -> dict:
    """A heatmap's cell formats, as Python writes them (no exact halves: see the docs)."""
    values = [0.0, -0.0, 1.0, -1.2345678, 0.000123456, 123456.789, 9.99996, 0.1, 2.0 / 3.0, 1e-7]
    specs = [f"{{:.{n}{t}}}" for t in "feg%" for n in (0, 1, 3)]
    return {
        "values": values,
        "texts": {spec: [format(v, spec[2:-1]) for v in values] for spec in specs},
    }


FIXTURES = {
    "ticks": ticks,
    "format": formats,
    "colormap": colormaps,
    "smoothing": smoothing,
    "value_format": value_formats,
}


def main() -> None:
    """Write every fixture file."""
    OUT.mkdir(exist_ok=True)
    for name, make in FIXTURES.items():
        text = json.dumps(make(), indent=1, sort_keys=True)
        (OUT / f"{name}.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
