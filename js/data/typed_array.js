// Typed arrays over received buffers, checked: the one place a byte offset is honoured.

/**
 * View `buffer` (DataView, ArrayBuffer or typed array) as `length` elements
 * of `Type`, honouring its byte offset. Copies when the offset is not
 * aligned to the element size, which typed array views cannot express.
 * @param {any} buffer a DataView, typed array or ArrayBuffer; anything else throws
 * @param {Float32ArrayConstructor | Float64ArrayConstructor | Uint8ArrayConstructor} Type
 * @param {number} length
 * @param {string} name
 * @returns {Float32Array | Float64Array | Uint8Array}
 */
export function toTypedArray(buffer, Type, length, name) {
  const isView = ArrayBuffer.isView(buffer);
  if (!isView && Object.prototype.toString.call(buffer) !== "[object ArrayBuffer]") {
    throw new Error(`${name} buffer is missing or not binary`);
  }
  const bytes = isView ? buffer.buffer : buffer;
  const offset = isView ? buffer.byteOffset : 0;
  const byteLength = buffer.byteLength;
  const expected = length * Type.BYTES_PER_ELEMENT;
  if (byteLength !== expected) {
    throw new Error(`${name} buffer has ${byteLength} bytes, expected ${expected}`);
  }
  if (offset % Type.BYTES_PER_ELEMENT === 0) return new Type(bytes, offset, length);
  return new Type(bytes.slice(offset, offset + byteLength));
}
