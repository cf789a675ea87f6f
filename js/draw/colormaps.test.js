import { describe, expect, it } from "vitest";
import { COLORMAPS, colormapLUT, cssColor, packRGB, textColorOn, unpackRGB } from "./colormaps.js";

const hex = (lut, i) =>
  `#${unpackRGB(lut[i])
    .map((c) => c.toString(16).padStart(2, "0"))
    .join("")}`;

describe("colormaps", () => {
  it("offers the perceptual maps and greys, the same list as Python", () => {
    expect(COLORMAPS).toEqual(["viridis", "magma", "inferno", "plasma", "cividis", "greys"]);
  });

  it("builds 256-entry tables matching matplotlib's ends", () => {
    const viridis = colormapLUT("viridis");
    expect(viridis).toHaveLength(256);
    expect([hex(viridis, 0), hex(viridis, 255)]).toEqual(["#440154", "#fde725"]);
    expect([hex(colormapLUT("magma"), 0), hex(colormapLUT("magma"), 255)]).toEqual([
      "#000004",
      "#fcfdbf",
    ]);
    expect(hex(colormapLUT("cividis"), 0)).toBe("#00224e");
    const greys = colormapLUT("greys");
    expect([hex(greys, 0), hex(greys, 128), hex(greys, 255)]).toEqual([
      "#000000",
      "#808080",
      "#ffffff",
    ]);
  });

  it("goes from dark to light in every map", () => {
    const luminance = ([r, g, b]) => 0.299 * r + 0.587 * g + 0.114 * b;
    for (const name of COLORMAPS) {
      const lut = colormapLUT(name);
      expect(luminance(unpackRGB(lut[255]))).toBeGreaterThan(luminance(unpackRGB(lut[0])) + 100);
    }
  });

  it("builds each table once and falls back to viridis for unknown names", () => {
    expect(colormapLUT("plasma")).toBe(colormapLUT("plasma"));
    expect(colormapLUT("jet")).toBe(colormapLUT("viridis"));
  });

  it("packs opaque pixels as ImageData reads them", () => {
    const pixel = new Uint32Array([packRGB(1, 2, 3)]);
    expect(Array.from(new Uint8Array(pixel.buffer))).toEqual([1, 2, 3, 255]);
    expect(unpackRGB(pixel[0])).toEqual([1, 2, 3]);
    expect(cssColor(colormapLUT("greys"), 10)).toBe("rgb(10, 10, 10)");
  });

  it("writes on dark cells in white and on light cells in black", () => {
    const lut = colormapLUT("viridis");
    expect([textColorOn(lut, 0), textColorOn(lut, 255)]).toEqual(["#ffffff", "#000000"]);
  });
});
