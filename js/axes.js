// Linear axes on a 2D canvas: nice tick steps, data ranges snapped to them,
// grid lines, a frame and tick labels around a plot rectangle.

const TICK_PX = 4;
// Pixels per tick interval, about: x labels are wider than tall.
const X_TICK_SPACING = 80;
const Y_TICK_SPACING = 50;

/** A round step (1, 2 or 5 times a power of ten) giving about `count` ticks over `span`. */
export function niceStep(span, count) {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * power;
}

/**
 * The range [lo, hi] widened to whole tick steps, so axes stay put while
 * data moves inside a step. Empty or flat ranges still get a width.
 */
export function niceRange(lo, hi, count = 10) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const step = niceStep(hi - lo, count);
  const a = Math.floor(lo / step) * step;
  const b = Math.ceil(hi / step) * step;
  return b > a ? [a, b] : [lo, hi];
}

/** Tick values inside [lo, hi] at a nice step. */
export function ticks(lo, hi, count = 5) {
  const step = niceStep(hi - lo, count);
  const out = [];
  const first = Math.ceil(lo / step - 1e-9);
  for (let i = first; i * step <= hi + step * 1e-9; i++) out.push(i * step);
  return { step, values: out };
}

/** Ticks for an x axis `px` CSS pixels long. */
export const xTicks = ([lo, hi], px) => ticks(lo, hi, Math.max(2, Math.round(px / X_TICK_SPACING)));

/** Ticks for a y axis `px` CSS pixels long. */
export const yTicks = ([lo, hi], px) => ticks(lo, hi, Math.max(2, Math.round(px / Y_TICK_SPACING)));

/** Width in CSS pixels of the widest y tick label for `range` on an axis `px` long. */
export function yLabelWidth(ctx, range, px, theme) {
  const t = yTicks(range, px);
  ctx.save();
  ctx.font = `11px ${theme.fontFamily}`;
  let widest = 0;
  for (const v of t.values) widest = Math.max(widest, ctx.measureText(formatTick(v, t.step)).width);
  ctx.restore();
  return Math.ceil(widest) + TICK_PX + 6;
}

/** A tick label with as many decimals as the step needs. */
export function formatTick(value, step) {
  // A tick that should be 0 can come out as 1e-17 from floating point.
  const v = Math.abs(value) < step / 2 ? 0 : value;
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-4)) return v.toExponential(1);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return v.toFixed(Math.min(decimals, 10));
}

/** Min and max of the finite values of `array` at `start`, `start + stride`, ... before `end`. */
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
 */
export function drawAxes(ctx, rect, xRange, yRange, theme, { xLabels = true, yLabels = true } = {}) {
  const { x, y, width, height } = rect;
  const xt = xTicks(xRange, width);
  const yt = yTicks(yRange, height);
  const px = (v) => x + ((v - xRange[0]) / (xRange[1] - xRange[0])) * width;
  const py = (v) => y + height - ((v - yRange[0]) / (yRange[1] - yRange[0])) * height;
  const snap = (v) => Math.round(v) + 0.5;

  ctx.save();
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.grid;
  ctx.beginPath();
  for (const v of xt.values) ctx.moveTo(snap(px(v)), y), ctx.lineTo(snap(px(v)), y + height);
  for (const v of yt.values) ctx.moveTo(x, snap(py(v))), ctx.lineTo(x + width, snap(py(v)));
  ctx.stroke();
  ctx.restore();
  return { xTicks: xt, yTicks: yt, px, py, xLabels, yLabels };
}

/** The frame, tick marks and labels of a plot drawn with `drawAxes` (drawn over the data). */
export function drawFrame(ctx, rect, axes, theme) {
  const { x, y, width, height } = rect;
  const { xTicks: xt, yTicks: yt, px, py, xLabels, yLabels } = axes;
  const snap = (v) => Math.round(v) + 0.5;
  ctx.save();
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.axis;
  ctx.strokeRect(snap(x) - 0.5, snap(y) - 0.5, Math.round(width), Math.round(height));
  ctx.beginPath();
  for (const v of xt.values) ctx.moveTo(snap(px(v)), y + height), ctx.lineTo(snap(px(v)), y + height + TICK_PX);
  for (const v of yt.values) ctx.moveTo(x - TICK_PX, snap(py(v))), ctx.lineTo(x, snap(py(v)));
  ctx.stroke();
  ctx.fillStyle = theme.text;
  ctx.font = `11px ${theme.fontFamily}`;
  if (xLabels) {
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const v of xt.values) ctx.fillText(formatTick(v, xt.step), px(v), y + height + TICK_PX + 2);
  }
  if (yLabels) {
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (const v of yt.values) ctx.fillText(formatTick(v, yt.step), x - TICK_PX - 3, py(v));
  }
  ctx.restore();
}
