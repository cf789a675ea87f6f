// What a series becomes before it is drawn: smoothed, and masked for a log
// scale. Both read `src[from..to)` and write `out[0..to-from)`.

/**
 * TensorBoard's debiased exponential moving average with `weight` in [0, 1).
 *
 * Non-finite values are gaps: they pass through unchanged and the average
 * carries on across them. Dividing by 1 - weight^k removes the pull
 * towards 0 of the average's zero start, so the first points follow the
 * data. The result is clamped to the range of the values averaged so far,
 * which it lies in exactly, so rounding never lifts a flat line off its
 * value.
 */
export function smoothEma(src, from, to, weight, out) {
  let average = 0;
  let weightPower = 1;
  let min = Infinity;
  let max = -Infinity;
  for (let i = from, j = 0; i < to; i++, j++) {
    const v = src[i];
    if (!Number.isFinite(v)) {
      out[j] = v;
      continue;
    }
    average = average * weight + (1 - weight) * v;
    weightPower *= weight;
    if (v < min) min = v;
    if (v > max) max = v;
    const debiased = average / (1 - weightPower);
    out[j] = debiased < min ? min : debiased > max ? max : debiased;
  }
  return out;
}

/** Values for a log scale: those <= 0 (and NaN) become NaN, drawn as gaps. */
export function positiveOnly(src, from, to, out) {
  for (let i = from, j = 0; i < to; i++, j++) {
    const v = src[i];
    out[j] = v > 0 ? v : NaN;
  }
  return out;
}
