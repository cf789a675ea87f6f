// Axis and colorbar ticks at round numbers (1, 2 or 5 times a power of ten).

/**
 * 10 to the whole power `e`, as the double nearest to it. `10 ** e` is not
 * that for some negative `e` (10 ** -5 is 0.000009999999999999999, which
 * made a span of 8e-5 in 4 parts a step of 5e-5 instead of 2e-5).
 * @param {number} e
 * @returns {number}
 */
function powerOfTen(e) {
  return Number.isFinite(e) ? Number(`1e${e}`) : 10 ** e;
}

/**
 * A round step that splits `span` into at most about `count` parts.
 * @param {number} span
 * @param {number} count
 * @returns {number}
 */
export function niceStep(span, count) {
  const raw = span / Math.max(1, count);
  const magnitude = powerOfTen(Math.floor(Math.log10(raw)));
  const f = raw / magnitude;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
}

/**
 * Round values within [lo, hi], at most about `count` of them; with
 * `integer`, steps are whole numbers (for indices).
 * @param {number} lo
 * @param {number} hi
 * @param {number} count
 * @param {{ integer?: boolean }} [options]
 * @returns {number[]}
 */
export function niceTicks(lo, hi, count, { integer = false } = {}) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) return [];
  if (hi === lo) return [lo];
  let step = niceStep(hi - lo, count);
  if (integer) step = Math.max(1, Math.round(step));
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks = [];
  // Multiplying, not adding, keeps 0.1 * 3 from drifting to 0.30000000000000004.
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/**
 * A tick label with as many decimals as the tick spacing needs.
 * @param {number} value
 * @param {number} step
 * @returns {string}
 */
export function formatTick(value, step) {
  if (value === 0) return "0";
  const a = Math.abs(value);
  if (a >= 1e6 || a < 1e-4) {
    const digits = Math.max(0, Math.min(3, Math.round(-Math.log10(step / a))));
    return value.toExponential(digits);
  }
  const decimals = Math.max(0, Math.min(8, -Math.floor(Math.log10(step) + 1e-9)));
  return value.toFixed(decimals);
}
