import { describe, expect, it } from "vitest";
import { COLORMAP_NAMES, colormapCss, colormapTable, TABLE_SIZE } from "./colormaps.js";

describe("colormapTable", () => {
  it("has 256 RGB entries from the first stop to the last", () => {
    const table = colormapTable("viridis");
    expect(table.length).toBe(TABLE_SIZE * 3);
    expect([...table.subarray(0, 3)]).toEqual([0x44, 0x01, 0x54]);
    expect([...table.subarray(765)]).toEqual([0xfd, 0xe7, 0x25]);
  });

  it("makes greys run from black to white through equal channels", () => {
    const table = colormapTable("greys");
    for (let i = 0; i < TABLE_SIZE; i++) {
      expect(table[i * 3]).toBe(i);
      expect(table[i * 3 + 1]).toBe(i);
    }
  });

  it("gets lighter along every perceptual map", () => {
    const luminance = (t, i) => 0.2126 * t[i * 3] + 0.7152 * t[i * 3 + 1] + 0.0722 * t[i * 3 + 2];
    for (const name of COLORMAP_NAMES) {
      const table = colormapTable(name);
      expect(luminance(table, 255), name).toBeGreaterThan(luminance(table, 128));
      expect(luminance(table, 128), name).toBeGreaterThan(luminance(table, 0));
    }
  });

  it("falls back to viridis for an unknown name", () => {
    expect(colormapTable("jet")).toBe(colormapTable("viridis"));
    expect(colormapCss("viridis", 0)).toBe("rgb(68, 1, 84)");
  });
});
