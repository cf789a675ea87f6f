import { describe, expect, it } from "vitest";
import { RowStore } from "./row_store.js";

// Rows start..start+k with steps 10*i and m values holding 100*i + c.
function rows(start, k, m, Type = Float64Array) {
  const steps = Float64Array.from({ length: k }, (_, r) => 10 * (start + r));
  const times = Float64Array.from({ length: k }, (_, r) => start + r);
  const values = Type.from(
    { length: k * m },
    (_, j) => 100 * (start + Math.floor(j / m)) + (j % m),
  );
  return [start, steps, times, values, m];
}

describe("RowStore", () => {
  it("keeps rows contiguous, across chunks, without per-value arrays", () => {
    const store = new RowStore();
    const m = 300_000; // about 2.4 MB a row: 3 rows per 8 MB chunk
    for (let start = 0; start < 10; start += 2) store.append(...rows(start, 2, m));
    expect(store.length).toBe(10);
    expect(store.columnCount).toBe(m);
    expect(store.columns).toEqual([]);
    for (let i = 0; i < 10; i++) {
      const row = store.row(i);
      expect(row.length).toBe(m);
      expect([row[0], row[m - 1]]).toEqual([100 * i, 100 * i + m - 1]);
      expect(store.value(i, 7)).toBe(100 * i + 7);
    }
  });

  it("stores float32 rows as float32", () => {
    const store = new RowStore();
    store.append(...rows(0, 3, 4, Float32Array));
    expect(store.row(2)).toBeInstanceOf(Float32Array);
    expect(Array.from(store.row(2))).toEqual([200, 201, 202, 203]);
  });

  it("stores uint8 rows (image pixels) as uint8", () => {
    const store = new RowStore();
    const pixels = Uint8Array.from([1, 2, 3, 4, 5, 6]);
    store.append(0, new Float64Array([0, 1]), new Float64Array([0, 0]), pixels, 3);
    expect(store.row(1)).toBeInstanceOf(Uint8Array);
    expect(Array.from(store.row(1))).toEqual([4, 5, 6]);
  });

  it("skips rows it holds, reports gaps, and starts over on a new generation", () => {
    const store = new RowStore();
    store.append(...rows(0, 5, 2));
    expect(store.append(...rows(3, 4, 2))).toEqual({ added: 2, gap: false });
    expect(Array.from(store.row(6))).toEqual([600, 601]);
    expect(store.append(...rows(9, 1, 2))).toEqual({ added: 0, gap: true });
    store.clear(1);
    expect([store.length, store.columnCount, store.generation]).toEqual([0, 0, 1]);
    store.append(...rows(0, 1, 3));
    expect(Array.from(store.row(0))).toEqual([0, 1, 2]);
  });

  it("refuses rows of another width while it holds rows", () => {
    const store = new RowStore();
    store.append(...rows(0, 1, 2));
    expect(() => store.append(...rows(1, 1, 3))).toThrow(/3 columns but the history has 2/);
  });

  it("keeps the kernel's window of the last rows in order after wrapping around", () => {
    const store = new RowStore(8);
    const window = 5;
    for (let start = 0; start < 40; start += 3) {
      const batch = rows(start, 3, 2);
      // The kernel keeps the last `window` rows: its first held row is `dropped`.
      store.append(...batch, Math.max(0, start + 3 - window));
    }
    expect(store.total).toBe(42);
    expect(store.length).toBe(window);
    expect(store.dropped).toBe(42 - window);
    for (let i = 0; i < window; i++) {
      const absolute = store.dropped + i;
      expect(Array.from(store.row(i))).toEqual([100 * absolute, 100 * absolute + 1]);
      expect(store.value(i, 1)).toBe(100 * absolute + 1);
      expect(store.steps[i]).toBe(10 * absolute);
    }
    expect(store.capacity).toBeLessThanOrEqual(4 * window);
  });
});
