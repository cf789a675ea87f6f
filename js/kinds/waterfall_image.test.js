import { describe, expect, it } from "vitest";
import { RowStore } from "../data/row_store.js";
import { binFor, MAX_WIDTH, WaterfallImage } from "./waterfall_image.js";

// Row i holds m copies of i: its colour index tells which row a pixel row shows.
function store(n, m = 3) {
  const s = new RowStore();
  add(s, n, m);
  return s;
}
function add(s, k, m = s.columnCount || 3) {
  const start = s.length;
  const steps = Float64Array.from({ length: k }, (_, r) => start + r);
  const values = Float64Array.from({ length: k * m }, (_, j) => start + Math.floor(j / m));
  s.append(start, steps, new Float64Array(k), values, m);
}

const lut = Uint32Array.from({ length: 256 }, (_, i) => 1000 + i);
const image = () => new WaterfallImage((w, h) => ({ pixels: new Uint32Array(w * h), w, h }));
// The colour index of the first pixel of every used slot.
const firstColumn = (picture) =>
  Array.from({ length: picture.slots }, (_, s) => picture.image.pixels[s * picture.width] - 1000);

describe("binFor", () => {
  it("is the smallest power of two that fits the rows into the slots", () => {
    expect([binFor(0, 10), binFor(10, 10), binFor(11, 10), binFor(10_000, 300)]).toEqual([
      1, 1, 2, 64,
    ]);
  });
});

describe("WaterfallImage", () => {
  it("paints nothing and makes no image before the first row", () => {
    const sizes = [];
    const picture = new WaterfallImage((w, h) => {
      if (!(w > 0 && h > 0)) throw new Error(`an image of ${w} x ${h}`);
      sizes.push([w, h]);
      return { pixels: new Uint32Array(w * h), w, h };
    });
    expect(picture.update(new RowStore(), 0, 8, lut, 0, 255)).toBe(null);
    expect(picture.slots).toBe(0);
    expect(picture.update(store(2), 2, 8, lut, 0, 255)).toEqual([0, 2]);
    expect(sizes).toEqual([[3, 8]]);
  });

  it("gives every row its own pixel row while they fit", () => {
    const picture = image();
    expect(picture.update(store(4), 4, 8, lut, 0, 255)).toEqual([0, 4]);
    expect(picture.slots).toBe(4);
    expect(firstColumn(picture)).toEqual([0, 1, 2, 3]);
  });

  it("repaints only the slot of a new row", () => {
    const s = store(4);
    const picture = image();
    picture.update(s, 4, 8, lut, 0, 255);
    add(s, 1);
    expect(picture.update(s, 5, 8, lut, 0, 255)).toEqual([3, 5]);
    expect(firstColumn(picture)).toEqual([0, 1, 2, 3, 4]);
    expect(picture.update(s, 5, 8, lut, 0, 255)).toBe(null);
  });

  it("bins rows when they outnumber the slots, showing each bin's last row", () => {
    const s = store(10_000);
    const picture = image();
    const maxSlots = 300;
    expect(picture.update(s, 10_000, maxSlots, lut, 0, 255 * 40)).toEqual([0, 157]);
    expect(picture.bin).toBe(64);
    expect(picture.rowOfSlot(0)).toBe(63);
    expect(picture.rowOfSlot(156)).toBe(9999);
    expect(picture.slotOfRow(9999)).toBe(156);
    // A row joining the last bin repaints the last slot only.
    add(s, 1);
    expect(picture.update(s, 10_001, maxSlots, lut, 0, 255 * 40)).toEqual([156, 157]);
    expect(picture.rowOfSlot(156)).toBe(10_000);
  });

  it("repaints everything for new limits, a new colormap, or fewer rows (replay)", () => {
    const s = store(20);
    const picture = image();
    picture.update(s, 20, 8, lut, 0, 19);
    expect(picture.update(s, 20, 8, lut, 0, 38)).toEqual([0, 5]);
    expect(picture.update(s, 20, 8, lut.slice(), 0, 38)).toEqual([0, 5]);
    expect(picture.update(s, 6, 8, lut, 0, 38)).toEqual([0, 6]);
    expect(picture.bin).toBe(1);
  });

  it("samples very wide rows to at most MAX_WIDTH pixels", () => {
    const s = store(2, MAX_WIDTH * 2 + 1);
    const picture = image();
    picture.update(s, 2, 4, lut, 0, 1);
    expect([picture.stride, picture.width]).toEqual([3, Math.ceil((MAX_WIDTH * 2 + 1) / 3)]);
  });
});
