// @vitest-environment happy-dom
import { describe, expect, it, vi } from "vitest";
import { RowStore } from "../row_store.js";
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
    const view = new ScatterView(document.createElement("div"), new RowStore(), { invalidate() {} });
    expect(view.shownIndex).toBe(-1);
    expect(view.shownFrame()).toBe(null);
  });

  it("draws smaller markers for more points", () => {
    const sizes = [10, 1000, 20000, 100000].map(autoSize);
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThan(sizes[i - 1]);
  });
});
