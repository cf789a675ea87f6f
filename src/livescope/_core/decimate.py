"""A long x, y path reduced to the points that change what a picture of it shows.

On a grid of square cells:

- consecutive points in one cell add nothing visible, so only the first of
  each such run is kept (as js/kinds/path_decimate.js does with pixels);
- where the path only goes through cells it went through before (a
  Lorenz attractor retracing its wings a thousand times), it adds nothing
  either: those stretches are left out, and the path has a gap there.

The grid is about the finest (cells of one unit or more, tried in steps of
at least 1.5x from an estimate) that keeps at most `max_points` points and
gaps, so a path of a million points keeps the shape of everything it
covered.
"""

from __future__ import annotations

import math

import numpy as np


def decimate_path(x: np.ndarray, y: np.ndarray, max_points: int) -> tuple[np.ndarray, np.ndarray]:
    """The points of the path (x, y) to keep: with their gaps, at most `max_points` (>= 4).

    `x` and `y` are in units of the finest cell (pixels, say). Returns the
    kept indices (increasing) and, for each, whether it joins the kept point
    before it; where it does not, points in between were left out and the
    path has a gap there (see `with_gaps`). The first and last points are
    always kept, and the first of every run of non-finite points.

    Retraced stretches are left out only when that allows a much finer grid
    (at least 2x): a path that winds closely without crossing itself (a
    spiral) is better drawn whole in coarser cells than in fine dashes.
    """
    n = len(x)
    if n <= max_points:
        return np.arange(n), np.ones(n, bool)
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)  # exact cell ids (see _cell_ids)
    finite = np.isfinite(x) & np.isfinite(y)
    with np.errstate(invalid="ignore"):
        segments = np.hypot(np.diff(x), np.diff(y))
    # Segments to or from a gap have no length (an infinite one would make one cell of it all).
    length = float(segments[np.isfinite(segments)].sum())
    # A path L long keeps about L / cell points in cells it crosses: start near there.
    start = max(1.0, length / max_points / 2)
    whole = _search(x, y, finite, max_points, start, None, skip_retraced=False)
    assert whole is not None  # with no coarsest cell, the search always ends with one
    # Gaps pay only for a grid at least twice as fine. Where the path fills an
    # area, its count falls with the square of the cell: one probe tells where to start.
    probe = max(1.0, whole[0] / 8)
    rows, joined = _kept(x, y, finite, probe, skip_retraced=True)
    count = len(rows) + np.count_nonzero(~joined)
    start = probe * math.sqrt(count / max_points) / 1.5
    gappy = _search(x, y, finite, max_points, start, whole[0] / 2, skip_retraced=True)
    return (gappy or whole)[1:]


def _search(
    x: np.ndarray,
    y: np.ndarray,
    finite: np.ndarray,
    max_points: int,
    cell: float,
    coarsest: float | None,
    skip_retraced: bool,
) -> tuple[float, np.ndarray, np.ndarray] | None:
    """The finest cell from `cell` on that keeps at most `max_points` points and gaps.

    Returns the cell and its points, or None when no cell up to `coarsest` does.
    """
    span = max(_span(x[finite]), _span(y[finite]), 1.0)
    cell = max(1.0, cell)
    while True:
        if coarsest is not None and cell > coarsest:
            return None
        rows, joined = _kept(x, y, finite, cell, skip_retraced)
        count = len(rows) + np.count_nonzero(~joined)
        if count <= max_points:
            return cell, rows, joined
        if cell > 2 * span:
            # One cell holds the whole path; only its breaks are left to thin.
            pick = np.linspace(0, len(rows) - 1, max_points).round().astype(np.int64)
            pick = np.unique(pick)
            return cell, rows[pick], np.ones(len(pick), bool)
        # Where the path fills an area, the count falls with the square of the cell.
        cell *= min(3.0, max(1.5, math.sqrt(count / max_points)))


def reduce_path(values: np.ndarray, max_points: int) -> tuple[np.ndarray, np.ndarray]:
    """At most about `max_points` rows of an N x 2 path, shape kept: (rows, which are gaps).

    The path is decimated on the finest grid over its extent, up to
    `GRID` x `GRID` cells, that leaves at most `max_points` points (see
    `decimate_path`); a row marked as a gap stands where points were left
    out, and is to be drawn as NaN. A path of at most `max_points` rows is kept whole.
    """
    if len(values) <= max_points:
        return np.arange(len(values)), np.zeros(len(values), bool)
    x, y = (values[:, c].astype(np.float64) for c in (0, 1))
    return with_gaps(*decimate_path(_to_grid(x), _to_grid(y), max_points))


GRID = 4096  # cells across a path's extent for its finest decimation


def _to_grid(values: np.ndarray) -> np.ndarray:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return values
    lo, hi = float(finite.min()), float(finite.max())
    return (values - lo) * (GRID / (hi - lo) if hi > lo else 1.0)


def with_gaps(rows: np.ndarray, joined: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """`rows` with a gap row before each one that does not join: (rows, which are gaps).

    The gap is the point just before the one that does not join (a point left out).
    """
    breaks = np.flatnonzero(~joined[1:]) + 1
    merged = np.insert(rows, breaks, rows[breaks] - 1)
    gaps = np.insert(np.zeros(len(rows), bool), breaks, True)
    return merged, gaps


def cell_runs(x: np.ndarray, y: np.ndarray, cell: float = 1.0) -> np.ndarray:
    """The first point of each run of consecutive points in one cell of side `cell`.

    The rule js/kinds/path_decimate.js applies with pixels (cell 1): a point
    in the cell of the point before it adds nothing visible. A run of
    non-finite points is a break in the path, kept as its first point.
    Returns the indices kept, increasing.
    """
    if not len(x):
        return np.zeros(0, np.intp)
    x, y = np.asarray(x, np.float64), np.asarray(y, np.float64)
    finite = np.isfinite(x) & np.isfinite(y)
    return np.flatnonzero(_run_starts(_cell_ids(x, y, finite, cell), finite))


def _kept(
    x: np.ndarray, y: np.ndarray, finite: np.ndarray, cell: float, skip_retraced: bool
) -> tuple[np.ndarray, np.ndarray]:
    ids = _cell_ids(x, y, finite, cell)
    moves = _run_starts(ids, finite)
    moves[-1] = True  # the head
    runs = np.flatnonzero(moves)
    if not skip_retraced:
        return runs, np.ones(len(runs), bool)
    # Of those, the ones entering a cell for the first time, and the ones just before.
    new = _first_visits(ids[runs])
    keep = new.copy()
    keep[:-1] |= new[1:]
    keep[[0, -1]] = True
    at = np.flatnonzero(keep)
    joined = np.ones(len(at), bool)
    joined[1:] = np.diff(at) == 1
    return runs[at], joined


def _cell_ids(x: np.ndarray, y: np.ndarray, finite: np.ndarray, cell: float) -> np.ndarray:
    """One id (>= 0) per cell, however far apart the cells; every non-finite point its own (< 0).

    Ids are whole floats, exact below 2**53: a grid of fewer cells numbers
    them all, a wider one (points far out) numbers only the cells visited.
    """
    with np.errstate(invalid="ignore", over="ignore"):
        cx = np.where(finite, np.floor(x / cell), 0.0)
        cy = np.where(finite, np.floor(y / cell), 0.0)
        x0, y0 = cx.min(), cy.min()
        rows = cy.max() - y0 + 1
        cells = (cx.max() - x0 + 1) * rows
    if cells < 2.0**53:
        ids = cx  # (cx - x0) * rows + (cy - y0), in place: this runs on every point
        ids -= x0
        ids *= rows
        cy -= y0
        ids += cy
    else:
        visited = np.unique(np.column_stack((cx, cy)), axis=0, return_inverse=True)[1]
        ids = visited.reshape(-1).astype(np.float64)
    ids[~finite] = -1.0 - np.arange(int((~finite).sum()))
    return ids


def _run_starts(ids: np.ndarray, finite: np.ndarray) -> np.ndarray:
    """Whether each point starts a run in one cell (a run of gaps counts as one)."""
    starts = np.ones(len(ids), bool)
    starts[1:] = (ids[1:] != ids[:-1]) & (finite[1:] | finite[:-1])
    return starts


def _first_visits(ids: np.ndarray) -> np.ndarray:
    """Whether each id occurs here for the first time."""
    order = np.arange(len(ids))
    finite_ids = ids[ids >= 0]
    if finite_ids.size and finite_ids.max() < 4 * len(ids):
        # A table of cells, written last to first: what stays is each cell's first visit
        # (numpy writes repeated indices in order). Linear, where np.unique sorts.
        first = np.full(int(finite_ids.max()) + 1, -1, np.int64)
        inside = ids >= 0
        cells = ids[inside].astype(np.intp)
        first[cells[::-1]] = order[inside][::-1]
        new = ~inside
        new[inside] = first[cells] == order[inside]
        return new
    _, at = np.unique(ids, return_index=True)
    new = np.zeros(len(ids), bool)
    new[at] = True
    return new


def _span(values: np.ndarray) -> float:
    return float(values.max() - values.min()) if values.size else 0.0
