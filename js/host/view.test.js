// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeModel } from "../testing/fake_model.js";
import { instances as uplots } from "../testing/fake_uplot.js";

// uPlot needs a real canvas; these tests cover the wiring around it.
vi.mock("uplot", () => import("../testing/fake_uplot.js"));

const { default: widget } = await import("../widget.js");

function rowsMessage(generation, start, k, m) {
  const steps = Float64Array.from({ length: k }, (_, r) => start + r);
  const times = Float64Array.from({ length: k }, (_, r) => 100 + (start + r) / 10);
  const values = Float64Array.from({ length: k * m }, (_, j) => j);
  const content = { type: "rows", generation, start, count: k, columns: m, dtype: "float64" };
  return [content, [steps, times, values].map((a) => new DataView(a.buffer))];
}

// Frames run when the test says so, so draws can be counted exactly.
let frames;
function flushFrames() {
  const pending = frames;
  frames = new Map();
  for (const callback of pending.values()) callback(0);
}

let observers;
beforeEach(() => {
  frames = new Map();
  let nextId = 1;
  vi.stubGlobal("requestAnimationFrame", (callback) => {
    frames.set(nextId, callback);
    return nextId++;
  });
  vi.stubGlobal("cancelAnimationFrame", (id) => frames.delete(id));
  observers = [];
  vi.stubGlobal(
    "ResizeObserver",
    class {
      constructor(callback) {
        this.callback = callback;
        this.connected = false;
        observers.push(this);
      }
      observe(target) {
        this.target = target;
        this.connected = true;
      }
      disconnect() {
        this.connected = false;
      }
    },
  );
  uplots.length = 0;
});
afterEach(() => vi.unstubAllGlobals());

function resize(width) {
  for (const o of observers) {
    if (o.connected) o.callback([{ target: o.target, contentRect: { width } }]);
  }
}

// anywidget passes every lifecycle call its own proxy of the model.
const manager = {};
function proxy(model) {
  return {
    get: (key) => model.get(key),
    set: (key, value) => model.set(key, value),
    send: (content) => model.send(content),
    save_changes: () => model.save_changes(),
    on: (name, fn) => model.on(name, fn),
    off: (name, fn) => model.off(name, fn),
    widget_manager: manager,
  };
}

function render(model) {
  const el = document.createElement("div");
  const cleanup = widget.render({ model: proxy(model), el });
  resize(640);
  return { el, cleanup };
}

let models = 0;
function setup() {
  const model = fakeModel({
    columns: ["loss", "acc"],
    title: "Run",
    x_label: "step",
    height: 250,
    stopped: false,
    view_options: { smoothing: 0, log_y: false, x_axis: "step" },
    _uid: `model-${++models}`,
  });
  const disposeModel = widget.initialize({ model: proxy(model) });
  return { model, disposeModel };
}

describe("widget", () => {
  it("syncs once per model and keeps the root's test hooks current", () => {
    const { model } = setup();
    const { el } = render(model);
    expect(model.sent).toEqual([{ type: "sync", generation: 0, from: 0 }]);

    model.emit("msg:custom", ...rowsMessage(3, 0, 5, 2));
    flushFrames();
    const root = el.querySelector(".livescope");
    expect({ ...root.dataset }).toEqual({
      kind: "lines",
      rows: "5",
      dropped: "0",
      generation: "3",
      lastStep: "4",
      stopped: "false",
      activity: "live",
      draws: "1",
      viewOptions: '{"smoothing":0,"log_y":false,"x_axis":"step"}',
      source: "kernel",
    });
    expect(Object.keys(root)).not.toContain("livescope");
    expect(root.livescope.store.length).toBe(5);
    expect(uplots[0].data).toHaveLength(3);
    expect(uplots[0].height).toBe(250);
    expect(uplots[0].width).toBe(640);
  });

  it("draws at most once per frame and only when something changed", () => {
    const { model } = setup();
    const { el } = render(model);
    const root = el.querySelector(".livescope");
    for (let start = 0; start < 50; start += 10) {
      model.emit("msg:custom", ...rowsMessage(0, start, 10, 2));
    }
    flushFrames();
    expect(root.dataset.draws).toBe("1");
    model.set("title", "Renamed");
    flushFrames();
    expect(root.dataset.draws).toBe("1");
    expect(root.querySelector(".livescope-title").textContent).toBe("Renamed");
    model.set("height", 400);
    flushFrames();
    expect(root.dataset.draws).toBe("2");
  });

  it("sends stop and follows the stopped trait", () => {
    const { model } = setup();
    const { el } = render(model);
    const button = el.querySelector("button.livescope-stop");
    button.click();
    expect(model.sent.at(-1)).toEqual({ type: "stop" });
    model.set("stopped", true);
    flushFrames();
    expect(button.textContent).toBe("Stopped");
    expect(el.querySelector(".livescope").dataset.stopped).toBe("true");
    model.set("stopped", false);
    flushFrames();
    expect(button.textContent).toBe("Stop");
  });

  it("keeps zoom per view: new rows do not move a zoomed view", () => {
    const { model } = setup();
    const { el: a } = render(model);
    const { el: b } = render(model);
    model.emit("msg:custom", ...rowsMessage(0, 0, 100, 2));
    flushFrames();
    const viewA = a.querySelector(".livescope").livescope.view;
    const viewB = b.querySelector(".livescope").livescope.view;
    expect(a.querySelector(".livescope").livescope.store).toBe(
      b.querySelector(".livescope").livescope.store,
    );

    viewA.zoomTo(40, 20);
    model.emit("msg:custom", ...rowsMessage(0, 100, 100, 2));
    flushFrames();
    expect(viewA.following).toBe(false);
    expect(viewA.xRange).toEqual([20, 40]);
    expect(uplots[0].scales.x).toEqual({ min: 20, max: 40 });
    expect(viewB.following).toBe(true);
    expect(viewB.xRange).toEqual([0, 199]);
    expect(a.querySelector(".livescope-follow").disabled).toBe(false);

    a.querySelector(".livescope-follow").click();
    flushFrames();
    expect(viewA.xRange).toEqual([0, 199]);
    expect(a.querySelector(".livescope-follow").disabled).toBe(true);

    viewA.zoomTo(10, 20);
    model.emit("msg:custom", ...rowsMessage(1, 0, 10, 2));
    flushFrames();
    expect(viewA.following).toBe(true);
    expect(viewA.xRange).toEqual([0, 9]);
  });

  it("removes every listener, observer and frame it added on cleanup", () => {
    const { model, disposeModel } = setup();
    const baseline = model.listenerCount();
    const views = [render(model), render(model)];
    model.emit("msg:custom", ...rowsMessage(0, 0, 10, 2));
    const root = views[0].el.querySelector(".livescope");
    const { store } = root.livescope;
    expect(model.listenerCount()).toBeGreaterThan(baseline);
    expect(frames.size).toBe(2);

    for (const view of views) view.cleanup();
    expect(model.listenerCount()).toBe(baseline);
    expect(frames.size).toBe(0);
    expect(observers.every((o) => !o.connected)).toBe(true);
    expect(uplots.every((u) => u.destroyed)).toBe(true);
    expect(views.every((view) => view.el.children.length === 0)).toBe(true);
    expect(store._listeners.size).toBe(0);

    disposeModel();
    expect(model.listenerCount()).toBe(0);
  });

  it("hides and shows a series from its legend entry, in every view", () => {
    const { model } = setup();
    const { el: a } = render(model);
    const { el: b } = render(model);
    model.emit("msg:custom", ...rowsMessage(0, 0, 10, 2));
    flushFrames();
    const toggle = a.querySelectorAll(".livescope-legend-toggle")[1];
    expect(toggle.textContent).toBe("acc");
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    toggle.click();
    expect(model.get("view_options")).toEqual({
      smoothing: 0,
      log_y: false,
      x_axis: "step",
      hidden: ["acc"],
    });
    expect(model.saved).toBe(1);
    flushFrames();
    for (const el of [a, b]) {
      const item = el.querySelectorAll(".livescope-legend-item")[1];
      expect(item.classList.contains("livescope-legend-hidden")).toBe(true);
      expect(item.querySelector("button").getAttribute("aria-pressed")).toBe("false");
    }
    const u = uplots.at(-1);
    expect(u.opts.series.map((series) => series.show)).toEqual([undefined, true, false]);
    expect(u.data[2].every((y) => y === null)).toBe(true);
    // The entry itself survives the rebuild, so focus stays on it.
    expect(a.querySelectorAll(".livescope-legend-toggle")[1]).toBe(toggle);

    toggle.click();
    flushFrames();
    expect(model.get("view_options").hidden).toEqual([]);
    expect(uplots.at(-1).opts.series.map((series) => series.show)).toEqual([
      undefined,
      true,
      true,
    ]);
  });

  it("switches the y axis to a log scale from its checkbox", () => {
    const { model } = setup();
    const { el } = render(model);
    model.emit("msg:custom", ...rowsMessage(0, 0, 10, 2));
    flushFrames();
    const checkbox = el.querySelector(".livescope-log-y input");
    checkbox.checked = true;
    checkbox.dispatchEvent(new Event("change"));
    expect(model.get("view_options").log_y).toBe(true);
    expect(model.saved).toBe(1);
    flushFrames();
    const u = uplots.at(-1);
    expect(u.opts.scales.y).toMatchObject({ distr: 3, log: 10 });
    // Row r, column c holds 2r + c (see rowsMessage): 0 is a gap, not a crash.
    expect(u.data[1].slice(0, 3)).toEqual([null, 2, 4]);
    expect(u.scales.y).toEqual({ min: 1, max: 19 });
  });

  it("draws the smoothed line over a faint raw one while the slider moves", () => {
    const { model } = setup();
    const { el } = render(model);
    model.emit("msg:custom", ...rowsMessage(0, 0, 10, 2));
    flushFrames();
    const slider = el.querySelector(".livescope-smoothing input");
    slider.value = "0.6";
    slider.dispatchEvent(new Event("input"));
    expect(model.get("view_options").smoothing).toBe(0.6);
    expect(model.saved).toBe(0);
    slider.dispatchEvent(new Event("change"));
    expect(model.saved).toBe(1);
    flushFrames();
    const u = uplots.at(-1);
    expect(u.opts.series).toHaveLength(5);
    expect(u.opts.series[1].stroke).toMatch(/^#[0-9a-f]{6}4d$/);
    expect(u.opts.series[3].stroke).toBe(u.opts.series[1].stroke.slice(0, 7));
    expect(u.data).toHaveLength(5);
    expect(el.querySelector(".livescope-smoothing output").textContent).toBe("0.60");
    // Only the amount changed: the same chart, new data.
    model.set("view_options", { ...model.get("view_options"), smoothing: 0.9 });
    flushFrames();
    expect(uplots.at(-1)).toBe(u);
    expect(el.querySelector(".livescope-smoothing input").value).toBe("0.9");
  });

  it("puts wall-clock time on the x axis, leaving a zoom in steps", () => {
    const { model } = setup();
    const { el } = render(model);
    model.emit("msg:custom", ...rowsMessage(0, 0, 10, 2));
    flushFrames();
    const view = el.querySelector(".livescope").livescope.view;
    view.zoomTo(2, 5);
    flushFrames();
    const select = el.querySelector(".livescope-x-axis select");
    select.value = "time";
    select.dispatchEvent(new Event("change"));
    expect(model.get("view_options").x_axis).toBe("time");
    flushFrames();
    const u = uplots.at(-1);
    expect(u.opts.scales.x.time).toBe(true);
    expect(view.following).toBe(true);
    expect(view.xRange).toEqual([100, 100.9]);
    expect(u.data[0][0]).toBe(100);

    // Rows appended by one extend() share their time: the axis still gets a width.
    const [content, buffers] = rowsMessage(1, 0, 3, 2);
    buffers[1] = new DataView(new Float64Array([50, 50, 50]).buffer);
    model.emit("msg:custom", content, buffers);
    flushFrames();
    expect(view.xRange).toEqual([49, 51]);
  });

  it("reads options it does not know, or none at all, as the defaults", () => {
    const { model } = setup();
    model.set("view_options", { smoothing: "lots", log_y: 1, x_axis: "epoch", hidden: "acc" });
    const { el } = render(model);
    model.emit("msg:custom", ...rowsMessage(0, 0, 10, 2));
    flushFrames();
    const u = uplots.at(-1);
    expect(u.opts.series).toHaveLength(3);
    expect(u.opts.scales.y.distr).toBe(undefined);
    expect(u.opts.scales.x.time).toBe(false);
    expect(el.querySelector(".livescope-log-y input").checked).toBe(false);
  });
});
