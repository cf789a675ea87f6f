import { describe, expect, it } from "vitest";
import { COLORMAPS, colormapLUT, cssColor, packRGB, textColorOn, unpackRGB } from "./colormaps.js";

const hex = (lut, i) =>
  `#${unpackRGB(lut[i])
    .map((c) => c.toString(16).padStart(2, "0"))
    .join("")}`;

describe("colormaps", () => {
  it("offers the perceptual maps, greys, the named sequential maps and diverging maps", () => {
    expect(COLORMAPS.slice(0, 6)).toEqual([
      "viridis",
      "magma",
      "inferno",
      "plasma",
      "cividis",
      "greys",
    ]);
    expect(COLORMAPS).toEqual(expect.arrayContaining(["YlGn", "Blues", "RdBu", "coolwarm"]));
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

  it("goes from one end to the other: sequential maps in lightness, diverging ones light in the middle", () => {
    const luminance = (rgb) => 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2];
    const at = (name, i) => luminance(unpackRGB(colormapLUT(name)[i]));
    for (const name of COLORMAPS) {
      const ends = Math.abs(at(name, 255) - at(name, 0));
      const middle = at(name, 128) - Math.max(at(name, 0), at(name, 255));
      expect(ends > 100 || middle > 40, name).toBe(true);
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
