// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { HistoryStore } from "../../data/store.js";
import { instances } from "../../testing/fake_uplot.js";
import { LineChart } from "../lines.js";
import { labelSpace, linearAxisValues, logAxisValues } from "./axis_values.js";

vi.mock("uplot", () => import("../../testing/fake_uplot.js"));

const THEME = { text: "#000", grid: "#eee", axis: "#999", fontFamily: "sans-serif" };

/** The uPlot options a line chart with `viewOptions` builds. */
function chartOptions(viewOptions) {
  instances.length = 0;
  const chart = new LineChart(document.createElement("div"), new HistoryStore(), {
    invalidate: () => {},
    signal: new AbortController().signal,
  });
  chart.setTheme(THEME);
  chart.configure({ names: ["y"], xLabel: "", height: 200, width: 400, options: viewOptions });
  chart.render();
  return instances.at(-1).opts;
}

describe("uPlot axis labels", () => {
  it("keep the splits of a small range apart", () => {
    // uPlot's own labels of these splits: 0, 0, 0, 0.001, 0.001, 0.001, 0.001.
    const splits = [0, 0.0002, 0.0004, 0.0006, 0.0008, 0.001, 0.0012];
    expect(linearAxisValues(null, splits, 1, 30, 0.0002)).toEqual([
      "0",
      "0.0002",
      "0.0004",
      "0.0006",
      "0.0008",
      "0.0010",
      "0.0012",
    ]);
    const nearMillion = [1000000.001, 1000000.0015, 1000000.002];
    expect(linearAxisValues(null, nearMillion, 1, 30, 0.0005)).toEqual([
      "1000000.0010",
      "1000000.0015",
      "1000000.0020",
    ]);
  });

  it("write each log split to its own digit and leave the ones uPlot hides empty", () => {
    const splits = [1e-6, null, null, 5e-6, 1e-5, 2e-5, null, 1e-4];
    expect(logAxisValues(null, splits)).toEqual([
      "1e-6",
      "",
      "",
      "5e-6",
      "1e-5",
      "2e-5",
      "",
      "0.0001",
    ]);
  });

  it("space x ticks for their labels once these grow long", () => {
    // Six pixels a character.
    const ctx = { font: "", measureText: (text) => ({ width: 6 * text.length }) };
    const u = { ctx, axes: [{ font: ["11px sans-serif"] }] };
    expect(labelSpace(u, 0, 0, 400, 800)).toBe(50);
    // "1000000.00020": 13 characters, 78 pixels, and room between two.
    expect(labelSpace(u, 0, 1000000, 1000000.0002, 800)).toBe(78 + 16);
    expect(labelSpace(u, 0, 5, 5, 800)).toBe(50);
  });

  it("are what the line chart's axes use: step x and linear or log y", () => {
    const linear = chartOptions({});
    expect(linear.axes[0].values).toBe(linearAxisValues);
    expect(linear.axes[0].space).toBe(labelSpace);
    expect(linear.axes[1].values).toBe(linearAxisValues);
    expect(chartOptions({ log_y: true }).axes[1].values).toBe(logAxisValues);
    // A time axis keeps uPlot's dates and times.
    expect(chartOptions({ x_axis: "time" }).axes[0].values).toBeUndefined();
  });
});
