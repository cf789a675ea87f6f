// kind="image": the row shown as an RGB or RGBA picture (uint8 pixels, no
// colormap), as large as fits, whole screen pixels per image pixel when it
// is enlarged, unsmoothed; transparent pixels show the "no data" hatch.

import { RowStore } from "../data/row_store.js";
import {
  createCanvas,
  createImage,
  drawPixels,
  fillNoData,
  prepareCanvas,
} from "../draw/canvas.js";
import { createPlotArea } from "../draw/readout.js";
import { formatStep } from "../host/format.js";
import { ReplayableView } from "./replay.js";

export const PAD = 6;

/**
 * The drawn size [w, h] of an `rows` x `cols` image in a `width` x `height`
 * box with PAD around it: whole pixels per image pixel when enlarged.
 */
export function imageFit(rows, cols, width, height) {
  let scale = Math.min(Math.max(1, width - 2 * PAD) / cols, Math.max(1, height - 2 * PAD) / rows);
  if (scale >= 1) scale = Math.floor(scale);
  return [cols * scale, rows * scale];
}

/**
 * Write the `count` pixels of `row` (`channels` 3 or 4 bytes each) into
 * `rgba`, 4 bytes a pixel; RGB pixels are opaque.
 * @param {Uint8ClampedArray} rgba
 * @param {ArrayLike<number>} row
 * @param {number} count
 * @param {number} channels
 */
export function fillRgba(rgba, row, count, channels) {
  if (channels === 4) {
    rgba.set(row);
    return;
  }
  for (let p = 0, i = 0, o = 0; p < count; p++, i += 3, o += 4) {
    rgba[o] = row[i];
    rgba[o + 1] = row[i + 1];
    rgba[o + 2] = row[i + 2];
    rgba[o + 3] = 255;
  }
}

export class ImageView extends ReplayableView {
  static replayable = true;
  static Store = RowStore;

  constructor(parent, store, { invalidate, signal }) {
    super(store, invalidate);
    this.image = null;
    this.geometry = null;
    this.hover = null; // { row, col } under the pointer
    const { readout, plot } = createPlotArea(parent);
    this.readout = readout;
    this.canvas = createCanvas(plot, "livescope-image");
    this.canvas.addEventListener("pointermove", (e) => this.onPointer(e.offsetX, e.offsetY), {
      signal,
    });
    this.canvas.addEventListener("pointerleave", () => this.onPointer(null, null), { signal });
  }

  /** [rows, cols, channels] of a frame, or null until the kernel said (its first frame). */
  get shape() {
    const shape = this.options.shape;
    if (!Array.isArray(shape) || shape.length !== 3) return null;
    return shape[0] * shape[1] * shape[2] === this.store.columnCount ? shape : null;
  }

  render() {
    if (this.width <= 0 || !this.theme) return false;
    const { store } = this;
    const shown = this.shownIndex;
    const hover = this.hover ? `${this.hover.row},${this.hover.col}` : "";
    const parts = [
      store.generation,
      shown,
      shown < 0 ? 0 : store.steps[shown],
      store.dropped,
      this.width,
      this.height,
      this.themeVersion,
      hover,
      JSON.stringify(this.options.shape ?? null),
    ];
    if (!this.needsDraw(parts)) return false;
    const ctx = prepareCanvas(this.canvas, this.width, this.height);
    const shape = this.shape;
    if (shown < 0 || !shape) {
      this.geometry = null;
      fillNoData(ctx, PAD, PAD, this.width - 2 * PAD, this.height - 2 * PAD, this.theme);
      this.readout.show(shown < 0 ? "no frames yet" : `step ${formatStep(store.steps[shown])}`);
      return true;
    }
    const [rows, cols, channels] = shape;
    const [w, h] = imageFit(rows, cols, this.width, this.height);
    const x = Math.floor((this.width - w) / 2);
    const g = { x, y: PAD, w, h, rows, cols, channels };
    this.geometry = g;
    if (!this.image || this.image.canvas.width !== cols || this.image.canvas.height !== rows) {
      this.image = createImage(cols, rows);
    }
    const row = store.row(shown);
    fillRgba(this.image.data.data, row, rows * cols, channels);
    this.image.ctx.putImageData(this.image.data, 0, 0);
    if (channels === 4) fillNoData(ctx, x, PAD, w, h, this.theme);
    drawPixels(ctx, this.image, 0, rows, x, PAD, w, h);
    this.drawHover(ctx);
    this.showReadout(shown, row, g);
    return true;
  }

  drawHover(ctx) {
    const g = this.geometry;
    if (!this.hover || !g) return;
    const cell = g.w / g.cols;
    ctx.strokeStyle = this.theme.text;
    ctx.lineWidth = 1;
    const side = Math.max(cell, 3);
    ctx.strokeRect(g.x + this.hover.col * cell, g.y + this.hover.row * cell, side, side);
  }

  /** The image pixel at CSS pixel (px, py) of the canvas, or null outside the image. */
  pixelAt(px, py) {
    const g = this.geometry;
    if (!g || px === null) return null;
    const col = Math.floor(((px - g.x) / g.w) * g.cols);
    const row = Math.floor(((py - g.y) / g.h) * g.rows);
    return row >= 0 && row < g.rows && col >= 0 && col < g.cols ? { row, col } : null;
  }

  onPointer(px, py) {
    const pixel = this.pixelAt(px, py);
    if (pixel?.row === this.hover?.row && pixel?.col === this.hover?.col) return;
    this.hover = pixel;
    this.invalidate();
  }

  /** Say the step shown, and the pixel under the pointer of the image laid out as `g`. */
  showReadout(shown, row, g) {
    const step = `step ${formatStep(this.store.steps[shown])}`;
    if (!this.hover) {
      this.readout.show(`${step} · ${g.rows} x ${g.cols}`);
      return;
    }
    const { row: r, col: c } = this.hover;
    const at = (r * g.cols + c) * g.channels;
    const values = Array.from(row.subarray(at, at + g.channels)).join(", ");
    const names = g.channels === 4 ? "RGBA" : "RGB";
    this.readout.show(`${step} · row ${r}, col ${c}: ${names} ${values}`);
  }

  destroy() {
    this.image = null;
  }
}
