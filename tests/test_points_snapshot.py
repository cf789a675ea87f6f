"""Snapshots of scatter and trajectory plots: frames kept within the byte budget,
and a long path decimated so that it keeps its shape (no kernel, no browser)."""

import math

import numpy as np
import pytest

from livescope import LivePlot
from livescope._core.decimate import cell_runs, decimate_path, with_gaps
from livescope._core.snapshot import pack, unpack
from livescope._kinds.points_snapshot import (
    SNAPSHOT_BYTES,
    SNAPSHOT_FRAMES,
    TRAJECTORY_POINTS,
    scatter_snapshot,
    trajectory_snapshot,
)


def scatter(frames, k, **options):
    w = LivePlot(kind="scatter", **options)
    rng = np.random.default_rng(0)
    w.extend(rng.standard_normal((frames, k, 2)))
    return w


def lorenz(n, dt=0.005):
    """The x, y projection of a Lorenz attractor: a path that retraces its wings."""
    out = np.empty((n, 2))
    x, y, z = 1.0, 1.0, 1.0
    for i in range(n):
        x, y, z = x + 10 * (y - x) * dt, y + (x * (28 - z) - y) * dt, z + (x * y - 8 / 3 * z) * dt
        out[i] = x, y
    return out


@pytest.fixture(scope="module")
def lorenz_path():
    return lorenz(200_000)


# ----- scatter --------------------------------------------------------------------


def test_a_short_scatter_keeps_every_frame_as_float32():
    w = scatter(20, 50)
    snap = unpack(pack(scatter_snapshot(w._data())))
    assert snap.kind == "scatter"
    assert snap.fields["rows"] == 20 and snap.fields["exact"] is True
    np.testing.assert_array_equal(snap.arrays["steps"], np.arange(20))
    assert snap.arrays["values"].dtype == np.float32
    np.testing.assert_array_equal(snap.arrays["values"], w.history.astype(np.float32))


def test_a_long_scatter_keeps_100_frames_spread_over_its_history_and_its_trail():
    w = scatter(1000, 10, trail=5)
    snap = scatter_snapshot(w._data())
    steps = snap.arrays["steps"]
    assert len(steps) == SNAPSHOT_FRAMES
    assert snap.fields["exact"] is False
    # The last frame and the five the trail shows before it, in a row: the end looks right.
    np.testing.assert_array_equal(steps[-6:], np.arange(994, 1000))
    assert steps[0] == 0
    gaps = np.diff(steps[:-6])
    assert gaps.max() - gaps.min() <= 1, "the earlier frames are spread evenly"
    np.testing.assert_array_equal(snap.arrays["values"][-1], w.history[-1].astype(np.float32))


def test_a_100k_point_scatter_keeps_fewer_frames_within_the_byte_budget():
    w = scatter(30, 100_000)
    packed = pack(scatter_snapshot(w._data()))
    snap = unpack(packed)
    frames = len(snap.arrays["steps"])
    assert frames == SNAPSHOT_BYTES // (100_000 * 2 * 4) == 2
    assert len(packed) <= SNAPSHOT_BYTES + 4096
    assert snap.arrays["steps"][-1] == 29
    np.testing.assert_array_equal(snap.arrays["values"][-1], w.history[-1].astype(np.float32))


def test_max_points_caps_frames_and_none_keeps_every_frame():
    data = scatter(300, 4)._data()
    assert len(scatter_snapshot(data, 10).arrays["steps"]) == 10
    everything = scatter_snapshot(data, None)
    assert len(everything.arrays["steps"]) == 300 and everything.fields["exact"] is True


def test_values_too_big_for_float32_stay_float64_and_halve_the_frames():
    w = scatter(30, 100_000)
    w.update(np.full((100_000, 2), 1e300))
    snap = scatter_snapshot(w._data())
    assert snap.arrays["values"].dtype == np.float64
    assert len(snap.arrays["steps"]) == 1
    assert snap.arrays["values"].max() == 1e300


def test_an_empty_scatter_has_an_empty_snapshot():
    snap = unpack(pack(scatter_snapshot(LivePlot(kind="scatter", points=3)._data())))
    assert snap.fields["rows"] == 0
    assert len(snap.arrays["steps"]) == 0


# ----- trajectory ------------------------------------------------------------------


def test_a_short_trajectory_is_kept_exactly():
    w = LivePlot(kind="trajectory")
    w.extend([[0, 0], [1, 2], [np.nan, np.nan], [3, 4]])
    snap = trajectory_snapshot(w._data())
    assert snap.kind == "trajectory" and snap.fields["exact"] is True
    np.testing.assert_array_equal(snap.arrays["values"], w.history)


def test_a_long_trajectory_keeps_its_shape_within_its_points(lorenz_path):
    w = LivePlot(kind="trajectory")
    w.extend(lorenz_path)
    snap = unpack(pack(trajectory_snapshot(w._data())))
    values, steps = snap.arrays["values"], snap.arrays["steps"]
    assert len(steps) <= TRAJECTORY_POINTS
    assert len(pack(trajectory_snapshot(w._data()))) < 200_000
    assert values.dtype == np.float32
    assert steps[0] == 0 and steps[-1] == len(lorenz_path) - 1
    np.testing.assert_array_equal(values[-1], lorenz_path[-1].astype(np.float32))
    assert np.all(np.diff(steps) > 0)
    # Every kept point is a point of the path at its step (or a gap).
    finite = np.isfinite(values[:, 0])
    rows = steps[finite].astype(int)
    np.testing.assert_allclose(values[finite], lorenz_path[rows], rtol=1e-6)
    # The shape: the kept points are in nearly every cell of a 50 x 50 grid that the
    # path goes through (and the lines between them in more).
    for n in (25, 50):
        kept = cells(values[finite], lorenz_path, n)
        everywhere = cells(lorenz_path, lorenz_path, n)
        assert kept <= everywhere and len(kept) >= 0.99 * len(everywhere)


def cells(points, reference, n):
    lo, hi = reference.min(axis=0), reference.max(axis=0)
    grid = np.minimum(((points - lo) / (hi - lo) * n).astype(int), n - 1)
    return set(map(tuple, grid))


def test_max_points_is_checked_and_none_keeps_every_point(lorenz_path):
    w = LivePlot(kind="trajectory")
    w.extend(lorenz_path[:20_000])
    with pytest.raises(ValueError, match="max_points must be at least 4 or None; got 3"):
        trajectory_snapshot(w._data(), 3)
    assert len(trajectory_snapshot(w._data(), None).arrays["steps"]) == 20_000


# ----- path decimation --------------------------------------------------------------


def test_points_in_one_cell_are_kept_once_and_the_path_stays_joined():
    x = np.repeat(np.arange(10.0), 50) + 0.5  # 50 points in each of 10 cells
    y = np.zeros_like(x)
    rows, joined = decimate_path(x, y, 20)
    np.testing.assert_array_equal(rows, [*range(0, 500, 50), 499])
    assert joined.all()


def test_a_path_retracing_itself_leaves_a_gap_not_a_chord():
    loop = np.column_stack(
        [np.cos(np.linspace(0, 2 * math.pi, 400)), np.sin(np.linspace(0, 2 * math.pi, 400))]
    )
    path = np.concatenate([loop] * 50) * 100  # fifty times round one circle
    rows, joined = decimate_path(path[:, 0], path[:, 1], 1000)
    assert len(rows) + np.count_nonzero(~joined) <= 1000
    assert rows[0] == 0 and rows[-1] == len(path) - 1
    assert rows.max() < len(path) and np.all(np.diff(rows) > 0)
    # The first time round is kept whole; after it, nothing new until the end.
    assert np.all(rows[joined][:10] < 400)
    merged, gaps = with_gaps(rows, joined)
    assert gaps.sum() == np.count_nonzero(~joined)
    assert np.all(np.diff(merged) > 0)


def test_a_closely_wound_spiral_is_kept_whole_without_gaps():
    t = np.linspace(0, 120 * math.pi, 50_000)
    spiral = np.column_stack([np.cos(t), np.sin(t)]) * (1 + t / 50)[:, None] * 200
    rows, joined = decimate_path(spiral[:, 0], spiral[:, 1], 10_000)
    assert joined.all()
    assert len(rows) <= 10_000
    assert rows[0] == 0 and rows[-1] == 49_999


def test_gaps_in_the_data_stay_gaps():
    x = np.arange(10_000.0)
    x[5000:6000] = np.nan
    rows, _ = decimate_path(x, np.zeros_like(x), 100)
    assert np.isnan(x[rows]).sum() == 1  # the first of the run stands for it
    assert len(rows) <= 100


def test_an_infinite_point_is_a_gap_and_the_rest_of_the_path_keeps_its_shape():
    t = np.linspace(0, 2 * math.pi, 5000)
    x, y = np.cos(t) * 100, np.sin(t) * 100
    x[2500] = np.inf  # a diverging step: its segments have no length
    rows, joined = decimate_path(x, y, 1000)
    assert 200 < len(rows) <= 1000
    assert np.isinf(x[rows]).sum() == 1
    finite = np.isfinite(x[rows[:-1]]) & np.isfinite(x[rows[1:]])
    segments = np.hypot(np.diff(x[rows]), np.diff(y[rows]))[finite & joined[1:]]
    assert segments.max() < 5


def test_cell_runs_keep_the_first_point_of_each_run_in_a_cell_and_of_each_gap():
    x = np.array([np.nan, 0.2, 0.7, 1.0, 1.5, np.nan, np.inf, 1.2, -0.5, -0.1])
    y = np.array([0.0, 0.0, 0.9, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0])
    np.testing.assert_array_equal(cell_runs(x, y), [0, 1, 3, 5, 7, 8])
    np.testing.assert_array_equal(cell_runs(x, y, 2.0), [0, 1, 5, 7, 8])
    assert len(cell_runs(np.zeros(0), np.zeros(0))) == 0


def test_cells_far_out_are_told_apart_and_near_ones_kept_together():
    # Cell indices past int64, and grids of more cells than a float counts exactly.
    x = np.array([0.0, 0.5, 1e20, 1e20, -1e300, -1e300, 3.0, 2.0, 2.0])
    y = np.array([0.0, 0.0, 5.0, 5.5, 0.0, 0.9, 1e19, 1.0, 1.5])
    np.testing.assert_array_equal(cell_runs(x, y), [0, 2, 4, 6, 7])


def test_a_path_whose_pixel_runs_fit_is_kept_as_those_runs_and_its_head():
    x = np.repeat(np.arange(10.0), 4) + np.tile([0.1, 0.3, 0.5, 0.7], 10)
    y = np.zeros_like(x)
    runs = cell_runs(x, y)  # one a cell, as the widget keeps per pixel
    rows, joined = decimate_path(x, y, len(runs) + 1)
    np.testing.assert_array_equal(rows, [*runs, len(x) - 1])
    assert joined.all()
