import { describe, expect, it } from "vitest";
import { RowStore } from "../data/row_store.js";
import { decodeSnapshot, SNAPSHOT_GENERATION } from "../data/snapshot.js";
import { HistoryStore } from "../data/store.js";
import { pack } from "../testing/snapshot_fixture.js";
import { applySnapshot, KIND_NAMES, KINDS, viewClass } from "./index.js";
import { LineChart } from "./lines.js";
import { ReplayableView } from "./replay.js";

function rows(kind, steps, values, width) {
  const v = Float32Array.from(values);
  v.shape = [steps.length, width];
  return pack(
    kind,
    { rows: 1000, generation: 0, exact: false, t0: 500 },
    {
      steps: Float64Array.from(steps),
      times: Float32Array.from(steps, (s) => s / 100),
      values: v,
    },
  );
}

describe("the kind registry", () => {
  it("gives every kind, and only those in KIND_NAMES, a view class and a snapshot loader", () => {
    expect(Object.keys(KINDS).sort()).toEqual(KIND_NAMES);
    expect([...KIND_NAMES].sort()).toEqual(KIND_NAMES);
    for (const name of KIND_NAMES) {
      expect(typeof KINDS[name].View, name).toBe("function");
      expect(typeof KINDS[name].loadSnapshot, name).toBe("function");
    }
  });

  it("draws a kind it does not know (a newer kernel's) as lines", () => {
    expect(viewClass("lines")).toBe(LineChart);
    expect(viewClass("no such kind")).toBe(LineChart);
    expect(viewClass("toString")).toBe(LineChart);
  });

  it("says which kind has no snapshot loader", () => {
    const store = new HistoryStore();
    expect(() => applySnapshot(store, { kind: "nothing", fields: {}, arrays: {} })).toThrow(
      /no snapshot loader for plots of kind nothing/,
    );
  });
});

describe("scatter snapshots", () => {
  it("load the kept frames, with their steps, into a row store", () => {
    const store = new RowStore();
    // Three frames of two points: x0, y0, x1, y1.
    applySnapshot(
      store,
      decodeSnapshot(rows("scatter", [0, 500, 999], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 4)),
    );
    expect(store.generation).toBe(SNAPSHOT_GENERATION);
    expect(store.length).toBe(3);
    expect(store.width).toBe(4);
    expect(Array.from(store.row(2))).toEqual([9, 10, 11, 12]);
    expect(Array.from(store.steps.subarray(0, 3))).toEqual([0, 500, 999]);
    expect(store.times[2]).toBeCloseTo(509.99, 4);
  });

  it("replay over the kept frames, showing the steps the plot had", () => {
    const store = new RowStore();
    applySnapshot(store, decodeSnapshot(rows("scatter", [0, 500, 999], new Array(12).fill(1), 4)));
    const view = new ReplayableView(store, () => {});
    expect(view.shownIndex).toBe(2);
    view.showIndex(1);
    expect(store.steps[view.shownIndex]).toBe(500);
  });
});

describe("trajectory snapshots", () => {
  it("load the kept points as x and y columns, gaps as NaN", () => {
    const store = new HistoryStore();
    applySnapshot(
      store,
      decodeSnapshot(rows("trajectory", [0, 1, 7, 8], [0, 0, 1, 1, NaN, NaN, 2, 3], 2)),
    );
    expect(store.length).toBe(4);
    const [xs, ys] = store.columns;
    expect(Array.from(xs.subarray(0, 4))).toEqual([0, 1, NaN, 2]);
    expect(Array.from(ys.subarray(0, 4))).toEqual([0, 1, NaN, 3]);
    expect(store.lastStep).toBe(8);
  });
});
