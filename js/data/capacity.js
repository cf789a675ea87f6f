// How the arrays of a growing history grow: doubling while small, by GROWTH
// once large, so appends stay O(1) amortized and a long history does not
// hold nearly twice the memory it needs.

const LARGE_BYTES = 64 * 2 ** 20;
const GROWTH = 1.25;

/**
 * Capacity of arrays of `capacity` entries that must hold `needed`: the
 * same when `needed` fills at most 1/g of them (what is held then moves to
 * the front), else g * needed. g is 2, or GROWTH once the data held (or
 * summarised) takes `dataBytes` > 64 MiB. Either way O(1) per entry, and
 * n entries need at most g n.
 * @param {number} needed
 * @param {number} capacity
 * @param {number} dataBytes
 * @returns {number}
 */
export function capacityFor(needed, capacity, dataBytes) {
  const g = dataBytes > LARGE_BYTES ? GROWTH : 2;
  return g * needed <= capacity ? capacity : Math.ceil(g * needed);
}

/**
 * Rows [head, head + length) of `array` at the front of an array of
 * `capacity` entries: the same array when it is that size (moving in place is
 * safe, views read the arrays afresh on every draw), else a new one.
 * @template {Float64Array | Float32Array | Uint16Array | Uint8Array} T
 * @param {T} array
 * @param {number} head
 * @param {number} length
 * @param {number} capacity
 * @returns {T}
 */
export function moveRows(array, head, length, capacity) {
  if (capacity === array.length) {
    array.copyWithin(0, head, head + length);
    return array;
  }
  // lib.es5 types `constructor` as Function; a typed array's makes arrays of its own type.
  const Type = /** @type {new (length: number) => T} */ (array.constructor);
  const next = new Type(capacity);
  next.set(array.subarray(head, head + length));
  return next;
}
