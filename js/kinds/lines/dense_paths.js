// Dense lines drawn as columns.
//
// Once the envelope (envelope.js) bins the visible rows, every pixel column
// holds a series' min and max, and a polyline through them zigzags from top
// to bottom in each column. A canvas rasterized in software (no GPU, as in
// headless Chromium and many remote desktops) pays for every scanline
// crossing every segment of such a path: in headless Chromium a frame of four
// such series took about ten times as long as the same pixels drawn as one
// rectangle per column. So a dense series is drawn as those rectangles, each
// spanning its column's extremes (and the previous column's last value, so
// the line stays joined), one line width wide; columns further apart than a
// pixel are joined by a line. What costs is the line's travel up and down, so
// a dense series that travels little (a smooth curve) keeps its line, whose
// anti-aliased edges look finer.

import uPlot from "uplot";

// A dense series whose line travels less than this many plot heights is
// still drawn as a line (the cost grows with the travel: four series at this
// bound took about 2 ms a frame in the measurement above).
const MAX_LINE_TRAVEL = 128;

/** How far a line through `ys[idx0..idx1]` travels up and down, in `toY` units. */
export function verticalTravel(ys, idx0, idx1, toY) {
  let travel = 0;
  let previous = null;
  for (let i = idx0; i <= idx1; i++) {
    const y = ys[i];
    if (y === null || y === undefined) {
      previous = null;
      continue;
    }
    const py = toY(y);
    if (previous !== null) travel += Math.abs(py - previous);
    previous = py;
  }
  return travel;
}

/**
 * The columns and joins that draw `ys[idx0..idx1]` against `xs` (null is a
 * gap). `toX` and `toY` give canvas pixels; points are grouped by rounded x
 * pixel, and columns at most `adjacentPx` apart count as neighbours.
 *
 * Returns `{ columns, joins }`, flat arrays: `[x, top, bottom, ...]` per
 * column and `[x0, y0, x1, y1, ...]` per line joining two columns that are
 * not neighbours.
 */
export function denseColumns(xs, ys, idx0, idx1, toX, toY, adjacentPx = 1) {
  const columns = [];
  const joins = [];
  /** @type {number | null} the pixel column being gathered */
  let column = null;
  let top = 0;
  let bottom = 0;
  let last = 0; // its last y so far
  /** @type {number | null} the column before, or null after a gap */
  let previous = null;
  let previousLast = 0;
  const endColumn = () => {
    if (column !== null) {
      columns.push(column, top, bottom);
      previous = column;
      previousLast = last;
    }
    column = null;
  };
  for (let i = idx0; i <= idx1; i++) {
    const y = ys[i];
    if (y === null || y === undefined) {
      endColumn();
      previous = null;
      continue;
    }
    const x = Math.round(toX(xs[i]));
    const py = toY(y);
    if (x !== column) {
      endColumn();
      column = x;
      top = bottom = py;
      if (previous !== null && x - previous <= adjacentPx) {
        top = Math.min(py, previousLast);
        bottom = Math.max(py, previousLast);
      } else if (previous !== null) {
        joins.push(previous, previousLast, x, py);
      }
    } else if (py < top) {
      top = py;
    } else if (py > bottom) {
      bottom = py;
    }
    last = py;
  }
  endColumn();
  return { columns, joins };
}

/**
 * A uPlot `paths` builder for one series: while `isDense()` and the line
 * would travel far, its columns filled with `color` and the joins stroked;
 * otherwise uPlot's linear path.
 */
export function densePaths(isDense, color) {
  // Optional in uPlot's types, but its bundle always has it.
  const linearFactory = /** @type {uPlot.Series.LinearPathBuilderFactory} */ (uPlot.paths.linear);
  const linear = linearFactory();
  return (u, seriesIdx, idx0, idx1) => {
    if (!isDense()) return linear(u, seriesIdx, idx0, idx1);
    const series = u.series[seriesIdx];
    const ys = u.data[seriesIdx];
    const toY = (v) => u.valToPos(v, series.scale, true);
    if (verticalTravel(ys, idx0, idx1, toY) < MAX_LINE_TRAVEL * u.bbox.height) {
      return linear(u, seriesIdx, idx0, idx1);
    }
    const ratio = globalThis.devicePixelRatio || 1;
    const { columns, joins } = denseColumns(
      u.data[0],
      ys,
      idx0,
      idx1,
      (v) => u.valToPos(v, "x", true),
      toY,
      Math.ceil(ratio),
    );
    const half = (series.width * ratio) / 2;
    const fill = new Path2D();
    for (let k = 0; k < columns.length; k += 3) {
      const [x, top, bottom] = [columns[k], columns[k + 1], columns[k + 2]];
      fill.rect(x - half, top - half, 2 * half, bottom - top + 2 * half);
    }
    const stroke = new Path2D();
    for (let k = 0; k < joins.length; k += 4) {
      stroke.moveTo(joins[k], joins[k + 1]);
      stroke.lineTo(joins[k + 2], joins[k + 3]);
    }
    // No clip, and so no gaps to build one from: the columns stop at nulls themselves.
    return { stroke, fill, _fill: color, clip: null, band: null, flags: 0 };
  };
}
