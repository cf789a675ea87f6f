// Where a frame row's x and curves sit, and the x range they span: the
// same rules as the picture's _picture/frame_parts.py (the parity fixture
// frame.json holds both to them).
//
// A row is consecutive parts of L values each: the row's own x first when
// the `x` option is "row", then one part per curve. The curves are named by
// `curves`, or are the `facet` panels' (one unnamed curve in each), or one
// unnamed curve. Named curves can be hidden (the legend's `hidden`); the y
// range then spans the curves shown. `xlim` fixes the x axis.

import { seriesColor } from "../../host/theme.js";

/** The `x` option's value for rows that carry their own x. */
export const ROW_X = "row";

/**
 * @typedef {{
 *   name: string | null, color: string, panel: number, offset: number, hidden: boolean,
 * }} Curve
 * @typedef {{
 *   length: number, rowX: boolean, fixedX: number[] | null, xlim: number[] | null,
 *   names: string[] | null, panels: number, curves: Curve[],
 * }} FrameParts
 */

/**
 * How a frame's rows of `width` values divide, given its `view_options`.
 * @param {{ x?: unknown, xlim?: unknown, curves?: unknown, facet?: number, hidden?: unknown }} options
 * @param {number} width
 * @returns {FrameParts}
 */
export function frameParts(options, width) {
  const names =
    Array.isArray(options.curves) && options.curves.length ? options.curves.map(String) : null;
  const rowX = options.x === ROW_X;
  const panels = names ? 1 : Math.max(1, options.facet ?? 1);
  const count = names ? names.length : panels;
  const length = Math.floor(width / (count + (rowX ? 1 : 0)));
  const fixedX = Array.isArray(options.x) && options.x.length === length ? options.x : null;
  const xlim = Array.isArray(options.xlim) ? options.xlim : null;
  const hidden = Array.isArray(options.hidden) ? options.hidden : [];
  const curves = Array.from({ length: count }, (_, c) => ({
    name: names ? names[c] : null,
    color: seriesColor(c),
    panel: panels > 1 ? c : 0,
    offset: ((rowX ? 1 : 0) + c) * length,
    hidden: names !== null && hidden.includes(names[c]),
  }));
  return { length, rowX, fixedX, xlim, names, panels, curves };
}

/**
 * Fill `out` (L long) with where the values of `row` go: the row's own x,
 * the `x` option, or the index (also for a row x while no row is shown).
 */
export function fillPositions(parts, row, out) {
  const { length, rowX, fixedX } = parts;
  for (let i = 0; i < length; i++) out[i] = rowX && row ? row[i] : fixedX ? fixedX[i] : i;
  return out;
}

/** [lo, hi], never empty: [0, 1] for no data, one unit from `lo` when flat. */
export function xSpan(lo, hi) {
  if (!(lo <= hi)) return [0, 1];
  return hi > lo ? [lo, hi] : [lo, lo + 1];
}

/**
 * The x axis: `xlim`, or the first to the last position, one unit wide for
 * a lone one. Rows that carry their x share `xRange` (a ValueRange over
 * every row's x), so a replayed curve moves on still axes.
 */
export function xLimits(parts, xRange) {
  if (parts.xlim) return [parts.xlim[0], parts.xlim[1]];
  if (parts.rowX) return xSpan(xRange.min, xRange.max);
  if (!parts.length) return [0, 1];
  const last = parts.length - 1;
  return parts.fixedX ? xSpan(parts.fixedX[0], parts.fixedX[last]) : xSpan(0, last);
}
