import { describe, expect, it } from "vitest";
import { ANNOTATE_MAX, annotates, cellFormat } from "./heatmap.js";

describe("cell annotations", () => {
  it("are written in frames up to 20 x 20 unless forced either way", () => {
    expect(ANNOTATE_MAX).toBe(20);
    const auto = [annotates(null, 20, 20), annotates(null, 21, 3), annotates(null, 3, 21)];
    expect(auto).toEqual([true, false, false]);
    expect([annotates(true, 256, 256), annotates(false, 2, 2)]).toEqual([true, false]);
  });

  it("give every cell of a frame the same decimals, 3 significant digits for the largest", () => {
    const frame = [1.58, -0.0336, 0.573, -0.00041, NaN, -Infinity];
    expect(frame.map(cellFormat(frame))).toEqual(["1.58", "-0.03", "0.57", "0.00", "NaN", "-∞"]);
    const counts = [120, 7.5, 176];
    expect(counts.map(cellFormat(counts))).toEqual(["120", "8", "176"]);
    const small = [0.05, 0.0123];
    expect(small.map(cellFormat(small))).toEqual(["0.0500", "0.0123"]);
  });

  it("use exponents for very large or very small frames", () => {
    expect([2.5e6, 1e5].map(cellFormat([2.5e6, 1e5]))).toEqual(["2.5e6", "1.0e5"]);
    expect([2e-5].map(cellFormat([2e-5]))).toEqual(["2.0e-5"]);
    expect([0, 0].map(cellFormat([0, 0]))).toEqual(["0.00", "0.00"]);
  });
});
