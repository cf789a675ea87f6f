import { describe, expect, it } from "vitest";
import { BlockSummaries, emptyExtremes, foldExtremes } from "./block_summary.js";
import { HistoryStore } from "./store.js";

// Deterministic pseudo-random numbers so a failure can be reproduced.
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Few distinct values, so extremes tie and first occurrences matter; gaps, +-inf, +-0.
function value(rand) {
  const u = rand();
  if (u < 0.05) return NaN;
  if (u < 0.07) return Infinity;
  if (u < 0.09) return -Infinity;
  if (u < 0.11) return -0;
  if (u < 0.12) return (rand() - 0.5) * 1e9; // spike
  return Math.floor(rand() * 7) - 3;
}

const plain = (column, from, to) => foldExtremes(column, null, 0, from, to, emptyExtremes());

/** Rows of `m` columns from absolute row `start`: step = row index. */
function rowsOf(start, k, m, rand, gaps = 0) {
  const steps = Float64Array.from({ length: k }, (_, r) => start + r);
  const values = Float64Array.from({ length: k * m }, () => (rand() < gaps ? NaN : value(rand)));
  return [start, steps, steps, values, m];
}

/** Every column's summarised extremes over `ranges` random ranges equal a scan of every row. */
function expectMatchesScan(store, rand, ranges = 60) {
  const { length } = store;
  store.columns.forEach((column, c) => {
    const blocks = store.blocks.column(c);
    for (let k = 0; k < ranges; k++) {
      // Short and long ranges alike.
      const span = Math.floor(rand() ** 3 * (length + 1));
      const from = Math.floor(rand() * (length - span + 1));
      const to = from + span;
      const got = foldExtremes(column, blocks, store.dropped, from, to, emptyExtremes());
      expect(got).toEqual(plain(column, from, to));
    }
    expect(foldExtremes(column, blocks, store.dropped, 0, length, emptyExtremes())).toEqual(
      plain(column, 0, length),
    );
  });
}

describe("block summaries", () => {
  it("give a scan's first-occurrence extremes over any range, at every level", () => {
    const rand = random(1);
    const n = 3000;
    const column = Float64Array.from({ length: n }, () => value(rand));
    const summaries = new BlockSummaries([1, 3, 6]);
    summaries.reset(0, 1);
    // Rows arrive in batches of every size, one row included.
    for (let from = 0; from < n; ) {
      const to = Math.min(n, from + 1 + Math.floor(rand() * 90));
      summaries.extend([column], 0, from, to);
      from = to;
    }
    const blocks = summaries.column(0);
    for (let k = 0; k < 2000; k++) {
      const from = Math.floor(rand() * n);
      const to = from + Math.floor(rand() * (n - from + 1));
      expect(foldExtremes(column, blocks, 0, from, to, emptyExtremes())).toEqual(
        plain(column, from, to),
      );
    }
  });

  it("give a scan's extremes of the positive values alone, for a log scale", () => {
    const rand = random(5);
    const n = 3000;
    // Runs of positive values, so whole blocks are positive and others are mixed.
    const column = Float64Array.from({ length: n }, (_, i) =>
      Math.floor(i / 40) % 3 ? Math.abs(value(rand)) + 0.5 : value(rand),
    );
    const summaries = new BlockSummaries([1, 3, 6]);
    summaries.reset(0, 1);
    summaries.extend([column], 0, 0, n);
    const blocks = summaries.column(0);
    const masked = column.map((v) => (v > 0 ? v : NaN));
    for (let k = 0; k < 2000; k++) {
      const from = Math.floor(rand() * n);
      const to = from + Math.floor(rand() * (n - from + 1));
      expect(foldExtremes(column, blocks, 0, from, to, emptyExtremes(), true)).toEqual(
        plain(masked, from, to),
      );
    }
  });

  it("are null extremes over a range with no finite value", () => {
    const column = Float64Array.from({ length: 64 }, (_, i) => (i % 2 ? NaN : Infinity));
    const summaries = new BlockSummaries([2, 4]);
    summaries.reset(0, 1);
    summaries.extend([column], 0, 0, 64);
    expect(foldExtremes(column, summaries.column(0), 0, 0, 64, emptyExtremes())).toEqual(
      emptyExtremes(),
    );
  });

  it("stay exact across a store's appends", () => {
    const rand = random(2);
    const store = new HistoryStore(8);
    let start = 0;
    while (start < 20000) {
      const k = 1 + Math.floor(rand() ** 2 * 3000);
      store.append(...rowsOf(start, k, 3, rand));
      start += k;
      expectMatchesScan(store, rand, 10);
    }
  });

  it("stay exact in a max_rows window, through trims and compactions", () => {
    const rand = random(3);
    const store = new HistoryStore(16);
    const window = 5000;
    let start = 0;
    while (start < 60000) {
      const k = 1 + Math.floor(rand() ** 2 * 1500);
      const end = start + k;
      store.append(...rowsOf(start, k, 2, rand), Math.max(0, end - window));
      start = end;
      expectMatchesScan(store, rand, 8);
    }
    expect(store.dropped).toBeGreaterThan(50000);
    expect(store.dropped % 16).not.toBe(0);
    // The window moved to the front of its arrays many times over, not into new ones.
    expect(store.capacity).toBeLessThan(2 * (window + 1500));
  });

  it("stay exact when a small window keeps dropping into the blocks it appends to", () => {
    const rand = random(4);
    const store = new HistoryStore();
    for (let start = 0; start < 900; start += 3) {
      store.append(...rowsOf(start, 3, 2, rand), Math.max(0, start + 3 - 7));
      expectMatchesScan(store, rand, 4);
    }
    for (let start = 900; start < 1800; start += 3) {
      store.append(...rowsOf(start, 3, 2, rand), Math.max(0, start + 3 - 40));
      expectMatchesScan(store, rand, 4);
    }
  });

  it("start over on restarts, clears and width changes", () => {
    const rand = random(5);
    const store = new HistoryStore();
    store.append(...rowsOf(0, 5000, 2, rand));
    // Rows past the end that begin the kernel's window: the store restarts there.
    store.append(...rowsOf(9001, 3000, 2, rand), 9001);
    expect(store.dropped).toBe(9001);
    expectMatchesScan(store, rand);
    store.append(...rowsOf(12001, 2000, 2, rand), 9001);
    expectMatchesScan(store, rand);

    // Everything held dropped, then rows of another width.
    store.append(...rowsOf(14001, 4100, 4, rand), 14001);
    expect(store.columnCount).toBe(4);
    expectMatchesScan(store, rand);

    store.clear(1);
    store.append(...rowsOf(0, 4500, 1, rand, 0.5));
    expect(store.columnCount).toBe(1);
    expectMatchesScan(store, rand);
  });
});
