import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeModel } from "../testing/fake_model.js";
import { HistoryStore } from "./store.js";
import { applyRows, connect, decodeRows } from "./transport.js";

/** Buffers for k rows of m columns, each placed at `offset` bytes into a larger ArrayBuffer. */
function message(options) {
  const { generation = 1, start = 0, k = 3, m = 2, dtype = "float64", offset = 0 } = options;
  const { dropped } = options;
  const Values = dtype === "float32" ? Float32Array : Float64Array;
  const place = (Type, data) => {
    const bytes = new ArrayBuffer(offset + data.length * Type.BYTES_PER_ELEMENT + 16);
    const view = new DataView(bytes, offset, data.length * Type.BYTES_PER_ELEMENT);
    const copy = new Uint8Array(new Type(data).buffer);
    new Uint8Array(bytes, offset).set(copy);
    return view;
  };
  const steps = Array.from({ length: k }, (_, r) => start + r);
  const times = steps.map((s) => 1000 + s / 10);
  const values = [];
  for (let r = 0; r < k; r++) for (let c = 0; c < m; c++) values.push((start + r) * 10 + c + 0.5);
  return [
    { type: "rows", generation, start, count: k, columns: m, dtype, dropped },
    [place(Float64Array, steps), place(Float64Array, times), place(Values, values)],
  ];
}

afterEach(() => vi.restoreAllMocks());

describe("decodeRows", () => {
  it("decodes float64 rows from DataViews at a non-zero byte offset", () => {
    const rows = decodeRows(...message({ offset: 24 }));
    expect(Array.from(rows.steps)).toEqual([0, 1, 2]);
    expect(Array.from(rows.times)).toEqual([1000, 1000.1, 1000.2]);
    expect(Array.from(rows.values)).toEqual([0.5, 1.5, 10.5, 11.5, 20.5, 21.5]);
  });

  it("copies when the offset is not aligned to the element size", () => {
    const [content, buffers] = message({ offset: 3 });
    const rows = decodeRows(content, buffers);
    expect(rows.steps.byteOffset % 8).toBe(0);
    expect(Array.from(rows.steps)).toEqual([0, 1, 2]);
    expect(Array.from(rows.values)).toEqual([0.5, 1.5, 10.5, 11.5, 20.5, 21.5]);
  });

  it("decodes float32 values", () => {
    const rows = decodeRows(...message({ dtype: "float32", offset: 4, m: 1 }));
    expect(rows.values).toBeInstanceOf(Float32Array);
    expect(Array.from(rows.values)).toEqual([0.5, 10.5, 20.5]);
  });

  it("decodes uint8 pixels (kind image) as bytes", () => {
    const pixels = Uint8Array.from([0, 128, 255, 7, 8, 9]);
    const content = { type: "rows", generation: 0, start: 0, count: 2, columns: 3 };
    const f64 = (values) => new Float64Array(values);
    const rows = decodeRows({ ...content, dtype: "uint8" }, [f64([0, 1]), f64([5, 6]), pixels]);
    expect(rows.values).toBeInstanceOf(Uint8Array);
    expect(Array.from(rows.values)).toEqual([0, 128, 255, 7, 8, 9]);
  });

  it("accepts ArrayBuffers and typed arrays", () => {
    const content = {
      type: "rows",
      generation: 0,
      start: 0,
      count: 1,
      columns: 1,
      dtype: "float64",
    };
    const rows = decodeRows(content, [
      new Float64Array([5]).buffer,
      new Float64Array([6]),
      new Float64Array([7]).buffer,
    ]);
    expect([rows.steps[0], rows.times[0], rows.values[0]]).toEqual([5, 6, 7]);
  });

  it("accepts an empty reply without buffers", () => {
    const content = {
      type: "rows",
      generation: 4,
      start: 0,
      count: 0,
      columns: 0,
      dtype: "float64",
    };
    expect(decodeRows(content, []).steps.length).toBe(0);
  });

  it("rejects counts that do not match the buffers", () => {
    const [content, buffers] = message({});
    expect(() => decodeRows({ ...content, count: 4 }, buffers)).toThrow(/steps buffer/);
    expect(() => decodeRows({ ...content, columns: 3 }, buffers)).toThrow(/values buffer/);
    expect(() => decodeRows({ ...content, dtype: "float32" }, buffers)).toThrow(/values buffer/);
    expect(() => decodeRows({ ...content, dtype: "int8" }, buffers)).toThrow(/dtype/);
    expect(() => decodeRows({ ...content, start: -1 }, buffers)).toThrow(/non-negative/);
    expect(() => decodeRows(content, buffers.slice(0, 2))).toThrow(/3 buffers/);
    expect(() => decodeRows(content, [buffers[0], "x", buffers[2]])).toThrow(/times buffer/);
    expect(() => decodeRows({ ...content, dropped: 1 }, buffers)).toThrow(/dropped/);
    expect(() => decodeRows({ ...content, dropped: -1 }, buffers)).toThrow(/dropped/);
  });
});

describe("applyRows", () => {
  it("drops what it holds when the generation changes", () => {
    const store = new HistoryStore();
    applyRows(store, decodeRows(...message({ generation: 1, k: 5 })));
    expect(store.length).toBe(5);
    applyRows(store, decodeRows(...message({ generation: 2, k: 2 })));
    expect(store.generation).toBe(2);
    expect(store.length).toBe(2);
  });

  it("reports a gap for rows of a new generation that do not start at 0", () => {
    const store = new HistoryStore();
    applyRows(store, decodeRows(...message({ generation: 1, k: 5 })));
    const result = applyRows(store, decodeRows(...message({ generation: 2, start: 3 })));
    expect(result.gap).toBe(true);
    expect(store.generation).toBe(2);
    expect(store.length).toBe(0);
  });
});

describe("connect", () => {
  it("syncs on start, appends rows and stops listening when disposed", () => {
    const model = fakeModel();
    const store = new HistoryStore();
    const dispose = connect(model, store);
    expect(model.sent).toEqual([{ type: "sync", generation: 0, from: 0 }]);
    model.emit("msg:custom", ...message({ generation: 0, k: 4 }));
    expect(store.length).toBe(4);
    dispose();
    expect(model.listeners("msg:custom")).toBe(0);
  });

  it("asks for missing rows once per gap, and again after a while", () => {
    const model = fakeModel();
    const store = new HistoryStore();
    let now = 0;
    connect(model, store, () => now);
    model.emit("msg:custom", ...message({ generation: 3, k: 2 }));
    model.emit("msg:custom", ...message({ generation: 3, start: 5, k: 2 }));
    model.emit("msg:custom", ...message({ generation: 3, start: 7, k: 2 }));
    expect(model.sent.slice(1)).toEqual([{ type: "sync", generation: 3, from: 2 }]);
    now = 5000;
    model.emit("msg:custom", ...message({ generation: 3, start: 9, k: 2 }));
    expect(model.sent).toHaveLength(3);
    model.emit("msg:custom", ...message({ generation: 3, start: 2, k: 9 }));
    expect(store.length).toBe(11);
  });

  it("asks for rows from its absolute end and takes only what the kernel still holds", () => {
    const model = fakeModel();
    const store = new HistoryStore();
    let now = 0;
    connect(model, store, () => now);
    // The kernel keeps 10 rows: after 30 rows the front end holds rows 20..29.
    for (let start = 0; start < 30; start += 5) {
      const dropped = Math.max(0, start + 5 - 10);
      model.emit("msg:custom", ...message({ generation: 0, start, k: 5, dropped }));
    }
    expect([store.dropped, store.length]).toEqual([20, 10]);
    expect(store.steps[0]).toBe(20);
    // A message lost on the way (rows 30..34) is a gap: sync from the absolute end.
    model.emit("msg:custom", ...message({ generation: 0, start: 35, k: 5, dropped: 30 }));
    expect(model.sent.at(-1)).toEqual({ type: "sync", generation: 0, from: 30 });
    // By the time the kernel answers it has dropped rows 30..34 as well.
    now = 1;
    model.emit("msg:custom", ...message({ generation: 0, start: 35, k: 10, dropped: 35 }));
    expect([store.dropped, store.length, store.total]).toEqual([35, 10, 45]);
    expect(Array.from(store.steps.subarray(0, 10))).toEqual(
      Array.from({ length: 10 }, (_, i) => 35 + i),
    );
    expect(model.sent).toHaveLength(2);
  });

  it("a late view gets only the rows still held", () => {
    const model = fakeModel();
    const store = new HistoryStore();
    connect(model, store);
    expect(model.sent).toEqual([{ type: "sync", generation: 0, from: 0 }]);
    model.emit("msg:custom", ...message({ generation: 0, start: 1234, k: 100, dropped: 1234 }));
    expect([store.dropped, store.length, store.total]).toEqual([1234, 100, 1334]);
    expect(store.columns[0][0]).toBe(12340.5);
    expect(model.sent).toHaveLength(1);
  });

  it("warns about malformed messages and ignores other message types", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const model = fakeModel();
    const store = new HistoryStore();
    connect(model, store);
    const [content, buffers] = message({});
    model.emit("msg:custom", { ...content, count: 99 }, buffers);
    model.emit("msg:custom", { type: "something-else" }, []);
    model.emit("msg:custom", null, []);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(store.length).toBe(0);
  });
});
