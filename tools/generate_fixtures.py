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

from livescope._core.decimate import cell_runs, decimate_path
from livescope._core.envelope import envelope
from livescope._core.smoothing import smooth_columns
from livescope._core.spec import COLORMAPS, SPEC_DIR
from livescope._picture.colormaps import series_colors
from livescope._picture.frame_parts import frame_parts
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
VALUES = [
    *(0.0, -0.0, 0.123456, 1234567.0, -0.0004567, 1e-3, 999999.0, 42.0, -7.25, 3.14159265),
    # A change in the 7th digit shows; float32's 0.3 is not written 0.30000001.
    *(1000000.003, 1234568.0, 12345678.0, 0.30000001192092896),
    # Halves round away from zero as JS does (Python's own format rounds to even).
    *(1234566.5, -1234566.5, 9999999.6),
]
STEPS = [
    *(0.0, 12.0, 12.5, 1e7, 0.1 + 0.2, -3.0, 123456.789, 1000000.5, 1796663839.131863),
    *(12345678901.25, 2.5e-7, 1e15 + 0.5),
]
SMOOTHING_WEIGHTS = [0.0, 0.6, 0.95, 0.99]


def number(x: float) -> float | str:
    """`x` as JSON can hold it."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def numbers(values: np.ndarray) -> list[float | str]:
    """An array of floats as JSON can hold it."""
    return [number(float(v)) for v in values]


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


def envelope_case(
    name: str,
    steps: np.ndarray,
    values: np.ndarray,
    bins: int,
    x_range: tuple[float, float] | None = None,
    positive: bool = False,
) -> dict:
    """One envelope: its rows (steps as float64, values N x M) and what Python keeps."""
    steps = np.asarray(steps, np.float64)
    values = np.asarray(values, np.float64).reshape(len(steps), -1)
    x0, x1 = x_range or (float(steps[0]), float(steps[-1]))
    rows, points = envelope(steps, values, bins, x0, x1, positive=positive)
    return {
        "name": name,
        "steps": steps.tolist(),
        "columns": [numbers(column) for column in values.T],
        "bins": bins,
        "x0": x0,
        "x1": x1,
        "positive": positive,
        "rows": rows.tolist(),
        "values": [numbers(column) for column in points.T],
    }


def envelopes() -> dict:
    """Rows reduced to each bin's min and max, in the order they occur."""
    rng = np.random.default_rng(11)
    nan, inf = math.nan, math.inf
    wave = np.round(np.sin(np.arange(200) / 9) + rng.normal(scale=0.1, size=200), 3)
    spikes = wave.copy()
    spikes[[37, 151]] = [50.0, -40.0]  # one-row spikes
    spikes[100] = 9.0  # on a bin's first row (bins of 199 / 16 steps)
    gaps = np.column_stack([wave[:120], wave[:120] * 2])
    gaps[20:60, 0] = nan  # whole bins without a value in one column only
    gaps[[80, 81, 95], 0] = [inf, -inf, nan]
    constant = np.concatenate([np.full(30, 2.0), np.full(30, 2.0), np.full(30, -1.0)])
    constant[44] = 3.0
    ties = rng.integers(-2, 3, size=60).astype(np.float64)  # equal extremes: the first wins
    clustered = np.cumsum(rng.choice([0.0, 0.0, 1.0, 7.0, 40.0], size=150))
    large = rng.choice([1e300, -1e300, 3.4028234663852886e38, 5e-324, -0.0, 1e-300], size=80)
    log = rng.choice([0.0, -1.0, 1e-3, 0.5, 100.0, nan], size=90)
    log[:9] = [0.0, -2.0, 0.0, -1.0, 0.0, 0.0, -3.0, 0.0, 0.0]  # a bin with no value above 0
    few = [[1.0, nan], [inf, 2.0], [3.0, -inf], [-0.5, 4.0], [2.0, 0.0]] * 2
    return {
        "cases": [
            envelope_case("fewer rows than the budget", np.arange(10), few, 6),
            envelope_case("exactly the budget", np.arange(12), wave[:12], 6),
            envelope_case("one row over the budget", np.arange(13), wave[:13], 6),
            envelope_case("spikes", np.arange(200), spikes, 16),
            envelope_case("gaps", np.arange(120), gaps, 10),
            envelope_case("constant runs", np.arange(90), constant, 9),
            envelope_case("ties", np.arange(60), ties, 8),
            envelope_case("non-uniform steps", clustered, wave[:150], 20),
            envelope_case("zoomed in", np.arange(100) * 0.5 + 3, wave[:100], 5, (10.25, 37.75)),
            envelope_case("every row at one step", np.full(30, 5.0), wave[:30], 4),
            envelope_case("no rows in range", np.arange(20), wave[:20], 4, (30.0, 40.0)),
            envelope_case("large values", np.arange(80), large, 10),
            envelope_case("log scale", np.arange(90), log, 10, positive=True),
            envelope_case("log scale, few rows", np.arange(5), log[:5], 4, positive=True),
        ]
    }


def path_runs_case(name: str, x: np.ndarray, y: np.ndarray, cell: float = 1.0) -> dict:
    """One path thinned to the first point of each run in a cell, as the widget does per pixel."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    rows = cell_runs(x, y, cell)
    return {"name": name, "x": numbers(x), "y": numbers(y), "cell": cell, "rows": rows.tolist()}


def path_budget_case(name: str, x: np.ndarray, y: np.ndarray, max_points: int) -> dict:
    """One path decimated to a budget of points, as the picture and the snapshot do."""
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    rows, joined = decimate_path(x, y, max_points)
    return {
        "name": name,
        "x": numbers(x),
        "y": numbers(y),
        "max_points": max_points,
        "rows": rows.tolist(),
        "joined": joined.tolist(),
    }


def path_decimation() -> dict:
    """Paths thinned per cell (the rule both sides share) and to a budget (Python's alone)."""
    rng = np.random.default_rng(5)
    nan, inf = math.nan, math.inf
    walk = np.round(np.cumsum(rng.normal(scale=0.35, size=(120, 2)), axis=0), 3)
    x, y = walk.T
    gappy_x, gappy_y = x.copy(), y.copy()
    gappy_x[[0, 1, 40, 41, 42, 90, 119]] = [nan, nan, nan, inf, nan, -inf, nan]
    gappy_y[[60, 61, 100]] = nan  # y alone
    edges = np.array([0.0, -0.0, 1.0, 0.999, -0.001, -1.0, -1.5, 2.0, 2.0, 1.0, 0.5, -0.0])
    far_x = np.array([0.0, 0.5, 1e20, 1e20, 1e20 + 16384, -1e300, -1e300, 3.0, 3.2, 1e308])
    far_y = np.array([0.0, 0.0, 5.0, 5.5, 5.0, 0.0, 0.9, 1e19, 1e19, -1e308])
    clusters = np.concatenate([rng.normal(c, 0.3, size=(10, 2)) for c in (0, 500, 0, -80, 500)])
    cx, cy = np.round(clusters, 3).T
    t = np.linspace(0, 6 * math.pi, 240)
    spiral = np.round(np.column_stack([np.cos(t), np.sin(t)]) * (5 + 3 * t)[:, None], 3)
    u = np.linspace(0, 10 * math.pi, 240)  # five times round one circle
    loops = np.round(np.column_stack([np.cos(u), np.sin(u)]) * 20, 3)
    steps = np.repeat(np.arange(15.0), 4) + np.tile([0.1, 0.3, 0.5, 0.7], 15)
    far_walk = 1e20 + np.cumsum(rng.normal(scale=1e5, size=(40, 2)), axis=0)
    return {
        "runs": [
            path_runs_case("a dense walk, in pixels", x, y),
            path_runs_case("a dense walk, in cells of 2.5", x, y, 2.5),
            path_runs_case("gaps", gappy_x, gappy_y),
            path_runs_case("a point standing still", np.full(20, 3.5), np.full(20, -2.25)),
            path_runs_case("on cell edges and below zero", edges, edges[::-1]),
            path_runs_case("far out", far_x, far_y),
            path_runs_case("far out, in cells of 3", far_x, far_y, 3.0),
            path_runs_case("jumps between clusters", cx, cy),
            path_runs_case("no points", np.zeros(0), np.zeros(0)),
        ],
        "budget": [
            path_budget_case("fewer points than the budget", x[:30], y[:30], 40),
            path_budget_case("exactly the budget", x[:30], y[:30], 30),
            path_budget_case("pixel runs that fit exactly", steps, np.zeros(60), 16),
            path_budget_case("over the budget: coarser cells", *spiral.T, 40),
            path_budget_case("retraced: left out as gaps", *loops.T, 30),
            path_budget_case("gaps over the budget", gappy_x, gappy_y, 25),
            path_budget_case("far out over the budget", *far_walk.T, 20),
        ],
    }


NAN, INF = math.nan, math.inf
FRAME_CASES = [
    (
        "named curves over x",
        {"x": [0.0, 0.5, 1.0], "curves": ["sample", "density"], "facet": 1},
        [[1, 2, 3, 10, 20, 30], [4, 5, NAN, 40, 50, 60]],
    ),
    (
        "rows that carry their x",
        {"x": "row", "curves": ["fit"], "facet": 1},
        [[-5, 0, 5, 0.1, 0.2, 0.1], [-1, -1, 2, 0.3, INF, 0.3]],
    ),
    ("one curve over its index", {"x": None, "facet": 1}, [[3, 1, 2], [0, NAN, 9]]),
    ("a lone point", {"x": None, "facet": 1}, [[7]]),
    ("facet panels over x", {"x": [1.0, 2.0], "facet": 2}, [[1, 2, 3, 4]]),
    ("x of another length: the index", {"x": [0.0, 1.0], "curves": ["a", "b"]}, [[1, 2, 3]] * 2),
    ("a flat row x", {"x": "row", "curves": None, "facet": 1}, [[2, 2, 1, NAN]]),
    (
        "a curve hidden: the y range spans the others",
        {"x": None, "curves": ["a", "b", "c"], "hidden": ["b"]},
        [[1, 2, 100, -100, 3, NAN], [0, 1, 50, 60, INF, 4]],
    ),
    (
        "every curve hidden",
        {"x": "row", "curves": ["a"], "hidden": ["a", "gone"]},
        [[0, 1, 5, 6]],
    ),
    ("xlim over the index", {"x": None, "xlim": [-2.0, 10.0], "curves": ["a"]}, [[1, 2, 3]]),
    (
        "xlim over rows that carry their x",
        {"x": "row", "xlim": [0.5, 0.75], "curves": None},
        [[-5, 5, 1, 2]],
    ),
]


def frame() -> dict:
    """Where a frame row's x and curves sit, what each curve draws, and the ranges."""
    cases = []
    for name, options, rows in FRAME_CASES:
        values = np.array(rows, np.float64)
        parts = frame_parts(options, values.shape[1])
        y_lo, y_hi, _ = parts.y_extent(values)
        shown_lo, shown_hi = parts.shown_y_extent(values)
        cases.append(
            {
                "name": name,
                "options": options,
                "rows": [numbers(row) for row in values],
                "length": parts.length,
                "curves": [
                    {
                        "name": parts.names[c] if parts.names else None,
                        "color": parts.color(c),
                        "panel": parts.panel(c),
                        "offset": (int(parts.row_x) + c) * parts.length,
                        "hidden": not parts.shown(c),
                    }
                    for c in range(parts.count)
                ],
                "shown": [
                    {
                        "x": numbers(parts.x(row)),
                        "ys": [numbers(parts.curve(row, c)) for c in range(parts.count)],
                    }
                    for row in values
                ],
                "x_range": list(parts.x_range(values)),
                "y_extent": None if y_lo is None else [y_lo, y_hi],
                "y_shown": None if shown_lo is None else [shown_lo, shown_hi],
            }
        )
    return {"cases": cases}


FIXTURES = {
    "ticks": ticks,
    "format": formats,
    "colormap": colormaps,
    "smoothing": smoothing,
    "value_format": value_formats,
    "envelope": envelopes,
    "path_decimate": path_decimation,
    "frame": frame,
}


def main() -> None:
    """Write every fixture file."""
    OUT.mkdir(exist_ok=True)
    for name, make in FIXTURES.items():
        text = json.dumps(make(), indent=1, sort_keys=True)
        (OUT / f"{name}.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
