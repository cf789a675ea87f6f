// The pixels of a waterfall: history rows top to bottom, values left to right.
//
// The image has at most `maxSlots` pixel rows ("slots"). While the rows fit,
// each row has its slot; beyond that, slots hold `bin` rows each (a power of
// two, doubled as the history grows) and show the LAST row of their bin.
// Last-value binning keeps colours true (a pixel is a real row's value, not
// a blend that no row had), shows the newest row at the bottom as soon as it
// arrives, and costs one pixel row per new slot: a new row repaints only its
// slot, and a full repaint (a new bin, new limits, a new colormap) touches
// `maxSlots` x width pixels however long the history is. Its cost: a spike
// between two shown rows does not show at that size (replaying an earlier
// step shows fewer rows, each with more room).
// Columns beyond MAX_WIDTH are sampled the same way (every stride-th value).

import { paintValues } from "../draw/pixels.js";

export const MAX_WIDTH = 4096;

/** The smallest power-of-two bin that fits `count` rows into `maxSlots` slots. */
export function binFor(count, maxSlots) {
  let bin = 1;
  while (Math.ceil(count / bin) > maxSlots) bin *= 2;
  return bin;
}

export class WaterfallImage {
  /** `createImage(width, height)` returns `{ pixels: Uint32Array, ... }` of that many pixels. */
  constructor(createImage) {
    this.createImage = createImage;
    this.image = null;
    this.key = "";
    this.count = 0; // rows painted
    this.bin = 1;
    this.stride = 1;
    this.width = 0;
    this.maxSlots = 0;
    /** @type {Uint32Array | undefined} the colormap painted with, set by the first update */
    this.lut = undefined;
  }

  /** Slots in use for the rows painted. */
  get slots() {
    return Math.ceil(this.count / this.bin);
  }

  /** The history row slot `s` shows. */
  rowOfSlot(s) {
    return Math.min((s + 1) * this.bin, this.count) - 1;
  }

  /** The slot that shows history row `i`. */
  slotOfRow(i) {
    return Math.floor(i / this.bin);
  }

  /**
   * Paint rows [0, count) of `store` with `lut` on [lo, hi] into at most
   * `maxSlots` slots. Returns the slots repainted as [from, to), or null
   * when nothing changed.
   */
  update(store, count, maxSlots, lut, lo, hi) {
    const m = store.columnCount;
    // No row has come yet (a view shown before the first update): nothing to paint.
    if (m === 0) return null;
    const stride = Math.ceil(m / MAX_WIDTH) || 1;
    const width = Math.ceil(m / stride);
    const key = [store.generation, m, maxSlots, lo, hi].join("|");
    const bin = binFor(count, maxSlots);
    const full = key !== this.key || lut !== this.lut || bin !== this.bin || count < this.count;
    if (!full && count === this.count) return null;
    if (!this.image || this.width !== width || this.maxSlots !== maxSlots) {
      this.image = this.createImage(width, maxSlots);
      this.maxSlots = maxSlots;
    }
    // An incremental paint starts at the last slot painted: its last row changed.
    const from = full ? 0 : this.slotOfRow(this.count - 1);
    Object.assign(this, { key, lut, bin, stride, width, count });
    const to = this.slots;
    const { pixels } = this.image;
    for (let s = from; s < to; s++) {
      paintValues(pixels, s * width, store.row(this.rowOfSlot(s)), 0, width, lut, lo, hi, stride);
    }
    return [from, to];
  }
}
