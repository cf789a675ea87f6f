import { describe, expect, it } from "vitest";
import { colormapLUT, unpackRGB } from "../../draw/colormaps.js";
import {
  decodeBytes,
  fadedPalette,
  fadedPixel,
  MISSING_LEVEL,
  pointLevels,
  SINGLE_LEVEL,
  trailAlpha,
} from "./point_colors.js";

const rgbOf = (pixel) => unpackRGB(pixel);

describe("pointLevels", () => {
  it("spreads points along the colormap by index, so a point keeps its colour", () => {
    const levels = pointLevels(5);
    expect([...levels]).toEqual([0, 64, 128, 191, 255]);
    expect([...pointLevels(1)]).toEqual([0]);
  });

  it("maps per-point value bytes onto the table, 255 as missing", () => {
    const levels = pointLevels(3, { colors: Uint8Array.from([0, 254, 255]) });
    expect([...levels]).toEqual([0, 255, MISSING_LEVEL]);
  });

  it("gives every point the single colour when one is set", () => {
    expect([...pointLevels(3, { single: true })]).toEqual([
      SINGLE_LEVEL,
      SINGLE_LEVEL,
      SINGLE_LEVEL,
    ]);
  });
});

describe("trailAlpha", () => {
  it("is 1 for the frame shown and fades linearly with age", () => {
    expect(trailAlpha(0, 3)).toBe(1);
    expect(trailAlpha(1, 3)).toBe(0.75);
    expect(trailAlpha(3, 3)).toBe(0.25);
  });

  it("is 0 for frames outside the trail, and trail 0 shows only the current frame", () => {
    expect(trailAlpha(4, 3)).toBe(0);
    expect(trailAlpha(-1, 3)).toBe(0);
    expect(trailAlpha(0, 0)).toBe(1);
    expect(trailAlpha(1, 0)).toBe(0);
  });

  it("makes every older frame strictly fainter", () => {
    const alphas = Array.from({ length: 11 }, (_, age) => trailAlpha(age, 10));
    for (let i = 1; i < alphas.length; i++) expect(alphas[i]).toBeLessThan(alphas[i - 1]);
    expect(alphas.at(-1)).toBeGreaterThan(0);
  });
});

describe("palettes", () => {
  it("fades a colour toward the background", () => {
    expect(rgbOf(fadedPixel([200, 100, 0], 1, [255, 255, 255]))).toEqual([200, 100, 0]);
    expect(rgbOf(fadedPixel([200, 100, 0], 0.5, [0, 0, 0]))).toEqual([100, 50, 0]);
    expect(rgbOf(fadedPixel([200, 100, 0], 0, [10, 20, 30]))).toEqual([10, 20, 30]);
  });

  it("covers the colormap and the missing and single colours", () => {
    const lut = colormapLUT("viridis");
    const palette = fadedPalette(lut, [1, 2, 3], [4, 5, 6], 1, [255, 255, 255]);
    expect(palette[0]).toBe(lut[0]);
    expect(palette[255]).toBe(lut[255]);
    expect(rgbOf(palette[MISSING_LEVEL])).toEqual([1, 2, 3]);
    expect(rgbOf(palette[SINGLE_LEVEL])).toEqual([4, 5, 6]);
  });

  it("fades older trail frames toward the background", () => {
    const lut = colormapLUT("viridis");
    const white = [255, 255, 255];
    const sum = (pixel) => rgbOf(pixel).reduce((a, b) => a + b, 0);
    const [now, older, oldest] = [0, 1, 2].map(
      (age) => fadedPalette(lut, white, white, trailAlpha(age, 2), white)[0],
    );
    expect(sum(now)).toBeLessThan(sum(older));
    expect(sum(older)).toBeLessThan(sum(oldest));
  });

  it("decodes base64 bytes", () => {
    expect([...decodeBytes("AP7/")]).toEqual([0, 254, 255]);
  });
});
