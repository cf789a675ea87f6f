import { describe, expect, it } from "vitest";
import { fillRgba, imageFit, PAD } from "./image.js";

describe("image pixels", () => {
  it("turn RGB bytes into opaque RGBA and copy RGBA as it is", () => {
    const rgba = new Uint8ClampedArray(8);
    fillRgba(rgba, Uint8Array.from([1, 2, 3, 4, 5, 6]), 2, 3);
    expect(Array.from(rgba)).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
    fillRgba(rgba, Uint8Array.from([9, 8, 7, 0, 6, 5, 4, 128]), 2, 4);
    expect(Array.from(rgba)).toEqual([9, 8, 7, 0, 6, 5, 4, 128]);
  });

  it("are enlarged by whole pixels to fit, and shrunk to fit when larger", () => {
    expect(imageFit(48, 64, 800, 300 + 2 * PAD)).toEqual([384, 288]);
    expect(imageFit(256, 256, 800, 300)).toEqual([256, 256]);
    const [w, h] = imageFit(1000, 500, 800, 300 + 2 * PAD);
    expect([w, h]).toEqual([150, 300]);
  });
});
