// Snapshots of the grid kinds (frame, heatmap, waterfall): whole rows sampled
// over the history (docs/wire-format.md), loaded into the view's RowStore,
// with the extent of every value the kernel had, so automatic colour limits
// and y ranges match the live widget's although only some rows were saved,
// and a frame's previous runs compared with.

import { snapshotRuns } from "../data/runs.js";
import { SNAPSHOT_GENERATION } from "../data/snapshot.js";

/** Load a grid snapshot: rows, steps, times after `t0`, and the history's value (and x) extent. */
export function loadGrid(store, { fields, arrays }) {
  const { steps, times, values } = arrays;
  const n = steps.length;
  const absolute = Float64Array.from(times, (t) => t + fields.t0);
  const [min, max] = fields.range ?? [Infinity, -Infinity];
  store.clear(SNAPSHOT_GENERATION);
  // Read by ValueRange (value_range.js) while the store holds this generation.
  store.valueExtent = {
    generation: SNAPSHOT_GENERATION,
    min,
    max,
    nonFinite: Boolean(fields.non_finite),
  };
  // A frame whose rows carry their x: the extent of every x (docs/wire-format.md).
  const [xMin, xMax] = fields.x_range ?? [Infinity, -Infinity];
  store.xExtent = { generation: SNAPSHOT_GENERATION, min: xMin, max: xMax, nonFinite: false };
  // A frame of named curves: each curve's extent, for the y range of the curves shown.
  store.curveExtents = (fields.curve_ranges ?? []).map((range) => {
    const [lo, hi] = range ?? [Infinity, -Infinity];
    return { generation: SNAPSHOT_GENERATION, min: lo, max: hi, nonFinite: false };
  });
  store.append(0, steps, absolute, values, n ? values.length / n : 0);
  // A frame comparing with earlier runs: some whole rows of each.
  if (fields.runs) store.setRuns(snapshotRuns({ fields, arrays }));
}
