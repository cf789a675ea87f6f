// @vitest-environment happy-dom
// Replay of a trajectory compared with earlier runs: their paths are drawn up
// to the step shown, and whole while the view follows the latest row.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("./trajectory_runs.js", async (importOriginal) => ({
  ...(await importOriginal()),
  drawRunPaths: vi.fn(),
}));

const { HistoryStore } = await import("../data/store.js");
const { TrajectoryView } = await import("./trajectory.js");
const { drawRunPaths } = await import("./trajectory_runs.js");

const THEME = { fontFamily: "sans-serif", text: "#000", grid: "#eee", axis: "#ccc" };

/** A 2D context that draws nothing (happy-dom has none): every call is a no-op. */
function blankContext() {
  return new Proxy(
    {},
    {
      get: (target, name) =>
        name in target
          ? target[name]
          : name === "measureText"
            ? (text) => ({ width: 6 * String(text).length })
            : () => {},
      set: (target, name, value) => {
        target[name] = value;
        return true;
      },
    },
  );
}

/** A path run: points (i, i) at steps 0 .. n - 1. */
function run(id, n) {
  const xs = Float64Array.from({ length: n }, (_, i) => i);
  return {
    id,
    label: `run ${id}`,
    started: 0,
    params: {},
    status: "finished",
    rows: n,
    steps: Float64Array.from(xs),
    times: new Float64Array(n),
    columns: new Map([
      ["x", xs],
      ["y", Float64Array.from(xs)],
    ]),
  };
}

/** A trajectory view of rows at steps 10, 20, 30 with run "1" to compare. */
function replayedView() {
  const store = new HistoryStore();
  const steps = Float64Array.of(10, 20, 30);
  store.append(0, steps, new Float64Array(3), Float64Array.of(0, 0, 1, 1, 2, 2), 2);
  store.setRuns({ live: { label: "run 2", params: {} }, runs: [run("1", 40)] });
  const view = new TrajectoryView(document.createElement("div"), store, { invalidate() {} });
  view.setTheme(THEME);
  view.configure({ height: 300, width: 500, options: {} });
  return view;
}

/** The step up to which the last render drew the earlier runs. */
const drawnUntil = () => vi.mocked(drawRunPaths).mock.lastCall?.[6];

describe("earlier runs of a replayed trajectory", () => {
  beforeEach(() => {
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockImplementation(blankContext);
    vi.mocked(drawRunPaths).mockClear();
  });
  afterEach(() => vi.restoreAllMocks());

  it("are drawn whole while the view follows the latest row", () => {
    const view = replayedView();
    expect(view.render()).toBe(true);
    expect(drawnUntil()).toBe(Infinity);
  });

  it("are drawn up to the step replay shows", () => {
    const view = replayedView();
    view.showIndex(0);
    expect(view.render()).toBe(true);
    expect(drawnUntil()).toBe(10);
    view.showIndex(1);
    view.render();
    expect(drawnUntil()).toBe(20);
  });

  it("are drawn whole again on going back to the latest from its own row", () => {
    const view = replayedView();
    view.showIndex(2); // the last row, replayed: cut at its step
    view.render();
    expect(drawnUntil()).toBe(30);
    view.showIndex(null);
    expect(view.render()).toBe(true);
    expect(drawnUntil()).toBe(Infinity);
  });
});
