// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { HistoryStore } from "../data/store.js";
import { TrajectoryView } from "./trajectory.js";
import { drawRunPaths, pathRunsExtent } from "./trajectory_runs.js";

/** A previous run of path points `xy` ([x0, y0, x1, y1, ...]). */
function run(id, xy) {
  const xs = Float64Array.from(xy.filter((_, i) => i % 2 === 0));
  const ys = Float64Array.from(xy.filter((_, i) => i % 2 === 1));
  return {
    id,
    label: `run ${id}`,
    started: 0,
    params: {},
    status: "finished",
    rows: xs.length,
    steps: Float64Array.from(xs, (_, i) => i),
    times: new Float64Array(xs.length),
    columns: new Map([
      ["x", xs],
      ["y", ys],
    ]),
  };
}

function viewWithRuns(runs, options = {}) {
  const store = new HistoryStore();
  store.append(0, Float64Array.from([0, 1]), new Float64Array(2), Float64Array.of(0, 0, 1, 1), 2);
  store.setRuns({ live: { label: "run 3", params: {} }, runs });
  const patches = [];
  const parent = document.createElement("div");
  const view = new TrajectoryView(parent, store, {
    invalidate() {},
    setOptions: (patch) => patches.push(patch),
  });
  view.configure({ height: 300, width: 500, options });
  return { view, parent, patches };
}

describe("previous runs of a trajectory", () => {
  it("span the paths, leaving out gaps", () => {
    const extent = pathRunsExtent([run("1", [0, 0, NaN, NaN, -5, 9]), run("2", [20, 1])]);
    expect(extent).toEqual([
      [-5, 20],
      [0, 9],
    ]);
  });

  it("widen the axes to show the previous paths whole, unless hidden or compare is off", () => {
    const runs = [run("2", [0, 0, 40, -30])];
    const { view } = viewWithRuns(runs);
    const [x, y] = view.ranges();
    expect(x[1]).toBeGreaterThanOrEqual(40);
    expect(y[0]).toBeLessThanOrEqual(-30);
    view.configure({ height: 300, width: 500, options: { hidden_runs: ["2"] } });
    expect(view.ranges()[0][1]).toBeLessThan(40);
    view.configure({ height: 300, width: 500, options: { compare: false } });
    expect(view.comparedRuns).toEqual([]);
  });

  it("list the runs in the legend, and a click hides one through the options", () => {
    const { view, parent, patches } = viewWithRuns([run("2", [0, 0, 1, 2]), run("1", [3, 3])]);
    view.showRunsLegend();
    const entries = parent.querySelectorAll(".livescope-run");
    expect(Array.from(entries, (e) => e.getAttribute("data-run-id"))).toEqual(["live", "2", "1"]);
    expect(entries[0].textContent).toContain("this run · 2 rows");
    /** @type {HTMLButtonElement} */ (entries[2].querySelector("button")).click();
    expect(patches).toEqual([{ hidden_runs: ["1"] }]);
  });

  it("have a compare toggle, there with runs, that turns comparing off through the options", () => {
    const { view, parent, patches } = viewWithRuns([run("2", [0, 0, 1, 2])]);
    view.showRunsLegend();
    const label = /** @type {HTMLElement} */ (parent.querySelector(".livescope-compare"));
    const checkbox = /** @type {HTMLInputElement} */ (label.querySelector("input"));
    expect([label.hidden, checkbox.checked]).toEqual([false, true]);
    checkbox.checked = false;
    checkbox.dispatchEvent(new Event("change"));
    expect(patches).toEqual([{ compare: false }]);
    view.configure({ height: 300, width: 500, options: { compare: false } });
    view.showRunsLegend();
    expect([label.hidden, checkbox.checked]).toEqual([false, false]);
    expect(view.comparedRuns).toEqual([]);
    expect(/** @type {HTMLElement} */ (parent.querySelector(".livescope-runs")).hidden).toBe(true);
    const alone = viewWithRuns([]);
    alone.view.showRunsLegend();
    expect(
      /** @type {HTMLElement} */ (alone.parent.querySelector(".livescope-compare")).hidden,
    ).toBe(true);
  });

  it("stroke each run's path, the oldest first and faintest, breaking at gaps", () => {
    const calls = [];
    const ctx = new Proxy(
      {},
      {
        get: (target, name) =>
          name in target ? target[name] : (...args) => calls.push([name, ...args]),
        set: (target, name, value) => {
          target[name] = value;
          calls.push([`set ${String(name)}`, value]);
          return true;
        },
      },
    );
    const scale = { left: 0, top: 0, right: 100, bottom: 100, ox: 0, oy: 0, sx: 10, sy: 10 };
    const runs = [run("2", [0, 0, 1, 1]), run("1", [0, 0, NaN, NaN, 2, 2])];
    drawRunPaths(ctx, runs, [0, 1], scale, "#3b82f6", 1);
    const alphas = calls.filter(([name]) => name === "set globalAlpha").map(([, a]) => a);
    expect(alphas).toEqual([0.4, 0.5]); // run "1" (older) first
    const moves = calls.filter(([name]) => name === "moveTo");
    expect(moves.length).toBe(3); // run "1" breaks at its gap
  });

  it("stroke each path only up to a step, when given one", () => {
    const calls = [];
    const ctx = new Proxy(
      {},
      {
        get:
          () =>
          (...args) =>
            calls.push(args),
        set: () => true,
      },
    );
    const scale = { left: 0, top: 0, right: 100, bottom: 100, ox: 0, oy: 0, sx: 10, sy: 10 };
    // Steps 0, 1, 2, 3; the second run ends at step 1.
    const runs = [run("2", [0, 0, 1, 1, 2, 2, 3, 3]), run("1", [5, 5, 6, 6])];
    const points = (untilStep) => {
      calls.length = 0;
      drawRunPaths(ctx, runs, [0, 1], scale, "#3b82f6", 1, untilStep);
      return calls.filter((args) => args.length === 2 && args[0] === args[1]).map(([x]) => x / 10);
    };
    expect(points(1.5)).toEqual([5, 6, 0, 1]);
    expect(points(0)).toEqual([5, 0]);
    expect(points(-1)).toEqual([]);
    expect(points(undefined)).toEqual([5, 6, 0, 1, 2, 3]);
  });
});
