import { describe, expect, it } from "vitest";
import { colorIndex, NO_DATA, paintValues } from "./pixels.js";

// A LUT whose entry i is the pixel value 1000 + i, so indices can be read back.
const lut = Uint32Array.from({ length: 256 }, (_, i) => 1000 + i);
const indices = (pixels) => Array.from(pixels, (p) => (p === NO_DATA ? "none" : p - 1000));

describe("colorIndex", () => {
  it("maps [lo, hi] onto 0..255 and clamps outside it", () => {
    expect([colorIndex(0, 0, 1), colorIndex(0.5, 0, 1), colorIndex(1, 0, 1)]).toEqual([
      0, 128, 255,
    ]);
    expect([colorIndex(-5, 0, 1), colorIndex(7, 0, 1)]).toEqual([0, 255]);
    expect(colorIndex(0.999, 0, 1)).toBe(255);
    expect(colorIndex(-1 + 2 / 256, -1, 1)).toBe(1);
  });

  it("has no colour for NaN and inf", () => {
    const none = [NaN, Infinity, -Infinity].map((v) => colorIndex(v, 0, 1));
    expect(none).toEqual([-1, -1, -1]);
  });
});

describe("paintValues", () => {
  it("paints values through the LUT, clamped to vmin..vmax, NaN as no data", () => {
    const pixels = new Uint32Array(6);
    paintValues(pixels, 0, [10, 15, 20, -3, NaN, Infinity], 0, 6, lut, 10, 20);
    expect(indices(pixels)).toEqual([0, 128, 255, 0, "none", "none"]);
    expect(NO_DATA).toBe(0); // transparent: the "no data" hatching shows through
  });

  it("agrees with colorIndex everywhere", () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => -2 + i * 0.0041);
    const pixels = new Uint32Array(1000);
    paintValues(pixels, 0, values, 0, 1000, lut, -1, 1);
    expect(indices(pixels)).toEqual(Array.from(values, (v) => colorIndex(v, -1, 1)));
  });

  it("writes at an offset and samples with a stride", () => {
    const pixels = new Uint32Array(5);
    paintValues(pixels, 2, [0, 9, 1, 9, 2, 9], 0, 3, lut, 0, 2, 2);
    expect(indices(pixels)).toEqual(["none", "none", 0, 128, 255]);
  });
});
