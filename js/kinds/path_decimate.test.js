import { describe, expect, it } from "vitest";
import { decimatePath, freshPathState } from "./path_decimate.js";

const identity = { ox: 0, sx: 1, oy: 0, sy: 1 };

/** A dense random walk: many consecutive points share a pixel. */
function walk(n, seed = 1) {
  let s = seed;
  const random = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    xs[i] = xs[i - 1] + (random() - 0.5) * 0.6;
    ys[i] = ys[i - 1] + (random() - 0.5) * 0.6;
  }
  return { xs, ys };
}

const pixelsOf = (xs, ys, n) => {
  const set = new Set();
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i]))
      set.add(`${Math.floor(xs[i])},${Math.floor(ys[i])}`);
  }
  return set;
};
const kept = ({ xy, n }) => ({
  xs: xy.filter((_, i) => i % 2 === 0),
  ys: xy.filter((_, i) => i % 2 === 1),
  n,
});

describe("decimatePath", () => {
  it("keeps far fewer points, visiting exactly the pixels of the whole path", () => {
    const { xs, ys } = walk(20000);
    const out = kept(decimatePath(xs, ys, 0, xs.length, identity));
    expect(out.n).toBeLessThan(xs.length / 2);
    expect(pixelsOf(out.xs, out.ys, out.n)).toEqual(pixelsOf(xs, ys, xs.length));
  });

  it("keeps the extremes to the pixel", () => {
    const { xs, ys } = walk(20000, 7);
    const out = kept(decimatePath(xs, ys, 0, xs.length, identity));
    const floorMin = (a) => Math.floor(Math.min(...a));
    const floorMax = (a) => Math.floor(Math.max(...a));
    expect(floorMin(out.xs)).toBe(floorMin(xs));
    expect(floorMax(out.xs)).toBe(floorMax(xs));
    expect(floorMin(out.ys)).toBe(floorMin(ys));
    expect(floorMax(out.ys)).toBe(floorMax(ys));
  });

  it("keeps every point that moves a pixel or more", () => {
    const xs = Float64Array.from({ length: 100 }, (_, i) => i * 3);
    const ys = Float64Array.from({ length: 100 }, (_, i) => (i % 2) * 5);
    expect(decimatePath(xs, ys, 0, 100, identity).n).toBe(100);
  });

  it("gives the same points in pieces as at once", () => {
    const { xs, ys } = walk(5000, 3);
    const whole = decimatePath(xs, ys, 0, 5000, identity);
    const state = freshPathState();
    const parts = [
      [0, 1234],
      [1234, 1235],
      [1235, 5000],
    ].map(([a, b]) => decimatePath(xs, ys, a, b, identity, state));
    const joined = parts.flatMap(({ xy, n }) => [...xy.subarray(0, 2 * n)]);
    expect(joined).toEqual([...whole.xy.subarray(0, 2 * whole.n)]);
  });

  it("breaks the path at non-finite points, once per gap", () => {
    const xs = Float64Array.from([0, 5, NaN, NaN, 10, 20]);
    const ys = Float64Array.from([0, 5, 1, 1, Infinity, 20]);
    const { xy, n } = decimatePath(xs, ys, 0, 6, identity);
    expect([...xy.subarray(0, 2 * n)]).toEqual([0, 0, 5, 5, NaN, NaN, 20, 20]);
  });

  it("maps to pixels with the scale", () => {
    const { xy, n } = decimatePath(Float64Array.from([1, 2]), Float64Array.from([1, 2]), 0, 2, {
      ox: 10,
      sx: 2,
      oy: 100,
      sy: -3,
    });
    expect([...xy.subarray(0, 2 * n)]).toEqual([12, 97, 14, 94]);
  });
});
