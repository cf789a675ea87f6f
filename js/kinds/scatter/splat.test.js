import { describe, expect, it } from "vitest";
import { discStamp, splatPoints } from "./splat.js";

const W = 10;
const H = 10;
// One panel covering the whole image, data (0..10) mapped 1:1 with y up.
const panel = { ox: 0, sx: 1, oy: 10, sy: -1, left: 0, top: 0, right: W, bottom: H };
const RED = 0xff0000ff;
const BLUE = 0xffff0000;

function draw(xy, { stamp = discStamp(0.5), panels = [panel], panelOf = null, levels } = {}) {
  const pixels = new Uint32Array(W * H);
  const k = xy.length / 2;
  splatPoints(pixels, W, Float64Array.from(xy), k, {
    levels: levels ?? new Uint16Array(k),
    palette: Uint32Array.from([RED, BLUE]),
    panelOf,
    panels,
    stamp,
  });
  return pixels;
}

const lit = (pixels) =>
  [...pixels.keys()].filter((i) => pixels[i]).map((i) => [i % W, Math.floor(i / W)]);

describe("splatPoints", () => {
  it("puts each point in the pixel under it, y growing upwards", () => {
    expect(lit(draw([2.5, 7.5]))).toEqual([[2, 2]]);
  });

  it("skips NaN points and points outside the panel", () => {
    expect(lit(draw([NaN, 1, 1, Infinity, -1, 5, 11, 5]))).toEqual([]);
  });

  it("colours each point from its level, later points on top", () => {
    const pixels = draw([2.5, 7.5, 2.5, 7.5, 5.5, 5.5], { levels: Uint16Array.from([0, 1, 0]) });
    expect(pixels[2 * W + 2]).toBe(BLUE);
    expect(pixels[4 * W + 5]).toBe(RED);
  });

  it("draws points into their own panels with shared scales", () => {
    const halves = [
      { ox: 0, sx: 0.5, oy: 10, sy: -1, left: 0, top: 0, right: 5, bottom: 10 },
      { ox: 5, sx: 0.5, oy: 10, sy: -1, left: 5, top: 0, right: 10, bottom: 10 },
    ];
    const pixels = draw([4, 5.5, 4, 5.5], { panels: halves, panelOf: Uint8Array.from([0, 1]) });
    expect(lit(pixels)).toEqual([
      [2, 4],
      [7, 4],
    ]);
  });

  it("clips markers to their panel", () => {
    const inner = { ...panel, left: 2, top: 2, right: 6, bottom: 6 };
    const pixels = draw([5.5, 4.5], { stamp: discStamp(3), panels: [inner] });
    const points = lit(pixels);
    expect(points.length).toBeGreaterThan(4);
    for (const [x, y] of points) {
      expect(x >= 2 && x < 6 && y >= 2 && y < 6, `pixel ${x},${y}`).toBe(true);
    }
  });

  it("clips small square markers at the panel's edge too", () => {
    const pixels = draw([9.5, 5.5], { stamp: discStamp(1) });
    expect(lit(pixels)).toEqual([
      [9, 4],
      [9, 5],
    ]);
    expect(lit(draw([4.5, 5.5], { stamp: discStamp(1) }))).toEqual([
      [4, 4],
      [5, 4],
      [4, 5],
      [5, 5],
    ]);
  });
});

describe("discStamp", () => {
  it("is a solid square for small markers", () => {
    expect(discStamp(0.5).dx.length).toBe(1);
    expect(discStamp(1).dx.length).toBe(4);
    expect(discStamp(1).solid).toBe(true);
  });

  it("covers about the disc's area, fully inside and partly at the edge", () => {
    const stamp = discStamp(4);
    const area = stamp.coverage.reduce((a, b) => a + b, 0);
    expect(area).toBeCloseTo(Math.PI * 16, 0);
    const centre = [...stamp.dx.keys()].find((i) => stamp.dx[i] === 0 && stamp.dy[i] === 0);
    expect(stamp.coverage[centre]).toBe(1);
    expect(Math.min(...stamp.coverage)).toBeLessThan(1);
  });
});
