import { describe, expect, it } from "vitest";
import { decodeRuns, snapshotRuns } from "../../data/runs.js";
import { HistoryStore } from "../../data/store.js";
import { connect } from "../../data/transport.js";
import { fakeModel } from "../../testing/fake_model.js";
import { toggled } from "./options.js";
import {
  differingParams,
  runAlpha,
  runsExtent,
  runsYRange,
  runValuesAt,
  runXs,
  shownRuns,
  smoothRuns,
} from "./runs.js";
import { smoothEma } from "./smoothing.js";

const described = (id, count, columns = ["loss", "acc"]) => ({
  id,
  label: `run ${id}`,
  started: 1000,
  params: {},
  status: "finished",
  rows: count,
  columns,
  count,
  dtype: "float32",
});

function message() {
  // Run "1": steps 0..2, times 0, 10, 20; loss 3, 2, 1 and acc 0.1, 0.2, 0.3.
  return {
    content: { type: "runs", live: { label: "run 2", params: {} }, runs: [described("1", 3)] },
    buffers: [
      new Float64Array([0, 1, 2]),
      new Float64Array([0, 10, 20]),
      new Float32Array([3, 0.1, 2, 0.2, 1, 0.3]),
    ],
  };
}

describe("runs", () => {
  it("decode a runs message into one column per series name", () => {
    const { content, buffers } = message();
    const { live, runs } = decodeRuns(content, buffers);
    expect(live.label).toBe("run 2");
    expect(runs[0].rows).toBe(3);
    expect(Array.from(runs[0].columns.get("loss"))).toEqual([3, 2, 1]);
    expect(runs[0].columns.get("acc")[2]).toBeCloseTo(0.3);
  });

  it("refuse a message whose buffers do not match", () => {
    const { content, buffers } = message();
    expect(() => decodeRuns(content, buffers.slice(1))).toThrow("expected 3 buffers, got 2");
  });

  it("reach the store through the transport, and stay across a new generation", () => {
    const model = fakeModel({});
    const store = new HistoryStore();
    connect(model, store);
    const { content, buffers } = message();
    model.emit("msg:custom", content, buffers);
    expect(store.runs.runs.map((run) => run.id)).toEqual(["1"]);
    store.clear(3);
    expect(store.runs.runs.length).toBe(1);
  });

  it("load from a snapshot's fields and arrays", () => {
    const { runs } = snapshotRuns({
      fields: { runs: [described("7", 1, ["loss"])], live_run: {} },
      arrays: {
        run0_steps: new Float64Array([5]),
        run0_times: new Float32Array([0]),
        run0_values: new Float32Array([0.5]),
      },
    });
    expect(runs[0].steps[0]).toBe(5);
    expect(runs[0].columns.get("loss")[0]).toBe(0.5);
  });

  it("align by step, or by time since each run's start", () => {
    const { runs } = decodeRuns(message().content, message().buffers);
    expect(Array.from(runXs(runs[0], "step", 0))).toEqual([0, 1, 2]);
    expect(Array.from(runXs(runs[0], "time", 5000))).toEqual([5000, 5010, 5020]);
    expect(runsExtent(runs, "time", 5000)).toEqual([5000, 5020]);
    expect(runsExtent([], "step", 0)).toBe(null);
  });

  it("widen the y range with the values in view, positive ones on a log scale", () => {
    const { runs } = decodeRuns(message().content, message().buffers);
    expect(runsYRange(runs, ["loss"], "step", 0, 1, 2, false)).toEqual({ min: 1, max: 2 });
    expect(runsYRange(runs, ["missing"], "step", 0, 0, 2, false)).toBe(null);
  });

  it("show every series' value at the nearest step", () => {
    const { runs } = decodeRuns(message().content, message().buffers);
    expect(runValuesAt(runs[0], ["loss"], "step", 0, 1.2)).toBe("loss 2");
  });

  it("list only the parameters that differ, and fade older runs more", () => {
    const params = [{ lr: 0.1, batch: 64 }, { lr: 0.01, batch: 64 }, { batch: 64 }];
    expect(differingParams(params)).toEqual(["lr=0.1", "lr=0.01", "lr=-"]);
    expect(runAlpha(0)).toBeGreaterThan(runAlpha(1));
    expect(runAlpha(20)).toBeGreaterThan(0);
  });

  it("smooth as the live series are: every row alike, an envelope over as many rows", () => {
    const { runs } = decodeRuns(message().content, message().buffers);
    expect(smoothRuns(runs, 0)).toBe(runs);
    const [smoothed] = smoothRuns(runs, 0.6);
    const ema = (values, weight) =>
      Array.from(smoothEma(Float64Array.from(values), 0, values.length, weight, [0, 0, 0]));
    expect(Array.from(smoothed.columns.get("loss"))).toEqual(ema([3, 2, 1], 0.6));
    expect(smoothed.steps).toBe(runs[0].steps);
    expect(Array.from(runs[0].columns.get("loss"))).toEqual([3, 2, 1]); // the raw run stays
    expect(smoothRuns(runs, 0.6)[0]).toBe(smoothed); // kept for the next draw
    // Three points that stood for 30 rows: each decays as 10 rows would.
    const envelope = { ...runs[0], rows: 30, _smoothed: null };
    const [thinned] = smoothRuns([envelope], 0.6);
    expect(Array.from(thinned.columns.get("loss"))).toEqual(ema([3, 2, 1], 0.6 ** 10));
    // The y range follows the smoothed values drawn.
    const range = runsYRange([smoothed], ["loss"], "step", 0, 0, 2, false);
    expect(range.min).toBeGreaterThan(1);
  });
});

describe("runs drawn and legend clicks", () => {
  it("draw no run with compare off, and leave the hidden ones out", () => {
    const runs = [{ id: "2" }, { id: "1" }];
    expect(shownRuns(runs, true, ["1"])).toEqual([{ id: "2" }]);
    expect(shownRuns(runs, false, [])).toEqual([]);
  });

  it("toggle an item in or out of a list, leaving the list given as it was", () => {
    const hidden = ["a"];
    expect(toggled(hidden, "b")).toEqual(["a", "b"]);
    expect(toggled(hidden, "a")).toEqual([]);
    expect(hidden).toEqual(["a"]);
  });
});
