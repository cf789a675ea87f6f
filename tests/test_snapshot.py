"""Snapshots: the binary container, and the line plot's envelope that keeps extremes."""

import json
import struct

import numpy as np
import pytest

from livescope._core import envelope as _envelope
from livescope._core.data import LinesData
from livescope._core.envelope import envelope
from livescope._core.snapshot import Snapshot, pack, unpack
from livescope._kinds.lines_snapshot import SNAPSHOT_POINTS, lines_snapshot


def lines(values, steps=None, dtype=np.float64, **options):
    values = np.asarray(values, dtype)
    if values.ndim == 1:
        values = values[:, None]
    n = len(values)
    steps = np.arange(n, dtype=np.float64) if steps is None else np.asarray(steps, np.float64)
    columns = tuple(str(c) for c in range(values.shape[1]))
    return LinesData(columns, steps, 1.7e9 + steps / 10, values, options=options)


# ----- the container -------------------------------------------------------------


def test_pack_round_trips_fields_and_arrays_with_8_byte_alignment():
    snap = Snapshot(
        "lines",
        {"rows": 3, "t0": 1.7e9 + 0.123456},
        {"a": np.arange(3, dtype=np.float64), "b": np.ones((2, 3), np.float32)},
    )
    data = pack(snap)
    assert data[:4] == b"LSNP"
    (length,) = struct.unpack("<I", data[4:8])
    assert (8 + length) % 8 == 0
    assert json.loads(data[8 : 8 + length])["arrays"][1] == {
        "name": "b",
        "dtype": "float32",
        "shape": [2, 3],
    }
    back = unpack(data)
    assert back.kind == "lines"
    assert back.fields == snap.fields
    np.testing.assert_array_equal(back.arrays["a"], snap.arrays["a"])
    assert back.arrays["b"].dtype == np.float32
    assert back.arrays["b"].shape == (2, 3)
    assert len(data) % 8 == 0


def test_unpack_says_what_is_wrong():
    with pytest.raises(ValueError, match="bad magic"):
        unpack(b"PNG\0\0\0\0\0")
    good = pack(Snapshot("lines", {}, {"a": np.arange(4.0)}))
    with pytest.raises(ValueError, match="runs past the end"):
        unpack(good[:-8])
    header_length = struct.unpack("<I", good[4:8])[0]
    header = good[8 : 8 + header_length].replace(b'"version":1', b'"version":7')
    with pytest.raises(ValueError, match="unsupported snapshot version 7"):
        unpack(good[:8] + header + good[8 + header_length :])


def test_pack_only_takes_floats():
    with pytest.raises(ValueError, match="'n' must be float64, float32 or uint8; got int64"):
        pack(Snapshot("lines", {}, {"n": np.arange(3)}))


# ----- the envelope ---------------------------------------------------------------


def test_envelope_keeps_every_extreme_in_the_order_they_occur():
    rng = np.random.default_rng(1)
    values = rng.standard_normal((100_000, 2))
    values[31_337, 0] = 50.0  # a one-row spike
    values[77_000, 1] = -60.0
    steps = np.arange(len(values), dtype=np.float64)
    rows, points = envelope(steps, values, 500, 0, len(values) - 1)
    assert len(rows) <= 1000
    assert points[:, 0].max() == 50.0
    assert points[:, 1].min() == -60.0
    np.testing.assert_array_equal(np.nanmax(points, axis=0), values.max(axis=0))
    np.testing.assert_array_equal(np.nanmin(points, axis=0), values.min(axis=0))
    # Each pair is one bin: its first and last step, its extremes in occurrence order.
    first_bin = values[rows[0] : rows[1] + 1, 0]
    expected = sorted([first_bin.min(), first_bin.max()], key=lambda v: np.argmax(first_bin == v))
    np.testing.assert_array_equal(points[:2, 0], expected)


def test_envelope_turns_gaps_into_nan_and_keeps_finite_neighbours():
    values = np.arange(10_000, dtype=np.float64)[:, None] * np.ones((1, 2))
    values[:5000, 1] = np.nan  # a long gap: whole bins without a value
    values[7000, 1] = np.inf
    _, points = envelope(np.arange(10_000.0), values, 100, 0, 9999)
    assert len(points) == 200  # two points per bin
    assert np.isnan(points[:100, 1]).all()
    assert np.isfinite(points[100:, 1]).all()
    assert np.nanmax(points[:, 1]) == 9999
    assert not np.isinf(points).any()


@pytest.mark.parametrize("seed", range(20))
def test_envelope_is_the_same_from_whole_array_passes_and_from_a_loop_over_bins(seed, monkeypatch):
    # Small integers make ties (the first occurrence must win), with gaps and infinities.
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(50, 3000)), int(rng.integers(1, 6))
    values = rng.integers(-3, 4, size=(n, m)).astype(rng.choice([np.float64, np.float32]))
    noise = rng.random((n, m))
    values[noise < 0.1] = np.nan
    values[noise > 0.95] = np.inf
    values[(noise > 0.9) & (noise < 0.92)] = -np.inf
    values[: n // 4, 0] = np.nan  # whole bins without a value
    steps = np.cumsum(rng.integers(0, 3, n)).astype(np.float64)  # repeated steps too
    bins = int(rng.integers(1, n // 2))
    results = []
    for values_per_bin in (0, 10**9):  # always the loop, always the passes
        monkeypatch.setattr(_envelope, "_VECTORIZED_VALUES_PER_BIN", values_per_bin)
        results.append(envelope(steps, values, bins, steps[0], steps[-1]))
    (loop_rows, loop_points), (pass_rows, pass_points) = results
    np.testing.assert_array_equal(loop_rows, pass_rows)
    np.testing.assert_array_equal(loop_points, pass_points)


def test_envelope_passes_few_rows_through():
    values = np.array([[1.0], [np.inf], [3.0]])
    rows, points = envelope(np.array([0.0, 1.0, 2.0]), values, 10, 0, 2)
    np.testing.assert_array_equal(rows, [0, 1, 2])
    np.testing.assert_array_equal(points[:, 0], [1.0, np.nan, 3.0])


# ----- the line plot's snapshot -----------------------------------------------------


def test_few_rows_are_kept_exactly_in_the_history_dtype():
    data = lines([[0.1, 1.0], [0.2, np.inf], [np.nan, 3.0]])
    snap = lines_snapshot(data)
    assert snap.kind == "lines"
    assert snap.fields == {"rows": 3, "generation": 0, "exact": True, "t0": 1.7e9}
    np.testing.assert_array_equal(snap.arrays["steps"], [0, 1, 2])
    np.testing.assert_array_equal(snap.arrays["values"], data.values)
    assert snap.arrays["values"].dtype == np.float64
    np.testing.assert_allclose(snap.arrays["times"], [0, 0.1, 0.2], atol=1e-6)
    assert snap.arrays["times"].dtype == np.float32


def test_a_million_rows_become_at_most_2000_float32_points_with_spikes_and_ends():
    n = 1_000_000
    rng = np.random.default_rng(0)
    values = rng.standard_normal((n, 4))
    values[123_457, 2] = 40.0
    values[654_321, 3] = -45.0
    values[200_000:300_000, 1] = np.nan
    snap = unpack(pack(lines_snapshot(lines(values))))
    points, steps = snap.arrays["values"], snap.arrays["steps"]
    assert points.shape[0] <= SNAPSHOT_POINTS
    assert points.shape[1] == 4
    assert points.dtype == np.float32
    assert snap.fields["exact"] is False
    assert snap.fields["rows"] == n
    assert np.nanmax(points[:, 2]) == np.float32(40.0)
    assert np.nanmin(points[:, 3]) == np.float32(-45.0)
    # The first and last rows are exact, so the legend's latest values are right.
    assert steps[0] == 0 and steps[-1] == n - 1
    np.testing.assert_array_equal(points[-1], values[-1].astype(np.float32))
    np.testing.assert_array_equal(points[0], values[0].astype(np.float32))
    gap = (steps > 201_000) & (steps < 299_000)
    assert gap.any() and np.isnan(points[gap, 1]).all()
    assert np.all(np.diff(steps) >= 0)
    assert len(pack(lines_snapshot(lines(values)))) < 60_000


def test_values_too_big_for_float32_stay_float64():
    values = np.ones(10_000)
    values[5000] = 1e300
    snap = lines_snapshot(lines(values))
    assert snap.arrays["values"].dtype == np.float64
    assert snap.arrays["values"].max() == 1e300


def test_rows_all_at_one_step_still_fit_the_budget():
    snap = lines_snapshot(lines(np.arange(10_000.0), steps=np.zeros(10_000)), max_points=100)
    assert len(snap.arrays["steps"]) <= 100
    assert snap.arrays["values"].max() == 9999


def test_an_empty_plot_has_an_empty_snapshot():
    empty = LinesData((), np.empty(0), np.empty(0), np.empty((0, 0)))
    snap = unpack(pack(lines_snapshot(empty)))
    assert snap.fields["rows"] == 0
    assert snap.arrays["values"].shape == (0, 0)


def test_max_points_is_checked():
    with pytest.raises(ValueError, match="max_points must be at least 4 or None; got 3"):
        lines_snapshot(lines(np.arange(10.0)), max_points=3)
    everything = lines_snapshot(lines(np.arange(5000.0)), max_points=None)
    assert everything.fields["exact"] is True
    assert len(everything.arrays["steps"]) == 5000


def test_a_saved_envelope_keeps_each_bins_smallest_positive_value_for_a_log_scale():
    # A log scale draws only values > 0: where a bin's minimum is <= 0, its
    # smallest positive value is what a reopened log plot must still show.
    n = 100_000
    values = np.full((n, 2), 10.0)
    values[::7, 0] = -1.0  # column 0 dips below zero in every bin
    dips = np.arange(500, n - 1, 1000)
    values[dips, 0] = 1e-3 * (1 + dips / n)  # ... and has one small positive dip per 1000 rows
    values[dips, 1] = 1e-4  # column 1 is positive throughout
    snap = lines_snapshot(lines(values, log_y=True))
    points, steps = snap.arrays["values"], snap.arrays["steps"]
    assert points.shape[0] <= SNAPSHOT_POINTS
    assert np.all(np.diff(steps) >= 0)
    assert np.nanmin(points[:, 0]) == np.float32(-1.0)  # a linear scale still sees the dips
    for dip in dips:  # each dip is in the points held for its step
        near = np.abs(steps - dip) < 1000
        assert np.nanmin(np.where(points[near, 0] > 0, points[near, 0], np.inf)) == np.float32(
            values[dip, 0]
        ), dip
        assert np.nanmin(points[near, 1]) == np.float32(1e-4)
    # A linear scale, or data with no sign change, keeps two points a bin.
    assert len(lines_snapshot(lines(values)).arrays["steps"]) == SNAPSHOT_POINTS
    positive = lines_snapshot(lines(np.abs(values) + 1, log_y=True))
    assert len(positive.arrays["steps"]) == SNAPSHOT_POINTS
