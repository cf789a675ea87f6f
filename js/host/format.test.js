import { describe, expect, it } from "vitest";
import { formatElapsed, formatRate, formatStep, formatValue, stepRate } from "./format.js";

describe("formatElapsed", () => {
  it("formats minutes and hours", () => {
    expect(formatElapsed(0)).toBe("0:00");
    expect(formatElapsed(9.99)).toBe("0:09");
    expect(formatElapsed(83)).toBe("1:23");
    expect(formatElapsed(3599)).toBe("59:59");
    expect(formatElapsed(3600)).toBe("1:00:00");
    expect(formatElapsed(3 * 3600 + 5 * 60 + 7)).toBe("3:05:07");
  });

  it("treats missing or negative durations as zero", () => {
    expect(formatElapsed(NaN)).toBe("0:00");
    expect(formatElapsed(-5)).toBe("0:00");
  });
});

describe("stepRate", () => {
  it("measures steps per second over the last second of rows", () => {
    // 10 steps/s for 10 s, then 100 steps/s for the last 2 s.
    const steps = [];
    const times = [];
    for (let i = 0; i <= 100; i++) {
      steps.push(i);
      times.push(1000 + i / 10);
    }
    for (let i = 1; i <= 200; i++) {
      steps.push(100 + i);
      times.push(1010 + i / 100);
    }
    const rate = stepRate(Float64Array.from(steps), Float64Array.from(times), steps.length);
    expect(rate).toBeCloseTo(100, 6);
  });

  it("counts step values, not rows, and falls back to the last two rows", () => {
    const steps = Float64Array.from([0, 50, 100]);
    const times = Float64Array.from([0, 10, 20]);
    expect(stepRate(steps, times, 3)).toBeCloseTo(5, 9);
  });

  it("is null without two rows or elapsed time", () => {
    expect(stepRate(Float64Array.of(1), Float64Array.of(5), 1)).toBe(null);
    expect(stepRate(Float64Array.of(1, 2), Float64Array.of(5, 5), 2)).toBe(null);
  });
});

describe("formatRate", () => {
  it("keeps a few significant digits", () => {
    expect(formatRate(null)).toBe("–");
    expect(formatRate(0.5)).toBe("0.50");
    expect(formatRate(12.34)).toBe("12.3");
    expect(formatRate(845.4)).toBe("845");
    expect(formatRate(12400)).toBe("12.4k");
    expect(formatRate(3.2e6)).toBe("3.2M");
  });
});

describe("formatStep and formatValue", () => {
  it("formats steps and values compactly", () => {
    expect(formatStep(null)).toBe("–");
    expect(formatStep(123456789)).toBe("123456789");
    expect(formatStep(0.1 + 0.2)).toBe("0.3");
    expect(formatValue(NaN)).toBe("NaN");
    expect(formatValue(-Infinity)).toBe("-∞");
    expect(formatValue(0)).toBe("0");
    expect(formatValue(1.23456789)).toBe("1.234568");
    expect(formatValue(-0.5)).toBe("-0.5");
    expect(formatValue(123456789)).toBe("1.234568e+8");
    expect(formatValue(0.0001234)).toBe("1.234e-4");
  });

  it("shows a value's 7th significant digit and a step's fraction", () => {
    expect(formatValue(1000000.003)).toBe("1000000");
    expect(formatValue(1000001)).toBe("1000001");
    expect(formatValue(1234567.89)).toBe("1234568");
    expect(formatStep(1000000.5)).toBe("1000000.5");
    expect(formatStep(1796663839.131863)).toBe("1796663839.13");
  });

  it("keeps a float32 value's rounding out of sight", () => {
    expect(formatValue(Math.fround(0.3))).toBe("0.3");
    expect(formatValue(Math.fround(1234567.8))).toBe("1234568");
  });
});
