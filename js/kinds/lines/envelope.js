// Reduce a visible range of the history to what a chart of `width` pixels
// can show: per pixel column, each series' min and max in the order they
// occur, so no spike is ever dropped and the line keeps its shape.
//
// Non-finite values (NaN, +-inf) are gaps: they become `null`, which uPlot
// draws as a break in the line.

import { emptyExtremes, foldExtremes } from "../../data/block_summary.js";
import { lowerBound, upperBound } from "../../data/search.js";

const finiteOrNull = (v) => (Number.isFinite(v) ? v : null);
const positiveOrNull = (v) => (v > 0 && v !== Infinity ? v : null);

/**
 * @typedef {{
 *   x: number[],
 *   ys: (number | null)[][],
 *   yMin: number | null,
 *   yMax: number | null,
 *   rows: number,
 *   binned: boolean,
 * }} Envelope
 */

/**
 * Points to draw for steps in [x0, x1] at `width` pixels.
 *
 * One point either side of the range is included so lines run to the
 * edges when zoomed. With more than about two points per pixel the range is
 * binned: each non-empty bin yields two entries (at its first and last step)
 * holding each series' min and max in occurrence order, or `null` for a
 * series with no finite value in the bin. Otherwise points pass through.
 *
 * Returns `{ x, ys, yMin, yMax, rows, binned }`: `x` and each of `ys` (one
 * per column) have the same length; `yMin`/`yMax` span the finite values
 * inside [x0, x1] only (null when there are none), for scaling the y axis;
 * `rows` counts the rows inside [x0, x1] and `binned` says whether they were
 * binned.
 *
 * `blocks[k]`, when given, is the store's block summary of `columns[k]`
 * (`BlockSummaries.column`), whose entry 0 is absolute row `offset`: bins
 * then read whole blocks and scan rows only at their edges, with the same
 * result. A null entry scans every row.
 *
 * With `positive`, values <= 0 are gaps too, as a log scale needs.
 * @returns {Envelope}
 */
export function envelope(
  steps,
  columns,
  length,
  x0,
  x1,
  width,
  blocks = [],
  offset = 0,
  positive = false,
) {
  const shown = positive ? positiveOrNull : finiteOrNull;
  const i0 = lowerBound(steps, length, x0);
  const i1 = upperBound(steps, length, x1);
  const lo = i0 > 0 ? i0 - 1 : i0;
  const hi = i1 < length ? i1 + 1 : i1;
  const bins = Math.max(1, Math.floor(width));

  /** @type {Envelope} */
  const out = {
    x: [],
    ys: columns.map(() => []),
    yMin: null,
    yMax: null,
    rows: Math.max(0, i1 - i0),
    binned: false,
  };
  if (hi <= lo) return out;

  const widen = (v) => {
    if (out.yMin === null || v < out.yMin) out.yMin = v;
    if (out.yMax === null || v > out.yMax) out.yMax = v;
  };

  const raw = (from, to) => {
    for (let i = from; i < to; i++) out.x.push(steps[i]);
    columns.forEach((column, c) => {
      const y = out.ys[c];
      for (let i = from; i < to; i++) y.push(shown(column[i]));
    });
  };

  if (i1 - i0 <= 2 * bins) {
    raw(lo, hi);
    for (const column of columns) {
      for (let i = i0; i < i1; i++) if (shown(column[i]) !== null) widen(column[i]);
    }
    return out;
  }

  // Bin edges by binary search: bin b holds steps in [x0 + b*dx, x0 + (b+1)*dx).
  out.binned = true;
  const dx = (x1 - x0) / bins;
  const edges = new Uint32Array(bins + 1);
  edges[0] = i0;
  edges[bins] = i1;
  for (let b = 1; b < bins; b++) edges[b] = lowerBound(steps, length, x0 + b * dx);

  raw(lo, i0);
  for (let b = 0; b < bins; b++) {
    if (edges[b + 1] > edges[b]) out.x.push(steps[edges[b]], steps[edges[b + 1] - 1]);
  }
  columns.forEach((column, c) => {
    const y = out.ys[c];
    const summary = blocks[c] ?? null;
    for (let b = 0; b < bins; b++) {
      const from = edges[b];
      const to = edges[b + 1];
      if (to <= from) continue;
      const { min, max, minAt, maxAt } = foldExtremes(
        column,
        summary,
        offset,
        from,
        to,
        emptyExtremes(),
        positive,
      );
      if (minAt < 0) {
        y.push(null, null);
      } else {
        if (minAt <= maxAt) y.push(min, max);
        else y.push(max, min);
        widen(min);
        widen(max);
      }
    }
  });
  raw(i1, hi);
  return out;
}
