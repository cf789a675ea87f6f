// Typed arrays over received buffers, checked: the one place a byte offset is honoured.

/**
 * The arrays messages and snapshots carry: float64 or float32 values, uint8 pixels.
 * @typedef {Float32Array | Float64Array | Uint8Array} WireArray
 */

/** @typedef {Float32ArrayConstructor | Float64ArrayConstructor | Uint8ArrayConstructor} WireArrayType */

/**
 * A binary buffer as received: Jupyter hands over DataViews, a page host
 * ArrayBuffers or typed arrays.
 * @typedef {ArrayBuffer | ArrayBufferView} BinaryBuffer
 */

/**
 * Whether `x` is an ArrayBuffer, also one of another realm (where `instanceof` fails).
 * @param {unknown} x
 * @returns {x is ArrayBuffer}
 */
const isArrayBuffer = (x) => Object.prototype.toString.call(x) === "[object ArrayBuffer]";

/**
 * View `buffer` (DataView, ArrayBuffer or typed array) as `length` elements
 * of `Type`, honouring its byte offset. Copies when the offset is not
 * aligned to the element size, which typed array views cannot express.
 * @param {unknown} buffer a DataView, typed array or ArrayBuffer; anything else throws
 * @param {WireArrayType} Type
 * @param {number} length
 * @param {string} name
 * @returns {WireArray}
 */
export function toTypedArray(buffer, Type, length, name) {
  const isView = ArrayBuffer.isView(buffer);
  if (!isView && !isArrayBuffer(buffer)) {
    throw new Error(`${name} buffer is missing or not binary`);
  }
  // Messages and snapshots arrive in memory of their own, never shared
  // (lib types a view's buffer as an ArrayBuffer or a SharedArrayBuffer).
  const bytes = isView ? /** @type {ArrayBuffer} */ (buffer.buffer) : buffer;
  const offset = isView ? buffer.byteOffset : 0;
  const byteLength = buffer.byteLength;
  const expected = length * Type.BYTES_PER_ELEMENT;
  if (byteLength !== expected) {
    throw new Error(`${name} buffer has ${byteLength} bytes, expected ${expected}`);
  }
  if (offset % Type.BYTES_PER_ELEMENT === 0) return new Type(bytes, offset, length);
  return new Type(bytes.slice(offset, offset + byteLength));
}
