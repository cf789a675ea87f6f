import { describe, expect, it } from "vitest";
import { HistoryStore } from "../../data/store.js";
import { envelope } from "./envelope.js";

// Deterministic pseudo-random numbers so a failure can be reproduced.
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function noisyColumns(n, m, rand) {
  return Array.from({ length: m }, () => {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const u = rand();
      if (u < 0.02) column[i] = NaN;
      else if (u < 0.025) column[i] = rand() < 0.5 ? Infinity : -Infinity;
      else if (u < 0.027)
        column[i] = (rand() - 0.5) * 1e6; // spike
      else column[i] = Math.sin(i / 50) + rand();
    }
    return column;
  });
}

/** Each pair of entries of `out` is one bin: its x span, and every column's finite min and max in order. */
function expectBinsHoldExtremes(out, steps, columns, n, width) {
  expect(out.x.length % 2).toBe(0);
  expect(out.x.length).toBeLessThanOrEqual(2 * width);
  let covered = 0;
  let i = 0;
  for (let p = 0; p < out.x.length; p += 2) {
    const from = i;
    while (i < n && steps[i] <= out.x[p + 1]) i++;
    expect(steps[from]).toBe(out.x[p]);
    covered += i - from;
    columns.forEach((column, c) => {
      const bin = Array.from(column.subarray(from, i));
      const finite = bin.filter(Number.isFinite);
      const pair = [out.ys[c][p], out.ys[c][p + 1]];
      if (finite.length === 0) {
        expect(pair).toEqual([null, null]);
        return;
      }
      const min = Math.min(...finite);
      const max = Math.max(...finite);
      expect(pair).toEqual(bin.indexOf(min) <= bin.indexOf(max) ? [min, max] : [max, min]);
    });
  }
  expect(covered).toBe(n);
  const finite = columns.flatMap((c) => Array.from(c.subarray(0, n)).filter(Number.isFinite));
  expect(out.yMin).toBe(finite.reduce((a, v) => Math.min(a, v)));
  expect(out.yMax).toBe(finite.reduce((a, v) => Math.max(a, v)));
}

describe("envelope", () => {
  it("keeps every bin's true min and max of finite values, in order", () => {
    const rand = random(42);
    const n = 20000;
    const steps = new Float64Array(n);
    for (let i = 1; i < n; i++) steps[i] = steps[i - 1] + 1 + Math.floor(rand() * 3);
    const columns = noisyColumns(n, 3, rand);
    // A lone spike in an otherwise quiet column must survive.
    columns[2].fill(0);
    columns[2][12345] = 1e9;

    const width = 300;
    const out = envelope(steps, columns, n, steps[0], steps[n - 1], width);
    expect(Math.max(...out.ys[2].filter((v) => v !== null))).toBe(1e9);
    expectBinsHoldExtremes(out, steps, columns, n, width);
  });

  it("keeps them too when bins read a store's block summaries", () => {
    const rand = random(43);
    const store = new HistoryStore();
    const m = 3;
    // A window of the last 100,000 rows, appended in uneven batches; steps skip.
    let step = 0;
    for (let start = 0; start < 130_000; ) {
      const k = 1 + Math.floor(rand() * 9000);
      const steps = Float64Array.from({ length: k }, () => (step += 1 + Math.floor(rand() * 3)));
      const values = new Float64Array(k * m);
      noisyColumns(k, m, rand).forEach((column, c) => {
        for (let r = 0; r < k; r++) values[r * m + c] = column[r];
      });
      store.append(start, steps, steps, values, m, Math.max(0, start + k - 100_000));
      start += k;
    }
    store.columns[1][57_777] = -1e12;
    const { steps, columns, length, dropped } = store;
    expect(dropped % 16).not.toBe(0);
    const blocks = columns.map((_, c) => store.blocks.column(c));
    // Column 1 changed behind the summaries' back: scan it, as a transformed column is.
    blocks[1] = null;

    for (const width of [97, 1000]) {
      const out = envelope(
        steps,
        columns,
        length,
        steps[0],
        steps[length - 1],
        width,
        blocks,
        dropped,
      );
      expectBinsHoldExtremes(out, steps, columns, length, width);
      expect(out.yMin).toBe(-1e12);
      // Zoomed in: exact rows either side, bins between.
      const [x0, x1] = [steps[40_000] + 0.5, steps[41_000]];
      const zoom = envelope(steps, columns, length, x0, x1, width, blocks, dropped);
      const plain = envelope(steps, columns, length, x0, x1, width);
      expect(zoom).toEqual(plain);
    }
  });

  it("passes raw points through below two per pixel, with gaps as null", () => {
    const steps = Float64Array.from([0, 1, 2, 3, 4, 5]);
    const column = Float64Array.from([1, NaN, 3, Infinity, -Infinity, 6]);
    const out = envelope(steps, [column], 6, 0, 5, 10);
    expect(out.x).toEqual([0, 1, 2, 3, 4, 5]);
    expect(out.ys[0]).toEqual([1, null, 3, null, null, 6]);
    expect([out.yMin, out.yMax]).toEqual([1, 6]);
  });

  it("includes one point either side of a zoomed range but scales y inside it", () => {
    const steps = Float64Array.from({ length: 100 }, (_, i) => i);
    const column = Float64Array.from({ length: 100 }, (_, i) => i * i);
    const out = envelope(steps, [column], 100, 10.5, 12.5, 50);
    expect(out.x).toEqual([10, 11, 12, 13]);
    expect([out.yMin, out.yMax]).toEqual([121, 144]);
    expect([out.rows, out.binned]).toEqual([2, false]);

    const binned = envelope(steps, [column], 100, 20, 79, 10);
    expect([binned.rows, binned.binned]).toEqual([60, true]);
    expect(binned.x[0]).toBe(19);
    expect(binned.x.at(-1)).toBe(80);
    expect([binned.yMin, binned.yMax]).toEqual([400, 79 * 79]);
  });

  it("handles empty histories and ranges", () => {
    expect(envelope(new Float64Array(0), [], 0, 0, 1, 100)).toEqual({
      x: [],
      ys: [],
      yMin: null,
      yMax: null,
      rows: 0,
      binned: false,
    });
    const steps = Float64Array.from([0, 10, 20]);
    const column = Float64Array.from([1, 2, 3]);
    const between = envelope(steps, [column], 3, 11, 19, 100);
    expect(between.x).toEqual([10, 20]);
    expect(between.yMin).toBe(null);
    const allNaN = envelope(steps, [new Float64Array(3).fill(NaN)], 3, 0, 20, 100);
    expect(allNaN.ys[0]).toEqual([null, null, null]);
    expect(allNaN.yMax).toBe(null);
    // Only the first `length` rows count, whatever the arrays' capacity.
    expect(envelope(steps, [column], 2, 0, 100, 100).x).toEqual([0, 10]);
  });

  it("reduces 1,000,000 steps of 4 series to at most 2 points per pixel", () => {
    const n = 1_000_000;
    const steps = Float64Array.from({ length: n }, (_, i) => i);
    const rand = random(7);
    const columns = Array.from({ length: 4 }, () =>
      Float64Array.from({ length: n }, () => rand()),
    );
    const out = envelope(steps, columns, n, 0, n - 1, 1000);
    expect(out.x.length).toBe(2000);
    expect(out.ys.every((y) => y.length === 2000)).toBe(true);
  });
});
