import { describe, expect, it, vi } from "vitest";
import { HistoryStore } from "./store.js";

// Rows start..start+k with steps 10*i, times i, and m columns holding 100*i + c.
function rows(start, k, m) {
  const steps = new Float64Array(k);
  const times = new Float64Array(k);
  const values = new Float64Array(k * m);
  for (let r = 0; r < k; r++) {
    const i = start + r;
    steps[r] = 10 * i;
    times[r] = i;
    for (let c = 0; c < m; c++) values[r * m + c] = 100 * i + c;
  }
  return [start, steps, times, values, m];
}

describe("HistoryStore", () => {
  it("appends rows column-major and grows past its capacity", () => {
    const store = new HistoryStore(4);
    for (let start = 0; start < 100; start += 7) {
      expect(store.append(...rows(start, 7, 3))).toEqual({ added: 7, gap: false });
    }
    expect(store.length).toBe(105);
    expect(store.capacity).toBeGreaterThanOrEqual(105);
    expect(store.columnCount).toBe(3);
    for (let i = 0; i < store.length; i++) {
      expect(store.steps[i]).toBe(10 * i);
      expect(store.times[i]).toBe(i);
      expect(store.columns[2][i]).toBe(100 * i + 2);
    }
    expect(store.lastStep).toBe(1040);
  });

  it("skips rows it already holds", () => {
    const store = new HistoryStore();
    store.append(...rows(0, 5, 2));
    expect(store.append(...rows(3, 4, 2))).toEqual({ added: 2, gap: false });
    expect(store.append(...rows(0, 6, 2))).toEqual({ added: 0, gap: false });
    expect(store.length).toBe(7);
    expect(Array.from(store.steps.subarray(0, 7))).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(store.columns[1][6]).toBe(601);
  });

  it("reports a gap and leaves the history untouched", () => {
    const store = new HistoryStore();
    store.append(...rows(0, 5, 1));
    const version = store.version;
    expect(store.append(...rows(6, 2, 1))).toEqual({ added: 0, gap: true });
    expect(store.length).toBe(5);
    expect(store.version).toBe(version);
  });

  it("learns its column count from the first rows and rejects a different one", () => {
    const store = new HistoryStore();
    expect(store.columnCount).toBe(0);
    store.append(...rows(0, 2, 4));
    expect(store.columnCount).toBe(4);
    expect(() => store.append(...rows(2, 2, 3))).toThrow(/3 columns/);
    expect(store.length).toBe(2);
  });

  it("clears on a new generation and notifies subscribers", () => {
    const store = new HistoryStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.append(...rows(0, 3, 2));
    store.clear(7);
    expect(store.length).toBe(0);
    expect(store.generation).toBe(7);
    expect(store.lastStep).toBe(null);
    store.append(...rows(0, 1, 5));
    expect(store.columnCount).toBe(5);
    expect(listener).toHaveBeenCalledTimes(3);
    unsubscribe();
    store.append(...rows(1, 1, 5));
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it("finds steps by binary search", () => {
    const store = new HistoryStore();
    expect(store.nearestIndex(5)).toBe(-1);
    store.append(...rows(0, 10, 1));
    expect(store.lowerBound(30)).toBe(3);
    expect(store.lowerBound(31)).toBe(4);
    expect(store.upperBound(30)).toBe(4);
    expect(store.lowerBound(1000)).toBe(10);
    expect(store.nearestIndex(-5)).toBe(0);
    expect(store.nearestIndex(34)).toBe(3);
    expect(store.nearestIndex(36)).toBe(4);
    expect(store.nearestIndex(1e9)).toBe(9);
  });

  it("keeps a window of the last rows in order as the kernel drops old ones", () => {
    // The kernel keeps 50 rows; messages of 7 rows each carry its window start.
    const store = new HistoryStore(8);
    const n = 50;
    for (let start = 0; start < 1000; start += 7) {
      const dropped = Math.max(0, start + 7 - n);
      expect(store.append(...rows(start, 7, 3), dropped)).toEqual({ added: 7, gap: false });
      const total = start + 7;
      expect(store.total).toBe(total);
      expect(store.length).toBe(Math.min(total, n));
      expect(store.dropped).toBe(total - store.length);
      const held = Array.from({ length: store.length }, (_, i) => store.dropped + i);
      const read = (array) => Array.from(array.subarray(0, store.length));
      expect(read(store.steps)).toEqual(held.map((i) => 10 * i));
      expect(read(store.times)).toEqual(held);
      expect(read(store.columns[2])).toEqual(held.map((i) => 100 * i + 2));
    }
    // Wrapped around many times in arrays of about twice the window.
    expect(store.capacity).toBeLessThanOrEqual(2 * n);
    expect(store.lastStep).toBe(10 * 1000);
  });

  it("starts over where the kernel's window starts when rows were dropped unsent", () => {
    const store = new HistoryStore();
    store.append(...rows(0, 5, 2));
    const listener = vi.fn();
    store.subscribe(listener);
    // Rows 5..89 were dropped before they were sent: a new window, not a gap.
    expect(store.append(...rows(90, 10, 2), 90)).toEqual({ added: 10, gap: false });
    expect([store.dropped, store.length, store.total]).toEqual([90, 10, 100]);
    expect(Array.from(store.columns[1].subarray(0, 10))).toEqual(
      Array.from({ length: 10 }, (_, r) => 100 * (90 + r) + 1),
    );
    // Rows past the end that do not start the kernel's window are a gap.
    expect(store.append(...rows(105, 5, 2), 95)).toEqual({ added: 0, gap: true });
    expect(store.total).toBe(100);
    // A message with no new rows still drops what the kernel dropped.
    expect(store.append(...rows(98, 2, 2), 96)).toEqual({ added: 0, gap: false });
    expect([store.dropped, store.length]).toEqual([96, 4]);
    expect(store.steps[0]).toBe(960);
    expect(listener).toHaveBeenCalledTimes(2);
    store.clear(1);
    expect([store.dropped, store.length, store.total]).toEqual([0, 0, 0]);
  });
});
