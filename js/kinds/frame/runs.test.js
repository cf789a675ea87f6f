// @vitest-environment happy-dom
// Previous runs in the frame view: each run's row at the step shown, faded
// behind the live row in the colours of its curves, and the runs legend.
import { describe, expect, it, vi } from "vitest";

vi.mock("uplot", () => import("../../testing/fake_uplot.js"));

const { decodeRuns } = await import("../../data/runs.js");
const { RowStore } = await import("../../data/row_store.js");
const { PALETTE } = await import("../../host/theme.js");
const { FrameView } = await import("../frame.js");
const { loadGrid } = await import("../grid_snapshot.js");
const { frameRunsExtent, runRow, runRowAt } = await import("./runs.js");

const THEME = { fontFamily: "sans-serif", text: "#000", grid: "#eee", axis: "#ccc" };

/** A runs message of frame runs: `rows[k]` are run k's rows (curves a, b of 2 values). */
function framesMessage(rowsByRun, stepsByRun) {
  const runs = rowsByRun.map((rows, k) => ({
    id: `r${k + 1}`,
    label: `run ${k + 1}`,
    started: 0,
    params: {},
    status: "finished",
    rows: rows.length,
    columns: [],
    count: rows.length,
    width: rows[0].length,
    dtype: "float32",
  }));
  const buffers = rowsByRun.flatMap((rows, k) => [
    Float64Array.from(stepsByRun[k]),
    new Float64Array(rows.length),
    Float32Array.from(rows.flat()),
  ]);
  return decodeRuns({ type: "runs", live: { label: "run 3", params: {} }, runs }, buffers);
}

/** A context that records each stroke: its colour, alpha and points. */
function recordingContext() {
  const strokes = [];
  let points = [];
  return {
    strokes,
    save() {},
    restore() {},
    rect() {},
    clip() {},
    beginPath() {
      points = [];
    },
    moveTo(x, y) {
      points.push([x, y]);
    },
    lineTo(x, y) {
      points.push([x, y]);
    },
    stroke() {
      strokes.push({ color: this.strokeStyle, alpha: this.globalAlpha, points });
    },
  };
}

const fakeU = (ctx) => ({
  ctx,
  bbox: { left: 0, top: 0, width: 100, height: 100 },
  valToPos: (v) => v,
});

describe("frame runs", () => {
  // Run 1 (newest): steps 0, 10, 20; curve a = [step, step], curve b = [-1, -2].
  const run1 = [0, 10, 20].map((s) => [s, s, -1, -2]);
  // Run 2 (older): one row at step 5, curve a = [100, 100], b = [7, 7].
  const run2 = [[100, 100, 7, 7]];
  const { live, runs } = framesMessage([run1, run2], [[0, 10, 20], [5]]);

  it("decode as whole rows, `width` values each", () => {
    expect(live.label).toBe("run 3");
    expect(runs[0].width).toBe(4);
    expect(runs[0].columns.size).toBe(0);
    expect(Array.from(runRow(runs[0], 1))).toEqual([10, 10, -1, -2]);
  });

  it("find the last row at or before a step", () => {
    expect([-1, 0, 9, 10, 15, 20, 99].map((s) => runRowAt(runs[0], s))).toEqual([
      -1, 0, 0, 1, 1, 2, 2,
    ]);
  });

  it("span every row kept, and a row's own x apart from the curves", () => {
    expect(frameRunsExtent(runs, { curves: ["a", "b"] })).toEqual({
      x: [Infinity, -Infinity],
      y: [-2, 100],
    });
    // x = "row": a row is x (2 values) then one curve of 2 values.
    const rowX = frameRunsExtent(runs.slice(0, 1), { x: "row" });
    expect(rowX).toEqual({ x: [0, 20], y: [-2, -1] });
  });
});

describe("a frame view comparing runs", () => {
  function viewWithRuns(options = {}) {
    const store = new RowStore();
    // The live run: steps 0 and 12, curves a, b of 2 values each.
    store.append(
      0,
      new Float64Array([0, 12]),
      new Float64Array(2),
      Float64Array.from([1, 1, 2, 2, 3, 3, 4, 4]),
      4,
    );
    const { live, runs } = framesMessage(
      [[0, 10, 20].map((s) => [s, s, -1, -2]), [[100, 100, 7, 7]]],
      [[0, 10, 20], [5]],
    );
    store.setRuns({ live, runs });
    const parent = document.createElement("div");
    const setOptions = vi.fn();
    const view = new FrameView(parent, store, { invalidate() {}, setOptions });
    view.setTheme(THEME);
    view.configure({ height: 300, width: 600, options: { curves: ["a", "b"], ...options } });
    return { view, parent, setOptions };
  }

  it("lists the runs in the legend and draws each run's row at the step shown", () => {
    const { view, parent, setOptions } = viewWithRuns();
    expect(view.render()).toBe(true);
    const entries = [...parent.querySelectorAll(".livescope-run")];
    expect(entries.map((e) => e.dataset.runId)).toEqual(["live", "r1", "r2"]);
    // The y axis spans the runs' rows too.
    expect(view.uplot.scales.y).toEqual({ min: -2, max: 100 });
    const ctx = recordingContext();
    view.drawRuns(fakeU(ctx), 0);
    // The oldest first (run 2's row at step 5), then run 1's at step 10 (before 12).
    expect(ctx.strokes.map(({ color, points }) => [color, points])).toEqual([
      [
        PALETTE[0],
        [
          [0, 100],
          [1, 100],
        ],
      ],
      [
        PALETTE[1],
        [
          [0, 7],
          [1, 7],
        ],
      ],
      [
        PALETTE[0],
        [
          [0, 10],
          [1, 10],
        ],
      ],
      [
        PALETTE[1],
        [
          [0, -1],
          [1, -2],
        ],
      ],
    ]);
    expect(ctx.strokes[0].alpha).toBeLessThan(ctx.strokes[2].alpha);
    // Replayed to step 0: run 2 starts later, run 1 shows its row at step 0.
    view.showIndex(0);
    view.render();
    const replayed = recordingContext();
    view.drawRuns(fakeU(replayed), 0);
    expect(replayed.strokes.map(({ points }) => points[0])).toEqual([
      [0, 0],
      [0, -1],
    ]);
    parent.querySelector('[data-run-id="r1"] button').click();
    expect(setOptions).toHaveBeenCalledWith({ hidden_runs: ["r1"] });
  });

  it("draws no hidden run, and none with compare off", () => {
    const { view } = viewWithRuns({ hidden_runs: ["r2"] });
    view.render();
    const ctx = recordingContext();
    view.drawRuns(fakeU(ctx), 0);
    expect(ctx.strokes).toHaveLength(2);
    const off = viewWithRuns({ compare: false });
    off.view.render();
    const none = recordingContext();
    off.view.drawRuns(fakeU(none), 0);
    expect(none.strokes).toHaveLength(0);
    expect(off.parent.querySelector(".livescope-runs").hidden).toBe(true);
  });

  it("has a compare toggle, there with runs, that turns comparing off through the options", () => {
    const { view, parent, setOptions } = viewWithRuns();
    view.render();
    const label = /** @type {HTMLElement} */ (parent.querySelector(".livescope-compare"));
    const checkbox = /** @type {HTMLInputElement} */ (label.querySelector("input"));
    expect([label.hidden, checkbox.checked]).toEqual([false, true]);
    checkbox.checked = false;
    checkbox.dispatchEvent(new Event("change"));
    expect(setOptions).toHaveBeenCalledWith({ compare: false }, true);
    view.configure({ height: 300, width: 600, options: { curves: ["a", "b"], compare: false } });
    view.render();
    expect([label.hidden, checkbox.checked]).toEqual([false, false]);
    const ctx = recordingContext();
    view.drawRuns(fakeU(ctx), 0);
    expect(ctx.strokes).toHaveLength(0);
    const alone = new FrameView(document.createElement("div"), new RowStore(), {
      invalidate() {},
    });
    alone.setTheme(THEME);
    alone.configure({ height: 300, width: 600, options: { curves: ["a", "b"] } });
    alone.render();
    expect(
      /** @type {HTMLElement} */ (alone.readout.bar.querySelector(".livescope-compare")).hidden,
    ).toBe(true);
  });

  it("leaves a curve hidden from the legend out of every run and of the y range", () => {
    const { view } = viewWithRuns({ hidden: ["a"] });
    view.render();
    const ctx = recordingContext();
    view.drawRuns(fakeU(ctx), 0);
    expect(ctx.strokes.map(({ color }) => color)).toEqual([PALETTE[1], PALETTE[1]]);
    // Curve b alone: the live 2..4 and the runs' -2..7, not curve a's 100.
    expect(view.uplot.scales.y).toEqual({ min: -2, max: 7 });
  });
});

describe("a saved frame comparing runs", () => {
  it("loads each run's rows from the snapshot", () => {
    const store = new RowStore();
    const snapshot = {
      fields: {
        t0: 0,
        range: [0, 1],
        live_run: { label: "run 2", params: {} },
        runs: [
          { id: "r1", label: "run 1", started: 0, params: {}, rows: 500, columns: [], width: 2 },
        ],
      },
      arrays: {
        steps: Float64Array.of(7),
        times: Float32Array.of(0),
        values: Float64Array.of(0, 1),
        run0_steps: Float64Array.of(0, 499),
        run0_times: Float32Array.of(0, 1),
        run0_values: Float32Array.of(5, 6, 7, 8),
      },
    };
    loadGrid(store, snapshot);
    const [run] = store.runs.runs;
    expect([run.rows, run.width, store.runs.live.label]).toEqual([500, 2, "run 2"]);
    expect(Array.from(runRow(run, runRowAt(run, 7)))).toEqual([5, 6]);
  });
});
