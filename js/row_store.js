// The history of a view that reads whole rows (a scatter frame of K points is
// one row of 2K values): row-major, so a row is one contiguous subarray and a
// wide row costs no per-value arrays. Steps, times, generations, search and
// subscriptions are the HistoryStore's.

import { HistoryStore } from "./store.js";

// Rows can be wide (100,000 points = 200,000 values): start small, double.
const INITIAL_ROWS = 8;

export class RowStore extends HistoryStore {
  constructor(capacity) {
    super(capacity);
    this.width = 0;
    this.values = new Float64Array(0);
  }

  get columnCount() {
    return this.width;
  }

  /** Row `i` as a view of `width` values (valid until the next append). */
  row(i) {
    return this.values.subarray(i * this.width, (i + 1) * this.width);
  }

  /** As HistoryStore.append; rows keep the precision they arrive in (float32 or float64). */
  append(start, steps, times, values, m) {
    const count = steps.length;
    if (start > this.length) return { added: 0, gap: true };
    const skip = this.length - start;
    const added = Math.max(0, count - skip);
    if (added === 0) return { added: 0, gap: false };
    if (this.length === 0) {
      this.width = m;
      this.values = new values.constructor(INITIAL_ROWS * m);
    } else if (m !== this.width) {
      throw new Error(`rows have ${m} values but the history has ${this.width}`);
    }
    this._reserve(this.length + added);
    this._reserveRows(this.length + added);

    const n = this.length;
    this.steps.set(steps.subarray(skip), n);
    this.times.set(times.subarray(skip), n);
    this.values.set(values.subarray(skip * m, count * m), n * m);
    this.length = n + added;
    this._changed();
    return { added, gap: false };
  }

  clear(generation) {
    this.width = 0;
    this.values = new Float64Array(0);
    super.clear(generation);
  }

  _reserveRows(needed) {
    const m = this.width;
    const held = m ? this.values.length / m : 0;
    if (needed <= held) return;
    let rows = Math.max(INITIAL_ROWS, held);
    while (rows < needed) rows *= 2;
    const next = new this.values.constructor(rows * m);
    next.set(this.values.subarray(0, this.length * m));
    this.values = next;
  }
}
