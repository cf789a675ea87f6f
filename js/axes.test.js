import { describe, expect, it } from "vitest";
import { finiteExtent, formatTick, niceRange, niceStep, ticks } from "./axes.js";

describe("ticks", () => {
  it("steps by 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(1, 4)).toBe(0.2);
    expect(niceStep(700, 5)).toBe(100);
    expect(niceStep(0, 5)).toBe(1);
  });

  it("lists the ticks inside the range", () => {
    expect(ticks(-1, 1, 4).values).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(ticks(0.3, 2.9, 3).values).toEqual([1, 2]);
  });

  it("formats labels with the decimals the step needs", () => {
    expect(formatTick(0.5, 0.5)).toBe("0.5");
    expect(formatTick(20, 10)).toBe("20");
    expect(formatTick(1e-17, 0.1)).toBe("0.0");
    expect(formatTick(2e7, 1e7)).toBe("2.0e+7");
  });
});

describe("niceRange", () => {
  it("widens the data range to whole steps", () => {
    expect(niceRange(-17.3, 19.2)).toEqual([-20, 20]);
    expect(niceRange(0.12, 0.93)).toEqual([0.1, 1]);
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
