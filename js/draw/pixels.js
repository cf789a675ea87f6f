// Values to colormap pixels: the one mapping every image view uses.

/** The pixel of a value that is not finite: transparent, so "no data" shows behind it. */
export const NO_DATA = 0;

/**
 * Index 0..255 of `value` on [lo, hi] (clamped), or -1 when it is not finite.
 * @param {number} value
 * @param {number} lo
 * @param {number} hi
 * @returns {number}
 */
export function colorIndex(value, lo, hi) {
  if (!Number.isFinite(value)) return -1;
  const i = Math.floor(((value - lo) / (hi - lo)) * 256);
  return i < 0 ? 0 : i > 255 ? 255 : i;
}

/**
 * Write `count` pixels into `pixels` from index `at` on: the colours of
 * `values[from]`, `values[from + stride]`, ... on [lo, hi] through `lut`.
 * @param {Uint32Array} pixels
 * @param {number} at
 * @param {ArrayLike<number>} values
 * @param {number} from
 * @param {number} count
 * @param {Uint32Array} lut
 * @param {number} lo
 * @param {number} hi
 * @param {number} [stride]
 */
export function paintValues(pixels, at, values, from, count, lut, lo, hi, stride = 1) {
  const scale = 256 / (hi - lo);
  for (let j = 0, v = from; j < count; j++, v += stride) {
    const value = values[v];
    // Inlined colorIndex: this loop runs for every pixel of every frame.
    if (value - value !== 0) {
      pixels[at + j] = NO_DATA;
      continue;
    }
    const i = Math.floor((value - lo) * scale);
    pixels[at + j] = lut[i < 0 ? 0 : i > 255 ? 255 : i];
  }
}
