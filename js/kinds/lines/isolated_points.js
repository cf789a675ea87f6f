// Values a line cannot show: a value with no finite neighbour makes a line
// of no length, so it gets a dot instead. NaN gaps (null) stay gaps; rows a
// sparse series left out (undefined, see sparse.js) join its points.

// A run of values narrower than this many pixels is drawn as a dot.
const MIN_RUN_PX = 2;

/**
 * uPlot's `points.filter` for a series: the data index of the first value
 * of every run of non-null values that spans less than MIN_RUN_PX on x,
 * or null when there is none (uPlot then draws no points).
 */
export function isolatedPoints(u, seriesIdx) {
  const xs = u.data[0];
  const ys = u.data[seriesIdx];
  const out = [];
  let i = 0;
  while (i < ys.length) {
    if (ys[i] == null) {
      i++;
      continue;
    }
    // The run goes on over left-out rows (undefined) up to the next gap (null).
    let last = i;
    let j = i;
    while (j + 1 < ys.length && ys[j + 1] !== null) {
      j++;
      if (ys[j] !== undefined) last = j;
    }
    if (u.valToPos(xs[last], "x") - u.valToPos(xs[i], "x") < MIN_RUN_PX) out.push(i);
    i = j + 1;
  }
  return out.length ? out : null;
}
