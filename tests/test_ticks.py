"""Tick labels of the pictures: distinct and exact at every scale, on linear and log axes.

The same rule as the widget's (js/draw/ticks.js); the shared vectors are in
_spec/fixtures/ticks.json (tests/test_parity.py, js/parity.test.js).
"""

import json
import random

import numpy as np
import pytest

from livescope._core.data import LinesData
from livescope._core.spec import SPEC_DIR
from livescope._picture.lines import lines_scene
from livescope._picture.scene import Text, log_ticks
from livescope._picture.ticks import labelled_ticks, nice_step, nice_ticks, tick_labels


def labels_of(lo, hi, count):
    return [label for _, label in labelled_ticks(lo, hi, count)]


@pytest.mark.parametrize(
    ("lo", "hi", "count", "expected"),
    [
        # Three decimals once wrote 0.0010 and 0.0012 both as 0.001.
        (0, 0.0012, 6, ["0", "0.0002", "0.0004", "0.0006", "0.0008", "0.0010", "0.0012"]),
        (0.8e-5, 1.2e-5, 4, ["8e-6", "1.0e-5", "1.2e-5"]),
        (1.00001e-5, 1.00003e-5, 4, ["1.00001e-5", "1.00002e-5", "1.00003e-5"]),
        # A million and a few thousandths: plain decimals, shorter than 1.0000000010e+6.
        (1000000.001, 1000000.003, 2, ["1000000.001", "1000000.002", "1000000.003"]),
        (1000000, 1000100, 5, ["1000000", "1000020", "1000040", "1000060", "1000080", "1000100"]),
        # One notation an axis: not "500000, 1e+6, 2e+6, 2.0e+6".
        (0, 2e6, 4, ["0", "5e+5", "1.0e+6", "1.5e+6", "2.0e+6"]),
    ],
)
def test_labels_that_once_repeated_are_distinct(lo, hi, count, expected):
    assert labels_of(lo, hi, count) == expected


def test_ticks_a_tiny_step_apart_near_a_billion_stay_apart():
    assert nice_ticks(1e9, 1e9 + 0.001, 4) == [1e9, 1e9 + 0.0005, 1e9 + 0.001]


def test_labels_are_distinct_and_exact_on_ranges_of_every_scale():
    rng = random.Random(1)
    for _ in range(2000):
        centre = rng.choice((-1, 1)) * 10 ** rng.uniform(-12, 12)
        span = abs(centre) * 10 ** -rng.uniform(0, 9)
        lo = centre - span * rng.random()
        hi = lo + span
        count = rng.randint(2, 11)
        step = nice_step(hi - lo, count)
        ticks = nice_ticks(lo, hi, count)
        labels = tick_labels(ticks, step)
        assert len(set(labels)) == len(ticks), (lo, hi, count, labels)
        for tick, label in zip(ticks, labels, strict=True):
            assert abs(float(label) - tick) <= step * 1e-6, (lo, hi, count, labels)


def test_every_label_of_the_shared_vectors_is_distinct():
    vectors = json.loads((SPEC_DIR / "fixtures" / "ticks.json").read_text(encoding="utf-8"))
    for case in vectors["cases"] + vectors["labels"]:
        assert len(set(case["labels"])) == len(case["labels"]), case


def test_log_axis_labels_each_power_on_its_own():
    ticks = log_ticks((-6.0, 6.0), 1000)
    assert [label for _, label in ticks] == [
        "1e-6", "1e-5", "0.0001", "0.001", "0.01", "0.1", "1", "10", "100", "1000", "10000",
        "100000", "1e+6",
    ]  # fmt: skip
    # Within a decade: round values, exact to their step.
    assert [label for _, label in log_ticks((np.log10(2e-5), np.log10(3e-5)), 200)] == [
        "2.0e-5",
        "2.5e-5",
        "3.0e-5",
    ]


def y_labels(values, options):
    """The y tick labels of a lines picture of `values` (texts right-aligned left of the plot)."""
    values = np.asarray(values, np.float64)[:, None]
    steps = np.arange(len(values), dtype=np.float64)
    scene = lines_scene(LinesData(("y",), steps, np.zeros(len(values)), values, options=options))
    return [
        item.text
        for item in scene.items
        if isinstance(item, Text) and item.anchor == "end" and item.x < scene.plot.left
    ]


@pytest.mark.parametrize(
    ("values", "options"),
    [
        (np.linspace(0, 0.0012, 50), {}),
        (1e-5 + np.linspace(-2e-6, 2e-6, 50), {}),
        (1000000.001 + np.linspace(0, 0.002, 50), {}),
        (2e-6 * np.logspace(0, 2, 50), {"log_y": True}),
        (2e-5 + np.linspace(0, 1e-5, 50), {"log_y": True}),
    ],
    ids=["up-to-0.0012", "around-1e-5", "a-million-and-thousandths", "log", "log-in-a-decade"],
)
def test_a_lines_picture_of_small_variation_has_distinct_y_labels(values, options):
    labels = y_labels(values, options)
    assert len(labels) >= 2
    assert len(set(labels)) == len(labels), labels
