// A vertical colorbar: the colormap from low (bottom) to high (top), round
// ticks along its right side, and a "no data" swatch when there was any.

import { createImage, drawPixels, fillNoData, font } from "./canvas.js";
import { colorFraction } from "./pixels.js";
import { labelledTicks } from "./ticks.js";

const BAR_WIDTH = 12;
const GAP = 4;
const TICK = 3;
const SWATCH = 10;
const NO_DATA_LABEL = "no data";

/**
 * What a colorbar shows: the colours of [lo, hi] (with `center` at the
 * middle colour when not null), the "no data" swatch when `noData`, and its
 * `label` above it when not null.
 * @typedef {{
 *   lo: number,
 *   hi: number,
 *   height: number,
 *   theme: import("./canvas.js").Theme,
 *   noData: boolean,
 *   center?: number | null,
 *   label?: string | null,
 * }} Colorbar
 */

/** @type {WeakMap<Uint32Array, import("./canvas.js").PixelImage>} */
const strips = new WeakMap();

/**
 * The colormap as a 1 x 256 image, top = high; built once per table.
 * @param {Uint32Array} lut
 * @returns {import("./canvas.js").PixelImage}
 */
function strip(lut) {
  let image = strips.get(lut);
  if (!image) {
    image = createImage(1, 256);
    for (let i = 0; i < 256; i++) image.pixels[i] = lut[255 - i];
    image.ctx.putImageData(image.data, 0, 0);
    strips.set(lut, image);
  }
  return image;
}

/**
 * Round ticks over [lo, hi]; with a centre, each half its own (as _picture/grid.py).
 * @param {number} lo
 * @param {number} hi
 * @param {number} height
 * @param {number | null} [center]
 * @returns {import("./ticks.js").Tick[]}
 */
function ticksFor(lo, hi, height, center = null) {
  if (center === null) return labelledTicks(lo, hi, Math.max(2, Math.floor(height / 40)));
  const count = Math.max(1, Math.floor(height / 2 / 40));
  const above = labelledTicks(center, hi, count).filter((t) => t.value !== center);
  return [...labelledTicks(lo, center, count), ...above];
}

/**
 * The width the colorbar needs for [lo, hi] at `height`, tick labels (and
 * the `label` written above it) included.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Colorbar} bar
 * @returns {number}
 */
export function colorbarWidth(
  ctx,
  { lo, hi, height, theme, noData, center = null, label = null },
) {
  ctx.font = font(theme);
  const labels = ticksFor(lo, hi, height, center).map((t) => t.label);
  if (noData) labels.push(NO_DATA_LABEL);
  const widest = Math.max(0, ...labels.map((text) => ctx.measureText(text).width));
  const width = BAR_WIDTH + TICK + GAP + Math.ceil(widest);
  return label ? Math.max(width, Math.ceil(ctx.measureText(label).width)) : width;
}

/**
 * Draw the colorbar with its top-left corner at (x, y), `height` tall, the colours of `lut`.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Omit<Colorbar, "label"> & { x: number, y: number, lut: Uint32Array }} bar
 */
export function drawColorbar(ctx, { x, y, height, lut, lo, hi, theme, noData, center = null }) {
  const barHeight = noData ? height - SWATCH - 2 * GAP : height;
  drawPixels(ctx, strip(lut), 0, 256, x, y, BAR_WIDTH, barHeight);
  ctx.strokeStyle = theme.axis;
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, BAR_WIDTH - 1, barHeight - 1);
  ctx.fillStyle = theme.text;
  ctx.font = font(theme);
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.beginPath();
  for (const { value, label } of ticksFor(lo, hi, barHeight, center)) {
    const at = colorFraction(value, lo, hi, center);
    const ty = Math.round(y + (1 - at) * (barHeight - 1)) + 0.5;
    ctx.moveTo(x + BAR_WIDTH, ty);
    ctx.lineTo(x + BAR_WIDTH + TICK, ty);
    ctx.fillText(label, x + BAR_WIDTH + TICK + GAP, ty);
  }
  ctx.stroke();
  if (noData) {
    const sy = y + height - SWATCH;
    fillNoData(ctx, x, sy, BAR_WIDTH, SWATCH, theme);
    ctx.strokeRect(x + 0.5, sy + 0.5, BAR_WIDTH - 1, SWATCH - 1);
    ctx.fillText(NO_DATA_LABEL, x + BAR_WIDTH + TICK + GAP, sy + SWATCH / 2);
  }
}
