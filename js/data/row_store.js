// The history of a view whose rows are wide (an image, a curve of many
// points). The column-major HistoryStore would keep one array per value;
// here each row is contiguous, kept in the type it arrived in (float32 rows
// take half the memory, an image's uint8 pixels an eighth), in chunks of at most CHUNK_BYTES so the history
// grows without copying what it already holds. Row `i` of the view is row
// `head + i` of the chunks, as in the HistoryStore's backing arrays.

import { HistoryStore } from "./store.js";

/** @typedef {import("./typed_array.js").WireArray} WireArray */

const CHUNK_BYTES = 8 << 20;
const FIRST_CHUNK_ROWS = 16;

export class RowStore extends HistoryStore {
  /** @param {number} [capacity] rows the arrays hold before they first grow */
  constructor(capacity) {
    super(capacity);
    this.width = 0;
    /** @type {WireArray[]} chunk k holds backing rows [k * rowsPerChunk, (k + 1) * rowsPerChunk) */
    this._chunks = [];
    this._rowsPerChunk = 1;
    /** @type {import("./typed_array.js").WireArrayType} the type rows arrived in */
    this._Type = Float64Array;
  }

  get columnCount() {
    return this.width;
  }

  /**
   * Row `i` as `width` values (a view into the store, valid until it is cleared).
   * @param {number} i
   * @returns {WireArray}
   */
  row(i) {
    const b = this._head + i;
    const k = Math.floor(b / this._rowsPerChunk);
    const at = (b - k * this._rowsPerChunk) * this.width;
    return this._chunks[k].subarray(at, at + this.width);
  }

  /**
   * Value `c` of row `i`.
   * @param {number} i
   * @param {number} c
   * @returns {number}
   */
  value(i, c) {
    const b = this._head + i;
    const k = Math.floor(b / this._rowsPerChunk);
    return this._chunks[k][(b - k * this._rowsPerChunk) * this.width + c];
  }

  /**
   * Hold rows of `m` values from now on, in the type of `values` (float64 without).
   * @param {number} m
   * @param {WireArray} [values]
   */
  _setWidth(m, values) {
    this.width = m;
    this._chunks = [];
    this._Type =
      values instanceof Uint8Array
        ? Uint8Array
        : values instanceof Float32Array
          ? Float32Array
          : Float64Array;
    const rowBytes = Math.max(1, m) * this._Type.BYTES_PER_ELEMENT;
    this._rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / rowBytes));
  }

  /**
   * Copy rows `skip`..`count - 1` of row-major `values` to backing row `at` on.
   * @param {WireArray} values
   * @param {number} m
   * @param {number} skip
   * @param {number} count
   * @param {number} at
   */
  _writeValues(values, m, skip, count, at) {
    const perChunk = this._rowsPerChunk;
    for (let r = skip, i = at; r < count; ) {
      const k = Math.floor(i / perChunk);
      const offset = i - k * perChunk;
      const n = Math.min(count - r, perChunk - offset);
      this._chunk(k, offset + n).set(values.subarray(r * m, (r + n) * m), offset * m);
      r += n;
      i += n;
    }
  }

  /**
   * Rows [head, head + length) start over at the front, in new chunks (rows before head were dropped).
   * @param {number} head
   * @param {number} length
   */
  _moveValues(head, length) {
    if (head === 0) return;
    const held = Array.from({ length }, (_, i) => this.row(i));
    this._chunks = [];
    held.forEach((row, i) => {
      this._writeValues(row, this.width, 0, 1, i);
    });
  }

  /**
   * Chunk `k`, able to hold at least `rows` rows; only the newest chunk ever grows.
   * @param {number} k
   * @param {number} rows
   * @returns {WireArray}
   */
  _chunk(k, rows) {
    const perChunk = this._rowsPerChunk;
    let chunk = this._chunks[k];
    const held = chunk ? chunk.length / this.width : 0;
    if (held < rows) {
      const size = Math.min(perChunk, Math.max(rows, 2 * held, FIRST_CHUNK_ROWS));
      const grown = new this._Type(size * this.width);
      if (chunk) grown.set(chunk);
      this._chunks[k] = chunk = grown;
    }
    return chunk;
  }
}
