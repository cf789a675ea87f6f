// The colour (or y) limits of a view: fixed by the user, or the range of
// every value received so far, kept up to date from new rows only.

/**
 * The extent of every value of the history a snapshot's rows were taken
 * from, for as long as the store holds that snapshot's `generation`.
 * @typedef {{ generation: number, min: number, max: number, nonFinite: boolean }} Extent
 */

/**
 * What a grid snapshot (kinds/grid_snapshot.js) puts on the RowStore it loads:
 * the extent of all values, of a frame's rows' own x, of each named curve.
 * @typedef {{ valueExtent?: Extent, xExtent?: Extent, curveExtents?: Extent[] }} SnapshotExtents
 */

/**
 * The store a range reads: a RowStore, with a grid snapshot's extents while it holds one.
 * @typedef {import("../data/row_store.js").RowStore & SnapshotExtents} RangeStore
 */

/** @typedef {"valueExtent" | "xExtent" | "curveExtents"} ExtentKey */

/**
 * Running min/max of the finite values of a RowStore, and whether any value
 * was not. `extentKey` names the store's extent of a snapshot's rows
 * (grid_snapshot.js): "valueExtent", or "xExtent" for a frame's rows' own x,
 * or "curveExtents" with `index`, a frame's curve `index`.
 */
export class ValueRange {
  /**
   * @param {ExtentKey} [extentKey]
   * @param {number | null} [index] the curve, with "curveExtents"
   */
  constructor(extentKey = "valueExtent", index = null) {
    this.extentKey = extentKey;
    this.index = index;
    // The values taken of each row, "from:to"; another band starts over.
    this.band = "";
    this.reset(null);
  }

  /**
   * Forget every value: start over at the first row of `generation`.
   * @param {number | null} generation
   */
  reset(generation) {
    /** @type {number | null} the store's generation the rows taken are of */
    this.generation = generation;
    /** @type {number} rows taken so far */
    this.rows = 0;
    /** @type {number} */
    this.min = Infinity;
    /** @type {number} */
    this.max = -Infinity;
    /** @type {boolean} whether a value taken was NaN or +-inf */
    this.nonFinite = false;
  }

  /**
   * Take in the rows added since the last call, values `from` to `to` of
   * each (default: all); returns whether min or max moved.
   * @param {RangeStore} store
   * @param {number} [from]
   * @param {number} [to]
   * @returns {boolean}
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
    const extent = heldExtent(store, this.extentKey, this.index);
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

  /** @returns {boolean} */
  get empty() {
    return this.min > this.max;
  }
}

/**
 * The extent `store` holds under `key`: "curveExtents" holds one per curve,
 * read at `index`; the others one, read without.
 * @param {SnapshotExtents} store
 * @param {ExtentKey} key
 * @param {number | null} index
 * @returns {Extent | undefined}
 */
function heldExtent(store, key, index) {
  if (key === "curveExtents") return index === null ? undefined : store.curveExtents?.[index];
  return index === null ? store[key] : undefined;
}

/**
 * The [lo, hi] to draw with: `fixedLo`/`fixedHi` where given (numbers, or
 * null for automatic), the range's min/max otherwise; never empty or flat.
 * @param {{ min: number, max: number, empty: boolean }} range
 * @param {number | null | undefined} fixedLo
 * @param {number | null | undefined} fixedHi
 * @returns {[number, number]}
 */
export function resolveLimits(range, fixedLo, fixedHi) {
  const auto = !range.empty;
  let lo = fixedLo ?? (auto ? range.min : null);
  let hi = fixedHi ?? (auto ? range.max : null);
  if (lo === null) {
    if (hi === null) return [0, 1];
    lo = hi - 1;
  }
  if (hi === null) hi = lo + 1;
  if (hi > lo) return [lo, hi];
  if (fixedLo !== null && fixedLo !== undefined) return [lo, lo + 1];
  if (fixedHi !== null && fixedHi !== undefined) return [hi - 1, hi];
  const pad = Math.abs(lo) * 0.1 || 0.5;
  return [lo - pad, hi + pad];
}
