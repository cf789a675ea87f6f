// Number and time formatting for the header and legend.

import { lowerBound } from "../data/search.js";

const pad2 = (n) => String(n).padStart(2, "0");

/** Seconds as "m:ss", or "h:mm:ss" from an hour on. */
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

/** A rate for the header, e.g. "0.50", "12.3", "845", "12.4k". */
export function formatRate(rate) {
  if (rate === null || !Number.isFinite(rate)) return "–";
  const r = Math.abs(rate);
  if (r >= 1e6) return `${(rate / 1e6).toFixed(1)}M`;
  if (r >= 1e4) return `${(rate / 1e3).toFixed(1)}k`;
  if (r >= 100) return String(Math.round(rate));
  if (r >= 10) return rate.toFixed(1);
  return rate.toFixed(2);
}

/** A step as users logged it: integers exactly, other numbers to 6 digits. */
export function formatStep(step) {
  if (step === null) return "–";
  return Number.isInteger(step) ? String(step) : String(Number(step.toPrecision(6)));
}

/** A series value for the legend; non-finite values are shown as such. */
export function formatValue(value) {
  if (value === null || value === undefined) return "–";
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "∞";
  if (value === -Infinity) return "-∞";
  const a = Math.abs(value);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return value.toExponential(3);
  return String(Number(value.toPrecision(5)));
}

/** A count of rows with thousands separators, e.g. "1,234,567". */
export function formatCount(count) {
  return Math.round(count).toLocaleString("en-US");
}
