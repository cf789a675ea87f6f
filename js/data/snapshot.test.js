import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeModel } from "../testing/fake_model.js";
import { linesSnapshot, pack } from "../testing/snapshot_fixture.js";
import {
  decodeSnapshot,
  followSnapshot,
  isSnapshot,
  loadRows,
  SNAPSHOT_GENERATION,
} from "./snapshot.js";
import { HistoryStore } from "./store.js";

function rowsMessage(generation, values) {
  const steps = Float64Array.from(values, (_, i) => i);
  const content = {
    type: "rows",
    generation,
    start: 0,
    count: values.length,
    columns: 1,
    dtype: "float64",
  };
  return [content, [steps, steps, Float64Array.from(values)].map((a) => new DataView(a.buffer))];
}

afterEach(() => vi.restoreAllMocks());

describe("decodeSnapshot", () => {
  it("reads the header fields and typed arrays, also at an unaligned offset", () => {
    const snapshot = decodeSnapshot(
      pack(
        "lines",
        { rows: 7, t0: 1.5 },
        { a: Float64Array.of(1, 2), b: Float32Array.of(0.5) },
        { offset: 3 },
      ),
    );
    expect(snapshot.kind).toBe("lines");
    expect(snapshot.fields).toEqual({ rows: 7, t0: 1.5 });
    expect(Array.from(snapshot.arrays.a)).toEqual([1, 2]);
    expect(snapshot.arrays.b).toBeInstanceOf(Float32Array);
    expect(Array.from(snapshot.arrays.b)).toEqual([0.5]);
  });

  it("says what is wrong with bytes that are not a snapshot", () => {
    expect(() => decodeSnapshot(new Uint8Array(16))).toThrow(/not a livescope snapshot/);
    expect(() => decodeSnapshot(pack("lines", {}, {}, { version: 9 }))).toThrow(/version 9/);
    const whole = pack("lines", {}, { a: Float64Array.of(1, 2, 3) });
    const cut = new DataView(whole.buffer, whole.byteOffset, whole.byteLength - 8);
    expect(() => decodeSnapshot(cut)).toThrow(/runs past the end/);
  });
});

describe("loadRows", () => {
  it("loads line rows into the store as snapshot data, times after t0", () => {
    const store = new HistoryStore();
    loadRows(store, decodeSnapshot(linesSnapshot([1, 2, 3, 4, 5, 6])));
    expect(store.generation).toBe(SNAPSHOT_GENERATION);
    expect(isSnapshot(store)).toBe(true);
    expect(store.length).toBe(3);
    expect(Array.from(store.steps.subarray(0, 3))).toEqual([0, 10, 20]);
    expect(Array.from(store.times.subarray(0, 3))).toEqual([1000, 1000.5, 1001]);
    expect(Array.from(store.columns[1].subarray(0, 3))).toEqual([2, 4, 6]);
    expect(store.rowsPerPoint).toBe(1);
  });

  it("says how many rows each point of a saved envelope stands for, until rows come", () => {
    const store = new HistoryStore();
    const snapshot = decodeSnapshot(linesSnapshot([1, 2, 3, 4, 5, 6]));
    loadRows(store, { ...snapshot, fields: { ...snapshot.fields, rows: 30, exact: false } });
    expect(store.rowsPerPoint).toBe(10);
    store.clear(0);
    expect(store.rowsPerPoint).toBe(1);
  });
});

describe("followSnapshot", () => {
  it("shows the saved snapshot when no kernel answers", () => {
    const model = fakeModel({ _snapshot: linesSnapshot([1, 2]) });
    const store = new HistoryStore();
    followSnapshot(model, store, loadRows);
    expect(store.length).toBe(1);
    model.set("_snapshot", linesSnapshot([1, 2, 3, 4]));
    expect(store.length).toBe(2);
  });

  it("gives way to the kernel's rows for good", () => {
    const model = fakeModel({ _snapshot: linesSnapshot([1, 2, 3, 4]) });
    const store = new HistoryStore();
    followSnapshot(model, store, loadRows);
    // The transport listens after followSnapshot and applies the rows.
    model.on("msg:custom", () => {
      store.clear(0);
      store.append(0, Float64Array.of(0), Float64Array.of(0), Float64Array.of(9), 1);
    });
    model.emit("msg:custom", ...rowsMessage(0, [9]));
    model.set("_snapshot", linesSnapshot([1, 2, 3, 4, 5, 6]));
    expect(isSnapshot(store)).toBe(false);
    expect(store.length).toBe(1);
  });

  it("ignores an empty or broken snapshot, and stops listening on cleanup", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const model = fakeModel({ _snapshot: new DataView(new ArrayBuffer(0)) });
    const store = new HistoryStore();
    const stop = followSnapshot(model, store, loadRows);
    expect(store.length).toBe(0);
    model.set("_snapshot", new DataView(new ArrayBuffer(12)));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/ignoring the saved snapshot/));
    expect(store.generation).toBe(0);
    stop();
    expect(model.listenerCount()).toBe(0);
  });
});
