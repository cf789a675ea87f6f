// What a series becomes before it is drawn: smoothed.

/**
 * The weight that smooths `points` standing for `rows` rows as `weight`
 * smooths rows: a point of a reduced copy (a min/max envelope) stands for
 * rows / points rows, so the average decays by `weight` to that power.
 * Points that are every row keep `weight` (the twin of point_weight in
 * src/livescope/_core/smoothing.py).
 */
export function pointWeight(weight, rows, points) {
  if (!(points > 0) || !(rows > points)) return weight;
  return weight ** (rows / points);
}

/** Where a smoothEma stopped: pass it to the next call to carry on from there. */
export function emaState() {
  return { average: 0, weightPower: 1, min: Infinity, max: -Infinity };
}

/**
 * TensorBoard's debiased exponential moving average with `weight` in [0, 1).
 *
 * Non-finite values are gaps: they pass through unchanged and the average
 * carries on across them. Dividing by 1 - weight^k removes the pull
 * towards 0 of the average's zero start, so the first points follow the
 * data. The result is clamped to the range of the values averaged so far,
 * which it lies in exactly, so rounding never lifts a flat line off its
 * value.
 *
 * Writes `out[at..at+to-from)`. The average starts afresh at `from` unless
 * `state` (see emaState) holds where an earlier call stopped.
 */
export function smoothEma(src, from, to, weight, out, state = emaState(), at = 0) {
  let { average, weightPower, min, max } = state;
  for (let i = from, j = at; i < to; i++, j++) {
    const v = src[i];
    if (!Number.isFinite(v)) {
      out[j] = v;
      continue;
    }
    average = average * weight + (1 - weight) * v;
    if (v < min) min = v;
    if (v > max) max = v;
    let debiased = average;
    // Once weight^k < 2^-54, 1 - weight^k is 1 in float64: no more dividing.
    if (weightPower > 5e-17) {
      weightPower *= weight;
      debiased = average / (1 - weightPower);
    }
    out[j] = debiased < min ? min : debiased > max ? max : debiased;
  }
  Object.assign(state, { average, weightPower, min, max });
  return out;
}
