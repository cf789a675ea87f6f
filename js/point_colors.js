// Colours of scatter points: a level per point (by index, by a value, or one
// colour) and a packed RGBA palette per trail age, faded into the background.

import { TABLE_SIZE } from "./colormaps.js";

// Levels 0..255 index the colormap table; two more name the other colours.
export const MISSING_LEVEL = TABLE_SIZE; // a per-point value that was NaN
export const SINGLE_LEVEL = TABLE_SIZE + 1; // every point in `color=`
const PALETTE_SIZE = TABLE_SIZE + 2;
// Per-point values arrive as bytes: 0..254 along the colormap, 255 missing.
const VALUE_LEVELS = 255;

/** Decode a base64 string into bytes. */
export function decodeBytes(b64) {
  const text = atob(b64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * The palette level of each of `k` points: spread by index along the
 * colormap, or from per-point value bytes (`colors`), or all `single`.
 */
export function pointLevels(k, { single = false, colors = null } = {}) {
  const levels = new Uint16Array(k);
  if (single) return levels.fill(SINGLE_LEVEL);
  if (colors) {
    for (let i = 0; i < k; i++) {
      const b = colors[i] ?? VALUE_LEVELS;
      levels[i] = b >= VALUE_LEVELS ? MISSING_LEVEL : Math.round((b * (TABLE_SIZE - 1)) / (VALUE_LEVELS - 1));
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

/** An opaque colour `alpha` of the way from `background` to `rgb`, packed as ImageData's RGBA. */
export function packFaded(rgb, alpha, background) {
  const mix = (c) => Math.round(rgb[c] * alpha + background[c] * (1 - alpha));
  // ImageData is RGBA in memory; a Uint32Array over it reads little-endian.
  return ((255 << 24) | (mix(2) << 16) | (mix(1) << 8) | mix(0)) >>> 0;
}

/**
 * One packed colour per level for points drawn at `alpha` over `background`:
 * the colormap `table`, then `missing` and `single` (RGB triples).
 */
export function fadedPalette(table, missing, single, alpha, background) {
  const palette = new Uint32Array(PALETTE_SIZE);
  for (let i = 0; i < TABLE_SIZE; i++) {
    palette[i] = packFaded([table[i * 3], table[i * 3 + 1], table[i * 3 + 2]], alpha, background);
  }
  palette[MISSING_LEVEL] = packFaded(missing, alpha, background);
  palette[SINGLE_LEVEL] = packFaded(single, alpha, background);
  return palette;
}

/** The RGB of a palette level (for drawing path segments with the 2D API). */
export function levelRgb(level, table, missing, single) {
  if (level === MISSING_LEVEL) return missing;
  if (level === SINGLE_LEVEL) return single;
  return [table[level * 3], table[level * 3 + 1], table[level * 3 + 2]];
}
