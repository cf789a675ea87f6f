// Colormaps as 256-entry lookup tables of pixels, built once per name from
// the tables the static picture uses too (src/livescope/_spec/colormaps.json),
// ready to write into ImageData.

import spec from "../../src/livescope/_spec/colormaps.json" with { type: "json" };
import style from "../../src/livescope/_spec/style.json" with { type: "json" };

/** @type {Record<string, string>} name -> base64 of 256 RGB triples */
const TABLES = spec.tables;

/** The maps by name, low values first (style.json); diverging maps have their centre in the middle. */
export const COLORMAPS = [...style.colormaps.names];
export const DEFAULT_COLORMAP = style.colormaps.default;

// ImageData is RGBA bytes; a Uint32Array over it reads them in platform order.
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * One opaque pixel as a Uint32Array element of ImageData.
 * @param {number} r 0..255
 * @param {number} g 0..255
 * @param {number} b 0..255
 * @returns {number}
 */
export function packRGB(r, g, b) {
  return LITTLE_ENDIAN
    ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
}

/**
 * [r, g, b] of a pixel made by `packRGB`.
 * @param {number} pixel
 * @returns {[number, number, number]}
 */
export function unpackRGB(pixel) {
  return LITTLE_ENDIAN
    ? [pixel & 255, (pixel >>> 8) & 255, (pixel >>> 16) & 255]
    : [pixel >>> 24, (pixel >>> 16) & 255, (pixel >>> 8) & 255];
}

/**
 * The 256 pixels of a table of 256 RGB triples in base64.
 * @param {string} base64
 * @returns {Uint32Array}
 */
function decode(base64) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const lut = new Uint32Array(256);
  for (let i = 0; i < 256; i++) lut[i] = packRGB(bytes[3 * i], bytes[3 * i + 1], bytes[3 * i + 2]);
  return lut;
}

/** @type {Map<string, Uint32Array>} */
const luts = new Map();

/**
 * The 256 pixels of colormap `name` (unknown names, from a newer kernel, get
 * viridis; so does none).
 * @param {string} [name]
 * @returns {Uint32Array}
 */
export function colormapLUT(name) {
  const key = name !== undefined && COLORMAPS.includes(name) ? name : DEFAULT_COLORMAP;
  let lut = luts.get(key);
  if (!lut) {
    lut =
      key === "greys"
        ? Uint32Array.from({ length: 256 }, (_, i) => packRGB(i, i, i))
        : decode(TABLES[key]);
    luts.set(key, lut);
  }
  return lut;
}

/**
 * A CSS colour for entry `i` of `lut`.
 * @param {Uint32Array} lut
 * @param {number} i
 * @returns {string}
 */
export function cssColor(lut, i) {
  const [r, g, b] = unpackRGB(lut[i]);
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * Black or white, whichever reads better on entry `i` of `lut`.
 * @param {Uint32Array} lut
 * @param {number} i
 * @returns {string}
 */
export function textColorOn(lut, i) {
  const [r, g, b] = unpackRGB(lut[i]);
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? "#000000" : "#ffffff";
}

/**
 * "#rrggbb" colours of `count` series in order along colormap `name`, the
 * first at its low end, the last at its top (as _picture/colormaps.py).
 * @param {string | undefined} name
 * @param {number} count
 * @returns {string[]}
 */
export function seriesColors(name, count) {
  const lut = colormapLUT(name);
  const last = Math.max(count - 1, 1);
  /** @param {number} c */
  const hex = (c) => c.toString(16).padStart(2, "0");
  return Array.from({ length: count }, (_, i) => {
    const [r, g, b] = unpackRGB(lut[Math.floor((i * 255) / last + 0.5)]);
    return `#${hex(r)}${hex(g)}${hex(b)}`;
  });
}
