import { describe, expect, it } from "vitest";
import { RowStore } from "../data/row_store.js";
import { resolveLimits, ValueRange } from "./value_range.js";

function storeWith(rowsOfValues, generation = 0) {
  const store = new RowStore();
  if (generation) store.clear(generation);
  const m = rowsOfValues[0].length;
  const k = rowsOfValues.length;
  const steps = Float64Array.from({ length: k }, (_, i) => i);
  store.append(0, steps, new Float64Array(k), Float64Array.from(rowsOfValues.flat()), m);
  return store;
}

function append(store, row) {
  const values = Float64Array.from(row);
  store.append(
    store.length,
    Float64Array.of(store.length),
    Float64Array.of(0),
    values,
    row.length,
  );
}

describe("ValueRange", () => {
  it("tracks min and max of finite values from new rows only", () => {
    const store = storeWith([
      [5, 3],
      [NaN, 4],
    ]);
    const range = new ValueRange();
    expect(range.update(store)).toBe(true);
    expect([range.min, range.max, range.nonFinite]).toEqual([3, 5, true]);
    expect(range.update(store)).toBe(false);
    append(store, [2, 9]);
    expect(range.update(store)).toBe(true);
    expect([range.min, range.max, range.rows]).toEqual([2, 9, 3]);
  });

  it("starts over when the history is reset", () => {
    const store = storeWith([[100, -100]]);
    const range = new ValueRange();
    range.update(store);
    store.clear(1);
    append(store, [1, 2]);
    range.update(store);
    expect([range.min, range.max, range.nonFinite]).toEqual([1, 2, false]);
  });

  it("takes a band of each row's values, and starts over when the band moves", () => {
    const store = storeWith([
      [-50, 50, 1, 2],
      [-60, 60, 3, NaN],
    ]);
    const range = new ValueRange();
    range.update(store, 2);
    expect([range.min, range.max, range.nonFinite]).toEqual([1, 3, true]);
    range.update(store, 0, 2);
    expect([range.min, range.max, range.nonFinite]).toEqual([-60, 60, false]);
  });

  it("reads the snapshot extent its key names", () => {
    const store = storeWith([[1, 2]]);
    store.xExtent = { generation: store.generation, min: -9, max: 9, nonFinite: false };
    const x = new ValueRange("xExtent");
    x.update(store);
    expect([x.min, x.max]).toEqual([-9, 9]);
    const values = new ValueRange();
    values.update(store);
    expect([values.min, values.max]).toEqual([1, 2]);
  });

  it("is empty while it has seen no finite value", () => {
    const range = new ValueRange();
    range.update(storeWith([[NaN, Infinity]]));
    expect(range.empty).toBe(true);
  });
});

describe("resolveLimits", () => {
  const range = (min, max) => ({ min, max, empty: min > max });

  it("uses fixed limits where given and the data range elsewhere", () => {
    expect(resolveLimits(range(-3, 7), null, null)).toEqual([-3, 7]);
    expect(resolveLimits(range(-3, 7), 0, null)).toEqual([0, 7]);
    expect(resolveLimits(range(-3, 7), null, 1)).toEqual([-3, 1]);
    expect(resolveLimits(range(-3, 7), -10, 10)).toEqual([-10, 10]);
  });

  it("never returns an empty or flat range", () => {
    expect(resolveLimits(range(Infinity, -Infinity), null, null)).toEqual([0, 1]);
    expect(resolveLimits(range(2, 2), null, null)).toEqual([1.8, 2.2]);
    expect(resolveLimits(range(0, 0), null, null)).toEqual([-0.5, 0.5]);
    expect(resolveLimits(range(-3, 7), 8, null)).toEqual([8, 9]);
    expect(resolveLimits(range(-3, 7), null, -5)).toEqual([-6, -5]);
    expect(resolveLimits(range(Infinity, -Infinity), null, 4)).toEqual([3, 4]);
  });
});
