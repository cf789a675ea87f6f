// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { HistoryStore } from "../data/store.js";
import { lineAlpha, TrajectoryView } from "./trajectory.js";

describe("TrajectoryView", () => {
  it("shows the path up to a chosen row, or follows the latest", () => {
    const store = new HistoryStore();
    store.append(
      0,
      Float64Array.from([0, 1, 2]),
      new Float64Array(3),
      Float64Array.from([0, 0, 1, 1, 2, 4]),
      2,
    );
    const view = new TrajectoryView(document.createElement("div"), store, { invalidate() {} });
    expect([view.following, view.shownIndex]).toEqual([true, 2]);
    view.showIndex(1);
    expect([view.following, view.shownIndex]).toEqual([false, 1]);
    view.showIndex(null);
    expect(view.shownIndex).toBe(2);
  });

  it("ranges over every row held, so replay keeps the frame still", () => {
    const store = new HistoryStore();
    store.append(
      0,
      Float64Array.from([0, 1]),
      new Float64Array(2),
      Float64Array.from([-3, 0.5, 7, NaN]),
      2,
    );
    const view = new TrajectoryView(document.createElement("div"), store, { invalidate() {} });
    view.configure({ height: 300, width: 500, options: {} });
    view.showIndex(0);
    const [x, y] = view.ranges();
    expect(x[0]).toBeLessThanOrEqual(-3);
    expect(x[1]).toBeGreaterThanOrEqual(7);
    expect(y[0]).toBeLessThan(0.5);
    expect(y[1]).toBeGreaterThan(0.5);
    view.configure({ height: 300, width: 500, options: { xlim: [0, 1], ylim: [2, 3] } });
    expect(view.ranges()).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it("scans only new rows for its range, and all rows when a max_rows window moves", () => {
    // A stand-in for a store holding a window of rows: `dropped` rows were let go.
    const store = {
      generation: 0,
      dropped: 0,
      length: 2,
      columns: [Float64Array.from([-50, 1]), Float64Array.from([0, 1])],
    };
    const view = new TrajectoryView(document.createElement("div"), store, { invalidate() {} });
    view.configure({ height: 300, width: 500, options: {} });
    expect(view.ranges()[0][0]).toBeLessThanOrEqual(-50);
    Object.assign(store, {
      dropped: 1,
      length: 2,
      columns: [Float64Array.from([1, 2]), Float64Array.from([1, 2])],
    });
    const [x] = view.ranges();
    expect(x[0]).toBeGreaterThan(-50);
    expect(x[1]).toBeGreaterThanOrEqual(2);
  });

  it("draws long paths fainter, in a few steps", () => {
    const alphas = [1000, 100_000, 300_000, 1_000_000].map(lineAlpha);
    expect(alphas[0]).toBe(1);
    for (let i = 1; i < alphas.length; i++) expect(alphas[i]).toBeLessThan(alphas[i - 1]);
  });
});
