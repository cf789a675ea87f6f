// The history of one model, shared by all of its views.
//
// Columns are kept column-major (one Float64Array per series) so a view can
// scan a visible range of one series without striding through the others.
//
// Rows have an absolute index (rows the kernel appended before them in this
// generation). When the kernel keeps only its last rows (`max_rows`), the
// store holds the same window: `dropped` is the absolute index of its first
// row. `steps`, `times` and `columns[c]` always start at that row, so views
// read entries [0, length) whatever was dropped.

import { BlockSummaries } from "./block_summary.js";
import { capacityFor, moveRows } from "./capacity.js";
import { lowerBound, upperBound } from "./search.js";

/** @typedef {import("./typed_array.js").WireArray} WireArray */

const INITIAL_CAPACITY = 1024;

export class HistoryStore {
  /** @param {number} [capacity] rows the arrays hold before they first grow */
  constructor(capacity = INITIAL_CAPACITY) {
    this.capacity = Math.max(1, capacity);
    this.length = 0;
    this.dropped = 0;
    this.generation = 0;
    // Bumped on every change; views compare it to know whether to redraw.
    this.version = 0;
    // Backing arrays; rows held are [head, head + length) of them.
    this._head = 0;
    this._steps = new Float64Array(this.capacity);
    this._times = new Float64Array(this.capacity);
    /** @type {Float64Array[]} */
    this._columns = [];
    // Per-block extremes of the columns, for the envelope (block_summary.js).
    this.blocks = new BlockSummaries();
    /** @type {Set<(store: HistoryStore) => void>} */
    this._listeners = new Set();
    // Previous runs to compare with (data/runs.js): `{ live, runs }`, kept
    // across generations; set by a `runs` message or a snapshot.
    /** @type {import("./runs.js").Runs} */
    this.runs = { live: {}, runs: [] };
    // Rows each held row stands for: 1 but for a snapshot's min/max envelope
    // of a long history (data/snapshot.js), whose smoothing needs it.
    this.rowsPerPoint = 1;
    // What views read, rows [0, length): the backing arrays from `head` on,
    // kept so by _refreshViews.
    this.steps = this._steps;
    this.times = this._times;
    /** @type {Float64Array[]} */
    this.columns = [];
  }

  /**
   * Hold `runs` (`{ live, runs }`, see data/runs.js) instead of the ones held.
   * @param {import("./runs.js").Runs} runs
   */
  setRuns(runs) {
    this.runs = runs;
    this._changed();
  }

  get columnCount() {
    return this.columns.length;
  }

  /** Absolute index one past the last row held: rows received, dropped ones included. */
  get total() {
    return this.dropped + this.length;
  }

  /** @returns {number | null} */
  get lastStep() {
    return this.length ? this.steps[this.length - 1] : null;
  }

  /**
   * Append rows that start at absolute index `start`; the kernel held rows
   * from `dropped` on when it sent them.
   *
   * Rows already held (`start < total`) are skipped. Rows past the end
   * (`start > total`) are a gap, reported so the caller can ask for the
   * missing ones, unless they begin the kernel's window (`start ==
   * dropped`): the missing rows are gone, so what is held is dropped and
   * the window starts over there. Rows before `dropped` are dropped.
   * `values` is row-major, `m` values per row.
   * @param {number} start
   * @param {WireArray} steps
   * @param {WireArray} times
   * @param {WireArray} values
   * @param {number} m
   * @param {number} [dropped]
   * @returns {{ added: number, gap: boolean }}
   */
  append(start, steps, times, values, m, dropped = 0) {
    const count = steps.length;
    const restart = start > this.total;
    if (restart && start !== dropped) return { added: 0, gap: true };
    const end = restart ? start : this.total;
    const added = Math.max(0, count - (end - start));
    const held = restart ? 0 : this.length;
    const trim = Math.min(held, Math.max(0, dropped - this.dropped));
    if (added === 0 && trim === 0 && !restart) return { added: 0, gap: false };
    if (added > 0 && m !== this.columnCount && held > trim) {
      throw new Error(`rows have ${m} columns but the history has ${this.columnCount}`);
    }

    if (restart) this._restartAt(start);
    this._head += trim;
    this.length -= trim;
    this.dropped += trim;
    if (added > 0) {
      if (m !== this.columnCount) this._setWidth(m, values);
      this._reserve(added);
      const n = this._head + this.length;
      const skip = count - added;
      this._steps.set(steps.subarray(skip), n);
      this._times.set(times.subarray(skip), n);
      this._writeValues(values, m, skip, count, n);
      this.length += added;
    }
    this._refreshViews();
    this.blocks.extend(this.columns, this.dropped, this.total - added, this.total);
    this._changed();
    return { added, gap: false };
  }

  /**
   * Drop everything held and start over as `generation`.
   * @param {number} generation
   */
  clear(generation) {
    this.generation = generation;
    this.rowsPerPoint = 1;
    this._restartAt(0);
    this._setWidth(0);
    this._refreshViews();
    this._changed();
  }

  /**
   * First index whose step is >= `step` (`length` if none).
   * @param {number} step
   * @returns {number}
   */
  lowerBound(step) {
    return lowerBound(this.steps, this.length, step);
  }

  /**
   * First index whose step is > `step` (`length` if none).
   * @param {number} step
   * @returns {number}
   */
  upperBound(step) {
    return upperBound(this.steps, this.length, step);
  }

  /**
   * Index of the row whose step is closest to `step`, or -1 when empty.
   * @param {number} step
   * @returns {number}
   */
  nearestIndex(step) {
    return nearestIndex(this.steps, this.length, step);
  }

  /**
   * Call `listener` after every change; returns the function that unsubscribes.
   * @param {(store: HistoryStore) => void} listener
   * @returns {() => void}
   */
  subscribe(listener) {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /**
   * Hold rows of `m` values from now on (only while empty). `values`, a first
   * batch, is for a subclass that keeps their type (RowStore).
   * @param {number} m
   * @param {WireArray} [_values]
   */
  _setWidth(m, _values) {
    this._columns = Array.from({ length: m }, () => new Float64Array(this.capacity));
    this.blocks.reset(this.dropped, m);
  }

  /**
   * Copy rows `skip`..`count - 1` of row-major `values` to backing index `at` on.
   * @param {WireArray} values
   * @param {number} m
   * @param {number} skip
   * @param {number} count
   * @param {number} at
   */
  _writeValues(values, m, skip, count, at) {
    for (let c = 0; c < m; c++) {
      const column = this._columns[c];
      for (let r = skip, i = at; r < count; r++, i++) column[i] = values[r * m + c];
    }
  }

  /**
   * Move the values of rows [head, head + length) to the front of arrays of `capacity` rows.
   * @param {number} head
   * @param {number} length
   * @param {number} capacity
   */
  _moveValues(head, length, capacity) {
    this._columns = this._columns.map((column) => moveRows(column, head, length, capacity));
  }

  _changed() {
    this.version++;
    for (const listener of this._listeners) listener(this);
  }

  /** @param {number} dropped absolute index of the first row from now on */
  _restartAt(dropped) {
    this.dropped = dropped;
    this.length = 0;
    this._head = 0;
    this.blocks.reset(dropped, this._columns.length);
  }

  _refreshViews() {
    const head = this._head;
    this.steps = this._steps.subarray(head);
    this.times = this._times.subarray(head);
    this.columns = this._columns.map((column) => column.subarray(head));
  }

  /**
   * Make room for `added` more rows after the last one held. When the
   * arrays' end is reached, the rows held move to the front of the same
   * arrays or into larger ones (capacity.js): O(1) per row, and n rows
   * (all of them, or a window) need at most 2n, 1.25n once large.
   * @param {number} added
   */
  _reserve(added) {
    const { _head: head, length } = this;
    if (head + length + added <= this.capacity) return;
    const needed = length + added;
    const bytes = needed * (this._columns.length + 2) * 8;
    const capacity = capacityFor(needed, this.capacity, bytes);
    this._steps = moveRows(this._steps, head, length, capacity);
    this._times = moveRows(this._times, head, length, capacity);
    this._moveValues(head, length, capacity);
    this.capacity = capacity;
    this._head = 0;
  }
}

/**
 * Index in `sorted[0..length)` of the value closest to `x`, or -1 when empty.
 * @param {ArrayLike<number>} sorted
 * @param {number} length
 * @param {number} x
 * @returns {number}
 */
export function nearestIndex(sorted, length, x) {
  if (length === 0) return -1;
  const i = lowerBound(sorted, length, x);
  if (i === 0) return 0;
  if (i === length) return i - 1;
  return x - sorted[i - 1] <= sorted[i] - x ? i - 1 : i;
}
