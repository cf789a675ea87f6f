import { describe, expect, it } from "vitest";
import {
  decimalParts,
  exactLabel,
  labelledTicks,
  niceStep,
  niceTicks,
  tickLabels,
} from "./ticks.js";

/** The labels of about `count` round ticks on [lo, hi]. */
const labelsOf = (lo, hi, count) => labelledTicks(lo, hi, count).map((t) => t.label);

describe("ticks", () => {
  it("steps by 1, 2 or 5 times a power of ten", () => {
    const steps = [niceStep(10, 5), niceStep(1, 4), niceStep(700, 5), niceStep(0.03, 3)];
    expect(steps).toEqual([2, 0.5, 200, 0.01]);
  });

  it("takes the power of ten as the double nearest to it", () => {
    // 10 ** -5 is 0.000009999999999999999, which made 2e-5 look above 2.
    expect(niceStep(8e-5, 4)).toBe(2e-5);
    expect(niceStep(8e-4, 4)).toBe(2e-4);
    expect(niceTicks(1e-5, 9e-5, 4)).toEqual([2e-5, 4e-5, 6e-5, 8e-5]);
  });

  it("places round ticks inside the range without float drift", () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-0.35, 0.35, 4)).toEqual([-0.2, 0, 0.2]);
    expect(niceTicks(0.1, 0.3, 2)).toEqual([0.1, 0.2, 0.3]);
    expect(niceTicks(3, 3, 5)).toEqual([3]);
    expect(niceTicks(NaN, 1, 5)).toEqual([]);
  });

  it("keeps ticks a tiny step apart near a billion apart", () => {
    // 12 significant digits made 1e9 + 0.0005 and 1e9 one tick.
    expect(niceTicks(1e9, 1e9 + 0.001, 4)).toEqual([1e9, 1e9 + 0.0005, 1e9 + 0.001]);
  });

  it("keeps index ticks whole", () => {
    expect(niceTicks(0, 3, 10, { integer: true })).toEqual([0, 1, 2, 3]);
  });

  it("reads a step's last significant digit", () => {
    expect(decimalParts(0.025)).toEqual([25, -3]);
    expect(decimalParts(0.30000000000000004)).toEqual([3, -1]);
    expect(decimalParts(2e6)).toEqual([2, 6]);
    expect(decimalParts(-500)).toEqual([-5, 2]);
    expect(decimalParts(0)).toEqual([0, 0]);
  });
});

describe("tick labels", () => {
  it("take the decimals of the step", () => {
    expect(tickLabels([0, 0.2, 0.4], 0.2)).toEqual(["0", "0.2", "0.4"]);
    expect(tickLabels([0.05], 0.01)).toEqual(["0.05"]);
    expect(tickLabels([1000, 1500], 500)).toEqual(["1000", "1500"]);
    expect(tickLabels([0, 0.025, 0.05], 0.025)).toEqual(["0", "0.025", "0.050"]);
  });

  it("keep small values apart that three decimals merged", () => {
    expect(labelsOf(0, 0.0012, 6)).toEqual([
      "0",
      "0.0002",
      "0.0004",
      "0.0006",
      "0.0008",
      "0.0010",
      "0.0012",
    ]);
    const splits = [0, 0.00025, 0.0005, 0.00075, 0.001, 0.00125];
    expect(tickLabels(splits, 0.00025)).toEqual([
      "0",
      "0.00025",
      "0.00050",
      "0.00075",
      "0.00100",
      "0.00125",
    ]);
  });

  it("write values far below 1e-4 in scientific notation", () => {
    expect(labelsOf(0.8e-5, 1.2e-5, 4)).toEqual(["8e-6", "1.0e-5", "1.2e-5"]);
    expect(tickLabels([2.5e-6, 5e-6, 7.5e-6, 1e-5], 2.5e-6)).toEqual([
      "2.5e-6",
      "5.0e-6",
      "7.5e-6",
      "1.00e-5",
    ]);
    expect(labelsOf(1.00001e-5, 1.00003e-5, 4)).toEqual([
      "1.00001e-5",
      "1.00002e-5",
      "1.00003e-5",
    ]);
  });

  it("write a million and a few thousandths in plain decimals, shorter than scientific", () => {
    expect(labelsOf(1000000.001, 1000000.003, 4)).toEqual([
      "1000000.0010",
      "1000000.0015",
      "1000000.0020",
      "1000000.0025",
      "1000000.0030",
    ]);
    expect(labelsOf(1000000, 1000100, 5)).toEqual([
      "1000000",
      "1000020",
      "1000040",
      "1000060",
      "1000080",
      "1000100",
    ]);
  });

  it("write round millions in scientific notation, one notation for the whole axis", () => {
    expect(labelsOf(1234567, 9876543, 5)).toEqual(["2e+6", "4e+6", "6e+6", "8e+6"]);
    // Not "500000, 1e+6, 2e+6, 2.0e+6": 1.5e6 once rounded to 2e+6.
    expect(labelsOf(0, 2e6, 4)).toEqual(["0", "5e+5", "1.0e+6", "1.5e+6", "2.0e+6"]);
  });

  it("label a lone value and log ticks to their own last digit", () => {
    const values = [1e-6, 0.0001, 0.002, 1, 30, 1e6, 2.5e7, 1234567, 0.30000000000000004, -0.05];
    expect(values.map(exactLabel)).toEqual([
      "1e-6",
      "0.0001",
      "0.002",
      "1",
      "30",
      "1e+6",
      "2.5e+7",
      "1234567",
      "0.3",
      "-0.05",
    ]);
    expect(labelledTicks(0.0012, 0.0012, 5)).toEqual([{ value: 0.0012, label: "0.0012" }]);
  });

  it("are distinct and exact on ranges of every scale", () => {
    // Seeded: the same ranges every run.
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 2000; i++) {
      const centre = (random() < 0.5 ? -1 : 1) * 10 ** (random() * 24 - 12);
      const span = Math.abs(centre) * 10 ** (-random() * 9) + Number.MIN_VALUE;
      const lo = centre - span * random();
      const hi = lo + span;
      const count = 2 + Math.floor(random() * 10);
      const step = niceStep(hi - lo, count);
      const ticks = niceTicks(lo, hi, count);
      const labels = tickLabels(ticks, step);
      expect(new Set(labels).size, `[${lo}, ${hi}] ${count}: ${labels}`).toBe(ticks.length);
      for (const [k, label] of labels.entries()) {
        expect(Math.abs(Number(label) - ticks[k])).toBeLessThanOrEqual(step * 1e-6);
      }
    }
  });
});
