import { describe, expect, it } from "vitest";
import { denseColumns, verticalTravel } from "./dense_paths.js";

const identity = (v) => v;

describe("denseColumns", () => {
  it("spans each pixel column's extremes and joins it to the column before", () => {
    // Two points per column, as a binned envelope gives; y in pixels.
    const xs = [0, 0.4, 1, 1.2, 2, 2.3];
    const ys = [5, 1, 2, 8, 4, 3];
    expect(denseColumns(xs, ys, 0, 5, identity, identity)).toEqual({
      columns: [0, 1, 5, 1, 1, 8, 2, 3, 8],
      joins: [],
    });
  });

  it("covers every point and every line between consecutive points", () => {
    const xs = Array.from({ length: 400 }, (_, i) => i / 4);
    const ys = xs.map((x, i) => Math.sin(i) * 50 + x);
    const { columns, joins } = denseColumns(xs, ys, 0, xs.length - 1, identity, identity);
    expect(joins).toEqual([]);
    const extent = new Map();
    for (let k = 0; k < columns.length; k += 3)
      extent.set(columns[k], columns.slice(k + 1, k + 3));
    const covered = (x, y) => extent.get(x)[0] <= y && y <= extent.get(x)[1];
    for (let i = 0; i < xs.length; i++) {
      expect(covered(Math.round(xs[i]), ys[i])).toBe(true);
      // The line into a new column: its column spans where the line came from.
      if (i > 0 && Math.round(xs[i]) !== Math.round(xs[i - 1])) {
        expect(covered(Math.round(xs[i]), ys[i - 1])).toBe(true);
      }
    }
  });

  it("joins columns more than a pixel apart with a line, and breaks at gaps", () => {
    const xs = [0, 0.2, 5, 6, 7, 8];
    const ys = [1, 2, 7, 3, null, 4];
    expect(denseColumns(xs, ys, 0, 5, identity, identity)).toEqual({
      columns: [0, 1, 2, 5, 7, 7, 6, 3, 7, 8, 4, 4],
      joins: [0, 2, 5, 7],
    });
  });

  it("reads only idx0..idx1, maps through the pixel functions, takes wider neighbours", () => {
    const xs = [0, 1, 2, 3];
    const ys = [9, 1, 2, 9];
    const out = denseColumns(
      xs,
      ys,
      1,
      2,
      (v) => v * 2,
      (v) => -v,
      2,
    );
    expect(out).toEqual({ columns: [2, -1, -1, 4, -2, -1], joins: [] });
  });
});

describe("verticalTravel", () => {
  it("adds up the line's moves up and down, not across gaps", () => {
    expect(verticalTravel([0, 5, 2, null, 10, 11, 11], 0, 6, identity)).toBe(5 + 3 + 1);
    expect(verticalTravel([0, 5, 2, 9], 1, 2, (v) => 2 * v)).toBe(6);
  });
});
