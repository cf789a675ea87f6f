// Series rows left out (the `sparse` trait, see src/livescope/_core/sparse.py):
// NaN there means "no value this row", except at the steps where the series
// reported a non-finite value. uPlot joins a line over undefined and breaks
// it at null, so a left-out row becomes undefined and a reported gap null.

/** The `sparse` trait as column index -> Set of reported-gap steps, for `names`. */
export function readSparse(trait, names) {
  const sparse = new Map();
  if (!trait || typeof trait !== "object") return sparse;
  names.forEach((name, c) => {
    const steps = trait[name];
    if (Array.isArray(steps)) sparse.set(c, new Set(steps.filter(Number.isFinite)));
  });
  return sparse;
}

/**
 * `ys` with its nulls turned undefined (joined over) unless their x is a
 * reported gap (`gapXs`); left-out rows next to a reported gap stay null, so
 * the line breaks from the value before the gap to the value after it.
 */
export function joinLeftOut(ys, xs, gapXs) {
  const out = ys.map((y, i) => (y === null && !gapXs.has(xs[i]) ? undefined : y));
  for (let i = 1; i < out.length; i++)
    if (out[i] === undefined && out[i - 1] === null) out[i] = null;
  for (let i = out.length - 2; i >= 0; i--) {
    if (out[i] === undefined && out[i + 1] === null) out[i] = null;
  }
  return out;
}

/** The x values (steps, or times) of the rows whose step is in `gaps`. */
export function gapXValues(store, xs, gaps) {
  const out = new Set();
  if (gaps.size === 0) return out;
  for (let i = 0; i < store.length; i++) if (gaps.has(store.steps[i])) out.add(xs[i]);
  return out;
}

/** Row index of the latest value column `c` reported at or before row `i` (-1: none). */
export function latestReported(store, c, i, gaps) {
  const column = store.columns[c];
  for (let j = i; j >= 0; j--) {
    if (Number.isFinite(column[j]) || gaps.has(store.steps[j])) return j;
  }
  return -1;
}
