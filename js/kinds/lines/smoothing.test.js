import { describe, expect, it } from "vitest";
import { emaState, pointWeight, smoothEma } from "./smoothing.js";

const smooth = (values, weight, from = 0, to = values.length) =>
  Array.from(smoothEma(Float64Array.from(values), from, to, weight, new Float64Array(to - from)));

/** The textbook debiased EMA over the finite values, NaN where the input is not finite. */
function reference(values, weight) {
  const out = [];
  let numerator = 0;
  let denominator = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) {
      out.push(v);
      continue;
    }
    // sum of w^(k-j) (1-w) v_j over the values so far, over the sum of their weights.
    numerator = numerator * weight + (1 - weight) * v;
    denominator = denominator * weight + (1 - weight);
    out.push(numerator / denominator);
  }
  return out;
}

describe("smoothEma", () => {
  it("is debiased: the first point is the first value, not pulled towards 0", () => {
    const out = smooth([10, 10, 20, 0, 5], 0.9);
    expect(out[0]).toBe(10);
    expect(out[1]).toBeCloseTo(10, 12);
    // (0.9 * 0.1 * 10 + 0.1 * 20 + 0.9^2 * 0.1 * 10) / (1 - 0.9^3)
    expect(out[2]).toBeCloseTo((0.81 + 0.9 + 2) / 0.271, 12);
    const expected = reference([10, 10, 20, 0, 5], 0.9);
    out.forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i], 12);
    });
  });

  it("matches the textbook formula on noisy data for several weights", () => {
    const values = Array.from({ length: 500 }, (_, i) => Math.sin(i / 7) * 3 + ((i * 7919) % 13));
    for (const weight of [0, 0.3, 0.6, 0.9, 0.99]) {
      const out = smooth(values, weight);
      const expected = reference(values, weight);
      out.forEach((v, i) => {
        expect(v).toBeCloseTo(expected[i], 9);
      });
    }
  });

  it("leaves values as they are at weight 0", () => {
    expect(smooth([3, -1, 0.25], 0)).toEqual([3, -1, 0.25]);
  });

  it("keeps a flat line exactly flat", () => {
    const out = smooth(new Array(1000).fill(0.1), 0.95);
    expect(new Set(out)).toEqual(new Set([0.1]));
  });

  it("keeps gaps as gaps and carries the average across them", () => {
    const values = [1, NaN, 3, Infinity, -Infinity, 5, NaN];
    const out = smooth(values, 0.5);
    expect(out[1]).toBeNaN();
    expect(out[3]).toBe(Infinity);
    expect(out[4]).toBe(-Infinity);
    expect(out[6]).toBeNaN();
    // The gaps do not count: the same as smoothing [1, 3, 5].
    const dense = smooth([1, 3, 5], 0.5);
    expect([out[0], out[2], out[5]]).toEqual(dense);
    expect(dense[1]).toBeCloseTo((0.5 * 0.5 * 1 + 0.5 * 3) / 0.75, 12);
  });

  it("starts its average at `from`", () => {
    const values = [100, 100, 1, 2, 3];
    expect(smooth(values, 0.8, 2, 5)).toEqual(smooth([1, 2, 3], 0.8));
  });

  it("carries on from where a call stopped, given its state", () => {
    const values = Float64Array.from([4, NaN, 1, 7, 2, 9, 3]);
    const state = emaState();
    const out = new Float64Array(7);
    smoothEma(values, 0, 3, 0.6, out, state, 0);
    smoothEma(values, 3, 7, 0.6, out, state, 3);
    expect(Array.from(out)).toEqual(smooth(Array.from(values), 0.6));
  });
});

describe("pointWeight", () => {
  it("keeps the weight for points that are rows, and raises it for points of many rows", () => {
    expect(pointWeight(0.9, 100, 100)).toBe(0.9);
    expect(pointWeight(0.9, 50, 100)).toBe(0.9);
    expect(pointWeight(0.9, 0, 0)).toBe(0.9);
    expect(pointWeight(0.9, 400, 100)).toBeCloseTo(0.9 ** 4, 15);
  });
});
