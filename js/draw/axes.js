// Linear x and y axes on a 2D canvas for the point views: data ranges
// snapped to round ticks, grid lines, a frame and tick labels around a plot
// rectangle.

import { font } from "./canvas.js";
import { labelledTicks, niceStep } from "./ticks.js";

const TICK_PX = 4;
// Pixels per tick interval, about: x labels are wider than tall.
const X_TICK_SPACING = 80;
const Y_TICK_SPACING = 50;

/**
 * `v` (CSS pixels) moved to the middle of a pixel: a 1-pixel line there covers whole pixels.
 * @param {number} v
 * @returns {number}
 */
const snap = (v) => Math.round(v) + 0.5;

/** @typedef {import("./canvas.js").Theme} Theme */

/** @typedef {[lo: number, hi: number]} Range data values an axis spans */

/** @typedef {{ x: number, y: number, width: number, height: number }} Rect CSS pixels */

/** @typedef {{ values: number[], labels: string[] }} AxisTicks */

/**
 * What `drawAxes` drew, for `drawFrame`: the ticks, data to CSS pixels, and
 * which tick labels to write.
 * @typedef {{
 *   xTicks: AxisTicks,
 *   yTicks: AxisTicks,
 *   px: (v: number) => number,
 *   py: (v: number) => number,
 *   xLabels: boolean,
 *   yLabels: boolean,
 * }} Axes
 */

/**
 * The range [lo, hi] widened to whole tick steps, so axes stay put while
 * data moves inside a step. Empty or flat ranges still get a width.
 * @param {number} lo
 * @param {number} hi
 * @param {number} [count] ticks, about
 * @returns {Range}
 */
export function niceRange(lo, hi, count = 10) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, count);
  // toPrecision keeps 0.1 * 3 from coming out as 0.30000000000000004.
  const a = Number((Math.floor(lo / step) * step).toPrecision(12));
  const b = Number((Math.ceil(hi / step) * step).toPrecision(12));
  return b > a ? [a, b] : [lo, hi];
}

/**
 * Round ticks on [lo, hi] about `spacing` pixels apart on an axis `px` long: `{ values, labels }`.
 * @param {Range} range
 * @param {number} px
 * @param {number} spacing
 * @returns {AxisTicks}
 */
export function axisTicks([lo, hi], px, spacing) {
  const ticks = labelledTicks(lo, hi, Math.max(2, Math.round(px / spacing)));
  return { values: ticks.map((t) => t.value), labels: ticks.map((t) => t.label) };
}

/** @type {(range: Range, px: number) => AxisTicks} */
const xTicks = (range, px) => axisTicks(range, px, X_TICK_SPACING);
/** @type {(range: Range, px: number) => AxisTicks} */
const yTicks = (range, px) => axisTicks(range, px, Y_TICK_SPACING);

/**
 * Width in CSS pixels of the widest y tick label for `range` on an axis `px` long.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Range} range
 * @param {number} px
 * @param {Theme} theme
 * @returns {number}
 */
export function yLabelWidth(ctx, range, px, theme) {
  ctx.save();
  ctx.font = font(theme);
  let widest = 0;
  for (const label of yTicks(range, px).labels)
    widest = Math.max(widest, ctx.measureText(label).width);
  ctx.restore();
  return Math.ceil(widest) + TICK_PX + 6;
}

/**
 * Min and max of the finite values of `array` at `start`, `start + stride`,
 * ... before `end`, folded into `into` ([min, max] so far), which it returns.
 * @param {ArrayLike<number>} array
 * @param {number} start
 * @param {number} end
 * @param {number} stride
 * @param {Range} [into]
 * @returns {Range}
 */
export function finiteExtent(array, start, end, stride, into = [Infinity, -Infinity]) {
  let [lo, hi] = into;
  for (let i = start; i < end; i += stride) {
    const v = array[i];
    if (v < lo) lo = v; // NaN compares false both ways
    if (v > hi) hi = v;
  }
  into[0] = lo;
  into[1] = hi;
  return into;
}

/**
 * Draw the grid, frame and ticks of one plot rectangle `rect` (CSS pixels)
 * showing `xRange` by `yRange`; tick labels only where asked (small
 * multiples label the outer panels only). Assumes a CSS-pixel transform.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Rect} rect
 * @param {Range} xRange
 * @param {Range} yRange
 * @param {Theme} theme
 * @param {{ xLabels?: boolean, yLabels?: boolean }} [labels]
 * @returns {Axes}
 */
export function drawAxes(
  ctx,
  rect,
  xRange,
  yRange,
  theme,
  { xLabels = true, yLabels = true } = {},
) {
  const { x, y, width, height } = rect;
  const xt = xTicks(xRange, width);
  const yt = yTicks(yRange, height);
  /** @param {number} v */
  const px = (v) => x + ((v - xRange[0]) / (xRange[1] - xRange[0])) * width;
  /** @param {number} v */
  const py = (v) => y + height - ((v - yRange[0]) / (yRange[1] - yRange[0])) * height;

  ctx.save();
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.grid;
  ctx.beginPath();
  for (const v of xt.values) {
    ctx.moveTo(snap(px(v)), y);
    ctx.lineTo(snap(px(v)), y + height);
  }
  for (const v of yt.values) {
    ctx.moveTo(x, snap(py(v)));
    ctx.lineTo(x + width, snap(py(v)));
  }
  ctx.stroke();
  ctx.restore();
  return { xTicks: xt, yTicks: yt, px, py, xLabels, yLabels };
}

/**
 * The frame, tick marks and labels of a plot drawn with `drawAxes` (drawn over the data).
 * @param {CanvasRenderingContext2D} ctx
 * @param {Rect} rect
 * @param {Axes} axes
 * @param {Theme} theme
 */
export function drawFrame(ctx, rect, axes, theme) {
  const { x, y, width, height } = rect;
  const { xTicks: xt, yTicks: yt, px, py, xLabels, yLabels } = axes;
  ctx.save();
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.axis;
  ctx.strokeRect(snap(x) - 0.5, snap(y) - 0.5, Math.round(width), Math.round(height));
  ctx.beginPath();
  for (const v of xt.values) {
    ctx.moveTo(snap(px(v)), y + height);
    ctx.lineTo(snap(px(v)), y + height + TICK_PX);
  }
  for (const v of yt.values) {
    ctx.moveTo(x - TICK_PX, snap(py(v)));
    ctx.lineTo(x, snap(py(v)));
  }
  ctx.stroke();
  ctx.fillStyle = theme.text;
  ctx.font = font(theme);
  if (xLabels) {
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    xt.values.forEach((v, i) => {
      ctx.fillText(xt.labels[i], px(v), y + height + TICK_PX + 2);
    });
  }
  if (yLabels) {
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    yt.values.forEach((v, i) => {
      ctx.fillText(yt.labels[i], x - TICK_PX - 3, py(v));
    });
  }
  ctx.restore();
}
