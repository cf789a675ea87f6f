// "PNG" in the header: download the current view (title, legend and chart,
// zoom included) as a PNG, drawn from what is on screen.

import { context2d } from "../draw/canvas.js";

const PAD = 8;
const TITLE_HEIGHT = 24;
const LEGEND_HEIGHT = 22;

/**
 * Each legend entry's colour, "name value" text, and whether its series is hidden.
 * @param {ParentNode} root
 * @returns {{ color: string, text: string, hidden: boolean }[]}
 */
export function legendEntries(root) {
  /** @type {(item: Element, part: string) => string} */
  const text = (item, part) => item.querySelector(`.livescope-legend-${part}`)?.textContent ?? "";
  return [...root.querySelectorAll(".livescope-legend-item")].map((item) => {
    // A class selector's match is typed Element; the swatch is an HTML span, with a style.
    const swatch = /** @type {HTMLElement | null} */ (item.querySelector(".livescope-swatch"));
    return {
      color: swatch?.style.background ?? "",
      text: [text(item, "name"), text(item, "value")].filter(Boolean).join(" "),
      hidden: item.classList.contains("livescope-legend-hidden"),
    };
  });
}

/**
 * A canvas with the view under `root`, `scale` pixels per CSS pixel.
 * @param {HTMLElement} root
 * @param {number} [scale]
 * @returns {HTMLCanvasElement}
 */
export function composeView(root, scale = globalThis.devicePixelRatio || 1) {
  const style = getComputedStyle(root);
  const font = style.fontFamily || "sans-serif";
  const base = root.getBoundingClientRect();
  // Only a bare tag name types the matches; these, by the selector, are canvases.
  const canvases = /** @type {NodeListOf<HTMLCanvasElement>} */ (
    root.querySelectorAll(".livescope-plot canvas")
  );
  const plots = [...canvases].map((canvas) => ({
    canvas,
    box: canvas.getBoundingClientRect(),
  }));
  const plotTop = Math.min(...plots.map((p) => p.box.top));
  const plotBottom = Math.max(...plots.map((p) => p.box.bottom));
  const title = root.querySelector(".livescope-title")?.textContent ?? "";
  const caption = root.querySelector(".livescope-legend-step")?.textContent ?? "";
  const top = PAD + (title ? TITLE_HEIGHT : 0) + LEGEND_HEIGHT;
  const width = Math.ceil(base.width);
  const height = Math.ceil(top + (plots.length ? plotBottom - plotTop : 0) + PAD);

  const out = document.createElement("canvas");
  out.width = Math.round(width * scale);
  out.height = Math.round(height * scale);
  const ctx = context2d(out);
  ctx.scale(scale, scale);
  ctx.fillStyle = style.backgroundColor;
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = "alphabetic";
  let y = PAD;
  if (title) {
    ctx.fillStyle = style.color;
    ctx.font = `600 15px ${font}`;
    ctx.fillText(title, PAD, y + 15);
    y += TITLE_HEIGHT;
  }
  ctx.font = `12px ${font}`;
  let x = PAD;
  const baseline = y + 13;
  if (caption) {
    ctx.fillStyle = style.color;
    ctx.globalAlpha = 0.7;
    ctx.fillText(caption, x, baseline);
    ctx.globalAlpha = 1;
    x += ctx.measureText(caption).width + 14;
  }
  for (const { color, text, hidden } of legendEntries(root)) {
    ctx.globalAlpha = hidden ? 0.45 : 1; // as widget.css shows a hidden entry
    ctx.fillStyle = color;
    ctx.fillRect(x, baseline - 5, 12, 3);
    ctx.fillStyle = style.color;
    ctx.fillText(text, x + 17, baseline);
    x += 17 + ctx.measureText(text).width + 14;
  }
  ctx.globalAlpha = 1;
  for (const { canvas, box } of plots) {
    ctx.drawImage(canvas, box.left - base.left, top + box.top - plotTop, box.width, box.height);
  }
  return out;
}

/**
 * @param {ParentNode} root
 * @returns {string}
 */
function fileName(root) {
  const title = root.querySelector(".livescope-title")?.textContent ?? "";
  const slug = title.replace(/[^\w.-]+/g, "_").replace(/^_+|_+$/g, "");
  return `${slug || "livescope"}.png`;
}

/**
 * Compose the view under `root` and hand it to the browser as a download.
 * @param {HTMLElement} root
 */
export function downloadPng(root) {
  composeView(root).toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName(root);
    link.click();
    // The click has started the download; the URL is not needed after this task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }, "image/png");
}
