// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { axisSize } from "./axis_size.js";

// A stand-in for uPlot: a minus sign 3 px wide, digits 7 px.
const plot = () => ({
  axes: [{}, { font: ["11px sans"], ticks: { size: 10 }, gap: 5, _size: 99 }],
  ctx: {
    font: "",
    measureText: (text) => ({ width: [...text].reduce((w, c) => w + (c === "-" ? 3 : 7), 0) }),
  },
});

describe("axisSize", () => {
  it("fits the widest label, not the one with most characters", () => {
    expect(axisSize(plot(), ["-5", "0", "5", "10", "15", "20"], 1, 1)).toBe(10 + 5 + 14);
  });

  it("keeps the first cycle's size while uPlot converges", () => {
    expect(axisSize(plot(), ["-5", "100000"], 1, 2)).toBe(99);
  });

  it("leaves room for the ticks alone without labels", () => {
    expect(axisSize(plot(), null, 1, 1)).toBe(15);
  });
});
