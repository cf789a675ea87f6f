// Snapshots of the point kinds (docs/wire-format.md): a scatter's frames
// (rows of x0, y0, x1, y1, ...) or a trajectory's points (rows of x, y),
// with their steps, so the replay bar runs over what was kept.

import { SNAPSHOT_GENERATION } from "../data/snapshot.js";

/** Load steps, times (seconds after `t0`) and row-major values into `store` as snapshot rows. */
export function loadPointRows(store, { fields, arrays }) {
  const { steps, times, values } = arrays;
  const n = steps.length;
  const absolute = Float64Array.from(times, (t) => t + fields.t0);
  store.clear(SNAPSHOT_GENERATION);
  store.append(0, steps, absolute, values, n ? values.length / n : 0);
}
