// Number and time formatting for the header and legend.

import { lowerBound } from "../data/search.js";

/** @param {number} n */
const pad2 = (n) => String(n).padStart(2, "0");

/**
 * Seconds as "m:ss", or "h:mm:ss" from an hour on; what is not a positive number as "0:00".
 * @param {number} seconds
 * @returns {string}
 */
export function formatElapsed(seconds) {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s % 60)}` : `${m}:${pad2(s % 60)}`;
}

/**
 * Steps per second over the last `window` seconds of rows (at least the
 * last two rows), or null when that cannot be told. `times` are wall-clock
 * seconds, non-decreasing.
 * @param {ArrayLike<number>} steps
 * @param {ArrayLike<number>} times
 * @param {number} length rows held: `steps` and `times` are read at [0, length)
 * @param {number} [window] seconds
 * @returns {number | null}
 */
export function stepRate(steps, times, length, window = 1) {
  if (length < 2) return null;
  const last = length - 1;
  const since = times[last] - window;
  const first = Math.min(lowerBound(times, last, since), last - 1);
  const dt = times[last] - times[first];
  if (!(dt > 0)) return null;
  return (steps[last] - steps[first]) / dt;
}

/**
 * A rate for the header, e.g. "0.50", "12.3", "845", "12.4k"; "–" for none.
 * @param {number | null} rate
 * @returns {string}
 */
export function formatRate(rate) {
  if (rate === null || !Number.isFinite(rate)) return "–";
  const r = Math.abs(rate);
  if (r >= 1e6) return `${(rate / 1e6).toFixed(1)}M`;
  if (r >= 1e4) return `${(rate / 1e3).toFixed(1)}k`;
  if (r >= 100) return String(Math.round(rate));
  if (r >= 10) return rate.toFixed(1);
  return rate.toFixed(2);
}

// Significant digits a legend value keeps: a float32 value carries about
// seven, so an eighth would print its rounding (0.3 as 0.30000001); seven
// show a change in the 7th digit of a large offset (1234567 vs 1234568).
const VALUE_DIGITS = 7;
// Significant digits a fractional step keeps: a timestamp in seconds keeps
// its hundredths, while arithmetic noise deeper down (0.1 + 0.2) stays hidden.
const STEP_DIGITS = 12;

/**
 * `value` to `digits` significant digits (halves away from zero, as
 * toPrecision rounds), trailing zeros dropped: fixed while the rounded
 * magnitude is in [`low`, `high`), else as "1.5e+7".
 * @param {number} value
 * @param {number} digits
 * @param {number} low
 * @param {number} high
 * @returns {string}
 */
function significant(value, digits, low, high) {
  const rounded = Number(value.toPrecision(digits));
  const magnitude = Math.abs(rounded);
  if (magnitude === 0) return "0";
  if (magnitude >= low && magnitude < high) return String(rounded);
  return rounded.toExponential(digits - 1).replace(/\.?0+e/, "e");
}

/**
 * A step as users logged it: integers exactly, others with their fraction to 12 digits.
 * @param {number | null} step null while there is none
 * @returns {string}
 */
export function formatStep(step) {
  if (step === null) return "–";
  return Number.isInteger(step) ? String(step) : significant(step, STEP_DIGITS, 1e-4, Infinity);
}

/**
 * A series value for the legend, to 7 significant digits; non-finite values are shown as such.
 * @param {number | null | undefined} value none (under the pointer, say) as "–"
 * @returns {string}
 */
export function formatValue(value) {
  if (value === null || value === undefined) return "–";
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "∞";
  if (value === -Infinity) return "-∞";
  return significant(value, VALUE_DIGITS, 1e-3, 1e7);
}

/**
 * A count of rows with thousands separators, e.g. "1,234,567".
 * @param {number} count
 * @returns {string}
 */
export function formatCount(count) {
  return Math.round(count).toLocaleString("en-US");
}
