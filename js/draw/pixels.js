// Values to colormap pixels: the one mapping every image view uses.

/** The pixel of a value that is not finite: transparent, so "no data" shows behind it. */
export const NO_DATA = 0;

/**
 * [lo, hi] with `center` strictly inside: a side it lies beyond mirrors the
 * other (as _picture/grid_colors.py centered_limits).
 * @param {number} lo
 * @param {number} hi
 * @param {number} center
 * @returns {[number, number]}
 */
export function centeredLimits(lo, hi, center) {
  let a = lo;
  let b = hi;
  if (a >= center) a = center - (b - center);
  if (b <= center) b = center + (center - a);
  return [a, b];
}

/**
 * Where `value` falls on the colormap, 0..1 (unclamped): linear on [lo, hi];
 * with `center` (not null), two slopes meeting at the middle colour.
 * @param {number} value
 * @param {number} lo
 * @param {number} hi
 * @param {number | null} [center]
 * @returns {number}
 */
export function colorFraction(value, lo, hi, center = null) {
  if (center === null) return (value - lo) / (hi - lo);
  if (value < center) return (0.5 * (value - lo)) / (center - lo);
  return 0.5 + (0.5 * (value - center)) / (hi - center);
}

/**
 * Index 0..255 of `value` on [lo, hi] (clamped), or -1 when it is not finite.
 * @param {number} value
 * @param {number} lo
 * @param {number} hi
 * @param {number | null} [center]
 * @returns {number}
 */
export function colorIndex(value, lo, hi, center = null) {
  if (!Number.isFinite(value)) return -1;
  const i =
    center === null
      ? Math.floor(((value - lo) / (hi - lo)) * 256)
      : Math.floor(colorFraction(value, lo, hi, center) * 256);
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
 * @param {number | null} [center] the value at the middle colour (two slopes)
 */
export function paintValues(
  pixels,
  at,
  values,
  from,
  count,
  lut,
  lo,
  hi,
  stride = 1,
  center = null,
) {
  if (center !== null) {
    for (let j = 0, v = from; j < count; j++, v += stride) {
      const i = colorIndex(values[v], lo, hi, center);
      pixels[at + j] = i < 0 ? NO_DATA : lut[i];
    }
    return;
  }
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
