// The colour (or y) limits of a view: fixed by the user, or the range of
// every value received so far, kept up to date from new rows only.

/**
 * Running min/max of the finite values of a RowStore, and whether any value
 * was not. `extentKey` names the store's extent of a snapshot's rows
 * (grid_snapshot.js): "valueExtent", or "xExtent" for a frame's rows' own x,
 * or "curveExtents" with `index`, a frame's curve `index`.
 */
export class ValueRange {
  constructor(extentKey = "valueExtent", index = null) {
    this.extentKey = extentKey;
    this.index = index;
    this.band = "";
    this.reset(null);
  }

  reset(generation) {
    this.generation = generation;
    this.rows = 0;
    this.min = Infinity;
    this.max = -Infinity;
    this.nonFinite = false;
  }

  /**
   * Take in the rows added since the last call, values `from` to `to` of
   * each (default: all); returns whether min or max moved.
   */
  update(store, from = 0, to = Infinity) {
    const band = `${from}:${to}`;
    if (store.generation !== this.generation || store.length < this.rows || band !== this.band)
      this.reset(store.generation);
    this.band = band;
    const { min, max } = this;
    let lo = min;
    let hi = max;
    let nonFinite = this.nonFinite;
    for (let i = this.rows; i < store.length; i++) {
      const row = store.row(i);
      const end = Math.min(row.length, to);
      for (let j = from; j < end; j++) {
        const v = row[j];
        if (v - v !== 0) {
          nonFinite = true;
          continue;
        }
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    // A snapshot keeps some rows only; it brings the extent of all of them.
    const held = store[this.extentKey];
    const extent = this.index === null ? held : held?.[this.index];
    if (extent && extent.generation === store.generation) {
      lo = Math.min(lo, extent.min);
      hi = Math.max(hi, extent.max);
      nonFinite ||= extent.nonFinite;
    }
    this.rows = store.length;
    this.min = lo;
    this.max = hi;
    this.nonFinite = nonFinite;
    return lo !== min || hi !== max;
  }

  get empty() {
    return this.min > this.max;
  }
}

/**
 * The [lo, hi] to draw with: `fixedLo`/`fixedHi` where given (numbers, or
 * null for automatic), the range's min/max otherwise; never empty or flat.
 */
export function resolveLimits(range, fixedLo, fixedHi) {
  const auto = !range.empty;
  let lo = fixedLo ?? (auto ? range.min : null);
  let hi = fixedHi ?? (auto ? range.max : null);
  if (lo === null && hi === null) return [0, 1];
  if (lo === null) lo = hi - 1;
  if (hi === null) hi = lo + 1;
  if (hi > lo) return [lo, hi];
  if (fixedLo !== null && fixedLo !== undefined) return [lo, lo + 1];
  if (fixedHi !== null && fixedHi !== undefined) return [hi - 1, hi];
  const pad = Math.abs(lo) * 0.1 || 0.5;
  return [lo - pad, hi + pad];
}
