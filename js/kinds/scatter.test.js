// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { RowStore } from "../data/row_store.js";
import { viewClass } from "./index.js";
import { autoSize, ScatterView } from "./scatter.js";
import { TrajectoryView } from "./trajectory.js";

function storeWithFrames(frames, k) {
  const store = new RowStore();
  const values = Float64Array.from({ length: frames * k * 2 }, (_, j) => j);
  const steps = Float64Array.from({ length: frames }, (_, i) => 10 * i);
  store.append(0, steps, new Float64Array(frames), values, 2 * k);
  return store;
}

describe("ScatterView", () => {
  it("is replayable, reads whole rows, and is the view of kind scatter", () => {
    expect(viewClass("scatter")).toBe(ScatterView);
    expect(ScatterView.replayable).toBe(true);
    expect(ScatterView.Store).toBe(RowStore);
    expect(viewClass("trajectory")).toBe(TrajectoryView);
    expect(TrajectoryView.replayable).toBe(true);
  });

  it("follows the latest frame until told to show one, and back", () => {
    const invalidate = vi.fn();
    const store = storeWithFrames(5, 3);
    const view = new ScatterView(document.createElement("div"), store, { invalidate });
    expect(view.points).toBe(3);
    expect([view.following, view.shownIndex]).toEqual([true, 4]);
    view.showIndex(2);
    expect([view.following, view.shownIndex]).toEqual([false, 2]);
    expect(view.shownFrame()).toEqual({ index: 2, step: 20, x: [12, 14, 16], y: [13, 15, 17] });
    view.showIndex(99);
    expect(view.shownIndex).toBe(4);
    view.showIndex(null);
    expect(view.following).toBe(true);
    expect(invalidate).toHaveBeenCalledTimes(3);
    view.showIndex(null);
    expect(invalidate).toHaveBeenCalledTimes(3);
  });

  it("shows nothing before the first frame", () => {
    const view = new ScatterView(document.createElement("div"), new RowStore(), {
      invalidate() {},
    });
    expect(view.shownIndex).toBe(-1);
    expect(view.shownFrame()).toBe(null);
  });

  it("ranges over the shown frame and its trail, ignoring gaps", () => {
    const store = new RowStore();
    // Three frames of two points: x0, y0, x1, y1.
    const values = Float64Array.from([0, 0, 1, 1, /**/ 5, NaN, 2, 2, /**/ -3, 0.5, 0.5, 0.5]);
    store.append(0, Float64Array.from([0, 1, 2]), new Float64Array(3), values, 4);
    const view = new ScatterView(document.createElement("div"), store, { invalidate() {} });
    view.configure({ height: 300, width: 400, options: { trail: 1 } });
    const [x, y] = view.ranges(1, 2);
    expect(x[0]).toBeLessThanOrEqual(-3);
    expect(x[1]).toBeGreaterThanOrEqual(5);
    expect(x[1]).toBeLessThan(6);
    expect(y[0]).toBeLessThanOrEqual(0.5);
    expect(y[1]).toBeGreaterThanOrEqual(2);
    view.configure({ height: 300, width: 400, options: { xlim: [0, 1], ylim: [2, 3] } });
    expect(view.ranges(0, 2)).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it("draws smaller markers for more points", () => {
    const sizes = [10, 1000, 20000, 100000].map(autoSize);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThan(sizes[i - 1]);
  });
});
