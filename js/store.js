// The history of one model, shared by all of its views.
//
// Columns are kept column-major (one Float64Array per series) so a view can
// scan a visible range of one series without striding through the others.

import { lowerBound, upperBound } from "./search.js";

const INITIAL_CAPACITY = 1024;

export class HistoryStore {
  constructor(capacity = INITIAL_CAPACITY) {
    this.capacity = Math.max(1, capacity);
    this.length = 0;
    this.generation = 0;
    // Bumped on every change; views compare it to know whether to redraw.
    this.version = 0;
    this.steps = new Float64Array(this.capacity);
    this.times = new Float64Array(this.capacity);
    this.columns = [];
    this._listeners = new Set();
  }

  get columnCount() {
    return this.columns.length;
  }

  get lastStep() {
    return this.length ? this.steps[this.length - 1] : null;
  }

  /**
   * Append rows that start at history index `start`.
   *
   * Rows already held (`start < length`) are skipped; rows past the end
   * (`start > length`) are not applied and reported as a gap so the caller
   * can ask for the missing ones. `values` is row-major, `m` values per row.
   */
  append(start, steps, times, values, m) {
    const count = steps.length;
    if (start > this.length) return { added: 0, gap: true };
    const skip = this.length - start;
    const added = Math.max(0, count - skip);
    if (added === 0) return { added: 0, gap: false };
    if (m !== this.columnCount) {
      if (this.length > 0) {
        throw new Error(`rows have ${m} columns but the history has ${this.columnCount}`);
      }
      this._setWidth(m, values);
    }
    this._reserve(this.length + added);

    const n = this.length;
    this.steps.set(steps.subarray(skip), n);
    this.times.set(times.subarray(skip), n);
    this._writeValues(values, m, skip, count, n);
    this.length = n + added;
    this._changed();
    return { added, gap: false };
  }

  /** Drop everything held and start over as `generation`. */
  clear(generation) {
    this.generation = generation;
    this.length = 0;
    this._setWidth(0);
    this._changed();
  }

  /** First index whose step is >= `step` (`length` if none). */
  lowerBound(step) {
    return lowerBound(this.steps, this.length, step);
  }

  /** First index whose step is > `step` (`length` if none). */
  upperBound(step) {
    return upperBound(this.steps, this.length, step);
  }

  /** Index of the row whose step is closest to `step`, or -1 when empty. */
  nearestIndex(step) {
    if (this.length === 0) return -1;
    const i = this.lowerBound(step);
    if (i === 0) return 0;
    if (i === this.length) return i - 1;
    return step - this.steps[i - 1] <= this.steps[i] - step ? i - 1 : i;
  }

  /** Call `listener` after every change; returns the function that unsubscribes. */
  subscribe(listener) {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /** Hold rows of `m` values from now on (only while empty); `values` is a first batch. */
  _setWidth(m) {
    this.columns = Array.from({ length: m }, () => new Float64Array(this.capacity));
  }

  /** Copy rows `skip`..`count - 1` of row-major `values` to history index `at` on. */
  _writeValues(values, m, skip, count, at) {
    for (let c = 0; c < m; c++) {
      const column = this.columns[c];
      for (let r = skip, i = at; r < count; r++, i++) column[i] = values[r * m + c];
    }
  }

  _changed() {
    this.version++;
    for (const listener of this._listeners) listener(this);
  }

  _reserve(needed) {
    if (needed <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < needed) capacity *= 2;
    const grow = (old) => {
      const next = new Float64Array(capacity);
      next.set(old.subarray(0, this.length));
      return next;
    };
    this.steps = grow(this.steps);
    this.times = grow(this.times);
    this.columns = this.columns.map(grow);
    this.capacity = capacity;
  }
}
