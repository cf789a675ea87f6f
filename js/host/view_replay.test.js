// @vitest-environment happy-dom
// A replayable kind hosted by view.js: the replay bar, its test hooks, where it opens.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeModel } from "../testing/fake_model.js";

// uPlot needs a real canvas; the frame view only hands it data here.
vi.mock("uplot", () => import("../testing/fake_uplot.js"));

const { default: widget } = await import("../widget.js");
const { RowStore } = await import("../data/row_store.js");

function rowsMessage(start, k, m) {
  const steps = Float64Array.from({ length: k }, (_, r) => 10 * (start + r));
  const times = new Float64Array(k);
  const values = Float64Array.from({ length: k * m }, (_, j) => start + Math.floor(j / m));
  const content = { type: "rows", generation: 0, start, count: k, columns: m, dtype: "float64" };
  return [content, [steps, times, values].map((a) => new DataView(a.buffer))];
}

let frames;
function flushFrames() {
  const pending = frames;
  frames = new Map();
  for (const callback of pending.values()) callback(0);
}

beforeEach(() => {
  frames = new Map();
  let nextId = 1;
  vi.stubGlobal("requestAnimationFrame", (callback) => {
    frames.set(nextId, callback);
    return nextId++;
  });
  vi.stubGlobal("cancelAnimationFrame", (id) => frames.delete(id));
  vi.stubGlobal(
    "ResizeObserver",
    class {
      constructor(callback) {
        this.callback = callback;
      }
      observe(target) {
        this.callback([{ target, contentRect: { width: 640 } }]);
      }
      disconnect() {}
    },
  );
});
afterEach(() => vi.unstubAllGlobals());

let models = 0;
function mount(state) {
  const model = fakeModel({
    columns: [],
    title: "",
    x_label: "step",
    height: 200,
    stopped: false,
    kind: "frame",
    view_options: { x: null, ylim: null },
    replay_start: "latest",
    _uid: `replay-${++models}`,
    ...state,
  });
  const manager = {};
  const proxy = { ...model, get: model.get, widget_manager: manager };
  proxy.on = (name, fn) => model.on(name, fn);
  proxy.off = (name, fn) => model.off(name, fn);
  proxy.send = (content) => model.send(content);
  const dispose = widget.initialize({ model: proxy });
  const el = document.createElement("div");
  const cleanup = widget.render({ model: proxy, el });
  return { model, proxy, el, root: el.querySelector(".livescope"), cleanup, dispose };
}

describe("a replayable kind", () => {
  it("keeps wide rows in a row store and follows the latest row while streaming", () => {
    const { model, root } = mount();
    expect(root.livescope.store).toBeInstanceOf(RowStore);
    model.emit("msg:custom", ...rowsMessage(0, 5, 300));
    flushFrames();
    const hooks = { shownIndex: "4", shownStep: "40", following: "true", playing: "false" };
    expect(root.dataset).toMatchObject(hooks);
    model.emit("msg:custom", ...rowsMessage(5, 2, 300));
    flushFrames();
    expect(root.dataset.shownIndex).toBe("6");
    expect(root.livescope.view.uplot.data[1].slice(0, 2)).toEqual([6, 6]);
  });

  it("has the replay bar under the plot, and the slider shows the step dragged to", () => {
    const { model, root } = mount();
    model.emit("msg:custom", ...rowsMessage(0, 10, 3));
    flushFrames();
    const children = [...root.children];
    const plot = children.findIndex((node) => node.classList.contains("livescope-plot"));
    const bar = children.findIndex((node) => node.classList.contains("livescope-replay"));
    expect(plot).toBeGreaterThan(0);
    expect(bar).toBe(plot + 1);
    const slider = root.querySelector(".livescope-slider");
    slider.value = "3";
    slider.dispatchEvent(new Event("input"));
    flushFrames();
    expect(root.dataset).toMatchObject({ shownIndex: "3", shownStep: "30", following: "false" });
    expect(root.livescope.view.uplot.data[1]).toEqual([3, 3, 3]);
  });

  it("a view rendered in place of a dropped one keeps the step replayed", () => {
    const { model, proxy, el, root } = mount();
    const output = document.createElement("div");
    document.body.appendChild(output);
    output.appendChild(el);
    model.emit("msg:custom", ...rowsMessage(0, 10, 3));
    flushFrames();
    const slider = root.querySelector(".livescope-slider");
    slider.value = "3";
    slider.dispatchEvent(new Event("input"));
    flushFrames();

    // update_display_data at cell end: the output is emptied, a new view rendered.
    output.textContent = "";
    const next = document.createElement("div");
    output.appendChild(next);
    widget.render({ model: proxy, el: next });
    flushFrames();
    const shown = next.querySelector(".livescope").dataset;
    expect(shown).toMatchObject({ shownIndex: "3", shownStep: "30", following: "false" });
  });

  it("opens on the first row when the plot came from a recorded history", () => {
    const { model, root } = mount({ replay_start: "first" });
    model.emit("msg:custom", ...rowsMessage(0, 10, 3));
    flushFrames();
    expect(root.dataset).toMatchObject({ shownIndex: "0", following: "false" });
    expect(root.querySelector(".livescope-play").disabled).toBe(false);
  });

  it("names the step on screen in the header, not the last one held", () => {
    const { model, root } = mount({ replay_start: "first" });
    model.emit("msg:custom", ...rowsMessage(0, 10, 3));
    flushFrames();
    const step = () => root.querySelector(".livescope-stat-value").textContent;
    expect(step()).toBe("0");
    const slider = root.querySelector(".livescope-slider");
    slider.value = "3";
    slider.dispatchEvent(new Event("input"));
    flushFrames();
    expect(step()).toBe("30");
  });

  it("stops listening and playing when the view goes", () => {
    const { model, root, cleanup } = mount();
    model.emit("msg:custom", ...rowsMessage(0, 10, 3));
    flushFrames();
    root.livescope.replay.play();
    expect(root.livescope.replay.playing).toBe(true);
    cleanup();
    expect(frames.size).toBe(0);
  });

  it("draws facets as panels of equal parts of the row, on one y range", () => {
    const { model, root } = mount({ view_options: { x: null, ylim: null, facet: 3 } });
    const values = Float64Array.of(1, 2, 3, 4, 5, 6);
    const buffers = [Float64Array.of(0), Float64Array.of(0), values].map(
      (a) => new DataView(a.buffer),
    );
    const content = {
      type: "rows",
      generation: 0,
      start: 0,
      count: 1,
      columns: 6,
      dtype: "float64",
    };
    model.emit("msg:custom", content, buffers);
    flushFrames();
    const { panels } = root.livescope.view;
    expect(panels.map((p) => p.uplot.data)).toEqual([
      [
        [0, 1],
        [1, 2],
      ],
      [
        [0, 1],
        [3, 4],
      ],
      [
        [0, 1],
        [5, 6],
      ],
    ]);
    expect(root.querySelectorAll("canvas")).toHaveLength(3);
  });
});

describe("panelGrid", () => {
  it("lays panels out as square as can be", async () => {
    const { panelGrid } = await import("../kinds/frame.js");
    expect([1, 2, 3, 4, 5, 9, 10].map((n) => panelGrid(n))).toEqual([
      { cols: 1, rows: 1 },
      { cols: 2, rows: 1 },
      { cols: 2, rows: 2 },
      { cols: 2, rows: 2 },
      { cols: 3, rows: 2 },
      { cols: 3, rows: 3 },
      { cols: 4, rows: 3 },
    ]);
  });
});

describe("panelGrid in a width", () => {
  it("keeps panels at least the minimum wide, and takes the columns asked for", async () => {
    const { panelGrid } = await import("../kinds/frame.js");
    // 41 panels in 800 px: 6 columns of at least 120 px, not 7 of 110.
    expect(panelGrid(41, 800)).toEqual({ cols: 6, rows: 7 });
    expect(panelGrid(41, 100)).toEqual({ cols: 1, rows: 41 });
    expect(panelGrid(41, 800, 4)).toEqual({ cols: 4, rows: 11 });
    expect(panelGrid(3, 800, 10)).toEqual({ cols: 3, rows: 1 });
  });
});
