// The data of one lines-chart draw: the visible range of the store, with
// hidden series left out, smoothed and masked for a log scale when asked,
// reduced to a per-pixel envelope.

import { envelope } from "./envelope.js";
import { lowerBound, upperBound } from "./search.js";
import { positiveOnly, smoothEma } from "./transforms.js";

/** The x values of the rows: their steps, or their wall-clock times in seconds. */
export function xValues(store, xAxis) {
  return xAxis === "time" ? store.times : store.steps;
}

/**
 * Reusable Float64Arrays for transformed series, so a draw of a million
 * visible rows does not allocate megabytes every frame.
 */
export class Scratch {
  constructor() {
    this.arrays = [];
  }

  /** The `k`-th scratch array, at least `length` long. */
  take(k, length) {
    if (!(this.arrays[k]?.length >= length)) this.arrays[k] = new Float64Array(length);
    return this.arrays[k];
  }
}

/**
 * Points to draw for x in [x0, x1] at `width` pixels.
 *
 * `options` is `{ xAxis, smoothing, logY, hidden }` (`hidden[c]` true for a
 * hidden column). Returns `{ x, raw, smoothed, yMin, yMax, rows, binned }`:
 * `raw[c]` and, when smoothing, `smoothed[c]` are one y array per column,
 * the same length as `x` (all null for a hidden column); yMin/yMax span the
 * finite values drawn inside [x0, x1] (null when none), for scaling the y
 * axis; `rows` counts the rows in [x0, x1] and `binned` says whether there
 * were too many to draw one by one (see envelope).
 */
export function seriesData(store, options, x0, x1, width, scratch) {
  const { length } = store;
  const xs = xValues(store, options.xAxis);
  const shown = store.columns.map((_, c) => c).filter((c) => !options.hidden[c]);
  const smoothing = options.smoothing > 0;

  let columns = shown.map((c) => store.columns[c]);
  // Raw columns read the store's block summaries; transformed ones scan.
  const blocks = options.logY ? [] : shown.map((c) => store.blocks.column(c));
  let offset = store.dropped;
  let smoothedColumns = [];
  let x = xs;
  let n = length;
  if (smoothing || options.logY) {
    // Transform only the visible rows, plus one either side as envelope() reads.
    const i0 = lowerBound(xs, length, x0);
    const i1 = upperBound(xs, length, x1);
    const lo = i0 > 0 ? i0 - 1 : i0;
    const hi = i1 < length ? i1 + 1 : i1;
    x = xs.subarray(lo, hi);
    n = hi - lo;
    offset += lo;
    const sources = columns;
    if (smoothing) {
      smoothedColumns = sources.map((column, k) => {
        const out = smoothEma(column, lo, hi, options.smoothing, scratch.take(k, n));
        return options.logY ? positiveOnly(out, 0, n, out) : out;
      });
    }
    columns = options.logY
      ? sources.map((column, k) => positiveOnly(column, lo, hi, scratch.take(sources.length + k, n)))
      : sources.map((column) => column.subarray(lo, hi));
  }

  const env = envelope(x, [...columns, ...smoothedColumns], n, x0, x1, width, blocks, offset);
  const perColumn = (offset) => {
    const ys = new Array(store.columns.length).fill(null);
    shown.forEach((c, k) => {
      ys[c] = env.ys[offset + k];
    });
    return ys.map((y) => y ?? env.x.map(() => null));
  };
  return {
    x: env.x,
    raw: perColumn(0),
    smoothed: smoothing ? perColumn(shown.length) : null,
    yMin: env.yMin,
    yMax: env.yMax,
    rows: env.rows,
    binned: env.binned,
  };
}
