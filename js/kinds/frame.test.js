// @vitest-environment happy-dom
// The frame view's curves: one series per named curve in its palette colour
// with a legend entry, markers, and rows that carry their own x.
import { describe, expect, it, vi } from "vitest";

// uPlot needs a real canvas; the view only hands it options and data here.
vi.mock("uplot", () => import("../testing/fake_uplot.js"));

const { RowStore } = await import("../data/row_store.js");
const { SNAPSHOT_GENERATION } = await import("../data/snapshot.js");
const { PALETTE } = await import("../host/theme.js");
const { FrameView } = await import("./frame.js");
const { loadGrid } = await import("./grid_snapshot.js");

const THEME = { fontFamily: "sans-serif", text: "#000", grid: "#eee", axis: "#ccc" };

/** A frame view over `rows` (arrays of equal length), configured with `options`. */
function frameOf(rows, options, setOptions = () => {}) {
  const store = new RowStore();
  const m = rows[0].length;
  const steps = Float64Array.from(rows, (_, i) => i * 10);
  store.append(0, steps, new Float64Array(rows.length), Float64Array.from(rows.flat()), m);
  const parent = document.createElement("div");
  const view = new FrameView(parent, store, { invalidate() {}, setOptions });
  view.setTheme(THEME);
  view.configure({ height: 300, width: 600, options });
  return { view, parent, store };
}

const legendNames = (parent) =>
  [...parent.querySelectorAll(".livescope-curves .livescope-legend-name")].map(
    (node) => node.textContent,
  );

describe("a frame of named curves", () => {
  const rows = [
    [1, 2, 3, 10, 20, 30],
    [4, 5, NaN, 40, 50, 60],
  ];

  it("draws each curve of the shown row in its palette colour", () => {
    const { view } = frameOf(rows, { x: [0, 0.5, 1], curves: ["sample", "density"] });
    expect(view.render()).toBe(true);
    const u = view.uplot;
    expect(view.panels).toHaveLength(1);
    expect(u.opts.series.slice(1).map((s) => [s.label, s.stroke])).toEqual([
      ["sample", PALETTE[0]],
      ["density", PALETTE[1]],
    ]);
    expect(u.data).toEqual([
      [0, 0.5, 1],
      [4, 5, null],
      [40, 50, 60],
    ]);
    expect(u.scales.x).toEqual({ min: 0, max: 1 });
    // The y range spans every curve value received, of every row.
    expect(view.range.all.min).toBe(1);
    expect(view.range.all.max).toBe(60);
    view.showIndex(0);
    view.render();
    expect(u.data[1]).toEqual([1, 2, 3]);
  });

  it("has a legend entry per curve, with each value under the pointer", () => {
    const { view, parent } = frameOf(rows, { x: null, curves: ["sample", "density"] });
    view.render();
    const legend = parent.querySelector(".livescope-curves");
    expect(legend.hidden).toBe(false);
    expect(legend.closest(".livescope-bar")).not.toBeNull();
    expect(legendNames(parent)).toEqual(["sample", "density"]);
    const swatches = [...legend.querySelectorAll(".livescope-swatch")];
    expect(swatches.map((s) => s.style.background)).toEqual([PALETTE[0], PALETTE[1]]);
    view.onCursor(0, 1);
    view.render();
    const values = [...legend.querySelectorAll(".livescope-legend-value")];
    expect(values.map((node) => node.textContent)).toEqual(["5", "50"]);
    expect(parent.querySelector(".livescope-readout").textContent).toBe("step 10 · index 1");
  });

  it("draws no markers unless asked, then a filled dot at each point", () => {
    const plain = frameOf(rows, { curves: ["a", "b"] }).view;
    plain.render();
    expect(plain.uplot.opts.series[1].points.show).toBe(false);
    const dotted = frameOf(rows, { curves: ["a", "b"], markers: true }).view;
    dotted.render();
    expect(dotted.uplot.opts.series[2].points).toMatchObject({
      show: true,
      size: 5,
      fill: PALETTE[1],
    });
  });

  it("keeps one unnamed curve, and facets, without a legend", () => {
    const single = frameOf([[1, 2, 3]], { x: null });
    single.view.render();
    expect(single.parent.querySelector(".livescope-curves").hidden).toBe(true);
    const facets = frameOf([[1, 2, 3, 4]], { facet: 2 });
    facets.view.render();
    expect(facets.view.panels.map(({ uplot }) => uplot.data[1])).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(facets.view.panels.map(({ uplot }) => uplot.opts.series[1].stroke)).toEqual([
      PALETTE[0],
      PALETTE[1],
    ]);
  });
});

describe("rows that carry their own x", () => {
  const rows = [
    [-5, 0, 5, 0.1, 0.2, 0.1],
    [-1, -1, 2, 0.3, 0.4, 0.3],
  ];

  it("draw over the shown row's x, on the range of every x received", () => {
    const { view, parent } = frameOf(rows, { x: "row", curves: ["fit"] });
    view.render();
    expect(view.uplot.data).toEqual([
      [-1, -1, 2],
      [0.3, 0.4, 0.3],
    ]);
    expect(view.uplot.scales.x).toEqual({ min: -5, max: 5 });
    // The row's x is no curve value: the y range leaves it out.
    expect([view.range.all.min, view.range.all.max]).toEqual([0.1, 0.4]);
    view.onCursor(0, 2);
    view.render();
    expect(parent.querySelector(".livescope-readout").textContent).toBe("step 10 · x 2");
  });

  it("take the extent of every x, and of every curve value, from a snapshot", () => {
    const store = new RowStore();
    const values = Float64Array.from(rows[1]);
    const snapshot = {
      fields: { t0: 0, range: [-3, 9], x_range: [-100, 100], non_finite: false },
      arrays: { steps: Float64Array.of(7), times: Float32Array.of(0), values },
    };
    loadGrid(store, snapshot);
    expect(store.generation).toBe(SNAPSHOT_GENERATION);
    const view = new FrameView(document.createElement("div"), store, { invalidate() {} });
    view.setTheme(THEME);
    view.configure({ height: 300, width: 600, options: { x: "row", curves: ["fit"] } });
    view.render();
    expect(view.uplot.scales.x).toEqual({ min: -100, max: 100 });
    expect([view.range.all.min, view.range.all.max]).toEqual([-3, 9]);
  });
});

describe("curves hidden from the legend", () => {
  // Curve "small" within [0, 1], curve "big" within [0, 100].
  const rows = [
    [0, 0.5, 1, 0, 50, 100],
    [1, 0.5, 0, 100, 50, 0],
  ];
  const toggles = (parent) => [...parent.querySelectorAll(".livescope-curves button")];

  it("asks to hide a curve when its entry is clicked, and to show it again", () => {
    const setOptions = vi.fn();
    const { view, parent } = frameOf(
      rows,
      { curves: ["small", "big"], hidden: ["small"] },
      setOptions,
    );
    view.render();
    const [small, big] = toggles(parent);
    big.click();
    expect(setOptions).toHaveBeenLastCalledWith({ hidden: ["small", "big"] });
    small.click();
    expect(setOptions).toHaveBeenLastCalledWith({ hidden: [] });
  });

  it("hides the curve, marks its entry, and spans the curves shown", () => {
    const { view, parent } = frameOf(rows, { curves: ["small", "big"], hidden: ["big"] });
    view.render();
    expect(view.uplot.opts.series.slice(1).map((s) => s.show)).toEqual([true, false]);
    const [small, big] = toggles(parent);
    expect([small, big].map((b) => b.getAttribute("aria-pressed"))).toEqual(["true", "false"]);
    expect(big.parentElement.classList.contains("livescope-legend-hidden")).toBe(true);
    expect(view.uplot.scales.y.max).toBeLessThan(2);
    // Shown again: a new layout, the legend's buttons kept (and their focus).
    view.configure({ height: 300, width: 600, options: { curves: ["small", "big"], hidden: [] } });
    view.render();
    expect(view.uplot.opts.series[2].show).toBe(true);
    expect(view.uplot.scales.y.max).toBeGreaterThanOrEqual(100);
    expect(toggles(parent)[1]).toBe(big);
    expect(big.getAttribute("aria-pressed")).toBe("true");
  });

  it("takes each curve's extent from a snapshot", () => {
    const store = new RowStore();
    const snapshot = {
      fields: {
        t0: 0,
        range: [-50, 500],
        curve_ranges: [
          [-50, 2],
          [0, 500],
        ],
      },
      arrays: {
        steps: Float64Array.of(3),
        times: Float32Array.of(0),
        values: Float64Array.from(rows[1]),
      },
    };
    loadGrid(store, snapshot);
    const view = new FrameView(document.createElement("div"), store, { invalidate() {} });
    view.setTheme(THEME);
    view.configure({
      height: 300,
      width: 600,
      options: { curves: ["small", "big"], hidden: ["big"] },
    });
    view.render();
    const { min, max } = view.uplot.scales.y;
    expect(min).toBeLessThanOrEqual(-50);
    expect(max).toBeLessThan(10); // "small"'s whole history, not "big"'s 500
  });
});

describe("xlim", () => {
  it("fixes the x axis, over the index and over rows that carry their x", () => {
    const { view } = frameOf([[1, 2, 3]], { xlim: [-2, 10] });
    view.render();
    expect(view.uplot.scales.x).toEqual({ min: -2, max: 10 });
    const rowX = frameOf([[-5, 5, 1, 2]], { x: "row", xlim: [0.5, 0.75] });
    rowX.view.render();
    expect(rowX.view.uplot.scales.x).toEqual({ min: 0.5, max: 0.75 });
    // A new xlim draws again.
    rowX.view.configure({ height: 300, width: 600, options: { x: "row", xlim: [0, 1] } });
    expect(rowX.view.render()).toBe(true);
    expect(rowX.view.uplot.scales.x).toEqual({ min: 0, max: 1 });
  });
});
