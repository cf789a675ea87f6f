// The value formats a heatmap writes in its cells: the subset of Python's
// format specs _core/value_format.py takes ({:.Nf}, {:.Ne}, {:.Ng}, {:.N%}),
// written as Python writes them (the parity fixtures hold both to it).

const FORMAT = /^\{:\.(\d{1,2})([efg%])\}$/;

/**
 * Python's exponent: a sign and at least two digits ("e+05", "e-12").
 * @param {string} text a number as JavaScript writes it
 * @returns {string}
 */
function pythonExponent(text) {
  return text.replace(/e([+-])(\d)$/, "e$10$2");
}

/**
 * Python's "e": `digits` after the point, and Python's exponent.
 * @param {number} v
 * @param {number} digits
 * @returns {string}
 */
function exponential(v, digits) {
  return pythonExponent(v.toExponential(digits));
}

/**
 * Python's "g": P significant digits, fixed unless the exponent is < -4 or >= P, no trailing zeros.
 * @param {number} v
 * @param {number} digits P (0 means 1)
 * @returns {string}
 */
function general(v, digits) {
  const precision = digits === 0 ? 1 : digits;
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  const rounded = v.toExponential(precision - 1);
  const exponent = Number(rounded.slice(rounded.indexOf("e") + 1));
  /** @param {string} text */
  const trim = (text) => (text.includes(".") ? text.replace(/\.?0+$/, "") : text);
  if (exponent >= -4 && exponent < precision) return trim(v.toFixed(precision - 1 - exponent));
  const [mantissa, power] = rounded.split("e");
  return pythonExponent(`${trim(mantissa)}e${power}`);
}

/**
 * A function writing finite numbers as the Python format `spec` does, or null
 * when `spec` is not one of the subset (a newer kernel's: the caller falls back).
 * @param {unknown} spec the `annotate` option: a format string, or whatever a newer kernel sends
 * @returns {((v: number) => string) | null}
 */
export function valueFormatter(spec) {
  const match = typeof spec === "string" ? FORMAT.exec(spec) : null;
  if (!match) return null;
  const digits = Number(match[1]);
  // Python writes -0.0 with its sign; toFixed and toExponential drop it.
  /** @type {(write: (v: number) => string) => (v: number) => string} */
  const signed = (write) => (v) => (Object.is(v, -0) ? `-${write(0)}` : write(v));
  switch (match[2]) {
    case "f":
      return signed((v) => v.toFixed(digits));
    case "e":
      return signed((v) => exponential(v, digits));
    case "g":
      return (v) => general(v, digits);
    default:
      return signed((v) => `${(v * 100).toFixed(digits)}%`);
  }
}
