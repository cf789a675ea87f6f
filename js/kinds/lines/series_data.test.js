import { describe, expect, it } from "vitest";
import { HistoryStore } from "../../data/store.js";
import { seriesData } from "./series_data.js";
import { SmoothedColumns } from "./smoothed_columns.js";
import { smoothEma } from "./smoothing.js";

const OPTIONS = { xAxis: "step", smoothing: 0, logY: false, hidden: [] };

/** A store of `k` rows: steps 0..k-1, times 1000 + 2i, and one column per generator. */
function storeOf(k, ...generators) {
  const store = new HistoryStore();
  const m = generators.length;
  const steps = Float64Array.from({ length: k }, (_, i) => i);
  const times = Float64Array.from({ length: k }, (_, i) => 1000 + 2 * i);
  const values = new Float64Array(k * m);
  for (let i = 0; i < k; i++) {
    generators.forEach((f, c) => {
      values[i * m + c] = f(i);
    });
  }
  store.append(0, steps, times, values, m);
  return store;
}

const draw = (store, options, x0, x1, width = 1000) =>
  seriesData(store, { ...OPTIONS, ...options }, x0, x1, width, new SmoothedColumns());

describe("seriesData", () => {
  it("passes the rows through when nothing is asked for", () => {
    const store = storeOf(
      5,
      (i) => i * 10,
      (i) => -1 - i,
    );
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
    const store = storeOf(
      5,
      (i) => i * 10,
      (i) => -1 - i,
    );
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

  it("leaves out values <= 0 of a long history on a log scale, as in a masked copy", () => {
    const n = 100_000;
    const f = (i) => Math.sin(i / 3000) + (i % 997 === 0 ? -5 : 0);
    const store = storeOf(n, f);
    const data = draw(store, { logY: true }, 0, n - 1, 400);
    const masked = storeOf(n, (i) => (f(i) > 0 ? f(i) : NaN));
    const expected = draw(masked, {}, 0, n - 1, 400);
    expect(data.binned).toBe(true);
    expect(data.raw).toEqual(expected.raw);
    expect([data.yMin, data.yMax]).toEqual([expected.yMin, expected.yMax]);
  });

  it("smooths the whole history, so a zoomed range shows the same curve", () => {
    const f = (i) => (i % 2 ? 10 : 0) + i;
    const store = storeOf(100, f);
    const data = draw(store, { smoothing: 0.9 }, 50, 60);
    const all = smoothEma(
      Float64Array.from({ length: 100 }, (_, i) => f(i)),
      0,
      100,
      0.9,
      [],
    );
    expect(data.x).toEqual(Array.from({ length: 13 }, (_, i) => 49 + i));
    expect(data.smoothed[0]).toEqual(all.slice(49, 62));
    expect(data.raw[0]).toEqual(data.x.map(f));
  });

  it("smooths a saved envelope's points over the rows each stands for", () => {
    const f = (i) => (i % 2 ? 10 : 0) + i;
    const store = storeOf(100, f);
    store.rowsPerPoint = 3;
    const data = draw(store, { smoothing: 0.9 }, 0, 99);
    const values = Float64Array.from({ length: 100 }, (_, i) => f(i));
    expect(data.smoothed[0]).toEqual(Array.from(smoothEma(values, 0, 100, 0.9 ** 3, [])));
  });

  it("smooths rows as they arrive as it would smooth them all at once", () => {
    const f = (i) => Math.sin(i / 5) + (i % 7 === 3 ? NaN : 0);
    const store = new HistoryStore();
    const smoothed = new SmoothedColumns();
    for (let start = 0; start < 300; start += 37) {
      const k = Math.min(37, 300 - start);
      const steps = Float64Array.from({ length: k }, (_, i) => start + i);
      store.append(start, steps, steps, steps.map(f), 1);
      seriesData(store, { ...OPTIONS, smoothing: 0.8 }, 0, start + k - 1, 1000, smoothed);
    }
    const grown = seriesData(store, { ...OPTIONS, smoothing: 0.8 }, 0, 299, 1000, smoothed);
    expect(grown.smoothed).toEqual(draw(store, { smoothing: 0.8 }, 0, 299).smoothed);
  });

  it("keeps smoothing the rows a bounded history still holds", () => {
    const store = new HistoryStore();
    const smoothed = new SmoothedColumns();
    const all = Float64Array.from({ length: 400 }, (_, i) => (i * 37) % 11);
    for (let start = 0; start < 400; start += 50) {
      const steps = Float64Array.from({ length: 50 }, (_, i) => start + i);
      // The kernel keeps its last 120 rows: those before start + 50 - 120 are dropped.
      store.append(
        start,
        steps,
        steps,
        all.subarray(start, start + 50),
        1,
        Math.max(0, start - 70),
      );
      seriesData(store, { ...OPTIONS, smoothing: 0.7 }, 0, start + 49, 1000, smoothed);
    }
    const data = seriesData(store, { ...OPTIONS, smoothing: 0.7 }, 280, 399, 1000, smoothed);
    expect(data.x[0]).toBe(280);
    expect(data.smoothed[0]).toEqual(Array.from(smoothEma(all, 0, 400, 0.7, []).slice(280)));
  });

  it("reads summaries of the smoothed columns: a spike in a long history is drawn", () => {
    const n = 200_000;
    const f = (i) => (i === 123_456 ? 1e6 : Math.sin(i / 1000));
    const store = storeOf(n, f);
    const data = draw(store, { smoothing: 0.5 }, 0, n - 1, 300);
    expect(data.binned).toBe(true);
    const values = Float64Array.from({ length: n }, (_, i) => f(i));
    const smoothed = smoothEma(values, 0, n, 0.5, new Float64Array(n));
    expect(Math.max(...data.smoothed[0])).toBe(smoothed[123_456]);
    expect(Math.max(...data.raw[0])).toBe(1e6);
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

  it("smooths only the new rows from draw to draw, and all of them for a new weight", () => {
    const store = storeOf(50, (i) => i);
    const smoothed = new SmoothedColumns();
    seriesData(store, { ...OPTIONS, smoothing: 0.5 }, 0, 49, 100, smoothed);
    const [array] = smoothed.arrays;
    const first = array[0];
    array[0] = 1234; // a row smoothed again would lose this
    seriesData(store, { ...OPTIONS, smoothing: 0.5, logY: true }, 10, 40, 100, smoothed);
    expect(smoothed.arrays[0][0]).toBe(1234);
    seriesData(store, { ...OPTIONS, smoothing: 0.6 }, 10, 40, 100, smoothed);
    expect(smoothed.arrays[0][0]).toBe(first);
    expect(smoothed.arrays[0]).toBe(array); // a new weight refills the same arrays
  });
});
