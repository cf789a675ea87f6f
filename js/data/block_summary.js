// Per-block extremes of the store's columns, so the envelope of millions of
// rows reads a few summaries per pixel column instead of every row.
//
// Each level splits rows into blocks of 2^shift rows aligned to absolute row
// indices (block k holds rows [k << shift, (k + 1) << shift)), so dropping
// rows from the front or moving the store's arrays leaves blocks valid. A
// block holds its smallest and largest finite value and where in the block
// each first occurs. Blocks are kept as rows arrive; a block is read only
// while every one of its rows is held.

import { capacityFor, moveRows } from "./capacity.js";

// Blocks of 128 and 8,192 rows: a bin of B rows costs about 128 rows
// scanned where its edges cut blocks plus B / 128 summaries read in order,
// and the summaries add 18 bytes per 128 values (1.8%). Smaller blocks
// would scan less and cost more memory.
const SHIFTS = [7, 13];
const INITIAL_BLOCKS = 16;

/**
 * Where in each block its extreme first occurs: bytes while blocks hold at most 256 rows.
 * @typedef {Uint8Array | Uint16Array} Positions
 */

/**
 * The extremes of some values and the index where each first occurs.
 * @typedef {{ min: number, max: number, minAt: number, maxAt: number }} Extremes
 */

/**
 * One level's blocks of one column (`BlockSummaries.column`): block
 * `base + slot` holds rows [(base + slot) * size, (base + slot + 1) * size)
 * and its extremes sit at `slot` of `min`, `max`, `minAt` and `maxAt`.
 * @typedef {{
 *   size: number,
 *   base: number,
 *   min: Float64Array,
 *   max: Float64Array,
 *   minAt: Positions,
 *   maxAt: Positions,
 * }} ColumnBlocks
 */

/**
 * Running first-occurrence extremes: `minAt`/`maxAt` are -1 until a finite value is seen.
 * @returns {Extremes}
 */
export function emptyExtremes() {
  return { min: Infinity, max: -Infinity, minAt: -1, maxAt: -1 };
}

/** The blocks of one level for every column. */
class Level {
  /** @param {number} shift log2 of the rows in a block */
  constructor(shift) {
    this.size = 2 ** shift;
    /** @type {new (length: number) => Positions} */
    this.Positions = shift <= 8 ? Uint8Array : Uint16Array;
    // As reset(0, 0) leaves them: no columns, no blocks.
    this.base = 0;
    this.count = 0;
    this.capacity = INITIAL_BLOCKS;
    /** @type {Float64Array[]} per column, each block's smallest finite value */
    this.min = [];
    /** @type {Float64Array[]} per column, each block's largest finite value */
    this.max = [];
    /** @type {Positions[]} per column, where in each block its min first occurs */
    this.minAt = [];
    /** @type {Positions[]} per column, where in each block its max first occurs */
    this.maxAt = [];
  }

  /**
   * Forget every block; rows start at absolute index `start`, `width` columns.
   * @param {number} start
   * @param {number} width
   */
  reset(start, width) {
    // Absolute block number of slot 0; slots [0, count) have begun.
    this.base = Math.floor(start / this.size);
    this.count = 0;
    this.capacity = INITIAL_BLOCKS;
    /** @type {<T>(Type: new (length: number) => T) => T[]} */
    const arrays = (Type) => Array.from({ length: width }, () => new Type(this.capacity));
    this.min = arrays(Float64Array);
    this.max = arrays(Float64Array);
    this.minAt = arrays(this.Positions);
    this.maxAt = arrays(this.Positions);
  }

  /**
   * Room for blocks up to absolute `last`. Blocks wholly before row
   * `dropped` are let go, the live ones move to the front or into larger
   * arrays, as the store's rows do (capacity.js).
   * @param {number} last
   * @param {number} dropped
   */
  reserve(last, dropped) {
    if (last - this.base < this.capacity) return;
    const gone = Math.max(0, Math.min(this.count, Math.floor(dropped / this.size) - this.base));
    const live = this.count - gone;
    const needed = last - this.base - gone + 1;
    const bytes = needed * this.size * this.min.length * 8;
    const capacity = capacityFor(needed, this.capacity, bytes);
    /** @type {<T extends Float64Array | Positions>(array: T) => T} */
    const move = (array) => moveRows(array, gone, live, capacity);
    this.min = this.min.map(move);
    this.max = this.max.map(move);
    this.minAt = this.minAt.map(move);
    this.maxAt = this.maxAt.map(move);
    this.capacity = capacity;
    this.base += gone;
    this.count = live;
  }

  /**
   * Fold absolute rows [from, to) of `columns` (entry 0 of each being
   * absolute row `dropped`) into their blocks, which must be reserved.
   * @param {ArrayLike<number>[]} columns
   * @param {number} dropped
   * @param {number} from
   * @param {number} to
   */
  extend(columns, dropped, from, to) {
    const { size } = this;
    const firstBlock = Math.floor(from / size);
    columns.forEach((column, c) => {
      const [mins, maxs, minAts, maxAts] = [
        this.min[c],
        this.max[c],
        this.minAt[c],
        this.maxAt[c],
      ];
      for (
        let slot = firstBlock - this.base, start = firstBlock * size;
        start < to;
        slot++, start += size
      ) {
        // Carry on with a block that has begun (only the first can have).
        const begun = slot < this.count;
        let min = begun ? mins[slot] : Infinity;
        let max = begun ? maxs[slot] : -Infinity;
        let minAt = begun ? minAts[slot] : 0;
        let maxAt = begun ? maxAts[slot] : 0;
        const end = Math.min(to, start + size);
        for (let i = Math.max(from, start); i < end; i++) {
          const v = column[i - dropped];
          // As in scanRows: NaN compares false, +-inf are excluded.
          if (v < min && v !== -Infinity) {
            min = v;
            minAt = i - start;
          }
          if (v > max && v !== Infinity) {
            max = v;
            maxAt = i - start;
          }
        }
        mins[slot] = min;
        maxs[slot] = max;
        minAts[slot] = minAt;
        maxAts[slot] = maxAt;
      }
    });
    this.count = Math.max(this.count, Math.floor((to - 1) / size) - this.base + 1);
  }

  /**
   * Fold the blocks of the finer level `lower` that hold absolute rows
   * [from, to) into these blocks, which must be reserved: 1/lower.size of
   * the work of reading the rows, with the same result, as `lower` keeps
   * first occurrences and its last block is folded again as it fills.
   * @param {Level} lower
   * @param {number} from
   * @param {number} to
   */
  extendFrom(lower, from, to) {
    const { size } = this;
    const step = lower.size;
    const firstLower = Math.floor(from / step);
    const lastLower = Math.floor((to - 1) / step);
    const firstBlock = Math.floor((firstLower * step) / size);
    for (let c = 0; c < this.min.length; c++) {
      const [mins, maxs, minAts, maxAts] = [
        this.min[c],
        this.max[c],
        this.minAt[c],
        this.maxAt[c],
      ];
      const [lowMins, lowMaxs, lowMinAts, lowMaxAts] = [
        lower.min[c],
        lower.max[c],
        lower.minAt[c],
        lower.maxAt[c],
      ];
      let slot = firstBlock - this.base;
      let blockStart = firstBlock * size;
      const begun = slot < this.count;
      let min = begun ? mins[slot] : Infinity;
      let max = begun ? maxs[slot] : -Infinity;
      let minAt = begun ? minAts[slot] : 0;
      let maxAt = begun ? maxAts[slot] : 0;
      let next = blockStart + size;
      for (let k = firstLower, low = firstLower - lower.base; k <= lastLower; k++, low++) {
        const start = k * step;
        if (start === next) {
          mins[slot] = min;
          maxs[slot] = max;
          minAts[slot] = minAt;
          maxAts[slot] = maxAt;
          slot++;
          blockStart = next;
          next += size;
          min = Infinity;
          max = -Infinity;
          minAt = maxAt = 0;
        }
        // Finer blocks hold finite values only (or +-Infinity when empty, never taken).
        if (lowMins[low] < min) {
          min = lowMins[low];
          minAt = start + lowMinAts[low] - blockStart;
        }
        if (lowMaxs[low] > max) {
          max = lowMaxs[low];
          maxAt = start + lowMaxAts[low] - blockStart;
        }
      }
      mins[slot] = min;
      maxs[slot] = max;
      minAts[slot] = minAt;
      maxAts[slot] = maxAt;
    }
    this.count = Math.max(this.count, Math.floor((to - 1) / size) - this.base + 1);
  }
}

/** Block summaries of a store's columns, kept as rows arrive. */
export class BlockSummaries {
  /** @param {number[]} [shifts] per level, finest first, log2 of the rows in a block */
  constructor(shifts = SHIFTS) {
    this.levels = shifts.map((shift) => new Level(shift));
  }

  /**
   * Forget every block: rows start at absolute index `start`, `width` columns.
   * @param {number} start
   * @param {number} width
   */
  reset(start, width) {
    for (const level of this.levels) level.reset(start, width);
  }

  /**
   * Summarise absolute rows [from, to) of `columns`, entry 0 of each being
   * absolute row `dropped` (rows before it are gone).
   * @param {ArrayLike<number>[]} columns
   * @param {number} dropped
   * @param {number} from
   * @param {number} to
   */
  extend(columns, dropped, from, to) {
    if (to <= from) return;
    this.levels.forEach((level, l) => {
      level.reserve(Math.floor((to - 1) / level.size), dropped);
      if (l === 0) level.extend(columns, dropped, from, to);
      else level.extendFrom(this.levels[l - 1], from, to);
    });
  }

  /**
   * What `foldExtremes` reads of column `c`, valid until the next change.
   * @param {number} c
   * @returns {ColumnBlocks[]}
   */
  column(c) {
    return this.levels.map(({ size, base, min, max, minAt, maxAt }) => ({
      size,
      base,
      min: min[c],
      max: max[c],
      minAt: minAt[c],
      maxAt: maxAt[c],
    }));
  }
}

/**
 * Fold the finite extremes of `column[from..to)` into `acc` (see
 * `emptyExtremes`), keeping each extreme's first occurrence, exactly as a
 * scan of every row would. `blocks` is `BlockSummaries.column(c)` for a
 * column whose entry 0 is absolute row `offset`, or null to scan every row.
 * With `positive`, values <= 0 are left out too (a log scale's gaps).
 * @param {ArrayLike<number>} column
 * @param {ColumnBlocks[] | null} blocks
 * @param {number} offset
 * @param {number} from
 * @param {number} to
 * @param {Extremes} acc
 * @param {boolean} [positive]
 * @returns {Extremes} `acc`
 */
export function foldExtremes(column, blocks, offset, from, to, acc, positive = false) {
  // Values are taken when finite and above `low`.
  const low = positive ? 0 : -Infinity;
  if (blocks) foldLevel(column, blocks, blocks.length - 1, offset, from, to, acc, low);
  else scanRows(column, from, to, acc, low);
  return acc;
}

/**
 * Fold `column[from..to)` into `acc` by the blocks of levels 0..l (`levels[l]`
 * the coarsest), their rows where no whole block covers them; values taken
 * are finite and above `low`.
 * @param {ArrayLike<number>} column
 * @param {ColumnBlocks[]} levels
 * @param {number} l
 * @param {number} offset
 * @param {number} from
 * @param {number} to
 * @param {Extremes} acc
 * @param {number} low
 */
function foldLevel(column, levels, l, offset, from, to, acc, low) {
  if (l < 0) {
    scanRows(column, from, to, acc, low);
    return;
  }
  const { size, base, min, max, minAt, maxAt } = levels[l];
  // Whole blocks of this level inside the range: [first, end) in rows, absolute.
  const first = Math.ceil((from + offset) / size) * size;
  const end = Math.floor((to + offset) / size) * size;
  if (first >= end) {
    foldLevel(column, levels, l - 1, offset, from, to, acc, low);
    return;
  }
  foldLevel(column, levels, l - 1, offset, from, first - offset, acc, low);
  // A block with no finite value holds min = Infinity, max = -Infinity: never taken.
  for (let slot = first / size - base, start = first; start < end; slot++, start += size) {
    if (min[slot] <= low) {
      // Only the rows tell which of the block's values are above `low`, if any is.
      if (max[slot] > low)
        foldLevel(column, levels, l - 1, offset, start - offset, start + size - offset, acc, low);
      continue;
    }
    if (min[slot] < acc.min) {
      acc.min = min[slot];
      acc.minAt = start + minAt[slot] - offset;
    }
    if (max[slot] > acc.max) {
      acc.max = max[slot];
      acc.maxAt = start + maxAt[slot] - offset;
    }
  }
  foldLevel(column, levels, l - 1, offset, end - offset, to, acc, low);
}

/**
 * Fold `column[from..to)` into `acc` value by value, those finite and above `low`.
 * @param {ArrayLike<number>} column
 * @param {number} from
 * @param {number} to
 * @param {Extremes} acc
 * @param {number} low
 */
function scanRows(column, from, to, acc, low) {
  let { min, max, minAt, maxAt } = acc;
  for (let i = from; i < to; i++) {
    const v = column[i];
    // Comparisons are false for NaN, and +inf is excluded explicitly.
    if (v < min && v > low) {
      min = v;
      minAt = i;
    }
    if (v > max && v !== Infinity && v > low) {
      max = v;
      maxAt = i;
    }
  }
  acc.min = min;
  acc.max = max;
  acc.minAt = minAt;
  acc.maxAt = maxAt;
}
