// The store's columns smoothed, kept up to date as rows arrive, with block
// summaries of their own: a draw of a smoothed history of millions of rows
// then reads summaries as the raw lines do, instead of smoothing and
// scanning every visible row on every frame. The average runs from the
// first row the store received (or held, after a reload), so zooming in
// shows the same curve.

import { BlockSummaries } from "../../data/block_summary.js";
import { capacityFor, moveRows } from "../../data/capacity.js";
import { emaState, smoothEma } from "./smoothing.js";

export class SmoothedColumns {
  constructor() {
    /** @type {string | null} generation, width and weight smoothed for; null before the first update */
    this.key = null;
    // Absolute rows [start, end) are smoothed, at [head, head + end - start) of `arrays`.
    this.start = 0;
    this.end = 0;
    this.head = 0;
    /** @type {Float64Array[]} per column */
    this.arrays = [];
    /** @type {ReturnType<typeof emaState>[]} per column, where its average stands */
    this.states = [];
    this.blocks = new BlockSummaries();
  }

  /**
   * Every column of `store` smoothed with `weight`, up to the store's last
   * row: `columns[c]` (entry 0 is absolute row `store.dropped`, as in the
   * store) and `blocks[c]` (its `BlockSummaries.column`). Valid until the
   * store changes.
   */
  update(store, weight) {
    const width = store.columnCount;
    const key = `${store.generation}|${width}|${weight}`;
    // A new generation, weight or width, or a store that skipped rows we
    // never smoothed (a restart after a gap), starts over.
    if (key !== this.key || store.dropped < this.start || store.dropped > this.end) {
      this.reset(key, store.dropped, width);
    }
    this.head += store.dropped - this.start;
    this.start = store.dropped;
    const held = this.end - this.start;
    const added = store.total - this.end;
    if (added > 0) {
      this.reserve(held, added);
      const from = held; // the store's index of the first new row
      this.arrays.forEach((out, c) => {
        smoothEma(
          store.columns[c],
          from,
          from + added,
          weight,
          out,
          this.states[c],
          this.head + held,
        );
      });
      this.end += added;
      this.blocks.extend(this.views(), this.start, this.end - added, this.end);
    }
    const columns = this.views();
    return { columns, blocks: columns.map((_, c) => this.blocks.column(c)) };
  }

  reset(key, start, width) {
    this.key = key;
    this.start = this.end = start;
    this.head = 0;
    // A new weight (the slider dragged) refills the arrays it has.
    if (this.arrays?.length !== width)
      this.arrays = Array.from({ length: width }, () => new Float64Array(0));
    this.states = Array.from({ length: width }, emaState);
    this.blocks.reset(start, width);
  }

  /** Room for `added` rows after the `held` ones, as the store makes it (capacity.js). */
  reserve(held, added) {
    const capacity = this.arrays[0]?.length ?? 0;
    if (this.head + held + added <= capacity) return;
    const needed = held + added;
    const next = capacityFor(needed, capacity, needed * this.arrays.length * 8);
    this.arrays = this.arrays.map((array) => moveRows(array, this.head, held, next));
    this.head = 0;
  }

  views() {
    const held = this.end - this.start;
    return this.arrays.map((array) => array.subarray(this.head, this.head + held));
  }
}
