import { describe, expect, it } from "vitest";
import { Scratch, seriesData } from "./series_data.js";
import { HistoryStore } from "./store.js";
import { smoothEma } from "./transforms.js";

const OPTIONS = { xAxis: "step", smoothing: 0, logY: false, hidden: [] };

/** A store of `k` rows: steps 0..k-1, times 1000 + 2i, and one column per generator. */
function storeOf(k, ...generators) {
  const store = new HistoryStore();
  const m = generators.length;
  const steps = Float64Array.from({ length: k }, (_, i) => i);
  const times = Float64Array.from({ length: k }, (_, i) => 1000 + 2 * i);
  const values = new Float64Array(k * m);
  for (let i = 0; i < k; i++) generators.forEach((f, c) => (values[i * m + c] = f(i)));
  store.append(0, steps, times, values, m);
  return store;
}

const draw = (store, options, x0, x1, width = 1000) =>
  seriesData(store, { ...OPTIONS, ...options }, x0, x1, width, new Scratch());

describe("seriesData", () => {
  it("passes the rows through when nothing is asked for", () => {
    const store = storeOf(5, (i) => i * 10, (i) => -1 - i);
    const data = draw(store, {}, 0, 4);
    expect(data.x).toEqual([0, 1, 2, 3, 4]);
    expect(data.raw).toEqual([
      [0, 10, 20, 30, 40],
      [-1, -2, -3, -4, -5],
    ]);
    expect(data.smoothed).toBe(null);
    expect([data.yMin, data.yMax]).toEqual([-5, 40]);
  });

  it("leaves hidden series out of the lines and of the y range", () => {
    const store = storeOf(5, (i) => i * 10, (i) => -1 - i);
    const data = draw(store, { hidden: [true, false] }, 0, 4);
    expect(data.raw[0]).toEqual([null, null, null, null, null]);
    expect(data.raw[1]).toEqual([-1, -2, -3, -4, -5]);
    expect([data.yMin, data.yMax]).toEqual([-5, -1]);
  });

  it("draws values <= 0 as gaps on a log scale, and scales to the positive ones", () => {
    const store = storeOf(6, (i) => [1, 0, -5, 100, NaN, 0.01][i]);
    const data = draw(store, { logY: true }, 0, 5);
    expect(data.raw[0]).toEqual([1, null, null, 100, null, 0.01]);
    expect([data.yMin, data.yMax]).toEqual([0.01, 100]);
    // The store itself is left as it was.
    expect(store.columns[0][2]).toBe(-5);
  });

  it("smooths the visible rows, from one row before the range, raw line kept", () => {
    const f = (i) => (i % 2 ? 10 : 0) + i;
    const store = storeOf(100, f);
    const data = draw(store, { smoothing: 0.9 }, 50, 60);
    const expected = smoothEma(Float64Array.from({ length: 100 }, (_, i) => f(i)), 49, 62, 0.9, []);
    expect(data.x).toEqual(Array.from({ length: 13 }, (_, i) => 49 + i));
    expect(data.smoothed[0]).toEqual(Array.from(expected));
    expect(data.raw[0]).toEqual(data.x.map(f));
  });

  it("smooths first, then leaves out what is not positive on a log scale", () => {
    const store = storeOf(4, (i) => [4, -2, 4, 4][i]);
    const data = draw(store, { smoothing: 0.5, logY: true }, 0, 3);
    expect(data.raw[0]).toEqual([4, null, 4, 4]);
    expect(data.smoothed[0][0]).toBe(4);
    expect(data.smoothed[0][1]).toBeCloseTo((0.5 * 0.5 * 4 + 0.5 * -2) / 0.75, 12);
    expect(data.smoothed[0].every((v) => v === null || v > 0)).toBe(true);
  });

  it("puts rows at their wall-clock times on a time axis", () => {
    const store = storeOf(5, (i) => i);
    const data = draw(store, { xAxis: "time" }, 1002, 1006);
    expect(data.x).toEqual([1000, 1002, 1004, 1006, 1008]);
    expect([data.yMin, data.yMax]).toEqual([1, 3]);
  });

  it("reuses its scratch arrays from draw to draw", () => {
    const store = storeOf(50, (i) => i);
    const scratch = new Scratch();
    seriesData(store, { ...OPTIONS, smoothing: 0.5 }, 0, 49, 100, scratch);
    const arrays = [...scratch.arrays];
    seriesData(store, { ...OPTIONS, smoothing: 0.6, logY: true }, 10, 40, 100, scratch);
    expect(scratch.arrays[0]).toBe(arrays[0]);
  });
});
