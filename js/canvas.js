// A canvas sized in CSS pixels and drawn at the device's pixel ratio, and
// CSS colours resolved to RGB through it.

export class HiDpiCanvas {
  constructor(parent, className) {
    this.canvas = document.createElement("canvas");
    this.canvas.className = className;
    this.ctx = this.canvas.getContext("2d");
    this.width = 0;
    this.height = 0;
    this.ratio = 1;
    parent.appendChild(this.canvas);
  }

  /** Size to `width` x `height` CSS pixels; returns whether the pixel size changed. */
  resize(width, height) {
    const ratio = globalThis.devicePixelRatio || 1;
    if (width === this.width && height === this.height && ratio === this.ratio) return false;
    this.width = width;
    this.height = height;
    this.ratio = ratio;
    this.canvas.width = Math.max(1, Math.round(width * ratio));
    this.canvas.height = Math.max(1, Math.round(height * ratio));
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    return true;
  }

  /** Clear to `background` and set a transform that draws in CSS pixels. */
  begin(background) {
    const { ctx } = this;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(this.ratio, 0, 0, this.ratio, 0, 0);
    return ctx;
  }
}

/** An offscreen drawing surface of `width` x `height` device pixels. */
export function offscreen(width, height) {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  if (typeof OffscreenCanvas !== "undefined") return new OffscreenCanvas(w, h);
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  return canvas;
}

/** [r, g, b] of any CSS colour `ctx` understands (names, hex, rgb()); `fallback` otherwise. */
export function cssRgb(ctx, css, fallback = [0, 0, 0]) {
  ctx.save();
  ctx.fillStyle = "#010203"; // a sentinel: an invalid colour leaves fillStyle unchanged
  ctx.fillStyle = css;
  const value = ctx.fillStyle;
  ctx.restore();
  if (value === "#010203" && css !== "#010203") return fallback;
  if (value.startsWith("#")) return [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16));
  const parts = value.match(/[\d.]+/g);
  return parts ? parts.slice(0, 3).map(Number) : fallback;
}
