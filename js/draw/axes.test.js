import { describe, expect, it } from "vitest";
import { axisTicks, finiteExtent, niceRange } from "./axes.js";

describe("axisTicks", () => {
  it("spaces round ticks by about the pixels asked for", () => {
    expect(axisTicks([-1, 1], 200, 50)).toEqual({
      values: [-1, -0.5, 0, 0.5, 1],
      labels: ["-1.0", "-0.5", "0", "0.5", "1.0"],
    });
    expect(axisTicks([0, 100], 800, 80).values).toHaveLength(11);
    expect(axisTicks([0, 100], 100, 80).values).toEqual([0, 50, 100]);
  });
});

describe("niceRange", () => {
  it("widens the data range to whole steps", () => {
    expect(niceRange(-17.3, 19.2)).toEqual([-20, 20]);
    expect(niceRange(0.12, 0.93)).toEqual([0.1, 1]);
    expect(niceRange(0.31, 0.58)).toEqual([0.3, 0.6]);
  });

  it("stays put while the data moves inside a step", () => {
    expect(niceRange(-17.9, 18.1)).toEqual(niceRange(-16.2, 19.9));
  });

  it("gives flat and empty ranges a width", () => {
    expect(niceRange(5, 5)[0]).toBeLessThan(5);
    expect(niceRange(0, 0)).toEqual([-1, 1]);
    expect(niceRange(Infinity, -Infinity)).toEqual([0, 1]);
  });
});

describe("finiteExtent", () => {
  it("reads every stride-th value and ignores NaN and infinities", () => {
    const xy = [1, 100, NaN, -5, -3, Infinity, 2, 7];
    expect(finiteExtent(xy, 0, xy.length, 2)).toEqual([-3, 2]);
    expect(finiteExtent(xy, 1, xy.length, 2)).toEqual([-5, Infinity]);
  });

  it("extends a running extent", () => {
    const extent = [0, 1];
    finiteExtent([5, -2], 0, 2, 1, extent);
    expect(extent).toEqual([-2, 5]);
  });
});
