// Canvas helpers the drawn views share: device-pixel sizing, text, "no data".

/**
 * The colours and font views draw with (host/theme.js reads them, and more, from the page).
 * @typedef {{
 *   text: string,
 *   muted: string,
 *   background: string,
 *   grid: string,
 *   axis: string,
 *   fontFamily: string,
 * }} Theme
 */

/**
 * An offscreen canvas of image pixels, its context, its ImageData and that
 * data's pixels as one Uint32Array element each (see colormaps.js `packRGB`).
 * @typedef {{
 *   canvas: HTMLCanvasElement,
 *   ctx: CanvasRenderingContext2D,
 *   data: ImageData,
 *   pixels: Uint32Array,
 * }} PixelImage
 */

/**
 * A <canvas> that draws in CSS pixels at the device's resolution.
 * @param {HTMLElement} parent
 * @param {string} className
 * @returns {HTMLCanvasElement}
 */
export function createCanvas(parent, className) {
  const canvas = document.createElement("canvas");
  canvas.className = className;
  parent.appendChild(canvas);
  return canvas;
}

/**
 * Size `canvas` to `width` x `height` CSS pixels (only when that changed,
 * which clears it) and return its context, scaled to CSS pixels.
 * @param {HTMLCanvasElement} canvas
 * @param {number} width
 * @param {number} height
 * @returns {CanvasRenderingContext2D}
 */
export function prepareCanvas(canvas, width, height) {
  const ratio = globalThis.devicePixelRatio || 1;
  const w = Math.max(1, Math.round(width * ratio));
  const h = Math.max(1, Math.round(height * ratio));
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = context2d(canvas);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  return ctx;
}

/**
 * The 2d context of `canvas`. Browsers give none only to a canvas already
 * holding another kind of context, or when they cannot draw on canvases at
 * all: nothing can be drawn then, so this throws.
 * @param {HTMLCanvasElement} canvas
 * @returns {CanvasRenderingContext2D}
 */
export function context2d(canvas) {
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error('canvas.getContext("2d") gave null: this browser cannot draw on it');
  return ctx;
}

/**
 * An offscreen canvas holding `width` x `height` image pixels, and its ImageData.
 * @param {number} width
 * @param {number} height
 * @returns {PixelImage}
 */
export function createImage(width, height) {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = context2d(canvas);
  const data = ctx.createImageData(width, height);
  return { canvas, ctx, data, pixels: new Uint32Array(data.data.buffer) };
}

/**
 * Draw `image` rows [y0, y1) of pixels into (x, y, w, h), unsmoothed (nearest neighbour).
 * @param {CanvasRenderingContext2D} ctx
 * @param {PixelImage} image
 * @param {number} y0
 * @param {number} y1
 * @param {number} x
 * @param {number} y
 * @param {number} w
 * @param {number} h
 */
export function drawPixels(ctx, image, y0, y1, x, y, w, h) {
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(image.canvas, 0, y0, image.canvas.width, y1 - y0, x, y, w, h);
}

/**
 * Fill a rectangle with the diagonal hatching that stands for "no data".
 * @param {CanvasRenderingContext2D} ctx
 * @param {number} x
 * @param {number} y
 * @param {number} w
 * @param {number} h
 * @param {Theme} theme
 */
export function fillNoData(ctx, x, y, w, h, theme) {
  ctx.save();
  ctx.fillStyle = theme.background;
  ctx.fillRect(x, y, w, h);
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.strokeStyle = theme.muted;
  ctx.globalAlpha = 0.5;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (let d = -h; d < w; d += 6) {
    ctx.moveTo(x + d, y + h);
    ctx.lineTo(x + d + h, y);
  }
  ctx.stroke();
  ctx.restore();
}

/**
 * The font views draw text in, `px` CSS pixels tall.
 * @param {Theme} theme
 * @param {number} [px]
 * @returns {string}
 */
export const font = (theme, px = 11) => `${px}px ${theme.fontFamily}`;

/**
 * A transparent offscreen canvas of `width` x `height` device pixels, to draw a layer on once.
 * @param {number} width
 * @param {number} height
 * @returns {HTMLCanvasElement}
 */
export function createLayer(width, height) {
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, width);
  canvas.height = Math.max(1, height);
  return canvas;
}

/**
 * [r, g, b] of any CSS colour a canvas understands (names, hex, rgb()); `fallback` otherwise.
 * @param {CanvasRenderingContext2D} ctx
 * @param {string} css
 * @param {number[]} [fallback]
 * @returns {number[]}
 */
export function cssRgb(ctx, css, fallback = [0, 0, 0]) {
  const sentinel = "#010203"; // an invalid colour leaves fillStyle as it was
  ctx.save();
  ctx.fillStyle = sentinel;
  ctx.fillStyle = css;
  // Only colours (strings) were set, and a colour reads back as a string.
  const value = /** @type {string} */ (ctx.fillStyle);
  ctx.restore();
  if (value === sentinel && css !== sentinel) return fallback;
  if (value.startsWith("#")) return [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16));
  const parts = value.match(/[\d.]+/g);
  return parts ? parts.slice(0, 3).map(Number) : fallback;
}
