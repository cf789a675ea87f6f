import { describe, expect, it } from "vitest";
import { barExtents, barsYRange, GAP } from "./bars.js";

describe("bars", () => {
  it("touch over bin edges, and have gaps in their slots otherwise", () => {
    expect(barExtents([0, 1, 3], 2)).toEqual({ left: [0, 1], right: [1, 3], range: [0, 3] });
    const slots = barExtents(null, 2);
    expect(slots.left).toEqual([GAP, 1 + GAP]);
    expect(slots.right).toEqual([1 - GAP, 2 - GAP]);
    expect(slots.range).toEqual([0, 2]);
  });

  it("grow from 0 on a round range of every value, unless ylim fixes it", () => {
    expect(barsYRange(null, 3, 97)).toEqual([0, 100]);
    expect(barsYRange(null, -18, 79)).toEqual([-20, 80]);
    expect(barsYRange([0, 5], 3, 97)).toEqual([0, 5]);
    expect(barsYRange(null, Infinity, -Infinity)).toEqual([0, 1]);
  });
});
