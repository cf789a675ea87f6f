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
});
