import { describe, expect, it, vi } from "vitest";
import { RowStore } from "./row_store.js";

// Rows start..start+k with steps 10*i, times i, and m values holding 100*i + c.
function rows(start, k, m, Values = Float64Array) {
  const steps = new Float64Array(k);
  const times = new Float64Array(k);
  const values = new Values(k * m);
  for (let r = 0; r < k; r++) {
    const i = start + r;
    steps[r] = 10 * i;
    times[r] = i;
    for (let c = 0; c < m; c++) values[r * m + c] = 100 * i + c;
  }
  return [start, steps, times, values, m];
}

describe("RowStore", () => {
  it("keeps rows contiguous and grows past its capacity", () => {
    const store = new RowStore(4);
    for (let start = 0; start < 100; start += 7) {
      expect(store.append(...rows(start, 7, 6))).toEqual({ added: 7, gap: false });
    }
    expect(store.length).toBe(105);
    expect(store.columnCount).toBe(6);
    for (let i = 0; i < store.length; i++) {
      expect(store.steps[i]).toBe(10 * i);
      expect([...store.row(i)]).toEqual([0, 1, 2, 3, 4, 5].map((c) => 100 * i + c));
    }
    expect(store.lastStep).toBe(1040);
  });

  it("holds wide rows without a per-value array", () => {
    const store = new RowStore();
    store.append(...rows(0, 2, 200_000, Float32Array));
    expect(store.columns).toEqual([]);
    expect(store.values).toBeInstanceOf(Float32Array);
    expect(store.values.length).toBeLessThan(20 * 200_000);
    expect(store.row(1)[199_999]).toBe(100 + 199_999);
  });

  it("skips rows it holds and reports gaps", () => {
    const store = new RowStore();
    store.append(...rows(0, 5, 2));
    expect(store.append(...rows(3, 4, 2))).toEqual({ added: 2, gap: false });
    expect([...store.row(6)]).toEqual([600, 601]);
    expect(store.append(...rows(9, 2, 2))).toEqual({ added: 0, gap: true });
    expect(store.length).toBe(7);
  });

  it("refuses rows of another width, and starts over on clear", () => {
    const store = new RowStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.append(...rows(0, 1, 4));
    expect(() => store.append(...rows(1, 1, 6))).toThrow(/6 values but the history has 4/);
    store.clear(3);
    expect([store.length, store.generation, store.columnCount]).toEqual([0, 3, 0]);
    store.append(...rows(0, 1, 6));
    expect(store.columnCount).toBe(6);
    expect(listener).toHaveBeenCalledTimes(3);
  });
});
