import { describe, expect, it } from "vitest";
import { isolatedPoints } from "./isolated_points.js";

// A stand-in for uPlot: x in data units, 10 pixels per unit.
const plot = (xs, ys) => ({ data: [xs, ys], valToPos: (x) => x * 10 });

describe("isolatedPoints", () => {
  it("dots the values with no neighbour, not the lines", () => {
    const xs = [0, 1, 2, 3, 4, 5, 6];
    expect(isolatedPoints(plot(xs, [1, 2, null, 4, null, null, 7]), 1)).toEqual([3, 6]);
    expect(isolatedPoints(plot(xs, [1, 2, 3, 4, 5, 6, 7]), 1)).toBe(null);
    expect(isolatedPoints(plot(xs, [null, null, null, null, null, null, null]), 1)).toBe(null);
  });

  it("dots a run too narrow to see, as a binned envelope gives a sparse series", () => {
    // The two entries of one bin are 0.1 units (1 pixel) apart.
    const xs = [0, 0.1, 1, 1.1, 2, 2.1];
    expect(isolatedPoints(plot(xs, [null, null, 5, 5, null, null]), 1)).toEqual([2]);
    expect(isolatedPoints(plot(xs, [1, 1, 5, 5, null, null]), 1)).toBe(null);
  });
});
