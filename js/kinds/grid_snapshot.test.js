import { describe, expect, it } from "vitest";
import { RowStore } from "../data/row_store.js";
import { decodeSnapshot, isSnapshot, SNAPSHOT_GENERATION } from "../data/snapshot.js";
import { resolveLimits, ValueRange } from "../draw/value_range.js";
import { pack } from "../testing/snapshot_fixture.js";
import { loadGrid } from "./grid_snapshot.js";
import { applySnapshot, KIND_NAMES, KINDS } from "./index.js";

function gridSnapshot(kind, rows, { range = [-5, 7], nonFinite = false, t0 = 100 } = {}) {
  const m = rows[0].length;
  const values = Float32Array.from(rows.flat());
  values.shape = [rows.length, m];
  const steps = Float64Array.from(rows, (_, i) => i * 10);
  const times = Float32Array.from(rows, (_, i) => i * 0.5);
  return pack(
    kind,
    { rows: 99, generation: 0, t0, range, non_finite: nonFinite },
    { steps, times, values },
  );
}

const GRID_KINDS = KIND_NAMES.filter((kind) => KINDS[kind].loadSnapshot === loadGrid);

describe("grid snapshots", () => {
  it("are those of bars, frame, heatmap and waterfall", () => {
    expect(GRID_KINDS).toEqual(["bars", "frame", "heatmap", "waterfall"]);
  });

  it.each(GRID_KINDS)("load %s rows whole into a RowStore, in their float32", (kind) => {
    const store = new RowStore();
    applySnapshot(
      store,
      decodeSnapshot(
        gridSnapshot(kind, [
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
    );
    expect(isSnapshot(store)).toBe(true);
    expect(store.generation).toBe(SNAPSHOT_GENERATION);
    expect(store.length).toBe(2);
    expect(store.width).toBe(3);
    expect(Array.from(store.row(1))).toEqual([4, 5, 6]);
    expect(store.row(0)).toBeInstanceOf(Float32Array);
    expect(Array.from(store.steps.subarray(0, 2))).toEqual([0, 10]);
    expect(Array.from(store.times.subarray(0, 2))).toEqual([100, 100.5]);
  });

  it("give automatic limits the extent of the whole history, not just the rows kept", () => {
    const store = new RowStore();
    applySnapshot(store, decodeSnapshot(gridSnapshot("heatmap", [[1, 2]], { nonFinite: true })));
    const range = new ValueRange();
    range.update(store);
    expect([range.min, range.max, range.nonFinite]).toEqual([-5, 7, true]);
    expect(resolveLimits(range, null, null)).toEqual([-5, 7]);
  });

  it("leave the extent behind once the kernel's rows replace the snapshot", () => {
    const store = new RowStore();
    applySnapshot(store, decodeSnapshot(gridSnapshot("waterfall", [[1, 2]])));
    store.clear(0);
    store.append(0, Float64Array.of(0), Float64Array.of(0), Float64Array.of(3, 4), 2);
    const range = new ValueRange();
    range.update(store);
    expect([range.min, range.max]).toEqual([3, 4]);
  });

  it("of a history with no finite value leave the range empty", () => {
    const store = new RowStore();
    applySnapshot(
      store,
      decodeSnapshot(gridSnapshot("frame", [[NaN]], { range: null, nonFinite: true })),
    );
    const range = new ValueRange();
    range.update(store);
    expect(range.empty).toBe(true);
    expect(range.nonFinite).toBe(true);
  });
});
