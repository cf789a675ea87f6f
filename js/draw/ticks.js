// Axis and colorbar ticks at round numbers (1, 2 or 5 times a power of ten),
// and their labels: by the rule of src/livescope/_picture/ticks.py, held to
// the same vectors (_spec/fixtures/ticks.json), every step an IEEE double
// operation Python does alike.
//
// Labels are exact: each tick is a whole number of the step's last
// significant digit (its quantum), and every label writes its tick down to
// that digit, so two ticks a step apart never share a label. An axis writes
// all its labels one way: plain decimals while its largest tick is within
// [1e-4, 1e6); beyond, scientific notation unless plain decimals come out
// shorter (a million plus a few thousandths reads better as 1000000.0015
// than as 1.0000000015e+6).

// The exponents that plain decimals keep short: 1e-4 up to, not including, 1e6.
const PLAIN_FROM = -4;
const PLAIN_BELOW = 6;
// Digits read from a step: more than a round step has, fewer than float noise.
const SIGNIFICANT = 12;

/** @typedef {{ value: number, label: string }} Tick a tick and its label */

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
 * `x` as `[units, exponent]` with x = units * 10 ** exponent and units free
 * of trailing zeros; read from `x` rounded to 12 significant digits, so a
 * step of 0.30000000000000004 is 3 tenths.
 * @param {number} x
 * @returns {[number, number]}
 */
export function decimalParts(x) {
  if (x === 0 || !Number.isFinite(x)) return [0, 0];
  const [mantissa, exponent] = Math.abs(x)
    .toExponential(SIGNIFICANT - 1)
    .split("e");
  const digits = mantissa.replace(".", "").replace(/0+$/, "");
  return [Number(digits) * Math.sign(x), Number(exponent) - (digits.length - 1)];
}

/**
 * n * 10 ** exponent as the nearest double, by the same one division or product as Python.
 * @param {number} n
 * @param {number} exponent
 * @returns {number}
 */
function scaled(n, exponent) {
  return exponent < 0 ? n / powerOfTen(-exponent) : n * powerOfTen(exponent);
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
  // Each tick is k steps of whole units of the step's last digit, scaled
  // once: no drift (0.1 * 3 is not 0.30000000000000004) and no rounding
  // that would merge ticks a tiny step apart near a million. (+ 0: Math.ceil
  // of a hair below zero is -0, which Python's whole numbers never are.)
  const [units, exponent] = decimalParts(step);
  const ticks = [];
  for (let k = first; k <= last; k++) ticks.push(scaled(k * units, exponent) + 0);
  return ticks;
}

/**
 * The decimal digits of the whole number |n| (BigInt: exact past 2 ** 53, as Python's int).
 * @param {number} n
 * @returns {string}
 */
const digitsOf = (n) => BigInt(Math.abs(n)).toString();

/**
 * n * 10 ** exponent in plain decimals, down to the digit 10 ** exponent.
 * @param {number} n
 * @param {number} exponent
 * @returns {string}
 */
function plain(n, exponent) {
  if (n === 0) return "0";
  const sign = n < 0 ? "-" : "";
  if (exponent >= 0) return sign + digitsOf(n) + "0".repeat(exponent);
  const digits = digitsOf(n).padStart(1 - exponent, "0");
  return `${sign}${digits.slice(0, exponent)}.${digits.slice(exponent)}`;
}

/**
 * n * 10 ** exponent as d.ddd e±x, down to the digit 10 ** exponent.
 * @param {number} n
 * @param {number} exponent
 * @returns {string}
 */
function scientific(n, exponent) {
  if (n === 0) return "0";
  const sign = n < 0 ? "-" : "";
  const digits = digitsOf(n);
  const power = exponent + digits.length - 1;
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${sign}${mantissa}e${power < 0 ? "-" : "+"}${Math.abs(power)}`;
}

/**
 * `value` in whole units of 10 ** exponent, rounded half up (as Python's floor(x + 0.5)).
 * @param {number} value
 * @param {number} exponent
 * @returns {number}
 */
function unitsOf(value, exponent) {
  const x = exponent < 0 ? value * powerOfTen(-exponent) : value / powerOfTen(exponent);
  return Math.floor(x + 0.5);
}

/**
 * The labels of one axis' finite ticks `values`, `step` apart: distinct, one
 * notation for all.
 * @param {ArrayLike<number>} values
 * @param {number} step
 * @returns {string[]}
 */
export function tickLabels(values, step) {
  const [, exponent] = decimalParts(step);
  const units = Array.from(values, (v) => unitsOf(v, exponent));
  const largest = units.reduce((m, n) => Math.max(m, Math.abs(n)), 0);
  if (largest === 0) return units.map(() => "0");
  const plainLabels = units.map((n) => plain(n, exponent));
  const power = exponent + digitsOf(largest).length - 1;
  if (power >= PLAIN_FROM && power < PLAIN_BELOW) return plainLabels;
  const scientificLabels = units.map((n) => scientific(n, exponent));
  /** @param {string[]} labels */
  const longest = (labels) => Math.max(...labels.map((label) => label.length));
  return longest(plainLabels) <= longest(scientificLabels) ? plainLabels : scientificLabels;
}

/**
 * `value` written down to its own last significant digit: a log axis'
 * labels, a lone tick.
 * @param {number} value
 * @returns {string}
 */
export function exactLabel(value) {
  return tickLabels([value], value)[0];
}

/**
 * About `count` round ticks in [lo, hi], each with its label.
 * @param {number} lo
 * @param {number} hi
 * @param {number} count
 * @returns {Tick[]}
 */
export function labelledTicks(lo, hi, count) {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(hi > lo)) {
    return Number.isFinite(lo) ? [{ value: lo, label: exactLabel(lo) }] : [];
  }
  const values = niceTicks(lo, hi, count);
  const labels = tickLabels(values, niceStep(hi - lo, count));
  return values.map((value, i) => ({ value, label: labels[i] }));
}
