import { describe, expect, it } from "vitest";
import { formatTick, niceStep, niceTicks } from "./ticks.js";

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

  it("keeps index ticks whole", () => {
    expect(niceTicks(0, 3, 10, { integer: true })).toEqual([0, 1, 2, 3]);
  });

  it("labels with the decimals the spacing needs", () => {
    const labels = [formatTick(0.2, 0.2), formatTick(0, 0.2), formatTick(1500, 500)];
    expect(labels).toEqual(["0.2", "0", "1500"]);
    expect(formatTick(0.05, 0.01)).toBe("0.05");
    expect(formatTick(2e7, 5e6)).toBe("2.0e+7");
  });
});
