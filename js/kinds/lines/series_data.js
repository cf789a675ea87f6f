// The data of one lines-chart draw: the visible range of the store, with
// hidden series left out, smoothed (the whole history, kept as rows arrive)
// and with gaps for a log scale when asked, reduced to a per-pixel envelope.

import { envelope } from "./envelope.js";
import { pointWeight } from "./smoothing.js";

/** The x values of the rows: their steps, or their wall-clock times in seconds. */
export function xValues(store, xAxis) {
  return xAxis === "time" ? store.times : store.steps;
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
 * were too many to draw one by one (see envelope). `smoothed` is the view's
 * SmoothedColumns, kept from draw to draw.
 */
export function seriesData(store, options, x0, x1, width, smoothed) {
  const { length } = store;
  const xs = xValues(store, options.xAxis);
  const shown = store.columns.map((_, c) => c).filter((c) => !options.hidden[c]);
  const smoothing = options.smoothing > 0;

  // Raw and smoothed columns alike come with block summaries; a log scale's
  // gaps (values <= 0) are left out as they are read.
  let columns = shown.map((c) => store.columns[c]);
  let blocks = shown.map((c) => store.blocks.column(c));
  if (smoothing) {
    // A saved envelope's points stand for several rows each: smooth over as many rows.
    const weight = pointWeight(options.smoothing, store.rowsPerPoint, 1);
    const smooth = smoothed.update(store, weight);
    columns = [...columns, ...shown.map((c) => smooth.columns[c])];
    blocks = [...blocks, ...shown.map((c) => smooth.blocks[c])];
  }
  const env = envelope(xs, columns, length, x0, x1, width, blocks, store.dropped, options.logY);
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
