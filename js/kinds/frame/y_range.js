// The y extent a frame's axis spans: every value received of the curves
// shown (the twin of FrameParts.shown_y_extent in _picture/frame_parts.py).

import { ValueRange } from "../../draw/value_range.js";

export class ShownRange {
  constructor() {
    this.all = new ValueRange(); // every curve value, while no curve is hidden
    this.curves = []; // a ValueRange per curve, while some are hidden
    // The extent of the last update, read as every kind's `range` is.
    this.min = Infinity;
    this.max = -Infinity;
  }

  /** Take in the rows of `store` added since the last call, laid out as `parts`: { min, max, empty }. */
  update(store, parts) {
    const extent = this.extent(store, parts);
    this.min = extent.min;
    this.max = extent.max;
    return extent;
  }

  extent(store, parts) {
    const shown = parts.curves.filter((curve) => !curve.hidden);
    if (shown.length === parts.curves.length) {
      this.all.update(store, parts.rowX ? parts.length : 0);
      return this.all;
    }
    if (this.curves.length !== parts.curves.length) {
      this.curves = parts.curves.map((_, c) => new ValueRange("curveExtents", c));
    }
    let min = Infinity;
    let max = -Infinity;
    for (const curve of shown) {
      const range = this.curves[parts.curves.indexOf(curve)];
      range.update(store, curve.offset, curve.offset + parts.length);
      min = Math.min(min, range.min);
      max = Math.max(max, range.max);
    }
    return { min, max, empty: !(min <= max) };
  }
}
