// Colours of scatter points: a level per point (by index, by a value, or one
// colour) and a palette of pixels per trail age, faded into the background.

import { packRGB, unpackRGB } from "../../draw/colormaps.js";

const TABLE_SIZE = 256;
// Levels 0..255 index the colormap; two more name the other colours.
export const MISSING_LEVEL = TABLE_SIZE; // a per-point value that was NaN
export const SINGLE_LEVEL = TABLE_SIZE + 1; // every point in `color=`
const PALETTE_SIZE = TABLE_SIZE + 2;
// Per-point values arrive as bytes: 0..254 along the colormap, 255 missing.
const VALUE_LEVELS = 255;

/** Decode a base64 string into bytes. */
export function decodeBytes(b64) {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/**
 * The palette level of each of `k` points: spread by index along the
 * colormap, or from per-point value bytes (`colors`), or all `single`.
 * @param {number} k
 * @param {{ single?: boolean, colors?: Uint8Array | null }} [how]
 */
export function pointLevels(k, { single = false, colors = null } = {}) {
  const levels = new Uint16Array(k);
  if (single) return levels.fill(SINGLE_LEVEL);
  if (colors) {
    for (let i = 0; i < k; i++) {
      const b = colors[i] ?? VALUE_LEVELS;
      levels[i] =
        b >= VALUE_LEVELS
          ? MISSING_LEVEL
          : Math.round((b * (TABLE_SIZE - 1)) / (VALUE_LEVELS - 1));
    }
    return levels;
  }
  const last = Math.max(1, k - 1);
  for (let i = 0; i < k; i++) levels[i] = Math.round((i * (TABLE_SIZE - 1)) / last);
  return levels;
}

/** Opacity of a frame `age` frames older than the one shown, with `trail` older frames kept. */
export function trailAlpha(age, trail) {
  if (age < 0 || age > trail) return 0;
  return 1 - age / (trail + 1);
}

/** An opaque pixel `alpha` of the way from `background` to `rgb` (RGB triples). */
export function fadedPixel(rgb, alpha, background) {
  const mix = (c) => Math.round(rgb[c] * alpha + background[c] * (1 - alpha));
  return packRGB(mix(0), mix(1), mix(2));
}

/** The RGB of a palette level: a colormap (`lut`) entry, or the `missing` or `single` colour. */
export function levelRgb(level, lut, missing, single) {
  if (level === MISSING_LEVEL) return missing;
  if (level === SINGLE_LEVEL) return single;
  return unpackRGB(lut[level]);
}

/** One pixel per level for points drawn at `alpha` over `background`. */
export function fadedPalette(lut, missing, single, alpha, background) {
  const palette = new Uint32Array(PALETTE_SIZE);
  for (let level = 0; level < PALETTE_SIZE; level++) {
    palette[level] = fadedPixel(levelRgb(level, lut, missing, single), alpha, background);
  }
  return palette;
}
