// Binary search over the first `length` entries of a non-decreasing array
// (steps or times; typed arrays are longer than the rows they hold).

/**
 * First index in `sorted[0..length)` whose value is >= `x` (`length` if none).
 * @param {ArrayLike<number>} sorted
 * @param {number} length
 * @param {number} x
 * @returns {number}
 */
export function lowerBound(sorted, length, x) {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * First index in `sorted[0..length)` whose value is > `x` (`length` if none).
 * @param {ArrayLike<number>} sorted
 * @param {number} length
 * @param {number} x
 * @returns {number}
 */
export function upperBound(sorted, length, x) {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
